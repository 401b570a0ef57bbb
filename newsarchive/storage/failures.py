"""The ``failures`` table: one row per thing a crawl gave up on (see ``newsarchive.failures``).

Its own migration set ("newsarchive.failures"), listed in
``newsarchive.storage.db.MIGRATION_SETS``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newsarchive.failures")

REASON_MAX = 1000
"""Reasons are one line; a hostile error message is cut to this many characters."""


@migrations()
def create_failures(db: Database) -> None:
    db["failures"].create(
        {
            "id": int,
            "site": str,
            "url": str,
            "kind": str,  # http / timeout / size / truncated / connection / scope / robots /
            # invalid / error
            "status": int,  # the HTTP status, when there was an answer
            "reason": str,  # one line saying what happened
            "failed_at": str,  # ISO 8601, UTC
        },
        pk="id",
        not_null={"url", "kind", "failed_at"},
    )
    db["failures"].create_index(["site", "failed_at"])
    db["failures"].create_index(["url"])


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(
    db: Database, site: str | None, url: str, kind: str, reason: str, status: int | None = None
) -> None:
    """Add one failure row (committed at once)."""
    db["failures"].insert(
        {
            "site": site,
            "url": url,
            "kind": kind,
            "status": status,
            "reason": reason[:REASON_MAX],
            "failed_at": now_iso(),
        }
    )


def kinds(db: Database) -> dict[str, int]:
    """Number of failures per kind."""
    rows = db.execute("select kind, count(*) from failures group by kind").fetchall()
    return {kind: n for kind, n in rows}
