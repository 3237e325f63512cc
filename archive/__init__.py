"""The records store: SQLite archive, registers and numbering, ingest (issue 4). Not built yet."""
