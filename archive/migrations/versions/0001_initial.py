"""The first archive: documents, versions, blobs, registers, links, citations, audit, outbox.

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("rule_set", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("issuing_body", sa.Text),
        sa.Column("parent_body", sa.Text),
        sa.Column("so", sa.Integer),
        sa.Column("ky_hieu", sa.String(120)),
        sa.Column("issued_on", sa.Date),
        sa.Column("place", sa.Text),
        sa.Column("trich_yeu", sa.Text),
        sa.Column("signer_name", sa.Text),
        sa.Column("signer_title", sa.Text),
        sa.Column("authority", sa.Text),
        sa.Column("kinh_gui", sa.JSON),
        sa.Column("noi_nhan", sa.JSON),
        sa.Column("do_mat", sa.String(16)),
        sa.Column("do_khan", sa.String(16)),
        sa.Column("unit", sa.String(32)),
        sa.Column("paper_holder", sa.Text),
        sa.Column("source", sa.JSON),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossier.id")),
        sa.Column("dossier_pos", sa.Integer),
        sa.Column("current_version", sa.Integer),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_document_so", "document", ["so", "ky_hieu"])
    op.create_index("ix_document_issued_on", "document", ["issued_on"])
    op.create_index("ix_document_dossier", "document", ["dossier_id", "dossier_pos"])
    op.create_table(
        "version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("docx_sha256", sa.String(64)),
        sa.Column("pdf_sha256", sa.String(64)),
        sa.Column("original_sha256", sa.String(64)),
        sa.Column("original_name", sa.Text),
        sa.Column("text", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("document_id", "n"),
    )
    op.create_index("ix_version_original", "version", ["original_sha256"])
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(100)),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "register",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body_code", sa.String(40), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("sequence", sa.String(32), nullable=False),
        sa.Column("next_so", sa.Integer, nullable=False),
        sa.UniqueConstraint("body_code", "year", "direction", "sequence"),
    )
    op.create_table(
        "register_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("register_id", sa.Integer, sa.ForeignKey("register.id"), nullable=False),
        sa.Column("so", sa.Integer, nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("register_id", "so"),
    )
    op.create_table(
        "link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("from_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("to_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("type", sa.String(24), nullable=False),
        sa.UniqueConstraint("from_id", "to_id", "type"),
    )
    op.create_table(
        "citation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id"), nullable=False),
        sa.Column("number", sa.String(120), nullable=False),
        sa.Column("text", sa.Text),
        sa.UniqueConstraint("document_id", "number"),
    )
    op.create_index("ix_citation_number", "citation", ["number"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("document_id", sa.Integer),
        sa.Column("detail", sa.JSON),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("done_at", sa.DateTime),
    )
    op.create_index("ix_outbox_pending", "outbox", ["done_at", "id"])


def downgrade() -> None:
    for name in ("outbox", "audit", "citation", "link", "register_entry", "register", "blob", "version",
                 "document", "dossier"):
        op.drop_table(name)
