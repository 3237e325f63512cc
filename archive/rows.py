"""Rows of one write gathered and inserted together: one executemany per table, not one INSERT
per row. The caller flushes them inside its transaction, before anything reads them back."""
from __future__ import annotations

from sqlalchemy import Connection, Table, insert

_IGNORING = {"blob"}  # content-addressed: a row already there describes the same file


def _insert(conn: Connection, table: Table):
    if table.name not in _IGNORING:
        return insert(table)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


_STATEMENTS: dict[tuple[str, str], object] = {}  # built once per dialect and table (compiled form reused)


class Rows:
    def __init__(self):
        self._tables: dict[Table, list[dict]] = {}

    def add(self, table: Table, row: dict) -> None:
        self._tables.setdefault(table, []).append(row)

    def extend(self, other: Rows) -> None:
        for table, rows in other._tables.items():
            self._tables.setdefault(table, []).extend(rows)

    def flush(self, conn: Connection) -> None:
        """Tables in the order first added (a row's parents first), rows in the order added."""
        for table, rows in self._tables.items():
            if rows:
                key = (conn.dialect.name, table.name)
                if key not in _STATEMENTS:
                    _STATEMENTS[key] = _insert(conn, table)
                conn.execute(_STATEMENTS[key], rows)
        self._tables.clear()
