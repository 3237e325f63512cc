"""The archive database: where it lives, how to connect, how it is made and upgraded.

SQLite in WAL mode by default (data/archive.sqlite3), or any SQLAlchemy URL in VANTHU_DB.  The
schema is made and upgraded by Alembic (`vanthu init`); queries use SQLAlchemy Core only.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect

from generator import data_dir, ensure_data_dir

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_S = 60  # writers queue behind each other instead of failing with "database is locked"


def database_url(folder: Path | None = None) -> str:
    return os.environ.get("VANTHU_DB") or f"sqlite:///{(folder or data_dir()) / 'archive.sqlite3'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cur.execute("PRAGMA synchronous=FULL")  # a committed document survives power loss
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite begins transactions lazily, so two writers could both read before either writes;
        # a write transaction (writing()) starts with BEGIN IMMEDIATE and takes the lock at once.
        @event.listens_for(engine, "connect")
        def _no_pysqlite_tx(dbapi_conn, _record):
            dbapi_conn.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")
        return engine
    return create_engine(url, pool_pre_ping=True)


def engine(folder: Path | None = None) -> Engine:
    return _engine(database_url(folder))


@contextmanager
def writing(folder: Path | None = None):
    """One write transaction: committed whole at the end of the block, or rolled back whole."""
    with engine(folder).connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            yield conn


@contextmanager
def reading(folder: Path | None = None):
    with engine(folder).connect() as conn:
        with conn.begin():
            yield conn


def chunks(conn, query, key, size: int = 1000) -> Iterator[list]:
    """The rows of `query` in order of its one-column key, `size` at a time (keyset pagination: each
    chunk starts after the last key seen, so nothing but one chunk is ever held, on any engine)."""
    last = None
    while True:
        q = query if last is None else query.where(key > last)
        rows = conn.execute(q.order_by(key).limit(size)).all()
        if not rows:
            return
        yield rows
        last = rows[-1]._mapping[key.name]


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(folder: Path | None = None) -> str:
    """Create the archive or bring it to the newest schema; returns the revision."""
    from alembic import command

    ensure_data_dir(folder)
    eng = engine(folder)
    with eng.connect() as conn:
        command.upgrade(_alembic_config(conn), "head")
        conn.commit()
    with writing(folder) as conn:  # BEGIN IMMEDIATE: two processes upgrading at once seed once
        from generator.settings import SettingsError, load_settings

        from . import units

        try:
            units.seed(conn, load_settings(folder).units)  # a new archive takes vanthu.toml's units
        except SettingsError:
            pass  # said where the settings are read; the units can be added by hand
        return current_revision(conn)


def current_revision(conn) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def reset_sequences(folder: Path | None = None) -> None:
    """After rows were inserted with their own ids (import), PostgreSQL's id sequences must move past
    them; SQLite takes the next id from the table itself."""
    eng = engine(folder)
    if eng.dialect.name != "postgresql":
        return
    from .schema import TABLES

    with eng.begin() as conn:
        for table in TABLES:
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and pk[0].autoincrement and str(pk[0].type) == "INTEGER":
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                                     f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 1))")


def is_initialised(folder: Path | None = None) -> bool:
    url = database_url(folder)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return False  # asking SQLite would create an empty file (or fail where the folder is missing)
    return inspect(engine(folder)).has_table("document")


def is_current(folder: Path | None = None) -> bool:
    """The archive exists and has the newest schema (a command that needs a newer table upgrades first)."""
    from alembic.script import ScriptDirectory

    if not is_initialised(folder):
        return False
    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    with engine(folder).connect() as conn:
        return current_revision(conn) == head
