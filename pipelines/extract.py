"""Turn a fetched page (``PageItem``) into an article record with the pure extractor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scrapy.crawler import Crawler

from newsarchive.extract import extract
from newsarchive.fingerprint import content_hash
from newsarchive.items import PageItem
from newsarchive.sites import get_site, site_for_url
from newsarchive.urls import canonicalize_url


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


def _site(page: PageItem):  # type: ignore[no-untyped-def]
    try:
        return get_site(page.site)
    except KeyError:  # an ad-hoc crawl: no profile, generic extraction
        return site_for_url(page.url)


class ExtractPipeline:
    """PageItem in, article record (a dict) out; the page rides along as ``_page``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        record = page_record(item)
        record["_page"] = item
        return record
