"""The full-text index: an FTS5 trigram table over ``articles`` (headline, body).

External content: the index stores no second copy of the text, it reads
``articles`` by rowid. Triggers keep it in step on insert, update and delete
(sqlite-utils' upsert is ``INSERT … ON CONFLICT DO UPDATE``, so updates fire the
update trigger). The trigram tokenizer makes any 3+ character substring
searchable, which is what Chinese needs (no word segmentation); shorter terms
are handled by a LIKE fallback in ``newsarchive.search.compile``.

``articles`` has a text primary key, so its rowids are implicit. SQLite keeps
them through VACUUM, but a tool that rebuilds the table (copying rows into a
new one) may renumber them: run ``rebuild_index`` (``newsarchive search
--rebuild-index``) after such surgery; ``check_index`` tells whether it is needed.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

FTS_TABLE = "articles_fts"

migrations = Migrations("newsarchive.search")


@migrations()
def create_articles_fts(db: Database) -> None:
    # content="articles" double-quoted: Datasette detects the index this way.
    db.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        'headline, body, content="articles", tokenize="trigram")'
    )
    db.execute(
        f"""CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON articles BEGIN
            INSERT INTO {FTS_TABLE}(rowid, headline, body)
            VALUES (new.rowid, new.headline, new.body);
        END"""
    )
    db.execute(
        f"""CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON articles BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, headline, body)
            VALUES ('delete', old.rowid, old.headline, old.body);
        END"""
    )
    db.execute(
        f"""CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE ON articles BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, headline, body)
            VALUES ('delete', old.rowid, old.headline, old.body);
            INSERT INTO {FTS_TABLE}(rowid, headline, body)
            VALUES (new.rowid, new.headline, new.body);
        END"""
    )
    rebuild_index(db)  # index the articles stored before this migration


def rebuild_index(db: Database) -> None:
    """Re-index every article from scratch."""
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def check_index(db: Database) -> bool:
    """True when the index agrees with the articles table."""
    try:
        db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    return True
