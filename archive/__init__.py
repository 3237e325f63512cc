"""The records store: SQLite archive (WAL) under Alembic, blobs, registers and numbering, ingest.

The public surface; webui and the command line import only these names. They are loaded when
first used: the PDF reader's child process (archive.pdftext) imports this package and should not
pay for SQLAlchemy (0.4 s of a 1 s child).
"""
from importlib import import_module

_WHERE = {
    "chunks": "db", "is_current": "db", "is_initialised": "db", "reading": "db", "upgrade": "db", "writing": "db",
    "Outcome": "ingest", "ingest_file": "ingest",
    "IssueError": "issue", "file_draft": "issue", "issue_document": "issue", "metadata_of": "issue",
    "preview_issue": "issue",
    "ReceiptError": "receipts",
    "ReadError": "readers", "read_file": "readers",
    "NumberClash": "registers", "RegisterError": "registers", "cancel_number": "registers",
    "next_number": "registers", "take_number": "registers",
    "META_KEYS": "store", "StoreError": "store", "get_document": "store", "versions": "store",
    "VerifyReport": "verify", "verify": "verify",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'archive' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value
