"""Citations: tell a legal basis (a căn cứ line) from a mere mention ("tại Tờ trình số 40/TTr-STTTT"),
so that links between documents follow every mention by an index lookup, not a text scan.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("citation") as batch:
        batch.add_column(sa.Column("basis", sa.Boolean, nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("citation") as batch:
        batch.drop_column("basis")
