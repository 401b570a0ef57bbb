"""Distributed crawling (newsarchive.distributed): a real redis-server on 127.0.0.1.

Unit tests of the reliable frontier and of ingest, then the end-to-end test:
three crawler processes and one ingest process crawl a generated site of 2,000
articles; one crawler and the ingest process are killed with SIGKILL mid-crawl
and restarted. Every article must be archived exactly once.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest

pytest.importorskip("scrapy_redis", reason="the distributed extra (scrapy-redis) is not installed")

from redis import Redis  # noqa: E402
from scrapy.settings import Settings  # noqa: E402

from newsarchive.article_record import page_record  # noqa: E402
from newsarchive.distributed import messages  # noqa: E402
from newsarchive.distributed.addon import apply  # noqa: E402
from newsarchive.distributed.frontier import RedisFrontier  # noqa: E402
from newsarchive.distributed.ingest import Ingest  # noqa: E402
from newsarchive.distributed.keys import Keys  # noqa: E402
from newsarchive.items import PageItem  # noqa: E402
from newsarchive.storage import open_db  # noqa: E402
from tests.crawlsite import (  # noqa: E402
    FAST,
    ROOT,
    GeneratedSite,
    SiteServer,
    census,
    command,
)
from tests.redis_server import RedisServer, redis_server_binary  # noqa: E402

needs_redis = pytest.mark.skipif(
    redis_server_binary() is None,
    reason="redis-server is not installed (apt-get install redis-server; .ci/run does)",
)


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    if redis_server_binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    with RedisServer() as server:
        yield server.url


@pytest.fixture
def server(redis_url: str) -> Iterator[Redis]:
    client = Redis.from_url(redis_url)
    client.flushall()
    yield client
    client.flushall()


# -- settings -------------------------------------------------------------------------


def test_redis_mode_settings_open_no_archive() -> None:
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    settings.set("NEWSARCHIVE_REDIS_URL", "redis://127.0.0.1:1/0", "cmdline")
    apply(settings)
    assert settings.get("SCHEDULER").endswith("ReliableScheduler")
    assert settings.getbool("SCHEDULER_PERSIST")
    assert settings.get("NEWSARCHIVE_DB") is None
    pipelines = settings.getdict("ITEM_PIPELINES")
    assert set(pipelines) == {
        "pipelines.extract.ExtractPipeline",
        "newsarchive.distributed.export.RedisExportPipeline",
    }
    extensions = settings.getdict("EXTENSIONS")
    assert "newsarchive.lock.CrawlLockExtension" not in extensions
    assert "newsarchive.failures.FailureLog" not in extensions
    assert "newsarchive.distributed.export.Worker" in extensions


def test_without_redis_url_the_settings_are_untouched() -> None:
    settings = Settings()
    settings.setmodule("newsarchive.settings", priority="project")
    assert settings.get("NEWSARCHIVE_REDIS_URL") is None
    assert "pipelines.store.StorePipeline" in settings.getdict("ITEM_PIPELINES")


# -- the reliable frontier --------------------------------------------------------------


def test_a_popped_request_stays_in_flight_until_done(server: Redis) -> None:
    keys = Keys("t")
    worker = RedisFrontier(server, keys, "w1")
    worker.heartbeat(30)
    worker.push(b"request-a", 0)
    ident, data = worker.pop()  # type: ignore[misc]
    assert data == b"request-a"
    assert worker.queued() == 0 and worker.in_flight() == 1
    assert worker.work_left()
    worker.done(ident)
    assert worker.in_flight() == 0 and not worker.work_left()
    assert worker.pop() is None


def test_a_dead_workers_requests_go_back_to_the_queue(server: Redis) -> None:
    keys = Keys("t")
    dead = RedisFrontier(server, keys, "dead")
    alive = RedisFrontier(server, keys, "alive")
    dead.heartbeat(0.05)
    alive.heartbeat(30)
    dead.push(b"first", -5)
    dead.push(b"second", 0)
    assert dead.pop() is not None and dead.pop() is not None
    assert alive.reap() == 0  # still beating
    time.sleep(0.2)  # the heartbeat expires: killed with SIGKILL, say
    assert alive.reap() == 2
    assert alive.queued() == 2 and alive.in_flight() == 0
    assert server.sismember(keys.workers, "dead") == 0
    # Back with their priority (score): the higher priority first.
    assert alive.pop()[1] == b"first"  # type: ignore[index]
    assert alive.pop()[1] == b"second"  # type: ignore[index]


def test_a_rescheduled_request_ends_its_predecessor(server: Redis) -> None:
    worker = RedisFrontier(server, Keys("t"), "w1")
    worker.heartbeat(30)
    worker.push(b"old", 0)
    ident, _ = worker.pop()  # type: ignore[misc]
    worker.push(b"redirected", 0, finished=ident)
    assert worker.in_flight() == 0 and worker.queued() == 1


def test_a_worker_taken_for_dead_takes_nothing_until_it_beats_again(server: Redis) -> None:
    worker = RedisFrontier(server, Keys("t"), "w1")
    worker.push(b"a", 0)
    assert worker.pop() is None  # never registered, or its heartbeat expired
    worker.heartbeat(30)
    assert worker.pop() is not None


def test_seen_check_and_push_are_one_step(server: Redis) -> None:
    keys = Keys("t")
    worker = RedisFrontier(server, keys, "w1")
    worker.heartbeat(30)
    assert worker.push(b"a", 0, seen=(keys.seen_lists, "fp-a"))
    assert not worker.push(b"a-again", 0, seen=(keys.seen_lists, "fp-a"))
    assert worker.push(b"a-unfiltered", 0)  # dont_filter
    assert worker.queued() == 2
    ident, _ = worker.pop()  # type: ignore[misc]
    # A redirect to a page already seen: not queued, and the original ends all the same.
    assert not worker.push(b"redirected", 0, finished=ident, seen=(keys.seen_lists, "fp-a"))
    assert worker.in_flight() == 0


def test_leaving_gives_back_what_is_in_flight(server: Redis) -> None:
    worker = RedisFrontier(server, Keys("t"), "w1")
    worker.heartbeat(30)
    worker.push(b"a", 0)
    worker.pop()
    assert worker.leave() == 1
    assert worker.queued() == 1 and worker.live_workers() == 0


def parse_article(response: object) -> list[object]:  # the callback name that counts
    return []


def parse_list(response: object) -> list[object]:
    return []


def test_articles_are_seen_across_crawls_list_pages_per_crawl(server: Redis) -> None:
    from scrapy import Request

    from newsarchive.distributed.scheduler import SplitDupeFilter

    keys = Keys("t")
    seen = SplitDupeFilter(server, keys)
    article = Request("http://inews.nmgnews.com.cn/system/2024/01/01/1.shtml", parse_article)
    listing = Request("http://inews.nmgnews.com.cn/nmgxw/szxw/index.shtml", parse_list)
    assert not seen.request_seen(article) and seen.request_seen(article)
    assert not seen.request_seen(listing) and seen.request_seen(listing)
    seen.clear()  # a new crawl: list pages again, articles not
    assert not seen.request_seen(listing) and seen.request_seen(article)
    seen.forget(article)  # its fetch failed for good: may be queued again
    assert not seen.request_seen(article)


# -- ingest ---------------------------------------------------------------------------


def _article_message(site: GeneratedSite, url: str) -> bytes:
    answer = site.answer(url, {})
    page = PageItem(
        site="nmgnews",
        url=url,
        status=answer.status,
        headers=answer.headers,
        body=answer.body,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return messages.article(page_record(page), page)


def test_ingest_writes_articles_once_and_rewrites_what_a_killed_ingest_left(
    server: Redis,
    tmp_path: Path,
) -> None:
    keys = Keys("t")
    site = GeneratedSite(3)
    urls = site.article_urls()
    for url in urls:
        server.lpush(keys.items, _article_message(site, url))
    server.lpush(keys.items, messages.stats({"nmgnews": {"pages_fetched": 4}}))
    server.lpush(keys.items, messages.failure("nmgnews", "http://x/1", "http", "HTTP 404", 404))
    # A killed ingest had taken the first article and not committed it.
    server.lmove(keys.items, keys.processing, "RIGHT", "LEFT")
    # ... and the same article again is in the list (its crawler died after the push).
    server.lpush(keys.items, _article_message(site, urls[0]))
    server.set(keys.active, "1")

    db = open_db(tmp_path / "news.db")
    summary = Ingest(server, keys, db, batch=2).run(wait=0.1)
    assert summary.resumed == 1 and summary.crawls_completed == 1
    rows = db.execute("select canonical_url from articles").fetchall()
    assert sorted(r[0] for r in rows) == sorted(urls)
    assert db.execute("select count(*) from article_versions").fetchone()[0] == 3
    assert db.execute("select count(*) from pages").fetchone()[0] == 3
    assert db.execute("select count(*) from failures where kind = 'http'").fetchone()[0] == 1
    run = db.execute(
        "select status, pages_fetched, articles_new, articles_duplicate from crawl_runs"
    ).fetchall()
    assert run == [("finished", 4, 3, 1)]
    # The crawl's per-crawl state is gone; the article seen set would stay.
    assert server.llen(keys.items) == 0 and server.llen(keys.processing) == 0
    assert not server.exists(keys.active) and not server.exists(keys.runs)
    db.close()


def test_ingest_keeps_invalid_pages_raw_and_reports_them(server: Redis, tmp_path: Path) -> None:
    keys = Keys("t")
    url = "http://inews.nmgnews.com.cn/system/2024/01/01/013500001.shtml"
    page = PageItem("nmgnews", url, 200, {}, b"<html></html>", "2024-01-01T00:00:00+08:00")
    server.lpush(keys.items, messages.article(page_record(page), page))
    server.set(keys.active, "1")
    db = open_db(tmp_path / "news.db")
    Ingest(server, keys, db).run(wait=0.1)
    assert db.execute("select count(*) from articles").fetchone()[0] == 0
    assert db.execute("select count(*) from pages").fetchone()[0] == 1
    assert db.execute("select kind from failures").fetchall() == [("invalid",)]
    assert db.execute("select failures from crawl_runs").fetchall() == [(1,)]
    db.close()


def run_crawl_and_ingest(redis_url: str, web: SiteServer, db: Path, tmp: Path) -> str:
    """One crawler process and one ingest process, to the end; ingest's output."""
    options = {**FAST, "NEWSARCHIVE_PROXY": web.proxy_url, "NEWSARCHIVE_REDIS_HEARTBEAT": "1"}
    pairs = [a for k, v in options.items() for a in ("-s", f"{k}={v}")]
    crawl = command("crawl", "nmgnews", "--redis", redis_url, "--db", str(tmp / "x.db"), *pairs)
    ingest = subprocess.Popen(
        command("ingest", "--redis", redis_url, "--db", str(db)),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    crawler = subprocess.run(crawl, cwd=ROOT, capture_output=True, text=True, timeout=RUN_TIMEOUT)
    out, _ = ingest.communicate(timeout=RUN_TIMEOUT)
    assert crawler.returncode == 0, crawler.stderr[-3000:]
    assert ingest.returncode == 0, out[-3000:]
    assert "records sent to Redis" in crawler.stdout
    return out


@needs_redis
def test_failures_and_a_recurring_crawl(redis_url: str, server: Redis, tmp_path: Path) -> None:
    site = GeneratedSite(60, per_page=20)
    broken = site.article_urls()[5]
    site.missing.add(broken)
    db = tmp_path / "news.db"
    with SiteServer(site) as web:
        out = run_crawl_and_ingest(redis_url, web, db, tmp_path)
        assert "articles new: 59" in out and "crawls completed: 1" in out
        conn = sqlite3.connect(db)
        assert conn.execute("select count(*) from articles").fetchone()[0] == 59
        assert conn.execute("select url, kind, status from failures").fetchall() == [
            (broken, "http", 404)
        ]
        assert conn.execute("select status, failures from crawl_runs").fetchall() == [
            ("finished", 1)
        ]
        conn.close()
        # The next crawl: list pages again, no article already fetched, the failed one again.
        site.missing.clear()
        site.reset_hits()
        out = run_crawl_and_ingest(redis_url, web, db, tmp_path)
        assert site.article_hits() == 1 and site.hits[broken] == 1
        assert sum(n for url, n in site.hits.items() if "/nmgxw/" in url) >= 3
        conn = sqlite3.connect(db)
        assert conn.execute("select count(*) from articles").fetchone()[0] == 60
        runs = conn.execute("select status, articles_new from crawl_runs order by id").fetchall()
        assert runs == [("finished", 59), ("finished", 1)]
        conn.close()
    assert not (tmp_path / "x.db").exists()


@needs_redis
def test_scrapy_crawl_with_the_setting_is_a_redis_worker_too(
    redis_url: str, server: Redis, tmp_path: Path
) -> None:
    """``scrapy crawl`` / scrapyd: the add-on applies, the spider opens no archive."""
    import sys

    site = GeneratedSite(30, per_page=25)
    unused = tmp_path / "crawler.db"
    with SiteServer(site) as web:
        options = {
            **FAST,
            "NEWSARCHIVE_PROXY": web.proxy_url,
            "NEWSARCHIVE_REDIS_URL": redis_url,
            "NEWSARCHIVE_DB": str(unused),
        }
        pairs = [a for k, v in options.items() for a in ("-s", f"{k}={v}")]
        scrapy = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "sites=nmgnews", *pairs]
        result = subprocess.run(scrapy, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-3000:]
    assert not unused.exists() and not Path(f"{unused}.lock").exists()
    db = open_db(tmp_path / "news.db")
    summary = Ingest(server, Keys(), db).run(wait=0.1)
    assert summary.counts["articles_new"] == 30 and summary.crawls_completed == 1
    db.close()


