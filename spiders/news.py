"""The generic news spider, driven by site profiles.

From each site's start URLs it follows list pages (the profile's ``list_url``
pattern and the pagination link), sends article pages (``article_url``) to the
pipelines as raw ``PageItem``s, and follows 下一页 inside multi-page articles so
that one article becomes one item. Extraction happens in the pipelines.

Which articles to fetch is the frontier's call (``newsarchive.frontier``, in
SQLite): a list page's article links go through ``frontier.admit`` (already
archived ones are skipped), and a crawl starts with what a killed run left
queued plus, with a recrawl window, recent articles to re-fetch conditionally.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from newsarchive.failures import fetch_failed
from newsarchive.frontier import Fetch, Frontier
from newsarchive.items import PageItem
from newsarchive.sites import Site, all_sites, get_site
from newsarchive.storage.articles import now_iso
from newsarchive.urls import canonicalize_url

NEXT_PAGE_TEXT = re.compile(r"^\s*(下一页|下页|后一页|next\s*page|next|›|>>|»)\s*$", re.IGNORECASE)
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#", "data:", "file:")


def absolute(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``; None when malformed (``http://[x``, a bad
    port), so one broken link does not cost the page its other links."""
    try:
        url = urljoin(base, href)
        urlsplit(url).port  # noqa: B018 (raises ValueError on a port like :99999 or :abc)
    except ValueError:
        return None
    return url


def one_value_headers(response: Response) -> dict[str, str]:
    """Response headers as {name: value}, repeated headers joined with commas."""
    return {
        k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
    }


class NewsSpider(scrapy.Spider):
    """Crawl one or more registered sites: ``scrapy crawl news -a sites=nmgnews,dzwww``."""

    name = "news"
    site_ids: ClassVar[tuple[str, ...]] = ()
    frontier: Frontier = Frontier(None)

    def __init__(self, sites: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        ids = [s for s in (sites or "").split(",") if s] or list(self.site_ids)
        self.sites: list[type[Site]] = [get_site(i) for i in ids] if ids else list(all_sites())

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.frontier = Frontier.from_crawler(crawler)
        return spider

    def closed(self, reason: str) -> None:
        self.frontier.close()

    async def start(self) -> AsyncIterator[Any]:
        for site in self.sites:
            for url in site.start_urls:
                yield self.list_request(url, site)
            for fetch in self.frontier.resume(site.id):
                yield self.article_request(fetch, site)

    # -- requests -----------------------------------------------------------------

    def list_request(self, url: str, site: type[Site]) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_list, errback=self.failed, cb_kwargs={"site": site}
        )

    def article_request(self, fetch: Fetch, site: type[Site]) -> scrapy.Request:
        # A conditional re-fetch wants its 304 answer, not an error.
        meta = {"handle_httpstatus_list": [304]} if fetch.conditional else {}
        return scrapy.Request(
            fetch.url,
            headers=fetch.headers or None,
            meta=meta,
            callback=self.parse_article,
            errback=self.failed,
            cb_kwargs={"site": site},
        )

    def count(self, site: type[Site], key: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsarchive/{site.id}/{key}")

    def failed(self, failure: Failure) -> None:
        site = failure.request.cb_kwargs.get("site")  # type: ignore[attr-defined]
        if site is not None:
            self.count(site, "failures")
        request = failure.request  # type: ignore[attr-defined]
        # Into the failures table (newsarchive.failures.FailureLog): never dropped silently.
        self.crawler.signals.send_catch_log(fetch_failed, failure=failure, site=site and site.id)
        # An article URL of the frontier (any spider's; list pages have no row there)
        # stays to do; a later page of a multi-page article is not a frontier URL.
        if "item" not in request.cb_kwargs:
            self.frontier.failed(request.url, repr(failure.value))
        self.logger.warning("fetch failed: %s (%s)", request.url, failure.value)

    # -- callbacks ----------------------------------------------------------------

    def links(self, response: Response, site: type[Site]) -> Iterator[tuple[str, str]]:
        """(absolute URL, link text) of every link the site may fetch."""
        for a in response.css("a[href]"):
            href = (a.attrib.get("href") or "").strip()
            if not href or href.lower().startswith(SKIP_SCHEMES):
                continue
            url = absolute(response.url, href)
            if url and urlsplit(url).scheme in ("http", "https") and site.may_fetch(url):
                yield url, " ".join(a.css("::text").getall()).strip()

    def next_page_urls(self, response: Response, site: type[Site]) -> list[str]:
        if site.next_page:
            sel = site.selector("next_page")
            hrefs = [
                h
                for s in sel
                for h in (response.xpath(s) if s.startswith(("/", "(")) else response.css(s))
                .xpath("./@href")
                .getall()
            ]
            return [u for u in (absolute(response.url, h) for h in hrefs) if u]
        return [url for url, text in self.links(response, site) if NEXT_PAGE_TEXT.match(text)]

    def parse_list(self, response: Response, site: type[Site]) -> Iterator[scrapy.Request]:
        self.count(site, "pages_fetched")
        seen: set[str] = set()
        articles = []
        for url, _text in self.links(response, site):
            key = canonicalize_url(url)
            if key in seen:
                continue
            seen.add(key)
            if site.is_article(url):
                articles.append(url)
            elif site.is_list(url):
                yield self.list_request(url, site)
        self.crawler.stats.inc_value(f"newsarchive/{site.id}/article_links", len(articles))
        for url in self.frontier.admit(site.id, articles):
            yield self.article_request(Fetch(url), site)
        for url in self.next_page_urls(response, site):
            if canonicalize_url(url) not in seen and not site.is_article(url):
                yield self.list_request(url, site)

    def parse_article(
        self, response: Response, site: type[Site], item: PageItem | None = None
    ) -> Iterator[Any]:
        self.count(site, "pages_fetched")
        if response.status == 304:  # a conditional re-fetch: the archived copy is current
            self.count(site, "not_modified")
            self.frontier.not_modified(response.url)
            return
        headers = one_value_headers(response)
        if item is None:
            item = PageItem(
                site=site.id,
                url=response.url,
                status=response.status,
                headers=headers,
                body=response.body,
                fetched_at=now_iso(),
                redirects=list(response.request.meta.get("redirect_urls", [])),
            )
        else:
            item.continuation.append((response.url, response.body, headers))
        next_url = self.article_next_page(response, site, item)
        if next_url:
            yield scrapy.Request(
                next_url,
                callback=self.parse_article,
                errback=self.continuation_failed,
                cb_kwargs={"site": site, "item": item},
            )
        else:
            yield item

    def article_next_page(self, response: Response, site: type[Site], item: PageItem) -> str | None:
        """The 下一页 link of a multi-page article: same article stem, not yet fetched."""
        stem = re.sub(r"(_\d+)?\.(s?html?)$", "", urlsplit(item.url).path)
        fetched = {item.url, *(u for u, _, _ in item.continuation)}
        for url in self.next_page_urls(response, site):
            path = urlsplit(url).path
            if path.startswith(stem) and url not in fetched and len(fetched) < 50:
                return url
        return None

    def continuation_failed(self, failure: Failure) -> Iterator[PageItem]:
        """A later page of an article failed: keep what we have rather than lose it."""
        self.failed(failure)
        yield failure.request.cb_kwargs["item"]  # type: ignore[attr-defined]
