"""``newsarchive ingest --redis URL --db PATH``: the one writer of a distributed crawl."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from types import FrameType

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db
from newsarchive.lock import CrawlLock, CrawlLocked

EXIT_LOCKED = 75


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="write what distributed crawlers (crawl --redis) send into the archive",
        description=(
            "Take the articles, raw pages, failures and counters that crawler processes "
            "started with 'newsarchive crawl --redis URL' push to Redis and write them into "
            "the archive: the only process writing it. Stops when the crawl is complete "
            "(every worker gone, nothing queued, everything written), or runs on with "
            "--follow. Safe to kill: a restarted ingest writes what was not committed."
        ),
    )
    p.add_argument("--redis", required=True, metavar="URL", help="redis://host:port/db")
    p.add_argument(
        "--prefix",
        default="newsarchive",
        help="the crawl's Redis key prefix, as NEWSARCHIVE_REDIS_PREFIX (default: %(default)s)",
    )
    p.add_argument(
        "--follow", action="store_true", help="keep ingesting crawl after crawl until stopped"
    )
    p.add_argument(
        "--batch",
        type=int,
        default=200,
        metavar="N",
        help="messages per SQLite transaction (default: %(default)s)",
    )
    add_db(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from newsarchive.distributed.connection import RedisUnavailable, connect

    try:
        server = connect(args.redis)
    except RedisUnavailable as exc:
        raise CliError(str(exc)) from None
    from newsarchive.distributed.ingest import Ingest, IngestSummary
    from newsarchive.distributed.keys import Keys
    from newsarchive.storage import open_db

    stopping: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    last = [time.monotonic()]

    def progress(summary: IngestSummary) -> None:
        if time.monotonic() - last[0] >= 10:
            last[0] = time.monotonic()
            print(line(summary), file=sys.stderr, flush=True)

    try:
        with CrawlLock(args.db):
            db = open_db(args.db)
            try:
                ingest = Ingest(server, Keys(args.prefix), db, batch=max(1, args.batch))
                summary = ingest.run(
                    follow=args.follow, stop=lambda: bool(stopping), progress=progress
                )
            finally:
                db.close()
    except CrawlLocked as exc:
        raise CliError(str(exc), code=EXIT_LOCKED) from None
    print(line(summary) + f"  elapsed: {summary.elapsed:.1f}s")
    if stopping:
        print("stopped; the crawl's state stays in Redis for the next ingest", file=sys.stderr)
    return 0


def line(summary) -> str:  # type: ignore[no-untyped-def]
    c = summary.counts
    resumed = f" (re-written after a kill: {summary.resumed})" if summary.resumed else ""
    return (
        f"messages: {summary.messages}{resumed}  pages fetched: {c['pages_fetched']}  "
        f"articles new: {c['articles_new']}  updated: {c['articles_updated']}  "
        f"duplicates: {c['articles_duplicate']}  failures: {c['failures']}  "
        f"crawls completed: {summary.crawls_completed}"
    )
