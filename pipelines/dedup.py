"""Drop duplicates: the same canonical URL, or the same body on the same site.

A reprint of a story on another site is not a duplicate: researchers study
reprints, so content hashes are compared within one site only.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsarchive.storage import open_db
from newsarchive.storage.articles import same_content_elsewhere


class Duplicate(DropItem):
    """A record dropped as a duplicate (the store pipeline still archives its page)."""


class DedupPipeline:
    def __init__(self, crawler: Crawler, db_path: str) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.seen_urls: set[str] = set()
        self.kept: dict[tuple[str, str], str] = {}  # (site, content hash) -> canonical URL
        self.db = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler, crawler.settings.get("NEWSARCHIVE_DB"))

    def open_spider(self) -> None:
        self.db = open_db(self.db_path)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.close()

    def duplicate_of(self, record: dict[str, Any]) -> str | None:
        """Why this record is a duplicate, or None when it is not."""
        url, site, digest = record["canonical_url"], record["site"], record.get("content_hash")
        if url in self.seen_urls:
            return f"canonical URL {url} already seen in this crawl"
        kept = self.kept.get((site, digest)) if digest else None
        if kept:
            return f"same body as {kept}, already seen in this crawl"
        if digest and self.db is not None:
            other = same_content_elsewhere(self.db, site, digest, url)
            if other:
                return f"same body as {other}"
        return None

    def process_item(self, item: Any) -> Any:
        record = ItemAdapter(item).asdict()
        reason = self.duplicate_of(record)
        if reason:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"newsarchive/{record['site']}/articles_duplicate")
            raise Duplicate(f"duplicate: {record['url']}: {reason}")
        self.seen_urls.add(record["canonical_url"])
        if record.get("content_hash"):
            self.kept[(record["site"], record["content_hash"])] = record["canonical_url"]
        return item
