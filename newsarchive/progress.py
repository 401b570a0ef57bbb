"""A live progress line on stderr during a crawl, and the crawl's timing in crawl_runs.

On a terminal the line is rewritten in place (``\\r``) twice a second; in a log
file (cron, scrapyd) one line is written every ``NEWSARCHIVE_PROGRESS_INTERVAL``
seconds. At the end the elapsed time and page rate are stored on the crawl's
``crawl_runs`` rows, beside the counters the store pipeline writes.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from typing import Any, TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from newsarchive.storage import open_db
from newsarchive.storage.runs import COUNTERS, last_run_id, record_timing

TTY_INTERVAL = 0.5


def per_site(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """``newsarchive/<site>/<counter>`` stats, as {site: {counter: value}}."""
    sites: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        prefix, _, rest = key.partition("/")
        site, _, counter = rest.rpartition("/")
        if prefix == "newsarchive" and site and counter in COUNTERS:
            sites.setdefault(site, dict.fromkeys(COUNTERS, 0))[counter] = int(value)
    return sites


def totals(stats: Mapping[str, Any]) -> dict[str, int]:
    """Each counter summed over every site of the crawl."""
    sums = dict.fromkeys(COUNTERS, 0)
    for counts in per_site(stats).values():
        for key, value in counts.items():
            sums[key] += value
    return sums


def format_elapsed(seconds: float) -> str:
    """Seconds as H:MM:SS."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def progress_line(counts: Mapping[str, int], elapsed: float) -> str:
    """One line saying how far the crawl is."""
    rate = counts.get("pages_fetched", 0) / elapsed if elapsed > 0 else 0.0
    return (
        f"pages {counts.get('pages_fetched', 0)}  "
        f"articles new {counts.get('articles_new', 0)}  "
        f"updated {counts.get('articles_updated', 0)}  "
        f"duplicate {counts.get('articles_duplicate', 0)}  "
        f"failures {counts.get('failures', 0)}  "
        f"{rate:.1f} pages/s  {format_elapsed(elapsed)}"
    )


class ProgressExtension:
    """Print the progress line while the crawl runs; store its timing at the end."""

    def __init__(self, crawler: Crawler, stream: TextIO, interval: float, db: str | None) -> None:
        self.crawler = crawler
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = TTY_INTERVAL if self.tty else interval
        self.db = db
        self.started = time.monotonic()
        self.width = 0
        self.loop = LoopingCall(self.tick)
        # Runs newer than this one are this crawl's (the crawl lock is held).
        self.after_run_id = self._last_run_id()
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        if not crawler.settings.getbool("NEWSARCHIVE_PROGRESS"):
            raise NotConfigured
        interval = crawler.settings.getfloat("NEWSARCHIVE_PROGRESS_INTERVAL", 10.0)
        return cls(crawler, sys.stderr, interval, crawler.settings.get("NEWSARCHIVE_DB"))

    def _last_run_id(self) -> int:
        if not self.db:
            return 0
        db = open_db(self.db)
        try:
            return last_run_id(db)
        finally:
            db.close()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def line(self) -> str:
        assert self.crawler.stats is not None
        return progress_line(totals(self.crawler.stats.get_stats()), self.elapsed())

    def write(self, text: str) -> None:
        if self.tty:
            # Pad so a shorter line fully covers the previous one.
            self.stream.write("\r" + text.ljust(self.width))
            self.width = max(self.width, len(text))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def opened(self) -> None:
        self.started = time.monotonic()
        self.loop.start(self.interval, now=False)

    def tick(self) -> None:
        self.write(self.line())

    def closed(self) -> None:
        if self.loop.running:
            self.loop.stop()
        if self.tty:
            self.write(self.line())
            self.stream.write("\n")
            self.stream.flush()
        self.store_timing()

    def store_timing(self) -> None:
        if not self.db:
            return
        assert self.crawler.stats is not None
        pages = {
            site: counts["pages_fetched"]
            for site, counts in per_site(self.crawler.stats.get_stats()).items()
        }
        db = open_db(self.db)
        try:
            record_timing(db, self.after_run_id, self.elapsed(), pages)
        finally:
            db.close()
