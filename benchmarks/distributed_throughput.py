"""Throughput of a distributed crawl with 1, 2 and 4 crawler processes.

A generated news site (tests/crawlsite.py) on 127.0.0.1 answers every request
after a fixed delay (a slow server far away); a throwaway redis-server holds
the crawl; ``newsarchive ingest`` writes the archive. Each crawler process is
as polite as one local crawl would be (``--per-process`` requests at a time),
so more processes mean more pages in flight.

    python benchmarks/distributed_throughput.py [--articles 600] [--delay 0.2]
        [--per-process 4] [--crawlers 1,2,4]

pages/s is measured between the first and the last page the site served;
"wall" includes the processes' start-up and the end of ingest. Then ingest
alone: articles already extracted and waiting in Redis, written into a new
archive (its ceiling, whatever the number of crawlers).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout

from tests.crawlsite import FAST, GeneratedSite, Page, SiteServer, command  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402


class SlowSite(GeneratedSite):
    """The generated site, answering each request after ``delay`` seconds."""

    def __init__(self, articles: int, delay: float) -> None:
        super().__init__(articles, per_page=25)
        self.delay = delay
        self.times: list[float] = []
        self.times_lock = threading.Lock()

    def answer(self, url: str, request_headers: dict[str, str]) -> Page:
        time.sleep(self.delay)
        with self.times_lock:
            self.times.append(time.monotonic())
        return super().answer(url, request_headers)


def one_run(crawlers: int, articles: int, delay: float, per_process: int) -> dict[str, float]:
    site = SlowSite(articles, delay)
    with RedisServer() as redis_server, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.db"
        with SiteServer(site) as web:
            options = {
                **FAST,
                "NEWSARCHIVE_PROXY": web.proxy_url,
                "CONCURRENT_REQUESTS": str(per_process),
                "CONCURRENT_REQUESTS_PER_DOMAIN": str(per_process),
                "NEWSARCHIVE_REDIS_HEARTBEAT": "1",
            }
            pairs = [a for k, v in options.items() for a in ("-s", f"{k}={v}")]
            crawl = command("crawl", "nmgnews", "--redis", redis_server.url, *pairs)
            started = time.monotonic()
            out = subprocess.DEVNULL
            ingest = subprocess.Popen(
                command("ingest", "--redis", redis_server.url, "--db", str(db)),
                cwd=ROOT,
                stdout=out,
                stderr=out,
            )
            procs = [
                subprocess.Popen(
                    [*crawl, "--db", str(Path(tmp) / f"unused-{i}.db")],
                    cwd=ROOT,
                    stdout=out,
                    stderr=out,
                )
                for i in range(crawlers)
            ]
            for proc in procs:
                proc.wait()
            crawled = time.monotonic() - started
            ingest.wait()
            wall = time.monotonic() - started
        import sqlite3

        conn = sqlite3.connect(db)
        archived = conn.execute("select count(*) from articles").fetchone()[0]
        conn.close()
    pages = len(site.times)
    span = max(site.times) - min(site.times) if pages > 1 else float("nan")
    return {
        "pages": pages,
        "span": span,
        "rate": pages / span,
        "crawled": crawled,
        "wall": wall,
        "archived": archived,
    }


def ingest_rate(articles: int) -> tuple[float, float]:
    """(articles/s written by ingest alone, seconds the extraction took in one process)."""
    from newsarchive.article_record import page_record
    from newsarchive.distributed import messages
    from newsarchive.distributed.ingest import Ingest
    from newsarchive.distributed.keys import Keys
    from newsarchive.items import PageItem
    from newsarchive.storage import open_db

    site = GeneratedSite(articles)
    started = time.monotonic()
    batch = []
    for url in site.article_urls():
        answer = site.answer(url, {})
        fetched = "2024-07-01T08:00:00+08:00"
        page = PageItem("nmgnews", url, answer.status, answer.headers, answer.body, fetched)
        batch.append(messages.article(page_record(page), page))
    extraction = time.monotonic() - started
    with RedisServer() as redis_server, tempfile.TemporaryDirectory() as tmp:
        server = redis_server.client()
        keys = Keys()
        server.lpush(keys.items, *batch)
        server.set(keys.active, "1")
        db = open_db(Path(tmp) / "news.db")
        started = time.monotonic()
        summary = Ingest(server, keys, db).run(wait=0.1)
        elapsed = time.monotonic() - started
        db.close()
    return summary.counts["articles_new"] / elapsed, extraction


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--delay", type=float, default=0.2, help="seconds per answer")
    parser.add_argument("--per-process", type=int, default=4, help="requests in flight per crawler")
    parser.add_argument("--crawlers", default="1,2,4", help="crawler process counts to run")
    args = parser.parse_args()
    counts = [int(n) for n in args.crawlers.split(",")]
    print(
        f"site: {args.articles} articles, {args.delay * 1000:.0f} ms per answer; "
        f"{args.per_process} requests in flight per crawler; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'crawlers':>8}  {'pages':>6}  {'pages/s':>8}  {'speed-up':>8}  {'fetch s':>8}  "
          f"{'wall s':>7}  {'archived':>8}")  # fmt: skip
    base = None
    for n in counts:
        r = one_run(n, args.articles, args.delay, args.per_process)
        base = base or r["rate"]
        print(
            f"{n:>8}  {r['pages']:>6}  {r['rate']:>8.1f}  {r['rate'] / base:>7.2f}x  "
            f"{r['span']:>8.1f}  {r['wall']:>7.1f}  {r['archived']:>8}"
        )
    rate, extraction = ingest_rate(args.articles)
    print(
        f"ingest alone: {rate:.0f} articles/s into a new archive "
        f"(extracting the same {args.articles} pages in one process: "
        f"{args.articles / extraction:.0f} pages/s)"
    )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
