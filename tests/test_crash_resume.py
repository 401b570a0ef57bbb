"""Crash safety: a crawl killed with SIGKILL at random moments, rerun each time, loses
and duplicates nothing.

A generated site of 1,000 articles is crawled by real ``newsarchive crawl``
processes. The first is killed at a random time during start-up, the next ones
when a random number of articles is stored (plus a random few milliseconds);
each kill is followed by the same command again, the last one runs to its end.
Set ``NEWSARCHIVE_CRASH_SEED`` to replay one sequence of kills.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.crawlsite import ROOT, GeneratedSite, SiteServer, census, crawl_command

ARTICLES = 1000
KILLS_MID_CRAWL = 5
RUN_TIMEOUT = 240.0


@dataclass
class Kill:
    planned: str
    stored_before: int
    stored_at_kill: int


def stored(db: Path) -> int:
    """Articles committed so far (0 before the archive exists)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return 0
    try:
        return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        conn.close()


def run_until(command: list[str], log: Path, when: str, value: float, db: Path, jitter: float):
    """Start the crawl; SIGKILL it at the planned moment. Returns (killed, stored then)."""
    with log.open("ab") as err:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=err, stderr=err)
    started = time.monotonic()
    try:
        while proc.poll() is None:
            if time.monotonic() - started > RUN_TIMEOUT:
                raise AssertionError(f"crawl did not finish in {RUN_TIMEOUT}s")
            due = (time.monotonic() - started >= value) if when == "time" else stored(db) >= value
            if due:
                time.sleep(jitter)
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True, stored(db)
            time.sleep(0.05)
        return False, stored(db)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_and_duplicates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = int(os.environ.get("NEWSARCHIVE_CRASH_SEED") or random.randrange(1 << 30))
    rng = random.Random(seed)
    site = GeneratedSite(ARTICLES, per_page=25)
    db = tmp_path / "news.db"
    log = tmp_path / "crawl.log"
    plan = [("time", rng.uniform(0.5, 4.0))]
    plan += [("articles", n) for n in sorted(rng.sample(range(50, ARTICLES - 80), KILLS_MID_CRAWL))]
    kills: list[Kill] = []
    started = time.monotonic()
    with SiteServer(site) as server:
        command = crawl_command(server, db)
        for when, value in plan:
            before = stored(db)
            killed, after = run_until(command, log, when, value, db, rng.uniform(0, 0.15))
            assert killed, f"the crawl ended before the planned kill ({when} {value})"
            kills.append(
                Kill(f"{when} {value:.2f}" if when == "time" else f"{when} {value}", before, after)
            )
        # The same command once more, to its end.
        killed, _ = run_until(command, log, "time", float("inf"), db, 0)
        assert not killed
        fetched = {url: site.hits[url] for url in site.articles}
    elapsed = time.monotonic() - started

    found = census(db, site.articles)
    conn = sqlite3.connect(db)
    not_done = conn.execute("select count(*) from frontier where state != 'done'").fetchone()[0]
    conn.close()
    refetched = sum(n - 1 for n in fetched.values() if n > 1)

    report = [
        f"crash test (seed {seed}): {len(kills)} kills with SIGKILL, then one run to the end, "
        f"{elapsed:.0f} s in all",
        *(
            f"  kill {i}: at {k.planned}: {k.stored_before} -> {k.stored_at_kill} articles stored"
            for i, k in enumerate(kills, 1)
        ),
        f"  {found.line(ARTICLES)}, frontier not done {not_done}",
        f"  article pages fetched again after a kill (in flight, not yet committed): {refetched}",
    ]
    with capsys.disabled():  # the figures, in every run's output
        print("\n" + "\n".join(report))
    assert len(kills) >= 5
    assert not found.missing
    assert len(found.urls) == ARTICLES
    assert found.duplicate_rows == 0 and found.duplicate_pages == 0
    assert found.extra_versions == 0 and not_done == 0
    assert found.integrity == "ok"
