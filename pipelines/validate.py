"""Refuse records that are not articles: no headline, no body, or undecodable text."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsarchive.article_record import problems


class NotAnArticle(DropItem):
    """A record dropped as unusable; ``reasons`` go to the failures table."""

    def __init__(self, message: str, reasons: list[str]) -> None:
        super().__init__(message)
        self.reasons = reasons


class ValidatePipeline:
    """Drop (and count as a failure) every record that is not a usable article.

    An empty body is never stored as a success: very deep nesting or a changed
    layout can make extraction silently come back empty.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        record = ItemAdapter(item).asdict()
        found = problems(record)
        if found:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value(f"newsarchive/{record.get('site')}/failures")
            self.crawler.stats.inc_value(f"newsarchive/{record.get('site')}/invalid")
            message = f"not an article ({', '.join(found)}): {record.get('url')}"
            raise NotAnArticle(message, found)
        return item
