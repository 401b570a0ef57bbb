"""The single SQLite writer of a distributed crawl: Redis messages into the archive.

Reliable queue: messages are moved (BLMOVE/LMOVE, atomic) from the crawl's
item list to a processing list, written to SQLite in one transaction per
batch, and only then removed from the processing list. Killed at any moment,
the next ``ingest`` first writes what is left in the processing list; writing
a message twice changes nothing (articles are upserted by canonical URL, raw
captures are deduplicated by digest, an unchanged article gets no version).

Each message goes through what a local crawl's pipelines do after extraction:
validate (``newsarchive.article_record.problems``), dedup (same body on the same site)
and the archive's store (``newsarchive.storage.archive``: raw pages + article +
version + frontier mark in one transaction), and the counters of the crawl's
``crawl_runs`` rows (one per site per distributed crawl, continued by a
restarted ingest) are updated in the same transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from redis import Redis
from sqlite_utils import Database

from newsarchive.article_record import problems
from newsarchive.distributed import messages
from newsarchive.distributed.frontier import RedisFrontier
from newsarchive.distributed.keys import Keys
from newsarchive.storage.archive import store_article, store_page_only
from newsarchive.storage.articles import same_content_elsewhere
from newsarchive.storage.failures import record as record_failure
from newsarchive.storage.runs import COUNTERS, finish_run, start_run

logger = logging.getLogger(__name__)

OUTCOME_COUNTER = {"new": "articles_new", "updated": "articles_updated"}

# KEYS: active, workers, requests, items, processing, seen lists, runs.
# The crawl is complete when it started, no worker is registered, nothing is
# queued and every message is written: forget its per-crawl state (atomic, so
# a worker joining at that moment either counts or starts a new crawl).
_COMPLETE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('SCARD', KEYS[2]) > 0 or redis.call('ZCARD', KEYS[3]) > 0 then return 0 end
if redis.call('LLEN', KEYS[4]) > 0 or redis.call('LLEN', KEYS[5]) > 0 then return 0 end
redis.call('DEL', KEYS[1], KEYS[6], KEYS[7])
return 1
"""


@dataclass
class IngestSummary:
    messages: int = 0
    resumed: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    crawls_completed: int = 0
    elapsed: float = 0.0


