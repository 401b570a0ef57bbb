"""The crawl_runs table: one row per crawl of one site, its counters and timing.

The core schema creates ``crawl_runs``; the timing columns are added by their
own migration set ("newsarchive.ops", ``timing_migrations``), so the core set
never changes under existing archives.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from newsarchive.storage.articles import now_iso

COUNTERS = (
    "pages_fetched",
    "articles_new",
    "articles_updated",
    "articles_duplicate",
    "failures",
)
"""The per-site counters of a crawl: Scrapy stats ``newsarchive/<site>/<counter>``."""

timing_migrations = Migrations("newsarchive.ops")


def start_run(db: Database, site: str) -> int:
    """Record the start of a crawl and return its id."""
    table = db["crawl_runs"]
    table.insert({"site": site, "started_at": now_iso(), "status": "running"})
    return int(table.last_pk)


def close_stale_runs(db: Database) -> int:
    """Mark runs left "running" by a crawl that was killed as ``interrupted``.

    Call it only while holding the archive's crawl lock: then no other crawl is
    running, so every "running" row belongs to a process that died (kill -9).
    Returns how many rows were closed.
    """
    with db.atomic():
        cursor = db.execute(
            "update crawl_runs set status = 'interrupted', "
            "finish_reason = 'the crawl process ended without closing its run' "
            "where status = 'running'"
        )
    return cursor.rowcount


def finish_run(
    db: Database, run_id: int, counts: Mapping[str, int], status: str, reason: str | None
) -> None:
    """Store the final counters and status of a crawl."""
    values = {k: int(counts.get(k, 0)) for k in COUNTERS}
    values.update(finished_at=now_iso(), status=status, finish_reason=reason)
    db["crawl_runs"].update(run_id, values)


@timing_migrations()
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
