"""Raw capture: every fetched article's bytes, headers, redirects and sha256, kept atomically."""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

import pytest
from scrapy import signals

from newsarchive.items import PageItem
from newsarchive.storage import archive as archive_mod
from newsarchive.storage import open_db
from newsarchive.storage.archive import store_article, store_page_only
from newsarchive.storage.pages import (
    capture_pages,
    compress,
    decompress,
    latest_captures,
    save_capture,
)
from pipelines.dedup import Duplicate
from pipelines.store import StorePipeline
from pipelines.validate import NotAnArticle
from tests.crawlsite import Archived, archived
from tests.pipeline_helpers import make_crawler

URL = "http://inews.nmgnews.com.cn/system/2024/05/01/013512345.shtml"
OLD_URL = "http://inews.nmgnews.com.cn/system/2024/05/01/099912345.shtml"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Archived:
    return archived(tmp_path_factory.mktemp("crawl"))


def page(body: bytes = "<html><p>正文</p></html>".encode("gbk")) -> PageItem:
    return PageItem(
        site="nmgnews",
        url=URL,
        status=200,
        headers={"Content-Type": "text/html", "ETag": '"abc"'},
        body=body,
        fetched_at="2024-05-01T12:00:00+08:00",
        redirects=[OLD_URL],
    )


def record(body: str = "正文", digest: str = "h1") -> dict:
    return {
        "site": "nmgnews",
        "url": URL,
        "canonical_url": URL,
        "headline": "标题",
        "body": body,
        "content_hash": digest,
        "extractor_version": "1",
        "fetched_at": "2024-05-01T12:00:00+08:00",
    }


@pytest.mark.parametrize("data", [b"", b"<html>" + "内蒙古".encode("gbk") * 500 + b"</html>"])
def test_compression_round_trips(data: bytes) -> None:
    method, packed = compress(data)
    assert method in ("zstd", "zlib")
    assert decompress(method, packed) == data
    assert decompress("zlib", zlib.compress(data)) == data


def test_a_fetch_is_stored_with_everything_needed_to_rebuild_it(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    store_article(db, record(), page())
    (row,) = db.query("select * from pages")
    assert row["url"] == URL and row["status"] == 200 and row["part"] == 0
    assert json.loads(row["redirects"]) == [OLD_URL]
    assert json.loads(row["headers"])["ETag"] == '"abc"'
    assert row["fetched_at"] == "2024-05-01T12:00:00+08:00"
    raw = decompress(row["compression"], row["body"])
    assert raw == page().body and row["sha256"] == hashlib.sha256(raw).hexdigest()
    # The requested (old) URL and the final one are both done.
    states = dict(db.execute("select canonical_url, state from frontier").fetchall())
    assert states == {URL: "done", OLD_URL: "done"}


def test_the_same_bytes_are_not_stored_twice(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    first, new = save_capture(db, URL, page())
    again, new_again = save_capture(db, URL, page())
    assert new and not new_again and again == first
    changed, stored = save_capture(db, URL, page(b"<html>changed</html>"))
    assert stored and changed != first
    assert db["pages"].count == 2


def test_continuation_pages_belong_to_the_capture(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    item = page()
    item.continuation = [(URL.replace(".shtml", "_2.shtml"), b"<p>2</p>", {"X": "1"})]
    capture, _ = save_capture(db, URL, item)
    pages = capture_pages(db, capture)
    assert [p.part for p in pages] == [0, 1]
    assert pages[1].body == b"<p>2</p>" and pages[1].url.endswith("_2.shtml")


def test_article_and_raw_pages_are_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_db(tmp_path / "a.db")

    def crash(*args: object) -> None:
        raise RuntimeError("killed between the article and its version")

    monkeypatch.setattr(archive_mod, "record_version", crash)
    with pytest.raises(RuntimeError):
        store_article(db, record(), page())
    assert db["pages"].count == 0
    assert db["articles"].count == 0
    assert db["frontier"].count == 0


def test_a_page_that_gave_no_article_is_still_kept(tmp_path: Path) -> None:
    db = open_db(tmp_path / "a.db")
    store_page_only(db, page(b"<html></html>"), "invalid")
    assert db["pages"].count == 1 and db["articles"].count == 0
    assert db.execute(
        "select state, outcome from frontier where canonical_url = ?", [URL]
    ).fetchone() == (
        "done",
        "invalid",
    )


def test_a_crawl_keeps_the_raw_bytes_of_every_article(crawled: Archived, tmp_path: Path) -> None:
    db = open_db(crawled.copy(tmp_path / "c.db"))
    site = crawled.site
    assert db["articles"].count == len(site.articles)
    captures = list(latest_captures(db))
    assert len(captures) == len(site.articles)
    for capture in captures:
        (stored,) = capture_pages(db, capture)
        sent = site.answer(stored.url, {})
        assert stored.body == sent.body  # byte for byte, still GBK
        assert stored.sha256 == hashlib.sha256(sent.body).hexdigest()
        headers = {k.lower(): v for k, v in stored.headers.items()}
        assert stored.status == 200 and headers["etag"] == sent.headers["ETag"]
        assert stored.redirects == [k for k, v in site.moved.items() if v == stored.url]
    moved = db.execute("select count(*) from pages where redirects != '[]'").fetchone()[0]
    assert moved == len(site.moved) > 0
    # Every article row has its raw page.
    orphans = db.execute(
        "select count(*) from articles a where not exists "
        "(select 1 from pages p where p.canonical_url = a.canonical_url)"
    ).fetchone()[0]
    assert orphans == 0


def test_pages_dropped_or_failing_in_the_pipelines_are_kept(tmp_path: Path) -> None:
    db_path = tmp_path / "a.db"
    crawler = make_crawler(db_path)
    store = StorePipeline.from_crawler(crawler)
    store.open_spider()
    dup = page()
    send = crawler.signals.send_catch_log
    duplicate = Duplicate("duplicate: x")
    send(signals.item_dropped, item={"_page": dup}, response=None, exception=duplicate)
    empty = page(b"<html><title>x</title></html>")
    empty.url = empty.url.replace("12345", "67890")
    empty.redirects = []
    not_article = NotAnArticle("not an article (empty body)", ["empty body"])
    send(signals.item_dropped, item={"_page": empty}, response=None, exception=not_article)
    broken = page(b"<html>\xff\xfe</html>")
    broken.url = broken.url.replace("12345", "54321")
    broken.redirects = []
    send(signals.item_error, item=broken, response=None, failure=None)
    store.close_spider()
    db = open_db(db_path)
    outcomes = dict(db.execute("select canonical_url, outcome from frontier").fetchall())
    assert outcomes == {
        URL: "duplicate",
        OLD_URL: "duplicate",
        empty.url: "invalid",
        broken.url: "error",
    }
    assert db["pages"].count == 3 and db["articles"].count == 0
