"""A fetched page's article record, and whether it may be stored (pure: no Scrapy).

The crawl's pipelines, ``reparse`` and the distributed ingester all turn pages
into records with these two functions, so a re-extraction applies exactly the
rules of a crawl.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsarchive.extract import extract
from newsarchive.fingerprint import content_hash
from newsarchive.items import PageItem
from newsarchive.sites import Site, get_site, site_for_url
from newsarchive.urls import canonicalize_url

# Warnings from the extractor that make a record unfit to store as an article.
FATAL_WARNINGS = ("bad-encoding",)


def page_record(page: PageItem) -> dict[str, Any]:
    """The article record of one fetched article, its continuation pages merged."""
    site = _site(page)
    fetched_at = datetime.fromisoformat(page.fetched_at)
    article = extract(
        page.body, url=page.url, fetched_at=fetched_at, headers=page.headers, site=site
    )
    for url, body, headers in page.continuation:
        more = extract(body, url=url, fetched_at=fetched_at, headers=headers, site=site)
        if more.body:
            article.body = "\n".join(filter(None, [article.body, more.body]))
        article.images.extend(more.images)
        article.warnings.extend(w for w in more.warnings if w not in article.warnings)
    record = article.to_dict()
    record.update(
        site=page.site,
        url=page.url,
        canonical_url=canonicalize_url(page.url),
        fetched_at=page.fetched_at,
        content_hash=content_hash(article.body),
    )
    return record


def _site(page: PageItem) -> type[Site] | None:
    try:
        return get_site(page.site)
    except KeyError:  # an ad-hoc crawl: no profile, generic extraction
        return site_for_url(page.url)


def problems(record: dict[str, Any]) -> list[str]:
    """Why this record must not be stored as an article (empty when it may)."""
    found = []
    if not (record.get("headline") or "").strip():
        found.append("no headline")
    if not (record.get("body") or "").strip():
        found.append("empty body")
    found += [w for w in record.get("warnings") or [] if w in FATAL_WARNINGS]
    return found
