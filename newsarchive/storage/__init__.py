"""The SQLite archive, through sqlite-utils."""

from newsarchive.storage.db import DEFAULT_DB, open_db

__all__ = ["DEFAULT_DB", "open_db"]
