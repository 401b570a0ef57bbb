"""One fetched article into the archive, all or nothing.

The raw pages, the article row, its version and the frontier's "done" mark are
written in one transaction: a crawl killed at any moment leaves either all of
them or none, and its rerun fetches the URL again only in the second case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from newsarchive.items import PageItem
from newsarchive.storage import frontier
from newsarchive.storage.articles import Outcome, save_article
from newsarchive.storage.pages import save_capture
from newsarchive.storage.versions import record_version
from newsarchive.urls import canonicalize_url


def fetch_keys(page: PageItem) -> list[str]:
    """Frontier keys of a fetch: the URL requested, those it redirected through, the final."""
    return [canonicalize_url(u) for u in [*page.redirects, page.url]]


def save_versioned(db: Database, record: Mapping[str, Any], capture: int | None) -> Outcome:
    """Upsert the article; when its content changed, a version from ``capture`` too.

    The caller holds the transaction (a crawl's store, a reparse).
    """
    outcome = save_article(db, record)
    if outcome != "unchanged":
        record_version(db, record, capture)
    return outcome


def store_article(db: Database, record: Mapping[str, Any], page: PageItem | None) -> Outcome:
    """Archive a fetched article: raw pages + article + version + frontier, atomically.

    ``page`` is None only for a record that was not fetched by the spider (built
    by hand): then there are no raw pages to keep.
    """
    with db.atomic():
        capture = save_capture(db, record["canonical_url"], page)[0] if page else None
        outcome = save_versioned(db, record, capture)
        keys = fetch_keys(page) if page else [record["canonical_url"]]
        frontier.mark_done(db, keys, record["site"], record["url"], outcome)
    return outcome


def store_page_only(db: Database, page: PageItem, outcome: str) -> None:
    """Archive the raw pages of a fetch that gave no article (duplicate, invalid, error).

    The page is kept so that ``newsarchive reparse`` with a better extractor can
    still turn it into an article, and the URL is done so it is not fetched again.
    """
    with db.atomic():
        save_capture(db, canonicalize_url(page.url), page)
        frontier.mark_done(db, fetch_keys(page), page.site, page.url, outcome)
