"""Opening the archive: WAL, a busy timeout, every migration set applied."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from newsarchive import drift
from newsarchive.reprints import schema as reprints_schema
from newsarchive.search import schema as search_schema
from newsarchive.storage import archive_schema, failures, runs, schema

DEFAULT_DB = Path("data/news.db")
BUSY_TIMEOUT_MS = 30_000

# Core first; feature modules append their own sets.
MIGRATION_SETS: list[Migrations] = [
    schema.migrations,
    runs.timing_migrations,
    archive_schema.migrations,
    search_schema.migrations,
    reprints_schema.migrations,
    drift.migrations,
    failures.migrations,
]


def open_db(path: str | Path = DEFAULT_DB, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the archive at ``path``, ready for reading and writing.

    WAL lets researchers read while a crawl writes; the busy timeout makes a
    second writer wait instead of failing with "database is locked".
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(path)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    if migrate:
        for migration_set in MIGRATION_SETS:
            migration_set.apply(db)
    return db
