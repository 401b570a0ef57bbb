"""Crawl a site nobody wrote a profile for: ``scrapy crawl adhoc -a start=URL``.

It stays on the start URL's host (and the hosts below it, and ``-a allow=H1,H2``),
fetches links whose URL looks like an article at any depth, other links of the
host up to ``NEWSARCHIVE_ADHOC_DEPTH`` hops from the start page, and pagination
(下一页) always. Each fetched page says itself whether it is an article (long
text and a date) or a list (links to follow); see ``newsarchive.adhoc``.

Links that look like articles go through the SQLite frontier like the news
spider's: a rerun skips what is archived, and a killed crawl resumes what it
had queued. (A queued URL that turned out to be a list page stays queued and
is simply fetched again, as list pages are.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse

from newsarchive.adhoc import adhoc_site, page_evidence, page_kind, site_key, url_kind
from newsarchive.sites import Site
from newsarchive.urls import canonicalize_url
from spiders.news import NewsSpider

DEFAULT_DEPTH = 2


class AdhocSpider(NewsSpider):
    """Generic crawl of one or more hosts from their start URLs; site id = host."""

    name = "adhoc"

    def __init__(self, start: str = "", allow: str = "", **kwargs: Any) -> None:
        urls = [u.strip() for u in start.split(",") if u.strip()]
        if not urls:
            raise ValueError("the adhoc spider needs -a start=URL[,URL...]")
        hosts = tuple(h.strip().lower() for h in allow.split(",") if h.strip())
        by_site: dict[str, list[str]] = {}
        for url in urls:
            by_site.setdefault(site_key(url), []).append(url)
        scrapy.Spider.__init__(self, **kwargs)
        self.sites: list[type[Site]] = [adhoc_site(group, hosts) for group in by_site.values()]

    async def start(self) -> AsyncIterator[Any]:
        for site in self.sites:
            for url in site.start_urls:
                yield self.page_request(url, site, depth=0)
            for fetch in self.frontier.resume(site.id):
                if fetch.conditional:  # a re-fetch of an archived article
                    yield self.article_request(fetch, site)
                else:  # left queued by a killed crawl: fetched, not followed further
                    yield self.page_request(fetch.url, site, depth=self.max_depth)

    @property
    def max_depth(self) -> int:
        return self.crawler.settings.getint("NEWSARCHIVE_ADHOC_DEPTH", DEFAULT_DEPTH)

    def page_request(self, url: str, site: type[Site], depth: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.failed,
            cb_kwargs={"site": site, "depth": depth},
        )

    def parse_page(self, response: Response, site: type[Site], depth: int) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return  # an image or a download reached through an odd URL
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        evidence = page_evidence(response.body, content_type)
        if page_kind(response.url, evidence) == "article":
            yield from self.parse_article(response, site)
            return
        self.count(site, "pages_fetched")
        yield from self.follow(response, site, depth)

    def follow(self, response: Response, site: type[Site], depth: int) -> Iterator[Any]:
        """Requests for the links of a list page: articles, lists within depth, next page."""
        seen = {canonicalize_url(response.url)}
        for url in self.next_page_urls(response, site):
            if canonicalize_url(url) not in seen:
                seen.add(canonicalize_url(url))
                yield self.page_request(url, site, depth)  # pagination costs no depth
        articles = []
        for url, _text in self.links(response, site):
            key = canonicalize_url(url)
            kind = url_kind(url)
            if key in seen or kind == "skip":
                continue
            seen.add(key)
            if kind == "article":
                articles.append(url)
            elif depth < self.max_depth:
                yield self.page_request(url, site, depth + 1)
        for url in self.frontier.admit(site.id, articles):  # not archived yet
            yield self.page_request(url, site, depth + 1)
