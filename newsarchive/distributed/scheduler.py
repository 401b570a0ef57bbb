"""scrapy-redis's scheduler on the reliable frontier, and the two seen sets.

The queue, the serialization (scrapy-redis's, pickle) and the priority order
are scrapy-redis's; what changes is where a popped request goes (the worker's
in-flight hash, see ``newsarchive.distributed.frontier``) and that a request
rescheduled by a redirect or a retry ends its in-flight predecessor in the same
transaction as its own push.

Seen sets: article requests (callback ``parse_article``) are remembered across
crawls, so a recurring crawl fetches list pages again but not the articles it
already fetched (as the SQLite frontier does in a local crawl); every other
request is remembered only for the current crawl (ingest deletes that set when
the crawl is complete).
"""

from __future__ import annotations

import os
import socket
import uuid
from typing import Any

from scrapy import Request, Spider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler

from newsarchive.distributed.frontier import RedisFrontier
from newsarchive.distributed.keys import DEFAULT_PREFIX, Keys

# Request.meta key holding the in-flight id of a request taken from the frontier.
INFLIGHT = "newsarchive_inflight"
ARTICLE_CALLBACKS = ("parse_article",)

_WORKER_ID: str | None = None


def worker_id() -> str:
    """This process's id in the frontier: host, pid and a random part (pids are reused)."""
    global _WORKER_ID
    if _WORKER_ID is None:
        _WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    return _WORKER_ID


def keys_from(settings: Any) -> Keys:
    return Keys(settings.get("NEWSARCHIVE_REDIS_PREFIX") or DEFAULT_PREFIX)


def is_article_request(request: Request) -> bool:
    return getattr(request.callback, "__name__", "") in ARTICLE_CALLBACKS


class SplitDupeFilter(RFPDupeFilter):
    """scrapy-redis's seen set, split: articles (kept) and the rest (per crawl)."""

    def __init__(self, server: Any, keys: Keys, debug: bool = False) -> None:
        super().__init__(server, key=keys.seen_lists, debug=debug)
        self.keys = keys

    @classmethod
    def from_spider(cls, spider: Spider) -> SplitDupeFilter:
        from scrapy_redis.connection import get_redis_from_settings

        settings = spider.settings
        return cls(
            get_redis_from_settings(settings),
            keys_from(settings),
            settings.getbool("DUPEFILTER_DEBUG"),
        )

    def seen_key(self, request: Request) -> str:
        return self.keys.seen_articles if is_article_request(request) else self.keys.seen_lists

    def request_seen(self, request: Request) -> bool:
        return self.server.sadd(self.seen_key(request), self.request_fingerprint(request)) == 0

    def forget(self, request: Request) -> None:
        """An article whose fetch failed for good: a later list page may queue it again
        (as the SQLite frontier retries failed articles on the next run)."""
        if is_article_request(request):
            self.server.srem(self.keys.seen_articles, self.request_fingerprint(request))

    def close(self, reason: str = "") -> None:
        """Keep the seen sets: other workers share them."""

    def clear(self) -> None:
        self.server.delete(self.keys.seen_lists)


class ReliableScheduler(Scheduler):
    """scrapy-redis's scheduler whose popped requests survive the death of the worker."""

    frontier: RedisFrontier

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.frontier = RedisFrontier(self.server, keys_from(spider.settings), worker_id())

    def close(self, reason: str) -> None:
        """Never flush: the queue and the seen sets belong to every worker."""

    def enqueue_request(self, request: Request) -> bool:
        # A redirect or a retry of an in-flight request: its push ends the original.
        finished = request.meta.pop(INFLIGHT, None)
        seen = None
        if not request.dont_filter:
            seen = (self.df.seen_key(request), self.df.request_fingerprint(request))
        data = self.queue._encode_request(request)
        # Seen check and push in one step: a kill in between must not leave a request
        # marked seen and never queued.
        if not self.frontier.push(data, -request.priority, finished, seen):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        found = self.frontier.pop()
        if found is None:
            return None
        ident, data = found
        request = self.queue._decode_request(data)
        request.meta[INFLIGHT] = ident
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return self.frontier.queued() > 0

    def __len__(self) -> int:
        return self.frontier.queued()
