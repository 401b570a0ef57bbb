import sqlite3
from pathlib import Path

from newsarchive.storage import open_db
from newsarchive.storage.articles import get_article, same_content_elsewhere, save_article
from newsarchive.storage.runs import finish_run, start_run


def record(**over: object) -> dict:
    base = {
        "canonical_url": "http://inews.nmgnews.com.cn/system/2011/10/14/010654321.shtml",
        "url": "http://inews.nmgnews.com.cn/system/2011/10/14/010654321.shtml",
        "site": "nmgnews",
        "headline": "草原牧区开展冬季防火演练",
        "authors": ["王晓"],
        "images": [{"url": "http://inews.nmgnews.com.cn/a.jpg", "caption": "演练现场"}],
        "body": "第一段。\n第二段。",
        "content_hash": "h1",
        "extractor_version": "1",
    }
    return base | over


def test_schema_wal_and_busy_timeout(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    assert {"articles", "crawl_runs"} <= set(db.table_names())
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma busy_timeout").fetchone()[0] >= 5000
    assert db["articles"].pks == ["canonical_url"]


def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    open_db(path).close()
    db = open_db(path)  # reopening applies nothing twice
    names = [r[0] for r in db.execute("select name from _sqlite_migrations")]
    assert len(names) == len(set(names))


def test_save_new_unchanged_updated(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    assert save_article(db, record()) == "new"
    assert save_article(db, record()) == "unchanged"
    assert save_article(db, record(content_hash="h2", body="改过的正文。")) == "updated"
    assert db["articles"].count == 1
    stored = get_article(db, record()["canonical_url"])
    assert stored is not None
    assert stored["body"] == "改过的正文。"
    assert stored["authors"] == ["王晓"]
    assert stored["images"][0]["caption"] == "演练现场"


def test_same_content_is_found_within_one_site_only(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    save_article(db, record())
    url = record()["canonical_url"]
    assert same_content_elsewhere(db, "nmgnews", "h1", "http://other/1") == url
    assert same_content_elsewhere(db, "dzwww", "h1", "http://other/1") is None
    assert same_content_elsewhere(db, "nmgnews", "h1", url) is None


def test_crawl_runs(tmp_path: Path) -> None:
    db = open_db(tmp_path / "news.db")
    run = start_run(db, "nmgnews")
    finish_run(db, run, {"pages_fetched": 7, "articles_new": 3}, "finished", "finished")
    row = db["crawl_runs"].get(run)
    assert (row["pages_fetched"], row["articles_new"], row["status"]) == (7, 3, "finished")
    assert row["finished_at"] >= row["started_at"]


def test_readers_see_committed_rows_while_a_writer_is_open(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    db = open_db(path)
    save_article(db, record())
    reader = sqlite3.connect(path)
    assert reader.execute("select count(*) from articles").fetchone()[0] == 1