class Ingest:
    """Write a crawl namespace's messages into one archive."""

    def __init__(self, server: Redis, keys: Keys, db: Database, batch: int = 200) -> None:
        self.server = server
        self.keys = keys
        self.db = db
        self.batch = batch
        self.frontier = RedisFrontier(server, keys)
        self._complete = server.register_script(_COMPLETE)
        self.summary = IngestSummary()
        self.runs: dict[str, int] = {}  # site -> crawl_runs id, once looked up

    # -- the loop -----------------------------------------------------------------

    def run(
        self,
        follow: bool = False,
        stop: Callable[[], bool] = lambda: False,
        wait: float = 1.0,
        progress: Callable[[IngestSummary], None] | None = None,
    ) -> IngestSummary:
        """Ingest until the crawl is complete (with ``follow``: until ``stop()``)."""
        started = time.monotonic()
        self.resume()
        while not stop():
            batch = self.take(wait)
            if batch:
                self.write(batch)
            else:
                self.frontier.reap()  # nobody may be left alive to do it
                if self.complete() and not follow:
                    break
            if progress is not None:
                progress(self.summary)
        self.summary.elapsed = time.monotonic() - started
        return self.summary

    def resume(self) -> None:
        """Write what a killed ingest had taken and not committed."""
        left = self.server.lrange(self.keys.processing, 0, -1)
        for start in range(0, len(left), self.batch):
            self.write(left[start : start + self.batch])
        self.summary.resumed += len(left)
        if left:
            logger.info("re-wrote %d messages left by a killed ingest", len(left))

    def take(self, wait: float) -> list[bytes]:
        """Move up to ``batch`` messages to the processing list (waiting for the first)."""
        first = self.server.blmove(self.keys.items, self.keys.processing, wait, "RIGHT", "LEFT")
        if first is None:
            return []
        batch = [first]
        while len(batch) < self.batch:
            more = self.server.lmove(self.keys.items, self.keys.processing, "RIGHT", "LEFT")
            if more is None:
                break
            batch.append(more)
        return batch

    def write(self, batch: list[bytes]) -> None:
        """One SQLite transaction for the batch, then the batch leaves the processing list."""
        with self.db.atomic():
            for data in batch:
                try:
                    with self.db.atomic():  # a savepoint: a bad message undoes only itself
                        self.write_one(data)
                except sqlite3.DatabaseError:
                    raise  # the archive's problem (disk, lock): stop, the batch stays to do
                except Exception:  # the message's problem: skipping it must not block the rest
                    logger.exception("skipped a message that could not be written")
                    self.summary.counts["unwritable"] += 1
        pipe = self.server.pipeline(transaction=True)
        for data in batch:
            pipe.lrem(self.keys.processing, 1, data)
        pipe.execute()
        self.summary.messages += len(batch)

    # -- one message --------------------------------------------------------------

    def write_one(self, data: bytes) -> None:
        try:
            message = messages.loads(data)
        except Exception as exc:  # not ours, or from an incompatible version: skip it
            logger.error("skipped an unreadable message: %s", exc)
            self.summary.counts["unreadable"] += 1
            return
        kind = message["type"]
        if kind == "article":
            self.write_article(message["record"], message["page"])
        elif kind == "page":
            page = messages.page_from_dict(message["page"])
            store_page_only(self.db, page, message["outcome"])
            record_failure(self.db, page.site, page.url, "error", message["reason"])
            self.add(page.site, {"failures": 1})
        elif kind == "failure":
            record_failure(
                self.db,
                message["site"],
                message["url"],
                message["kind"],
                message["reason"],
                message["status"],
            )
        elif kind == "stats":
            for site, counts in message["counts"].items():
                self.add(site, counts)

    def write_article(self, record: dict[str, Any], page_data: dict[str, Any] | None) -> None:
        page = messages.page_from_dict(page_data) if page_data else None
        site, url = record["site"], record["canonical_url"]
        found = problems(record)
        if found:
            if page is not None:
                store_page_only(self.db, page, "invalid")
            record_failure(self.db, site, record.get("url") or url, "invalid", ", ".join(found))
            self.add(site, {"failures": 1})
            return
        digest = record.get("content_hash")
        if digest and same_content_elsewhere(self.db, site, digest, url):
            if page is not None:
                store_page_only(self.db, page, "duplicate")
            self.add(site, {"articles_duplicate": 1})
            return
        outcome = store_article(self.db, record, page)
        self.add(site, {OUTCOME_COUNTER.get(outcome, "articles_duplicate"): 1})

    # -- crawl_runs ---------------------------------------------------------------

    def run_id(self, site: str) -> int:
        """The crawl_runs row of this site in the current crawl (continued after a restart)."""
        if site in self.runs:
            return self.runs[site]
        known = self.server.hget(self.keys.runs, site)
        if known is not None:
            row = self.db.execute(
                "select id from crawl_runs where id = ? and status = 'running'", [int(known)]
            ).fetchone()
            if row:
                self.runs[site] = int(row[0])
                return self.runs[site]
        run = start_run(self.db, site)
        # Before the commit: a crash in between leaves an id that does not exist,
        # and the next ingest starts the row again.
        self.server.hset(self.keys.runs, site, run)
        self.runs[site] = run
        return run

    def add(self, site: str, counts: dict[str, int]) -> None:
        run = self.run_id(site)
        for name, n in counts.items():
            if name in COUNTERS:
                self.db.execute(
                    f"update crawl_runs set {name} = coalesce({name}, 0) + ? where id = ?",
                    [int(n), run],
                )
                self.summary.counts[name] += int(n)

    def complete(self) -> bool:
        """If the crawl is complete: finish its crawl_runs rows and forget its state."""
        runs = {k.decode(): int(v) for k, v in self.server.hgetall(self.keys.runs).items()}
        keys = [
            self.keys.active,
            self.keys.workers,
            self.keys.requests,
            self.keys.items,
            self.keys.processing,
            self.keys.seen_lists,
            self.keys.runs,
        ]
        if not int(self._complete(keys=keys)):
            return False
        self.runs.clear()
        with self.db.atomic():
            for run in runs.values():
                row = self.db.execute(
                    f"select {', '.join(COUNTERS)} from crawl_runs where id = ?", [run]
                ).fetchone()
                if row:
                    counts = {k: v or 0 for k, v in zip(COUNTERS, row, strict=True)}
                    finish_run(self.db, run, counts, "finished", "finished")
        self.summary.crawls_completed += 1
        logger.info("crawl %s complete: %d sites", self.keys.prefix, len(runs))
        return True
