"""The sổ văn bản đến and its follow-up (receipt: số đến, ngày đến, who handles it, the leader's
direction, the deadline, the answer), recall and replacement of issued documents (Điều 18), and an
index to find a document's register entry.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False, unique=True),
        sa.Column("body_code", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("so_den", sa.Integer, nullable=False),
        sa.Column("sequence", sa.String(32), nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("medium", sa.String(16), nullable=False),
        sa.Column("do_khan", sa.String(16)),
        sa.Column("recipient", sa.Text),
        sa.Column("transferred_on", sa.Date),
        sa.Column("deadline", sa.Date),
        sa.Column("chu_tri", sa.Text),
        sa.Column("phoi_hop", sa.Text),
        sa.Column("chi_dao", sa.Text),
        sa.Column("directed_on", sa.Date),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("answer_document_id", sa.Integer, sa.ForeignKey("document.id")),
        sa.Column("answered_on", sa.Date),
        sa.Column("note", sa.Text),
        sa.Column("registered_at", sa.DateTime, nullable=False),
        sa.Column("registered_by", sa.String(64), nullable=False),
        sa.UniqueConstraint("body_code", "year", "sequence", "so_den"),
    )
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("revoked", sa.String(16)))
        batch.add_column(sa.Column("revoked_on", sa.Date))
        batch.add_column(sa.Column("revoked_note", sa.Text))
        batch.add_column(sa.Column("revoked_by_document_id", sa.Integer))
    op.create_index("ix_register_entry_document", "register_entry", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_register_entry_document", "register_entry")
    with op.batch_alter_table("document") as batch:
        for name in ("revoked_by_document_id", "revoked_note", "revoked_on", "revoked"):
            batch.drop_column(name)
    op.drop_table("receipt")
