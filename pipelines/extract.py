"""Turn a fetched page (``PageItem``) into an article record with the pure extractor."""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from newsarchive.article_record import page_record
from newsarchive.items import PageItem


class ExtractPipeline:
    """PageItem in, article record (a dict) out; the page rides along as ``_page``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageItem):
            return item
        record = page_record(item)
        record["_page"] = item
        return record
