"""The office's units (managed by the administrator; vanthu.toml's [[units]] only seeds a new archive)
and the roles cleared to see documents marked Mật, Tối mật or Tuyệt mật, beside the named users.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "secret_role",
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("granted_by", sa.String(64), nullable=False),
        sa.Column("granted_at", sa.DateTime, nullable=False),
    )
    # unit codes were kept as typed before; from now on they are upper case (archive.units.CODE_RE),
    # so that "vp" and "VP" are one unit and see each other's drafts
    op.execute("UPDATE app_user SET unit = upper(unit) WHERE unit IS NOT NULL")
    op.execute("UPDATE document SET unit = upper(unit) WHERE unit IS NOT NULL")


def downgrade() -> None:
    op.drop_table("secret_role")
    op.drop_table("unit")
