"""Comment rounds: the round on a draft version, the consulted agencies, the reply letters, the comments
read from them (proposals until a person confirms them) and the drafter's response to each.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comment_round",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("draft_document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("draft_version", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("deadline", sa.Date, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("previous_round_id", sa.Integer, sa.ForeignKey("comment_round.id")),
        sa.Column("request_document_id", sa.Integer, sa.ForeignKey("document.id")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("closed_at", sa.DateTime),
    )
    op.create_index("ix_comment_round_draft", "comment_round", ["draft_document_id"])
    op.create_table(
        "consultee",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("comment_round.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.UniqueConstraint("round_id", "name"),
    )
    op.create_table(
        "reply",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("comment_round.id"), nullable=False),
        sa.Column("consultee_id", sa.Integer, sa.ForeignKey("consultee.id")),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("agency", sa.Text),
        sa.Column("so", sa.Integer),
        sa.Column("ky_hieu", sa.String(120)),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("agrees_without_comment", sa.Boolean, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.UniqueConstraint("round_id", "document_id"),
    )
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reply_id", sa.Integer, sa.ForeignKey("reply.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("document", sa.String(16), nullable=False),
        sa.Column("target", sa.String(120), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("proposed", sa.Text),
        sa.Column("confirmed", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_comment_reply", "comment", ["reply_id", "position"])
    op.create_table(
        "response",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("comment_id", sa.Integer, sa.ForeignKey("comment.id"), nullable=False, unique=True),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("giai_trinh", sa.Text),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_index("ix_comment_reply", "comment")
    op.drop_index("ix_comment_round_draft", "comment_round")
    for name in ("response", "comment", "reply", "consultee", "comment_round"):
        op.drop_table(name)
