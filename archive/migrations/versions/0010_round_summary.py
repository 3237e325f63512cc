"""A round's Bản tổng hợp ý kiến góp ý as compiled: the day it was compiled (the date it carries) and
what the drafter gave it — the conclusion, the signer, the Nơi nhận, the "Nội dung dự thảo" column.
Rounds compiled before keep NULL: their summary is dated the day it is rendered, with the defaults.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("comment_round") as batch:
        batch.add_column(sa.Column("compiled_on", sa.Date))
        batch.add_column(sa.Column("summary", sa.JSON))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): copying the table would trip the foreign keys onto it
    with op.batch_alter_table("comment_round", recreate="never") as batch:
        batch.drop_column("summary")
        batch.drop_column("compiled_on")
