"""The crawl_runs table: one row per crawl of one site."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from newsarchive.storage.articles import now_iso

COUNTERS = (
    "pages_fetched",
    "articles_new",
    "articles_updated",
    "articles_duplicate",
    "failures",
)


def start_run(db: Database, site: str) -> int:
    """Record the start of a crawl and return its id."""
    table = db["crawl_runs"]
    table.insert({"site": site, "started_at": now_iso(), "status": "running"})
    return int(table.last_pk)


def finish_run(
    db: Database, run_id: int, counts: Mapping[str, int], status: str, reason: str | None
) -> None:
    """Store the final counters and status of a crawl."""
    values = {k: int(counts.get(k, 0)) for k in COUNTERS}
    values.update(finished_at=now_iso(), status=status, finish_reason=reason)
    db["crawl_runs"].update(run_id, values)
