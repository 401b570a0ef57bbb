"""End to end: a real Scrapy crawl of the demo web on 127.0.0.1 into a real SQLite file.

The demo's expected outcome is written down in tests/fixtures/demo/EXPECTED.md.
"""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.fixtures import load_fixtures
from newsarchive.urls import canonicalize_url

ARTICLES = {
    "http://inews.nmgnews.com.cn/system/2011/10/14/010648316.shtml",
    "http://inews.nmgnews.com.cn/system/2023/10/14/013538871.shtml",
    "http://inews.nmgnews.com.cn/system/2023/10/15/013539120.shtml",
    "http://www.dzwww.com/shandong/sdnews/201503/t20150312_12060217.htm",
    "http://www.dzwww.com/xinwen/guoneixinwen/202310/t20231015_12816644.htm",
    "http://news.enorth.com.cn/system/2011/09/13/007512345.shtml",
    "http://news.enorth.com.cn/system/2019/10/14/037741234.shtml",
}
# One article reachable on two hosts: exactly one of them is stored.
MIRRORED = {
    "http://www.dzwww.com/shandong/sdnews/202310/t20231014_12815301.htm",
    "http://sd.dzwww.com/sdnews/202310/t20231014_12815301.htm",
}
FIELDS = ("headline", "subtitle", "published_at", "published_raw", "source", "editor")
FIELDS += ("section", "body")


def run_demo(db: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsarchive", "demo", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    db = tmp_path_factory.mktemp("demo") / "news.db"
    first = run_demo(db)
    second = run_demo(db)
    return db, first, second


def rows(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute("select * from articles")]


def test_each_demo_article_is_stored_exactly_once(demo: tuple[Path, str, str]) -> None:
    stored = [r["canonical_url"] for r in rows(demo[0])]
    assert len(stored) == len(set(stored)) == len(ARTICLES) + 1
    assert set(stored) >= ARTICLES
    assert len(MIRRORED & set(stored)) == 1


def test_summary_reports_what_the_crawl_did(demo: tuple[Path, str, str]) -> None:
    summary = demo[1]
    assert "articles stored: 8 (new 8, updated 0)" in summary
    assert "duplicates dropped: 2" in summary
    assert "failures: 1" in summary  # the 404
    assert "query it: sqlite3" in summary


def test_second_run_adds_no_rows(demo: tuple[Path, str, str]) -> None:
    assert "articles stored: 0 (new 0, updated 0)" in demo[2]
    assert len(rows(demo[0])) == 8


def test_redirected_article_keeps_its_final_url(demo: tuple[Path, str, str]) -> None:
    row = next(r for r in rows(demo[0]) if "007512345" in r["canonical_url"])
    assert row["url"] == "http://news.enorth.com.cn/system/2011/09/13/007512345.shtml"


def test_reprint_on_a_second_site_is_kept(demo: tuple[Path, str, str]) -> None:
    xinhua = [r for r in rows(demo[0]) if r["source"] == "新华社"]
    assert {r["site"] for r in xinhua} == {"nmgnews", "dzwww"}


def test_every_field_the_pages_show(demo: tuple[Path, str, str]) -> None:
    by_url = {r["canonical_url"]: r for r in rows(demo[0])}
    checked = 0
    for fx in load_fixtures():
        row = by_url.get(canonicalize_url(fx.url))
        if row is None:
            continue
        for field in FIELDS:
            assert row[field] == fx.expected[field], f"{fx.id} {field}"
        assert json.loads(row["authors"]) == fx.expected["authors"], fx.id
        checked += 1
    assert checked == 8


def test_crawl_runs_rows(demo: tuple[Path, str, str]) -> None:
    conn = sqlite3.connect(demo[0])
    runs = conn.execute(
        "select site, status, articles_new, articles_duplicate, failures from crawl_runs "
        "order by id"
    ).fetchall()
    assert {r[0] for r in runs} == {"nmgnews", "dzwww", "enorth"}
    assert all(r[1] == "finished" for r in runs)
    assert sum(r[2] for r in runs) == 8
    assert sum(r[3] for r in runs[:3]) == 2
    assert sum(r[4] for r in runs[:3]) == 1
