"""Version history of articles: one row per distinct content an article had.

``articles`` always shows the latest version; ``article_versions`` keeps every
earlier one, so a story edited after publication is not lost.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from newsarchive.storage.pages import insert


def latest_version(db: Database, canonical_url: str) -> tuple[int, str | None] | None:
    """``(version, content_hash)`` of the article's latest version, or None."""
    row = db.execute(
        "select version, content_hash from article_versions where canonical_url = ? "
        "order by version desc limit 1",
        [canonical_url],
    ).fetchone()
    return (row[0], row[1]) if row else None


def record_version(db: Database, record: Mapping[str, Any], capture: int | None) -> int | None:
    """Append a version when the record's content differs from the latest one.

    Returns the new version number, or None when the content is unchanged (a
    re-extraction with a newer extractor does not make a new version).
    """
    key = record["canonical_url"]
    latest = latest_version(db, key)
    if latest is not None and latest[1] == record.get("content_hash"):
        return None
    version = 1 if latest is None else latest[0] + 1
    insert(
        db,
        "article_versions",
        {
            "canonical_url": key,
            "version": version,
            "capture": capture,
            "content_hash": record.get("content_hash"),
            "fetched_at": record.get("fetched_at"),
            "extractor_version": record.get("extractor_version"),
            "record": json.dumps(dict(record), ensure_ascii=False, sort_keys=True),
        },
    )
    return version


def versions(db: Database, canonical_url: str) -> list[dict[str, Any]]:
    """Every version of one article, oldest first, records decoded."""
    rows = db.query(
        "select * from article_versions where canonical_url = ? order by version", [canonical_url]
    )
    return [{**r, "record": json.loads(r["record"])} for r in rows]
