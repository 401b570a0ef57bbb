"""What is in the archive: articles per site and month, field fill rates, latest crawls."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

FILL_FIELDS = ("headline", "published_at", "source", "editor", "authors", "section", "body")
"""Fields whose fill rate tells whether a site's extraction works."""


def _dicts(db: Database, sql: str) -> list[dict[str, Any]]:
    cursor = db.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def articles_per_month(db: Database) -> list[dict[str, Any]]:
    """``{site, month, articles}`` rows; month is YYYY-MM of published_at, or ``unknown``."""
    return _dicts(
        db,
        "SELECT site, ifnull(substr(published_at, 1, 7), 'unknown') AS month, "
        "count(*) AS articles FROM articles GROUP BY site, month ORDER BY site, month",
    )


def _filled(column: str) -> str:
    if column == "authors":  # a JSON list: "[]" is empty
        return "ifnull(authors, '[]') NOT IN ('[]', '')"
    return f"trim(ifnull({column}, '')) != ''"


def fill_rates(db: Database) -> list[dict[str, Any]]:
    """``{site, articles, <field>: share of articles with it, 0.0–1.0}`` per site."""
    sums = ", ".join(f"sum({_filled(c)}) AS {c}" for c in FILL_FIELDS)
    rows = _dicts(
        db, f"SELECT site, count(*) AS articles, {sums} FROM articles GROUP BY site ORDER BY site"
    )
    for row in rows:
        for column in FILL_FIELDS:
            row[column] = round(row[column] / row["articles"], 3)
    return rows


def latest_crawls(db: Database) -> list[dict[str, Any]]:
    """The most recent crawl_runs row of every site."""
    if "crawl_runs" not in db.table_names():
        return []
    return _dicts(
        db,
        "SELECT * FROM crawl_runs c WHERE id = (SELECT id FROM crawl_runs l "
        "WHERE l.site = c.site ORDER BY started_at DESC, id DESC LIMIT 1) ORDER BY site",
    )


def archive_stats(db: Database) -> dict[str, list[dict[str, Any]]]:
    """All three views, keyed ``months``, ``fill``, ``crawls``."""
    return {
        "months": articles_per_month(db),
        "fill": fill_rates(db),
        "crawls": latest_crawls(db),
    }
