"""Reading and writing article rows."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from sqlite_utils import Database

JSON_FIELDS = ("authors", "images", "warnings")

Outcome = Literal["new", "updated", "unchanged"]


def now_iso() -> str:
    """Now, ISO 8601 to the second with the local offset (fetch and crawl times)."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def to_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """An article record (lists as lists) as an ``articles`` row (lists as JSON)."""
    row = dict(record)
    for key in JSON_FIELDS:
        if key in row and not isinstance(row[key], str):
            row[key] = json.dumps(row[key] or [], ensure_ascii=False)
    return row


def from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """An ``articles`` row with its JSON columns decoded."""
    record = dict(row)
    for key in JSON_FIELDS:
        if isinstance(record.get(key), str):
            record[key] = json.loads(record[key])
    return record


def get_article(db: Database, canonical_url: str) -> dict[str, Any] | None:
    """The stored record of one article (JSON columns decoded), or None."""
    cursor = db.execute("select * from articles where canonical_url = ?", [canonical_url])
    row = cursor.fetchone()
    if row is None:
        return None
    return from_row(dict(zip([d[0] for d in cursor.description], row, strict=True)))


def same_content_elsewhere(
    db: Database, site: str, content_hash: str, canonical_url: str
) -> str | None:
    """The canonical URL of another article of the same site with this body, if any."""
    row = db.execute(
        "select canonical_url from articles where site = ? and content_hash = ? "
        "and canonical_url != ? limit 1",
        [site, content_hash, canonical_url],
    ).fetchone()
    return row[0] if row else None


def save_article(db: Database, record: Mapping[str, Any]) -> Outcome:
    """Insert or update one article keyed on its canonical URL.

    Returns ``unchanged`` when the stored row already has this content hash and
    extractor version, so a re-crawl writes nothing.
    """
    row = to_row(record)
    existing = db.execute(
        "select content_hash, extractor_version, first_seen_at from articles "
        "where canonical_url = ?",
        [row["canonical_url"]],
    ).fetchone()
    stamp = now_iso()
    if existing is None:
        row.setdefault("first_seen_at", stamp)
        row["updated_at"] = stamp
        db["articles"].insert(row, pk="canonical_url", alter=False)
        return "new"
    if (existing[0], existing[1]) == (row.get("content_hash"), row.get("extractor_version")):
        return "unchanged"
    row["first_seen_at"] = existing[2]
    row["updated_at"] = stamp
    db["articles"].upsert(row, pk="canonical_url", alter=False)
    return "updated"
