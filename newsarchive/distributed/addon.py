"""``NEWSARCHIVE_REDIS_URL`` set: the crawl runs on Redis and writes nothing to SQLite.

A Scrapy add-on, so that every way of starting a crawl (``newsarchive crawl
--redis``, ``scrapy crawl -s NEWSARCHIVE_REDIS_URL=...``, scrapyd) gets the same
settings: scrapy-redis's scheduler on the reliable frontier, extraction in the
crawler and the records pushed to Redis, no archive opened (no crawl lock, no
SQLite frontier, no dedup/validate/store/drift pipelines, failures sent to
ingest instead of the failures table).
"""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.settings import Settings

CRAWLER_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "newsarchive.distributed.export.RedisExportPipeline": 900,
}
# Components that open the archive: off in a crawler process.
ARCHIVE_EXTENSIONS = ("newsarchive.lock.CrawlLockExtension", "newsarchive.failures.FailureLog")


def apply(settings: Settings) -> None:
    """Turn ``settings`` into those of a Redis-mode crawler process."""
    url = settings.get("NEWSARCHIVE_REDIS_URL")
    settings.set("REDIS_URL", url, "cmdline")
    settings.set("SCHEDULER", "newsarchive.distributed.scheduler.ReliableScheduler", "cmdline")
    settings.set("DUPEFILTER_CLASS", "newsarchive.distributed.scheduler.SplitDupeFilter", "cmdline")
    settings.set("SCHEDULER_PERSIST", True, "cmdline")
    settings.set("NEWSARCHIVE_DB", None, "cmdline")
    settings.set("ITEM_PIPELINES", dict(CRAWLER_PIPELINES), "cmdline")
    extensions = {
        name: order
        for name, order in settings.getdict("EXTENSIONS").items()
        if name not in ARCHIVE_EXTENSIONS
    }
    extensions["newsarchive.distributed.export.Worker"] = 50
    settings.set("EXTENSIONS", extensions, "cmdline")


class RedisAddon:
    """Scrapy add-on: applies ``apply`` when ``NEWSARCHIVE_REDIS_URL`` is set."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisAddon:
        return cls()

    def update_settings(self, settings: Settings) -> None:
        if settings.get("NEWSARCHIVE_REDIS_URL"):
            apply(settings)
