"""Chinese full-text search over the archive (FTS5 trigram + a short-term fallback)."""

from newsarchive.search.compile import QueryError
from newsarchive.search.engine import Hit, check_query, iter_articles, search
from newsarchive.search.filters import Filters
from newsarchive.search.query import parse_query

__all__ = [
    "Filters",
    "Hit",
    "QueryError",
    "check_query",
    "iter_articles",
    "parse_query",
    "search",
]
