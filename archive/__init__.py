"""The records store: SQLite archive (WAL) under Alembic, blobs, registers and numbering, ingest.

The public surface; webui and the command line import only these names.
"""
from .db import is_current, is_initialised, reading, upgrade, writing
from .ingest import Outcome, ingest_file
from .issue import IssueError, file_draft, issue_document, metadata_of
from .readers import ReadError, read_file
from .registers import RegisterError, cancel_number, take_number
from .store import META_KEYS, StoreError, get_document, versions
from .verify import VerifyReport, verify

__all__ = [
    "IssueError", "META_KEYS", "Outcome", "ReadError", "RegisterError", "StoreError", "VerifyReport",
    "cancel_number", "file_draft", "get_document", "ingest_file", "is_current", "is_initialised", "issue_document",
    "metadata_of", "read_file", "reading", "take_number", "upgrade", "verify", "versions", "writing",
]
