"""The crawler side of the Redis mode: items out to Redis, the worker's heartbeat.

``RedisExportPipeline`` (the last pipeline of a crawler process) pushes each
extracted article with its raw page to the ingest list; a page whose
extraction raised goes there too, raw, as the store pipeline keeps it locally.

``Worker`` (an extension) is the crawler process in the frontier:

- a heartbeat (key with a TTL of three beats) every ``NEWSARCHIVE_REDIS_HEARTBEAT``
  seconds, from its own thread; on the same period, in the reactor, the dead
  workers' in-flight requests are reaped and this worker's counters sent to ingest;
- a request taken from the frontier leaves the in-flight hash when the
  scraper has finished with it: its callback or errback has run and every
  request and item it produced was pushed (items go through the pipelines
  before the scraper lets the request go);
- idle, it stays open while any worker still has work (more may come), and
  closes when the whole crawl is done;
- fetch failures go to ingest (for the ``failures`` table), and a failed article
  leaves the seen set so that a later list page may queue it again;
- closing, it gives back what it still holds.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet import task
from twisted.python.failure import Failure

from newsarchive.distributed import messages
from newsarchive.distributed.frontier import RedisFrontier
from newsarchive.distributed.scheduler import INFLIGHT, SplitDupeFilter, keys_from, worker_id
from newsarchive.failures import classify, fetch_failed
from newsarchive.items import page_of

logger = logging.getLogger(__name__)

# Counters a crawler process adds to crawl_runs; ingest counts the articles itself.
CRAWLER_COUNTERS = ("pages_fetched", "failures")


class RedisExportPipeline:
    """Push each article record and its raw page to the ingest list."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.server = get_redis_from_settings(crawler.settings)
        self.keys = keys_from(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisExportPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        return pipeline

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        record = {k: v for k, v in adapter.items() if not k.startswith("_")}
        self.server.lpush(self.keys.items, messages.article(record, page_of(item)))
        return item

    def item_error(self, item: Any, failure: Failure, **kwargs: Any) -> None:
        """Extraction raised: send the raw page, as the local store keeps it."""
        page = page_of(item)
        if page is not None:
            reason = f"{type(failure.value).__name__}: {failure.value}"
            self.server.lpush(self.keys.items, messages.page_only(page, "error", reason))


class Worker:
    """This crawler process as a member of the distributed crawl."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.server = get_redis_from_settings(settings)
        self.keys = keys_from(settings)
        self.frontier = RedisFrontier(self.server, self.keys, worker_id())
        self.seen = SplitDupeFilter(self.server, self.keys)
        self.interval = settings.getfloat("NEWSARCHIVE_REDIS_HEARTBEAT", 5.0)
        self.ttl = self.interval * 3
        self.sent: dict[str, int] = {}
        self.loop = task.LoopingCall(self.beat)
        # The heartbeat has its own thread: a reactor busy extracting a burst of pages
        # must not look dead to the others (they would fetch its requests again).
        self.stopping = threading.Event()
        self.pulse = threading.Thread(target=self.keep_alive, name="heartbeat", daemon=True)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Worker:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.fetch_failed, signal=fetch_failed)
        return ext

    def spider_opened(self) -> None:
        self.frontier.heartbeat(self.ttl)
        self.server.set(self.keys.active, "1")
        self._hook_scraper()
        self.pulse.start()
        self.loop.start(self.interval, now=False)
        logger.info("worker %s joined the crawl %s", self.frontier.worker, self.keys.prefix)

    def _hook_scraper(self) -> None:
        # Scrapy has no signal for "the scraper is done with this request"; its slot's
        # finish_response is exactly that moment (callback or errback returned, every
        # output scheduled or through the pipelines).
        assert self.crawler.engine is not None
        slot = self.crawler.engine.scraper.slot
        assert slot is not None
        finish = slot.finish_response

        def finish_response(result: Any, request: Any) -> None:
            finish(result, request)
            ident = request.meta.get(INFLIGHT)
            if ident is not None:
                self.frontier.done(ident)

        slot.finish_response = finish_response  # type: ignore[method-assign]

    def keep_alive(self) -> None:
        while not self.stopping.wait(self.interval):
            try:
                self.frontier.heartbeat(self.ttl)
            except Exception:  # Redis away for a moment: try again next time
                logger.exception("heartbeat failed")

    def beat(self) -> None:
        try:
            given = self.frontier.reap()
            if given:
                logger.warning("gave %d requests of dead workers back to the frontier", given)
            self.send_counts()
        except Exception:  # a Redis hiccup must not stop the loop
            logger.exception("reaping or sending counters failed")

    def send_counts(self) -> None:
        """Send the increments of this worker's counters since the last send."""
        assert self.crawler.stats is not None
        counts: dict[str, dict[str, int]] = {}
        for name, value in self.crawler.stats.get_stats().items():
            parts = name.split("/")
            if len(parts) == 3 and parts[0] == "newsarchive" and parts[2] in CRAWLER_COUNTERS:
                delta = int(value) - self.sent.get(name, 0)
                if delta:
                    counts.setdefault(parts[1], {})[parts[2]] = delta
                    self.sent[name] = int(value)
        if counts:
            self.server.lpush(self.keys.items, messages.stats(counts))

    def spider_idle(self) -> None:
        if self.frontier.work_left():
            raise DontCloseSpider

    def fetch_failed(self, failure: Failure, site: str | None = None, **kwargs: Any) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else ""
        kind, reason, status = classify(failure.value)
        self.server.lpush(self.keys.items, messages.failure(site, url, kind, reason, status))
        if request is not None:
            self.seen.forget(request)

    def spider_closed(self) -> None:
        self.stopping.set()
        if self.loop.running:
            self.loop.stop()
        if self.pulse.is_alive():
            self.pulse.join()
        self.send_counts()
        given = self.frontier.leave()
        if given:
            logger.info("gave %d unfinished requests back to the frontier", given)
