"""The shipped Datasette metadata, checked against a real datasette process on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from newsarchive.storage import open_db
from tests.search_archive import ARTICLES, build_archive, record

METADATA = Path(__file__).resolve().parent.parent / "datasette" / "metadata.json"
XSS = "<script>alert(1)</script>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    path = tmp_path_factory.mktemp("ds") / "news.db"  # database name "news", as data/news.db
    hostile = record("dahe", "hostile", headline=f"标题{XSS}测试", body="正文。", editor="刘洋")
    db = build_archive(path, [*ARTICLES, hostile])
    # A reprint cluster as `newsarchive reprints` stores it (two of the invented articles).
    db["reprint_clusters"].insert({"id": 1, "origin_url": ARTICLES[3]["url"], "size": 2})
    for article, origin in ((ARTICLES[3], 1), (ARTICLES[0], 0)):
        member = {"canonical_url": article["url"], "cluster_id": 1, "site": article["site"]}
        db["reprint_members"].insert({**member, "similarity": 0.9, "is_origin": origin})
    db.close()
    port = free_port()
    cmd = [sys.executable, "-m", "datasette", "serve", str(path), "-m", str(METADATA)]
    proc = subprocess.Popen(
        [*cmd, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # a wait, not an assertion on speed
        while True:
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail(f"datasette did not start: {proc.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def get(base_url: str, path: str, **params: str) -> bytes:
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    with urllib.request.urlopen(f"{base_url}{path}{query}", timeout=30) as response:
        return response.read()


def get_json(base_url: str, path: str, **params: str):
    return json.loads(get(base_url, path, **params))


def test_every_articles_column_is_described(tmp_path):
    meta = json.loads(METADATA.read_text(encoding="utf-8"))
    described = set(meta["databases"]["news"]["tables"]["articles"]["columns"])
    assert set(open_db(tmp_path / "news.db")["articles"].columns_dict) == described


def test_table_and_column_descriptions(base_url):
    meta = get_json(base_url, "/-/metadata.json")
    articles = meta["databases"]["news"]["tables"]["articles"]
    assert articles["description"].startswith("One row per article")
    assert "来源" in articles["columns"]["source"]
    page = get(base_url, "/news/articles").decode()
    assert "One row per article" in page
    assert 'data-column-description="来源 / 稿源' in page
    database = get_json(base_url, "/news.json")
    hidden = {t["name"] for t in database["tables"] if t["hidden"]}
    internal = {"_sqlite_migrations", "articles_fts", "frontier", "pages", "reprint_pairs"}
    assert internal <= hidden
    assert "articles" not in hidden and "reprint_clusters" not in hidden
    assert next(t for t in database["tables"] if t["name"] == "articles")["fts_table"] == (
        "articles_fts"
    )


def test_default_facets_and_sort_by_published_at(base_url):
    data = get_json(base_url, "/news/articles.json", _size="50")
    assert list(data["facet_results"]) == ["site", "source", "editor", "section"]
    sites = {r["value"]: r["count"] for r in data["facet_results"]["site"]["results"]}
    assert sites == {"nmgnews": 3, "cqnews": 2, "dahe": 4}
    sources = {r["value"]: r["count"] for r in data["facet_results"]["source"]["results"]}
    assert sources["新华社"] == 2
    column = data["columns"].index("published_at")
    dates = [row[column] for row in data["rows"] if row[column]]
    assert dates == sorted(dates, reverse=True)  # sort_desc by default
    data = get_json(base_url, "/news/articles.json", _sort="published_at", _shape="array")
    dates = [r["published_at"] for r in data if r["published_at"]]
    assert dates == sorted(dates)


def test_canned_queries(base_url):
    rows = get_json(base_url, "/news/articles_per_site_per_month.json", _shape="array")
    assert {"site": "nmgnews", "month": "2024-06", "articles": 1} in rows
    rows = get_json(base_url, "/news/top_sources.json", _shape="array")
    assert rows[0]["source"] == "新华社" and rows[0]["articles"] == 2 and rows[0]["sites"] == 2
    rows = get_json(base_url, "/news/editor_articles.json", name="李明", _shape="array")
    assert [r["headline"] for r in rows] == ["呼和浩特地铁二号线客流创新高"]
    rows = get_json(base_url, "/news/editor_articles.json", name="刘洋", _shape="array")
    assert len(rows) == 3
    rows = get_json(base_url, "/news/reprint_cluster_members.json", cluster_id="1", _shape="array")
    assert [(r["is_origin"], r["site"]) for r in rows] == [(1, "cqnews"), (0, "nmgnews")]
    rows = get_json(base_url, "/news/field_fill_rates.json", _shape="array")
    assert {r["site"] for r in rows} == {"nmgnews", "cqnews", "dahe"}


def test_full_text_search_query_short_and_long(base_url):
    short = get_json(base_url, "/news/full_text_search.json", q="防汛", _shape="array")
    assert {r["headline"] for r in short} == {
        "自治区部署今年防汛抗旱工作",
        "重庆启动防汛四级应急响应",
    }
    long = get_json(base_url, "/news/full_text_search.json", q="草原生态", _shape="array")
    assert [r["headline"] for r in long] == ["锡林郭勒草原生态保护补助资金发放到户"]
    assert "«草原生态»" in long[0]["snippet"]
    assert get_json(base_url, "/news/full_text_search.json", q="", _shape="array") == []


def test_hostile_headline_is_escaped_in_html(base_url):
    page = get(base_url, "/news/articles", site="dahe").decode()
    assert XSS not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
