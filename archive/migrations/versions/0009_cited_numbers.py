"""Cited numbers found in one form: "Quyết định số 5/QĐ-UBND" and "số 05/QĐ-UBND" cite the same act.
Each citation keeps the number as written and gets its key (generator.rules.canonical_number); a
document filed as "5/QĐ-UBND" was never linked from a letter citing "05/QĐ-UBND": those links are made.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

from generator.rules import canonical_number, cited_number

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("citation") as t:
        t.add_column(sa.Column("number_key", sa.String(120)))
        t.create_index("ix_citation_number_key", ["number_key"])
    conn = op.get_bind()
    for r in conn.execute(sa.text("SELECT id, number FROM citation")).all():
        conn.execute(sa.text("UPDATE citation SET number_key = :k WHERE id = :i"),
                     {"k": canonical_number(r.number), "i": r.id})
    docs = conn.execute(sa.text("SELECT id, so, ky_hieu, rule_set FROM document "
                                "WHERE so IS NOT NULL AND ky_hieu IS NOT NULL")).all()
    for d in docs:
        number = cited_number(d.so, d.ky_hieu, party=d.rule_set == "dang")
        for (source,) in conn.execute(sa.text("SELECT DISTINCT document_id FROM citation WHERE number_key = :n"),
                                      {"n": number}).all():
            if source != d.id and not conn.execute(sa.text(
                    "SELECT 1 FROM link WHERE from_id = :f AND to_id = :t AND type = 'cites'"),
                    {"f": source, "t": d.id}).first():
                conn.execute(sa.text("INSERT INTO link (from_id, to_id, type) VALUES (:f, :t, 'cites')"),
                             {"f": source, "t": d.id})


def downgrade() -> None:
    with op.batch_alter_table("citation") as t:
        t.drop_index("ix_citation_number_key")
        t.drop_column("number_key")
