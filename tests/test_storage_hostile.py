"""Storage under pressure: readers during a crawl, and hostile field values.

- A researcher's process runs long queries, long read transactions and
  searches in a loop while a real crawl writes: "database is locked" is
  counted on both sides, and must stay 0.
- Hostile titles and field values (SQL-ish strings, quotes, ``"; DROP TABLE``,
  very long strings, JSON-breaking text) are stored and read back exactly and
  never change the schema, also when searched for.

No unescaped <script> in Datasette's output: see
tests/test_datasette.py::test_hostile_headline_is_escaped_in_html.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsarchive.fingerprint import content_hash
from newsarchive.search.compile import QueryError
from newsarchive.search.engine import search
from newsarchive.storage import open_db
from newsarchive.storage.archive import store_article
from newsarchive.storage.articles import get_article
from newsarchive.urls import canonicalize_url
from tests.crawlsite import ROOT, GeneratedSite, SiteServer, crawl_command

ARTICLES = 200


def reader_loop(db_path: str, stop_path: str, out_path: str) -> None:
    """A researcher: heavy queries, long read transactions and searches until told to stop.

    Writes {"queries": n, "locked": n, "errors": [...]} to ``out_path``.
    """
    from sqlite_utils import Database

    queries = locked = 0
    errors: list[str] = []
    stop = Path(stop_path)
    while not stop.exists():
        try:
            # Python's default sqlite3 connection (5 s busy timeout), read-write as
            # researchers open it; and sqlite-utils on top of it for the search engine.
            conn = sqlite3.connect(db_path)
            try:
                conn.execute(
                    "select site, count(*), avg(length(body)), max(published_at) "
                    "from articles group by site"
                ).fetchall()
                conn.execute("select count(*) from articles where body like '%供热%'").fetchall()
                conn.execute(
                    "select a.headline, count(b.canonical_url) from articles a "
                    "left join articles b on substr(a.headline, 1, 4) = substr(b.headline, 1, 4) "
                    "group by a.canonical_url"
                ).fetchall()
                conn.execute("begin")  # a long read transaction, as a notebook leaves open
                conn.execute("select count(*) from articles").fetchall()
                time.sleep(0.3)
                conn.execute("select count(*) from pages").fetchall()
                conn.execute("commit")
                for query in ("供热管网改造", "春耕", "鄂尔多斯市 社区"):
                    search(Database(conn), query, limit=50)
                queries += 8
            finally:
                conn.close()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                locked += 1
            errors.append(f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # counted, not hidden
            errors.append(f"{type(exc).__name__}: {exc}")
    Path(out_path).write_text(json.dumps({"queries": queries, "locked": locked, "errors": errors}))


@pytest.mark.slow
def test_readers_and_a_crawl_see_no_locked_database(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    open_db(db).close()  # the schema exists before the reader starts
    stop, out = tmp_path / "stop", tmp_path / "reader.json"
    code = (
        "import sys; from tests.test_storage_hostile import reader_loop; "
        "reader_loop(sys.argv[1], sys.argv[2], sys.argv[3])"
    )
    site = GeneratedSite(ARTICLES, per_page=20)
    with SiteServer(site) as server:
        reader = subprocess.Popen(
            [sys.executable, "-c", code, str(db), str(stop), str(out)], cwd=ROOT
        )
        try:
            crawl = subprocess.run(
                crawl_command(server, db, LOG_LEVEL="INFO"),
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=600,
            )
        finally:
            stop.touch()
            reader.wait(timeout=120)
    result = json.loads(out.read_text())
    crawl_locked = crawl.stderr.count("database is locked")
    print(
        f"\nreader: {result['queries']} queries during the crawl, {result['locked']} locked; "
        f"crawl: {crawl_locked} locked"
    )
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert crawl_locked == 0
    assert result["locked"] == 0 and result["errors"] == []
    assert result["queries"] > 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == ARTICLES


HOSTILE = [
    "'; DROP TABLE articles; --",
    '"; DROP TABLE articles; --',
    "Robert'); DROP TABLE articles;--",
    "标题' OR '1'='1",
    'x"]}, {"headline": "injected',
    '{"a": [1, 2',
    '\\u0000 \\" \\\\ ]]> -->',
    "<script>alert(1)</script>",
    "title\r\nSet-Cookie: a=b",
    "٩(͡๏̯͡๏)۶ \u202e\u200b\ufeff 𠮷",
    "NULL",
    "长" * 100_000,
]


def hostile_record(n: int, value: str) -> dict:
    url = f"http://www.example.cn/2024/05/12/{n}.html?q={value[:50]}"
    body = f"{value}\n第{n}段正文。"
    return {
        "url": url,
        "canonical_url": canonicalize_url(url),
        "site": value if n % 2 else "example",
        "headline": value,
        "subtitle": value,
        "published_at": "2024-05-12T08:00:00+08:00",
        "published_raw": value,
        "source": value,
        "editor": value,
        "authors": [value, "王海燕"],
        "section": value,
        "body": body,
        "images": [{"url": f"http://img.example.cn/{n}.jpg", "caption": value}],
        "content_hash": content_hash(body),
        "fetched_at": "2024-05-12T12:00:00+08:00",
        "extractor_version": "test",
        "encoding": "utf-8",
        "warnings": [value],
    }


def schema(db) -> list[tuple]:
    return db.execute("select type, name, sql from sqlite_master order by type, name").fetchall()


def test_hostile_values_are_stored_exactly_and_never_change_the_schema(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    before = schema(db)
    for n, value in enumerate(HOSTILE):
        record = hostile_record(n, value)
        assert store_article(db, record, None) == "new"
        stored = get_article(db, record["canonical_url"])
        assert stored is not None
        for field in ("headline", "source", "editor", "body", "authors", "images", "warnings"):
            assert stored[field] == record[field], field
    assert schema(db) == before
    assert db.execute("select count(*) from articles").fetchone()[0] == len(HOSTILE)
    db.close()


def test_hostile_searches_never_change_the_schema(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    for n, value in enumerate(HOSTILE):
        store_article(db, hostile_record(n, value), None)
    before = schema(db)
    found = 0
    for value in HOSTILE[:-1] + ["长" * 500, '"', "*", "NEAR(", "a OR", ")"]:
        with contextlib.suppress(QueryError):  # a query the search language refuses
            found += len(search(db, value, limit=5))
    assert found > 0
    assert schema(db) == before
    assert db.execute("select count(*) from articles").fetchone()[0] == len(HOSTILE)
    db.close()
