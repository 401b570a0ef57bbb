"""The "newsarchive.ops" migration set: crawl timing in ``crawl_runs``.

The core schema owns ``crawl_runs``; the columns operations add are migrated
here, in their own set, so the core set never changes under existing archives.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newsarchive.ops")


@migrations()
def add_crawl_timing(db: Database) -> None:
    db["crawl_runs"].add_column("elapsed_seconds", float)
    db["crawl_runs"].add_column("pages_per_second", float)


def last_run_id(db: Database) -> int:
    """The id of the newest ``crawl_runs`` row (0 when there is none)."""
    return int(db.execute("select coalesce(max(id), 0) from crawl_runs").fetchone()[0])


def record_timing(db: Database, after_id: int, elapsed: float, pages: dict[str, int]) -> int:
    """Store a crawl's elapsed time and page rate on its runs (ids above ``after_id``).

    The crawl lock guarantees that every run started since ``after_id`` belongs
    to this crawl. ``pages`` maps a site to its pages fetched. Returns the
    number of rows updated.
    """
    rows = db.execute("select id, site from crawl_runs where id > ?", [after_id]).fetchall()
    for run_id, site in rows:
        rate = pages.get(site, 0) / elapsed if elapsed > 0 else 0.0
        db["crawl_runs"].update(
            run_id, {"elapsed_seconds": round(elapsed, 3), "pages_per_second": round(rate, 3)}
        )
    return len(rows)
