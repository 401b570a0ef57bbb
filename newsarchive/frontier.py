"""What the spider asks before fetching an article: the crawl frontier, in SQLite.

- ``admit``: of the article links found on a list page, queue them (committed
  before the requests go out) and return those not archived yet. A rerun of a
  crawl fetches list pages again but no article it already has.
- ``resume``: at start, the articles a killed crawl had queued and not done,
  then, with a recrawl window (``NEWSARCHIVE_RECRAWL_DAYS``), the recent
  articles to re-fetch with a conditional GET.
- ``not_modified`` / ``failed``: what a re-fetch or a failed fetch changes.

The "done" mark is written by the store pipeline in the same transaction as
the article (``newsarchive.storage.archive``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scrapy.crawler import Crawler
from sqlite_utils import Database

from newsarchive.storage import frontier as store
from newsarchive.storage import open_db
from newsarchive.storage.pages import validators
from newsarchive.urls import canonicalize_url


@dataclass
class Fetch:
    """An article request to make: its URL and, for a re-fetch, conditional headers."""

    url: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def conditional(self) -> bool:
        return bool(self.headers)


class Frontier:
    """The spider's view of the frontier. ``Frontier(None)`` admits everything."""

    def __init__(self, db_path: str | Path | None, recrawl_days: float = 0) -> None:
        self.db_path = db_path
        self.recrawl_days = recrawl_days
        self._db: Database | None = None

    @property
    def db(self) -> Database | None:
        """The archive, opened on first use: not before the crawl holds its lock."""
        if self._db is None and self.db_path:
            self._db = open_db(self.db_path)
        return self._db

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Frontier:
        settings = crawler.settings
        if settings.get("NEWSARCHIVE_REDIS_URL"):  # the frontier is in Redis (distributed)
            return cls(None)
        return cls(settings.get("NEWSARCHIVE_DB"), settings.getfloat("NEWSARCHIVE_RECRAWL_DAYS", 0))

    def admit(self, site: str, urls: Iterable[str]) -> list[str]:
        """Queue discovered article URLs; return those not archived yet, in order."""
        urls = list(urls)
        if self.db is None:
            return urls
        return store.queue(self.db, site, ((canonicalize_url(u), u) for u in urls))

    def resume(self, site: str, now: datetime | None = None) -> list[Fetch]:
        """Articles to fetch before any list page says so: unfinished, then recent."""
        if self.db is None:
            return []
        fetches = [Fetch(url) for url in store.pending(self.db, site)]
        if self.recrawl_days > 0:
            since = (now or datetime.now(UTC)) - timedelta(days=self.recrawl_days)
            for url in store.recent(self.db, site, since):
                fetches.append(Fetch(url, validators(self.db, canonicalize_url(url))))
        return fetches

    def not_modified(self, url: str) -> None:
        """A conditional re-fetch answered 304: nothing changes but the check time."""
        if self.db is not None:
            store.mark_checked(self.db, canonicalize_url(url), "not_modified")

    def failed(self, url: str, error: str) -> None:
        if self.db is not None:
            store.mark_failed(self.db, canonicalize_url(url), error)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
