"""Permanent failures of a crawl, kept in the archive's ``failures`` table.

Nothing a crawl gives up on is dropped silently: a fetch that failed after its
retries (HTTP error, timeout, lost connection, a body cut short or over
``DOWNLOAD_MAXSIZE``), a request refused as out of scope or by robots.txt, a
page that gave no usable article (the validate pipeline's reasons) and a page
whose processing raised each become one row: site, URL, kind, reason.

The spider reports fetch failures with the ``fetch_failed`` signal (from its
errback); ``FailureLog`` (a Scrapy extension) listens to it and to the item
signals and writes the rows (``newsarchive.storage.failures``).
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from sqlite_utils import Database
from twisted.internet import defer, error
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

from newsarchive.scope import OutOfScope
from newsarchive.storage import open_db
from newsarchive.storage.failures import record

fetch_failed = object()
"""Signal sent by the spider when a request failed for good: ``failure``, ``site`` (id)."""


def classify(exc: BaseException) -> tuple[str, str, int | None]:
    """(kind, reason, HTTP status) of the exception a request failed with.

    Covers Scrapy's own download exceptions (2.13+) and the Twisted ones older
    download handlers raise.
    """
    text = " ".join(str(exc).split()) or type(exc).__name__
    named = f"{type(exc).__name__}: {text}"
    if isinstance(exc, HttpError):
        status = exc.response.status
        location = exc.response.headers.get(b"Location")
        if location and 300 <= status < 400:  # a redirect Scrapy would not follow (file:, data:)
            target = location.decode("latin-1")[:200]
            return "http", f"HTTP {status} to {target} (not followed)", status
        return "http", f"HTTP {status}", status
    if isinstance(exc, OutOfScope):
        return "scope", text, None
    if isinstance(exc, IgnoreRequest):
        if "robots.txt" in text:
            return "robots", text, None
        if "DOWNLOAD_MAXSIZE" in text or "max size" in text:  # decompression bombs
            return "size", text, None
        return "ignored", text, None
    timeouts = (DownloadTimeoutError, TimeoutError, defer.TimeoutError, error.TimeoutError)
    if isinstance(exc, timeouts):
        return "timeout", named, None
    if isinstance(exc, DownloadCancelledError | defer.CancelledError):
        # Scrapy cancels a download whose body goes over DOWNLOAD_MAXSIZE.
        return ("size" if "max size" in text or not str(exc) else "cancelled"), named, None
    if isinstance(exc, ResponseDataLossError):
        return "truncated", named, None
    if isinstance(exc, ResponseFailed):
        lost = " ".join(type(r.value).__name__ for r in exc.reasons if isinstance(r, Failure))
        kind = "truncated" if "DataLoss" in lost else "connection"
        return kind, f"ResponseFailed: {lost or text}", None
    if isinstance(
        exc,
        DownloadConnectionRefusedError
        | DownloadFailedError
        | error.ConnectError
        | error.ConnectionLost
        | error.ConnectionDone,
    ):
        return "connection", named, None
    return "error", named, None


class FailureLog:
    """Scrapy extension: every permanent failure of the crawl becomes a ``failures`` row."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db: Database | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FailureLog:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.fetch_failed, signal=fetch_failed)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.db = open_db(self.crawler.settings.get("NEWSARCHIVE_DB"))

    def spider_closed(self, spider: Any) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def add(self, site: str | None, url: str, kind: str, reason: str, status: int | None) -> None:
        if self.db is None:
            return
        record(self.db, site, url, kind, reason, status)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"newsarchive/failures_recorded/{kind}")

    def fetch_failed(self, failure: Failure, site: str | None, **kwargs: Any) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind, reason, status = classify(failure.value)
        redirects = request.meta.get("redirect_urls") or []
        if redirects:  # the failing URL is where a redirect led: say where it came from
            reason += f" (redirected from {redirects[0]})"
        self.add(site, request.url, kind, reason, status)

    def item_dropped(self, item: Any, exception: BaseException, **kwargs: Any) -> None:
        reasons = getattr(exception, "reasons", None)
        if reasons is None:  # a duplicate, not a failure
            return
        adapter = ItemAdapter(item)
        self.add(adapter.get("site"), adapter.get("url") or "", "invalid", ", ".join(reasons), None)

    def item_error(self, item: Any, failure: Failure, **kwargs: Any) -> None:
        adapter = ItemAdapter(item)
        url = adapter.get("url") or ""
        reason = f"{type(failure.value).__name__}: {failure.value}"
        self.add(adapter.get("site"), url, "error", reason, None)
