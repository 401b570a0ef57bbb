"""A crawler with newsarchive's settings and a spider, for testing one pipeline."""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from spiders.news import NewsSpider


def make_crawler(db: Path, sites: str = "nmgnews") -> Crawler:
    crawler = get_crawler(NewsSpider, {"NEWSARCHIVE_DB": str(db)})
    crawler.spider = crawler._create_spider(sites=sites)
    return crawler


def stat(crawler: Crawler, site: str, key: str) -> int:
    assert crawler.stats is not None
    return int(crawler.stats.get_value(f"newsarchive/{site}/{key}", 0))
