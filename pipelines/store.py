"""Store article records in the SQLite archive and keep crawl_runs up to date.

Each fetched article is archived in one transaction: its raw pages, the
article row, a version when the content changed, and the frontier's "done"
mark (``newsarchive.storage.archive``). Pages dropped by an earlier pipeline
(duplicates, pages that gave no article) or whose extraction raised are still
archived raw and marked done, so ``newsarchive reparse`` can recover them and
a rerun does not fetch them again.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler

from newsarchive.items import page_of
from newsarchive.storage import open_db
from newsarchive.storage.archive import store_article, store_page_only
from newsarchive.storage.runs import COUNTERS, close_stale_runs, finish_run, start_run
from pipelines.dedup import Duplicate


class StorePipeline:
    """Upsert articles keyed on canonical URL; one crawl_runs row per site crawled.

    An article already archived with the same content is counted as a
    duplicate, so a second run of the same crawl adds no rows.
    """

    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.db = None
        self.runs: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        pipeline = cls(crawler, crawler.settings.get("NEWSARCHIVE_DB"))
        crawler.signals.connect(pipeline.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(pipeline.item_error, signal=signals.item_error)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.db = open_db(self.db_path)
        # The crawl lock is held (CrawlLockExtension, or the command line): a run still
        # "running" was left by a killed crawl.
        close_stale_runs(self.db)
        spider = self.crawler.spider
        for site in getattr(spider, "sites", []):
            self.runs[site.id] = start_run(self.db, site.id)

    def run_for(self, site: str) -> int:
        if site not in self.runs:
            assert self.db is not None
            self.runs[site] = start_run(self.db, site)
        return self.runs[site]

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        record = {k: v for k, v in adapter.items() if not k.startswith("_")}
        assert self.db is not None and self.crawler.stats is not None
        self.run_for(record["site"])
        outcome = store_article(self.db, record, page_of(item))
        key = {"new": "articles_new", "updated": "articles_updated"}.get(
            outcome, "articles_duplicate"
        )
        self.crawler.stats.inc_value(f"newsarchive/{record['site']}/{key}")
        return item

    def item_dropped(self, item: Any, exception: BaseException, **kwargs: Any) -> None:
        """A page an earlier pipeline dropped: keep its bytes, do not fetch it again."""
        page = page_of(item)
        if page is not None and self.db is not None:
            outcome = "duplicate" if isinstance(exception, Duplicate) else "invalid"
            store_page_only(self.db, page, outcome)

    def item_error(self, item: Any, **kwargs: Any) -> None:
        """Extraction (or a later pipeline) raised: keep the bytes for a later reparse."""
        page = page_of(item)
        if page is not None and self.db is not None:
            store_page_only(self.db, page, "error")
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"newsarchive/{page.site}/failures")

    def close_spider(self) -> None:
        if self.db is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        for site, run_id in self.runs.items():
            counts = {k: stats.get_value(f"newsarchive/{site}/{k}", 0) for k in COUNTERS}
            finish_run(self.db, run_id, counts, "finished", None)
        self.db.close()
        self.db = None

    def spider_closed(self, reason: str) -> None:
        """Record why the crawl ended: Scrapy knows it only after the pipelines closed.

        A crawl that did not finish (shutdown, an error) marks its runs failed.
        """
        if not self.runs:
            return
        db = open_db(self.db_path)
        try:
            for run_id in self.runs.values():
                values: dict[str, Any] = {"finish_reason": reason}
                if reason != "finished":
                    values["status"] = "failed"
                db["crawl_runs"].update(run_id, values)
        finally:
            db.close()
