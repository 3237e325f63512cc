"""Counts for the /archive page without walking the document table, and indexes for its order.

`document_count` holds how many documents there are per (kind, status, year, secret, unit): the
page's filters and its visibility rules (secrets hidden, other units' drafts hidden) are all
columns of it, so every count the page shows is a sum over a few hundred rows.  SQLite triggers
keep it, in the same transaction as the write: every path that adds, changes or deletes a
document (filing, issuing, versions with changes, import, a hand-made UPDATE) is covered without
each having to remember it.  Elsewhere (PostgreSQL) no trigger is made and archive/queries.py
counts the table itself.

A migration that recreates the `document` table (batch "move and copy") drops its triggers:
such a migration must create them again (`create_triggers` below); `vanthu verify` compares the
counts with a recount and `--repair` rebuilds them.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

YEAR = "COALESCE(CAST(strftime('%Y', {r}.issued_on) AS INTEGER), 0)"
KEY = "kind, status, year, secret, unit"


def _values(r: str) -> str:
    return f"{r}.kind, {r}.status, {YEAR.format(r=r)}, {r}.do_mat IS NOT NULL, COALESCE({r}.unit, '')"


def _add(r: str) -> str:
    return (f"INSERT INTO document_count ({KEY}, n) VALUES ({_values(r)}, 1) "
            f"ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;")


def _remove(r: str) -> str:
    return (f"UPDATE document_count SET n = n - 1 WHERE kind = {r}.kind AND status = {r}.status "
            f"AND year = {YEAR.format(r=r)} AND secret = ({r}.do_mat IS NOT NULL) AND unit = COALESCE({r}.unit, '');")


def create_triggers() -> None:
    op.execute(f"CREATE TRIGGER document_count_insert AFTER INSERT ON document BEGIN {_add('NEW')} END")
    op.execute(f"CREATE TRIGGER document_count_delete AFTER DELETE ON document BEGIN {_remove('OLD')} END")
    op.execute("CREATE TRIGGER document_count_update AFTER UPDATE OF kind, status, issued_on, do_mat, unit "
               f"ON document BEGIN {_remove('OLD')} {_add('NEW')} END")


def recount_sql() -> str:
    """The counts made from the table itself (the migration fills the table with it; verify --repair too)."""
    return (f"INSERT INTO document_count ({KEY}, n) SELECT kind, status, {YEAR.format(r='document')}, "
            f"do_mat IS NOT NULL, COALESCE(unit, ''), count(*) FROM document GROUP BY 1, 2, 3, 4, 5")


def upgrade() -> None:
    op.create_table(
        "document_count",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),  # 0: no date yet (a draft)
        sa.Column("secret", sa.Boolean, nullable=False),  # marked Mật …
        sa.Column("unit", sa.String(32), nullable=False),  # '' for none
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("kind", "status", "year", "secret", "unit"),
    )
    # the page's order (newest first, then id) read backwards from an index instead of sorted, and
    # covering: the visibility columns are in it, so the rows an OFFSET skips are walked in the
    # index alone (page 200 of 50,000: 20 ms → 1 ms); one per filter that narrows the range
    op.create_index("ix_document_listing", "document", ["issued_on", "id", "do_mat", "status", "unit"])
    op.create_index("ix_document_kind_listing", "document", ["kind", "issued_on", "id", "do_mat", "status", "unit"])
    op.create_index("ix_document_status_listing", "document", ["status", "issued_on", "id", "do_mat", "unit"])
    # verify asks "is this chunk of documents queued?" by a range of ids
    op.create_index("ix_outbox_document", "outbox", ["document_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(recount_sql())
        create_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for t in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS document_count_{t}")
    op.drop_index("ix_outbox_document", "outbox")
    op.drop_index("ix_document_status_listing", "document")
    op.drop_index("ix_document_kind_listing", "document")
    op.drop_index("ix_document_listing", "document")
    op.drop_table("document_count")
