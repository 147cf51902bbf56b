"""The production's store of record: productions and their revisions, schedule versions,
the shoot log and an append-only audit trail, in SQLite (a file) or PostgreSQL (a URL).

SQLAlchemy 2 tables (``tables.py``); Alembic owns the schema (``migrations/``, shipped in
the package); store functions take a session and plain data and return plain data, and the
command line is a shell over them.
"""