def test_a_message_that_cannot_be_written_does_not_block_the_others(
    server: Redis, tmp_path: Path
) -> None:
    keys = Keys("t")
    site = GeneratedSite(2)
    good = _article_message(site, site.article_urls()[0])
    broken = messages.dumps({"type": "article", "record": {"no": "site"}, "page": None})
    server.lpush(keys.items, broken, good, b"not a pickle")
    server.set(keys.active, "1")
    db = open_db(tmp_path / "news.db")
    summary = Ingest(server, keys, db).run(wait=0.1)
    assert db.execute("select count(*) from articles").fetchone()[0] == 1
    assert summary.counts["unwritable"] == 1 and summary.counts["unreadable"] == 1
    assert server.llen(keys.processing) == 0
    db.close()


# -- end to end: 3 crawlers + 1 ingest, SIGKILLs -----------------------------------------

ARTICLES = 2000
RUN_TIMEOUT = 300.0


def stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return 0
    try:
        return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


class Processes:
    """The crawl's processes, their output in one log; all killed at the end."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, args: list[str]) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=out)
        self.procs.append(proc)
        return proc

    def kill_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


T = TypeVar("T")


def wait_for(condition: Callable[[], T], what: str, started: float) -> T:
    """Poll until ``condition()`` is truthy; return that value."""
    while not (value := condition()):
        if time.monotonic() - started > RUN_TIMEOUT:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return value


@needs_redis
@pytest.mark.slow
def test_three_crawlers_and_ingest_killed_mid_crawl_lose_and_duplicate_nothing(
    redis_url: str, server: Redis, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = Keys()
    site = GeneratedSite(ARTICLES, per_page=25)
    db = tmp_path / "news.db"
    crawler_db = tmp_path / "crawler-must-not-write.db"
    procs = Processes(tmp_path / "processes.log")
    started = time.monotonic()
    try:
        with SiteServer(site) as web:
            options = {
                **FAST,
                "NEWSARCHIVE_PROXY": web.proxy_url,
                "NEWSARCHIVE_REDIS_HEARTBEAT": "1",
                "CONCURRENT_REQUESTS": "8",
            }
            pairs = [a for k, v in options.items() for a in ("-s", f"{k}={v}")]
            crawl = command(
                "crawl", "nmgnews", "--redis", redis_url, "--db", str(crawler_db), *pairs
            )
            ingest = command("ingest", "--redis", redis_url, "--db", str(db))

            first_ingest = procs.start(ingest)
            crawlers = [procs.start(crawl) for _ in range(3)]
            # One crawler killed while it holds requests in flight, then restarted.
            wait_for(lambda: stored(db) >= ARTICLES // 5, "the first articles", started)
            victim = crawlers[0]
            # A crawler between two batches holds nothing: kill it once it holds some.
            in_flight_at_kill = wait_for(
                lambda: sum(
                    server.hlen(k) for k in server.keys(f"{keys.prefix}:inflight:*:{victim.pid}:*")
                ),
                "the crawler to hold requests in flight",
                started,
            )
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait()
            crawlers.append(procs.start(crawl))
            # The ingest process killed mid-crawl, then restarted.
            wait_for(lambda: stored(db) >= ARTICLES // 2, "half of the articles", started)
            # Preferably while it holds messages taken and not committed.
            deadline = time.monotonic() + 5
            while server.llen(keys.processing) == 0 and time.monotonic() < deadline:
                time.sleep(0.001)
            os.kill(first_ingest.pid, signal.SIGKILL)
            first_ingest.wait()
            processing_at_kill = server.llen(keys.processing)
            at_ingest_kill = stored(db)
            second_ingest = procs.start(ingest)

            for proc in [*crawlers[1:], second_ingest]:
                wait_for(lambda p=proc: p.poll() is not None, "the processes to end", started)
            codes = [p.returncode for p in [*crawlers[1:], second_ingest]]
            fetched = {url: site.hits[url] for url in site.articles}
    finally:
        procs.kill_all()
    elapsed = time.monotonic() - started
    log = (tmp_path / "processes.log").read_text(errors="replace")
    assert codes == [0, 0, 0, 0], log[-3000:]

    found = census(db, site.articles)
    conn = sqlite3.connect(db)
    runs = conn.execute(
        "select site, status, articles_new, articles_duplicate, pages_fetched from crawl_runs"
    ).fetchall()
    failures = conn.execute("select url, kind, reason from failures").fetchall()
    conn.close()
    refetched = sum(n - 1 for n in fetched.values() if n > 1)
    reaps = log.count("requests of dead workers back")
    left = {
        "queued": server.zcard(keys.requests),
        "workers": server.scard(keys.workers),
        "items": server.llen(keys.items),
        "processing": server.llen(keys.processing),
    }
    with capsys.disabled():
        print(
            f"\ndistributed crawl: 3 crawlers + 1 ingest, {ARTICLES} articles, {elapsed:.0f} s\n"
            f"  crawler killed holding {in_flight_at_kill} requests in flight, restarted\n"
            f"  ingest killed at {at_ingest_kill} articles with {processing_at_kill} messages "
            "taken and not committed, restarted\n"
            f"  {found.line(ARTICLES)}\n"
            f"  article pages fetched twice (in flight at the kill): {refetched}; "
            f"reaps: {reaps}\n"
            f"  crawl_runs: {runs}\n  left in Redis: {left}\n  failures: {failures}"
        )
    assert in_flight_at_kill > 0, "the killed crawler held nothing: the kill proved nothing"
    assert not failures, "a fetch failed: a missing article would not be the frontier's fault"
    assert not found.missing
    assert len(found.urls) == ARTICLES
    assert found.duplicate_rows == 0 and found.duplicate_pages == 0
    assert found.extra_versions == 0 and found.integrity == "ok"
    assert [(s, st, new) for s, st, new, _, _ in runs] == [("nmgnews", "finished", ARTICLES)]
    assert left == {"queued": 0, "workers": 0, "items": 0, "processing": 0}
    assert not crawler_db.exists(), "a crawler process wrote an archive"


# -- the command line -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, message",
    [
        (["crawl", "nmgnews", "--redis", "redis://127.0.0.1:1/0"], "cannot reach Redis at"),
        (["ingest", "--redis", "redis://127.0.0.1:1/0"], "cannot reach Redis at"),
        (["crawl", "http://example.com/", "--redis", "redis://127.0.0.1:1/0"], "start URLs"),
    ],
)
def test_cli_errors_are_one_sentence(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsarchive.cli import main

    assert main([*argv, "--db", str(tmp_path / "news.db")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "news.db").exists()
