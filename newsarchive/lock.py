"""One crawl per archive at a time: an exclusive lock file next to the database.

``news.db`` is guarded by ``news.db.lock``, locked with ``fcntl.flock`` for the
whole life of the crawl. The kernel drops the lock when the process dies, even
by ``kill -9``, so a killed crawl never leaves a stale lock behind; the pid
written into the file is only there to tell people who holds it.

The command line takes the lock before Scrapy starts (a clear message, nothing
opened). ``CrawlLockExtension`` takes it for crawls started another way
(``scrapy crawl``, scrapyd) and stops such a crawl before any pipeline opens
the database.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import IO

from scrapy import signals
from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

# Locks held by this process, by lock path: flock conflicts between two file
# descriptors even within one process, so the extension must not re-lock what
# the command line already holds.
_HELD: dict[Path, CrawlLock] = {}


class CrawlLocked(Exception):
    """Another crawl holds the archive's lock."""


def lock_path(db: str | Path) -> Path:
    """The lock file guarding the archive ``db``."""
    db = Path(db)
    return db.with_name(db.name + ".lock")


class CrawlLock:
    """The exclusive crawl lock of one archive; use as a context manager."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self.path = lock_path(db).resolve()
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock now or raise ``CrawlLocked`` (never waits)."""
        if self.path in _HELD:
            raise CrawlLocked(f"this process already crawls into {self.db}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held for the crawl)
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "unknown"
            file.close()
            raise CrawlLocked(
                f"another crawl (pid {holder}) is writing to {self.db}; "
                "wait for it to finish or use another --db"
            ) from None
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        self._file = file
        _HELD[self.path] = self

    def release(self) -> None:
        if self._file is None:
            return
        _HELD.pop(self.path, None)
        # Unlock before closing; the file stays (removing it would race with a
        # process that has just opened it and is about to lock it).
        self._file.truncate(0)
        fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        self._file.close()
        self._file = None

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def holds_lock(db: str | Path) -> bool:
    """True when this process holds the crawl lock of ``db``."""
    return lock_path(db).resolve() in _HELD


class CrawlLockExtension:
    """Hold the archive's crawl lock for the life of a Scrapy crawl.

    Created before the engine and its pipelines, so a crawl that finds the
    lock taken fails here, having opened nothing.
    """

    def __init__(self, crawler: Crawler, db: str) -> None:
        self.lock: CrawlLock | None = None
        if holds_lock(db):  # the command line took it for us
            return
        self.lock = CrawlLock(db)
        try:
            self.lock.acquire()
        except CrawlLocked as exc:
            logger.error("not crawling: %s", exc)
            raise
        crawler.signals.connect(self.release, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlLockExtension:
        return cls(crawler, crawler.settings.get("NEWSARCHIVE_DB"))

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
