"""The live progress line, and the crawl's timing stored in crawl_runs."""

from __future__ import annotations

import io
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.progress import per_site, progress_line, totals
from tests.portal_site import CountingServer, Portal
from tests.test_adhoc import FAST, ROOT

STATS = {
    "newsarchive/nmgnews/pages_fetched": 30,
    "newsarchive/nmgnews/articles_new": 20,
    "newsarchive/nmgnews/failures": 1,
    "newsarchive/www.example.cn/pages_fetched": 10,
    "newsarchive/www.example.cn/articles_duplicate": 2,
    "newsarchive/robots_blocked_hosts": 1,
    "downloader/request_count": 45,
}


def test_counters_per_site_and_in_total() -> None:
    sites = per_site(STATS)
    assert set(sites) == {"nmgnews", "www.example.cn"}
    assert sites["nmgnews"]["articles_new"] == 20 and sites["nmgnews"]["articles_updated"] == 0
    assert totals(STATS) == {
        "pages_fetched": 40,
        "articles_new": 20,
        "articles_updated": 0,
        "articles_duplicate": 2,
        "failures": 1,
    }


def test_progress_line() -> None:
    line = progress_line(totals(STATS), elapsed=3725.0)
    assert line == (
        "pages 40  articles new 20  updated 0  duplicate 2  failures 1  0.0 pages/s  1:02:05"
    )
    assert "4.0 pages/s  0:00:10" in progress_line(totals(STATS), elapsed=10.0)
    assert "0.0 pages/s  0:00:00" in progress_line({}, elapsed=0.0)


def crawl_command(db: Path, port: int) -> list[str]:
    code = "import sys; from newsarchive.cli import main; sys.exit(main())"
    start = f"http://127.0.0.1:{port}/"
    # Slow enough for several progress lines.
    return [sys.executable, "-c", code, "crawl", start, "--db", str(db), *FAST] + [
        "-s",
        "DOWNLOAD_DELAY=0.2",
        "-s",
        "NEWSARCHIVE_PROGRESS_INTERVAL=0.5",
    ]


def test_progress_lines_in_a_log_and_timing_in_crawl_runs(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with CountingServer() as server:
        portal = Portal(server.port)
        server.answer = portal.answer
        result = subprocess.run(
            crawl_command(db, server.port), cwd=ROOT, capture_output=True, text=True, timeout=120
        )
    assert result.returncode == 0, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("pages ")]
    assert len(lines) >= 2 and "\r" not in result.stderr  # not a terminal: whole lines
    assert all(" pages/s " in ln for ln in lines)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        (run,) = conn.execute("select * from crawl_runs").fetchall()
    assert run["status"] == "finished"
    assert run["articles_new"] == len(portal.article_paths)
    assert run["elapsed_seconds"] > 0
    rate = run["pages_fetched"] / run["elapsed_seconds"]
    assert run["pages_per_second"] == pytest.approx(rate, rel=0.01)


def test_progress_line_rewritten_in_place_on_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with CountingServer() as server:
        server.answer = Portal(server.port).answer
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            crawl_command(db, server.port),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=slave,
            stdin=subprocess.DEVNULL,
        )
        os.close(slave)
        output = io.BytesIO()
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the terminal closed: the crawl exited
                break
            if not chunk:
                break
            output.write(chunk)
        os.close(master)
        assert proc.wait(timeout=120) == 0
    text = output.getvalue().decode("utf-8", "replace")
    updates = [part for part in text.split("\r") if part.startswith("pages ")]
    assert len(updates) >= 2  # the same line, rewritten
    assert text.endswith("\n")  # the final line is kept, and the shell prompt goes below it
