"""Running a Scrapy crawl in-process, with newsarchive's settings, from any directory."""

from __future__ import annotations

import time
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newsarchive.lock import CrawlLock
from newsarchive.progress import per_site
from newsarchive.storage.runs import COUNTERS
from spiders.adhoc import AdhocSpider
from spiders.news import NewsSpider


@dataclass
class CrawlSummary:
    """What one crawl did, per site and in total."""

    per_site: dict[str, dict[str, int]] = field(default_factory=dict)
    elapsed: float = 0.0
    finish_reason: str | None = None

    def total(self, key: str) -> int:
        return sum(counts.get(key, 0) for counts in self.per_site.values())


def crawl_settings(db: str | Path, overrides: Mapping[str, Any] | None = None) -> Settings:
    """newsarchive's Scrapy settings with the archive path and ``-s`` overrides applied."""
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    settings.set("NEWSARCHIVE_DB", str(db), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(
    site_ids: list[str],
    settings: Settings,
    *,
    adhoc_urls: list[str] | None = None,
    allow: list[str] | None = None,
) -> CrawlSummary:
    """Crawl the given sites to the end and return the summary (blocks).

    With ``adhoc_urls``, crawl those hosts with the generic heuristics instead
    (``allow``: further hosts they may fetch from); ``site_ids`` is then ignored.
    Holds the archive's crawl lock throughout: raises ``CrawlLocked`` at once,
    having opened nothing, when another crawl is writing to the same archive.
    """
    # A Redis-mode crawler writes no archive (newsarchive.distributed): no lock to take.
    distributed = bool(settings.get("NEWSARCHIVE_REDIS_URL"))
    with nullcontext() if distributed else CrawlLock(settings.get("NEWSARCHIVE_DB")):
        process = CrawlerProcess(settings)
        if adhoc_urls:
            crawler = process.create_crawler(AdhocSpider)
            kwargs = {"start": ",".join(adhoc_urls), "allow": ",".join(allow or [])}
        else:
            crawler = process.create_crawler(NewsSpider)
            kwargs = {"sites": ",".join(site_ids)}
        started = time.monotonic()
        process.crawl(crawler, **kwargs)
        process.start()
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    summary = CrawlSummary(
        elapsed=time.monotonic() - started, finish_reason=stats.get("finish_reason")
    )
    try:  # ad-hoc site ids (hosts) are only known to the spider
        sites = [s.id for s in crawler.spider.sites]
    except RuntimeError:  # the crawl never started
        sites = list(site_ids)
    counts = per_site(stats)
    for site in sites:
        summary.per_site[site] = counts.get(site) or dict.fromkeys(COUNTERS, 0)
    return summary
