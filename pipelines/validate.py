"""Refuse records that are not articles: no headline, no body, or undecodable text."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

# Warnings from the extractor that make a record unfit to store as an article.
FATAL_WARNINGS = ("bad-encoding",)


class NotAnArticle(DropItem):
    """A record dropped as unusable; ``reasons`` go to the failures table."""

    def __init__(self, message: str, reasons: list[str]) -> None:
        super().__init__(message)
        self.reasons = reasons


def problems(record: dict[str, Any]) -> list[str]:
    """Why this record must not be stored as an article (empty when it may)."""
    found = []
    if not (record.get("headline") or "").strip():
        found.append("no headline")
    if not (record.get("body") or "").strip():
        found.append("empty body")
    found += [w for w in record.get("warnings") or [] if w in FATAL_WARNINGS]
    return found


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
