"""Store article records in the SQLite archive and keep crawl_runs up to date."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newsarchive.storage import open_db
from newsarchive.storage.articles import save_article
from newsarchive.storage.runs import COUNTERS, finish_run, start_run


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
        return cls(crawler, crawler.settings.get("NEWSARCHIVE_DB"))

    def open_spider(self) -> None:
        self.db = open_db(self.db_path)
        spider = self.crawler.spider
        for site in getattr(spider, "sites", []):
            self.runs[site.id] = start_run(self.db, site.id)

    def run_for(self, site: str) -> int:
        if site not in self.runs:
            assert self.db is not None
            self.runs[site] = start_run(self.db, site)
        return self.runs[site]

    def process_item(self, item: Any) -> Any:
        record = {k: v for k, v in ItemAdapter(item).items() if not k.startswith("_")}
        assert self.db is not None and self.crawler.stats is not None
        self.run_for(record["site"])
        outcome = save_article(self.db, record)
        key = {"new": "articles_new", "updated": "articles_updated"}.get(
            outcome, "articles_duplicate"
        )
        self.crawler.stats.inc_value(f"newsarchive/{record['site']}/{key}")
        return item

    def close_spider(self) -> None:
        if self.db is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        reason = stats.get_value("finish_reason")
        for site, run_id in self.runs.items():
            counts = {k: stats.get_value(f"newsarchive/{site}/{k}", 0) for k in COUNTERS}
            status = "finished" if reason in (None, "finished") else "failed"
            finish_run(self.db, run_id, counts, status, reason)
        self.db.close()
