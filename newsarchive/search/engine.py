"""Running searches and filtered listings against the archive."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from newsarchive.search.compile import HEADLINE_WEIGHT, Plan, plan
from newsarchive.search.filters import Filters, filter_sql
from newsarchive.search.query import parse_query
from newsarchive.search.schema import FTS_TABLE
from newsarchive.search.snippets import PLAIN_MARKS, snippet
from newsarchive.storage.articles import from_row

INTERNAL = ("_rank", "_score")
SCORED_TERMS = 8
"""Ranking without bm25 counts at most this many terms (it runs per matching row)."""


@dataclass
class Hit:
    """One matching article."""

    article: dict[str, Any]
    """The stored record (lists decoded)."""
    rank: float | None
    """bm25 of the indexed part of the query (lower is better), None without one."""
    terms: list[str]
    """The terms that must match (for highlighting)."""

    def snippet(self, width: int = 80, marks: tuple[str, str] = PLAIN_MARKS) -> str:
        return snippet(self.article.get("body"), self.terms, width, marks)


def _score_sql(words: list[str], params: list[str]) -> str:
    """Rank for matches without bm25: headline hits, then how often the terms occur."""
    parts = []
    for word in words[:SCORED_TERMS]:
        parts.append(
            "(instr(lower(ifnull(a.headline, '')), lower(?)) > 0) * 10"
            " + (length(ifnull(a.body, '')) - length(replace(ifnull(a.body, ''), ?, '')))"
            " / length(?)"
        )
        params.extend([word, word, word])
    return " + ".join(parts) or "0"


def build_sql(
    query: str, filters: Filters, order: str = "rank", limit: int | None = None
) -> tuple[str, list[Any], Plan]:
    """The SELECT for ``query`` (may be empty: filters only) and its parameters.

    ``order`` is ``rank`` (best first, then newest) or ``published`` (oldest first,
    undated last).
    """
    p = plan(parse_query(query))
    params: list[Any] = []
    score = _score_sql(p.rank_terms, params) if order == "rank" else "0"
    if p.match is not None:
        select = (
            f"SELECT a.*, bm25({FTS_TABLE}, {HEADLINE_WEIGHT}, 1.0) AS _rank, {score} AS _score "
            f"FROM {FTS_TABLE} JOIN articles a ON a.rowid = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH ?"
        )
        params.append(p.match)
    else:
        select = f"SELECT a.*, NULL AS _rank, {score} AS _score FROM articles a WHERE 1"
    where, where_params = filter_sql(filters)
    sql = f"{select} AND ({p.where}) AND ({where})"
    params += p.params + where_params
    if order == "rank":
        sql += " ORDER BY _rank, _score DESC, a.published_at DESC, a.canonical_url"
    else:
        sql += " ORDER BY a.published_at IS NULL, a.published_at, a.canonical_url"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params, p


def check_query(query: str) -> None:
    """Raise QueryError when ``query`` cannot run (before any output is written)."""
    plan(parse_query(query))


def _rows(db: Database, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    cursor = db.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row, strict=True))


def search(db: Database, query: str, filters: Filters | None = None, limit: int = 20) -> list[Hit]:
    """The best ``limit`` articles for ``query`` within ``filters``.

    An empty query (or one with no terms, like a lone ``"``) lists the newest
    articles matching the filters.
    """
    sql, params, p = build_sql(query, filters or Filters(), "rank", limit)
    hits = []
    for row in _rows(db, sql, params):
        rank = row.pop("_rank")
        row.pop("_score")
        hits.append(Hit(from_row(row), rank, p.rank_terms))
    return hits


def iter_articles(
    db: Database, query: str = "", filters: Filters | None = None
) -> Iterator[dict[str, Any]]:
    """Every article matching ``query`` and ``filters``, oldest first, streamed."""
    sql, params, _ = build_sql(query, filters or Filters(), "published")
    for row in _rows(db, sql, params):
        for key in INTERNAL:
            row.pop(key)
        yield from_row(row)
