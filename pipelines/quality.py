"""Count, per site, how often each field was extracted; judge the run against its baseline.

Placed right after extraction, before validation drops anything: a layout change
that empties bodies must show up in the body lengths, not only as failures.
When the crawl closes (after every pipeline has closed and the store has
finished its ``crawl_runs`` rows), each run of this crawl gets its
``crawl_quality`` row and, when it fell clearly below the site's recent
baseline, status ``degraded`` (rules in ``newsarchive.drift``).
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy import signals
from scrapy.crawler import Crawler

from newsarchive.drift import MIN_ARTICLES, QualityCounter, judge_run
from newsarchive.items import PageItem
from newsarchive.storage import open_db
from newsarchive.storage.runs import last_run_id

logger = logging.getLogger(__name__)


class QualityPipeline:
    """Per-site field fill rates of the run; passes every item through unchanged."""

    def __init__(self, crawler: Crawler, db_path: str | None, min_articles: int) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.min_articles = min_articles
        self.counter = QualityCounter()
        self.after_run_id = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QualityPipeline:
        settings = crawler.settings
        pipeline = cls(
            crawler,
            settings.get("NEWSARCHIVE_DB"),
            settings.getint("NEWSARCHIVE_DRIFT_MIN_ARTICLES", MIN_ARTICLES),
        )
        # spider_closed comes after every pipeline's close_spider: the runs are finished.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        if self.db_path:
            db = open_db(self.db_path)
            try:
                # Runs newer than this one are this crawl's (the crawl lock is held).
                self.after_run_id = last_run_id(db)
            finally:
                db.close()

    def process_item(self, item: Any) -> Any:
        if is_item(item) and not isinstance(item, PageItem):
            record = ItemAdapter(item)
            if record.get("site"):
                self.counter.add(record)
        return item

    def list_links(self, site: str) -> int:
        assert self.crawler.stats is not None
        return int(self.crawler.stats.get_value(f"newsarchive/{site}/article_links", 0))

    def spider_closed(self, reason: str = "finished") -> None:
        if not self.db_path:
            return
        db = open_db(self.db_path)
        try:
            runs = db.execute(
                "SELECT id, site FROM crawl_runs WHERE id > ? ORDER BY id", [self.after_run_id]
            ).fetchall()
            for run_id, site in runs:
                quality = self.counter.quality(site, self.list_links(site))
                finished = reason == "finished"
                for drop in judge_run(db, run_id, quality, self.min_articles, finished):
                    logger.warning("layout drift? %s: %s: %s", site, drop.field, drop.describe())
        finally:
            db.close()
