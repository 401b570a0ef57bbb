"""Downloader middlewares."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler


class ProxyAllMiddleware:
    """Send every request through ``NEWSARCHIVE_PROXY`` when it is set.

    The demo's offline web is an HTTP proxy on 127.0.0.1: going through it
    keeps the real article URLs (and so the real site profiles) while nothing
    leaves the machine.
    """

    def __init__(self, proxy: str | None) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProxyAllMiddleware:
        return cls(crawler.settings.get("NEWSARCHIVE_PROXY"))

    def process_request(self, request: Request) -> None:
        if self.proxy:
            request.meta.setdefault("proxy", self.proxy)
