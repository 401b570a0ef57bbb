"""One crawl per archive: a second crawl on the same database refuses at once, writing nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsarchive.lock import CrawlLock, CrawlLocked, holds_lock, lock_path
from tests.portal_site import CountingServer, Portal
from tests.test_adhoc import FAST, ROOT, newsarchive

HOLD = """
import sys, time
from newsarchive.lock import CrawlLock
lock = CrawlLock(sys.argv[1])
lock.acquire()
print("locked", flush=True)
time.sleep(600)
"""


@pytest.fixture
def holder(tmp_path: Path):
    """Another process holding the crawl lock of ``tmp_path/news.db``."""
    db = tmp_path / "news.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    yield db, proc
    proc.kill()
    proc.wait()


def test_lock_file_sits_next_to_the_database() -> None:
    assert lock_path("data/news.db") == Path("data/news.db.lock")


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with CrawlLock(db):
        assert holds_lock(db)
        with pytest.raises(CrawlLocked, match="already crawls"):
            CrawlLock(db).acquire()
    assert not holds_lock(db)
    with CrawlLock(db):  # free again
        pass


def test_lock_held_by_another_process_names_its_pid(holder) -> None:
    db, proc = holder
    with pytest.raises(CrawlLocked) as err:
        CrawlLock(db).acquire()
    assert f"another crawl (pid {proc.pid}) is writing to {db}" in str(err.value)


def test_kill_9_frees_the_lock(holder) -> None:
    db, proc = holder
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with CrawlLock(db):  # the kernel dropped the dead process's lock
        assert holds_lock(db)


def test_second_command_line_crawl_refuses_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    # The server holds its answers until the second crawl is done, so the first
    # crawl is certainly still running (holding the lock) while the second starts.
    gate = threading.Event()
    with CountingServer() as server:
        portal = Portal(server.port)

        def answer(host: str, path: str) -> tuple[int, str, bytes]:
            gate.wait(timeout=300)
            return portal.answer(host, path)

        server.answer = answer
        start = f"http://127.0.0.1:{server.port}/"
        code = "import sys; from newsarchive.cli import main; sys.exit(main())"
        first = subprocess.Popen(
            [sys.executable, "-c", code, "crawl", start, "--db", str(db), *FAST]
            + ["-s", "DOWNLOAD_TIMEOUT=600"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while not server.hits:  # its first request is out: it holds the lock
                assert first.poll() is None, first.communicate()
                time.sleep(0.1)
            second = newsarchive("crawl", start, "--db", str(db), timeout=300)
            first_still_running = first.poll() is None
        finally:
            gate.set()
        out, err = first.communicate(timeout=300)

    assert first_still_running  # the second gave up while the first was crawling
    assert second.returncode == 75
    assert second.stderr.strip() == (
        f"newsarchive crawl: another crawl (pid {first.pid}) is writing to {db}; "
        "wait for it to finish or use another --db"
    )
    assert second.stdout == ""
    assert first.returncode == 0, err
    with sqlite3.connect(db) as conn:
        runs = conn.execute("select count(*) from crawl_runs").fetchone()[0]
        articles = conn.execute("select count(*) from articles").fetchone()[0]
    assert runs == 1  # only the first crawl's
    assert f"articles stored: {articles}" in out


def test_scrapy_crawl_refuses_while_locked(holder) -> None:
    """Crawls started by ``scrapy crawl`` (and so by scrapyd) take the lock too."""
    db, _proc = holder
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "adhoc", "-a", "start=http://127.0.0.1:9/"]
        + ["-s", f"NEWSARCHIVE_DB={db}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "not crawling: another crawl" in result.stderr
    if db.exists():  # the spider's frontier may have opened the archive: no row written
        with sqlite3.connect(db) as conn:
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
            for table in {"crawl_runs", "articles"} & tables:
                assert conn.execute(f"select count(*) from {table}").fetchone()[0] == 0
