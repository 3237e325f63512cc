"""Comments carried from a round to the round on the revised draft: each answered comment of the previous
round on the part of the new draft that holds the same text (or dropped, with the reason), its response kept.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "carried_comment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("comment_round.id"), nullable=False),
        sa.Column("comment_id", sa.Integer, sa.ForeignKey("comment.id"), nullable=False),
        sa.Column("from_round_id", sa.Integer, sa.ForeignKey("comment_round.id"), nullable=False),
        sa.Column("document", sa.String(16), nullable=False),
        sa.Column("from_target", sa.String(120), nullable=False),
        sa.Column("target", sa.String(120)),
        sa.Column("similarity", sa.Integer),
        sa.Column("reason", sa.Text),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("giai_trinh", sa.Text),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("round_id", "comment_id"),
    )


def downgrade() -> None:
    op.drop_table("carried_comment")
