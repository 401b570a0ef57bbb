from pathlib import Path

from newsarchive.items import PageItem
from newsarchive.storage import open_db
from newsarchive.storage.runs import start_run
from pipelines.store import StorePipeline
from tests.pipeline_helpers import make_crawler, stat


def rec(body: str, digest: str) -> dict:
    return {
        "site": "nmgnews",
        "url": "http://inews.nmgnews.com.cn/system/2023/05/06/1.shtml",
        "canonical_url": "http://inews.nmgnews.com.cn/system/2023/05/06/1.shtml",
        "headline": "标题",
        "body": body,
        "authors": ["王晓"],
        "content_hash": digest,
        "extractor_version": "1",
        "_page": PageItem(
            site="nmgnews",
            url="http://inews.nmgnews.com.cn/system/2023/05/06/1.shtml",
            status=200,
            headers={"Content-Type": "text/html"},
            body=body.encode("utf-8"),
            fetched_at="2023-05-06T12:00:00+08:00",
        ),
    }


def test_store_counts_and_crawl_runs(tmp_path: Path) -> None:
    db_path = tmp_path / "n.db"
    crawler = make_crawler(db_path)
    crawler.stats.set_value("finish_reason", "finished")
    store = StorePipeline(crawler, str(db_path))
    store.open_spider()
    store.process_item(rec("正文。", "h1"))
    store.process_item(rec("正文。", "h1"))
    store.process_item(rec("改过的正文。", "h2"))
    crawler.stats.inc_value("newsarchive/nmgnews/pages_fetched", 5)
    store.close_spider()

    assert stat(crawler, "nmgnews", "articles_new") == 1
    assert stat(crawler, "nmgnews", "articles_duplicate") == 1
    assert stat(crawler, "nmgnews", "articles_updated") == 1
    db = open_db(db_path)
    assert db["articles"].count == 1
    assert db["articles"].get(rec("", "")["canonical_url"])["body"] == "改过的正文。"
    run = next(iter(db["crawl_runs"].rows))
    assert run["site"] == "nmgnews"
    assert (run["pages_fetched"], run["articles_new"], run["articles_updated"]) == (5, 1, 1)
    assert (run["articles_duplicate"], run["status"]) == (1, "finished")


def test_a_crawl_that_did_not_finish_marks_its_runs_failed(tmp_path: Path) -> None:
    db_path = tmp_path / "n.db"
    crawler = make_crawler(db_path)
    store = StorePipeline(crawler, str(db_path))
    store.open_spider()
    store.process_item(rec("正文。", "h1"))
    store.close_spider()  # Scrapy closes the pipelines first ...
    store.spider_closed(reason="shutdown")  # ... and only then says why
    run = next(iter(open_db(db_path)["crawl_runs"].rows))
    assert (run["status"], run["finish_reason"]) == ("failed", "shutdown")
    assert run["articles_new"] == 1


def test_runs_left_running_by_a_killed_crawl_are_closed_as_interrupted(tmp_path: Path) -> None:
    db_path = tmp_path / "n.db"
    db = open_db(db_path)
    killed = start_run(db, "nmgnews")  # a crawl that died with kill -9
    db.close()
    store = StorePipeline(make_crawler(db_path), str(db_path))
    store.open_spider()
    store.close_spider()
    runs = {r["id"]: r for r in open_db(db_path)["crawl_runs"].rows}
    assert runs[killed]["status"] == "interrupted"
    assert [r["status"] for i, r in runs.items() if i != killed] == ["finished"]
