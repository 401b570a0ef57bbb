from pathlib import Path

from scrapy.utils.test import get_crawler

from newsarchive.items import PageItem
from newsarchive.storage import open_db
from newsarchive.storage.runs import finish_run, start_run
from pipelines.quality import QualityPipeline
from spiders.news import NewsSpider


def record(editor: str | None, body: str = "正文" * 100) -> dict:
    return {"site": "nmgnews", "headline": "标题", "editor": editor, "body": body, "authors": []}


def crawl(
    db_path: Path, records: list[dict], links: int, reason: str = "finished"
) -> tuple[QualityPipeline, int]:
    """One crawl as the pipelines see it: quality counts, the store finishes the run."""
    settings = {"NEWSARCHIVE_DB": str(db_path), "NEWSARCHIVE_DRIFT_MIN_ARTICLES": 3}
    crawler = get_crawler(NewsSpider, settings)
    pipeline = QualityPipeline.from_crawler(crawler)
    pipeline.open_spider()
    db = open_db(db_path)
    run_id = start_run(db, "nmgnews")
    for rec in records:
        assert pipeline.process_item(rec) is rec  # passes every item through unchanged
    page = PageItem(site="nmgnews", url="http://x", status=200, headers={}, body=b"", fetched_at="")
    assert pipeline.process_item(page) is page  # raw pages are not articles yet
    crawler.stats.inc_value("newsarchive/nmgnews/article_links", links)
    finish_run(db, run_id, {}, "finished", "finished")
    pipeline.spider_closed(reason)
    return pipeline, run_id


def test_records_fill_rates_of_the_run(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    _, run_id = crawl(db_path, [record("赵静"), record("赵静"), record(None), record("")], 12)
    row = open_db(db_path)["crawl_quality"].get(run_id)
    assert (row["site"], row["articles"], row["list_links"]) == ("nmgnews", 4, 12)
    assert (row["headline"], row["editor"], row["authors"]) == (1.0, 0.5, 0.0)
    assert (row["body_median"], row["verdict"]) == (200.0, "no-baseline")


def test_a_drop_marks_the_run_degraded_and_logs_a_warning(tmp_path: Path, caplog) -> None:
    db_path = tmp_path / "news.db"
    for _ in range(3):
        crawl(db_path, [record("赵静")] * 4, 12)
    _, run_id = crawl(db_path, [record(None, body="短")] * 4, 12)
    run = open_db(db_path)["crawl_runs"].get(run_id)
    assert (run["status"], run["degraded_fields"]) == ("degraded", "editor,body_length")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert "layout drift? nmgnews: editor: editor found on 0% of pages (baseline 100%)" in warnings
    assert any(w.startswith("layout drift? nmgnews: body_length:") for w in warnings)


def test_runs_of_earlier_crawls_are_left_alone(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    db = open_db(db_path)
    old = start_run(db, "nmgnews")
    finish_run(db, old, {}, "finished", "finished")
    crawl(db_path, [record("赵静")], 3)
    assert old not in {r["run_id"] for r in open_db(db_path)["crawl_quality"].rows}


def test_a_crawl_stopped_early_is_neither_judged_nor_a_baseline(tmp_path: Path) -> None:
    db_path = tmp_path / "news.db"
    for _ in range(3):
        crawl(db_path, [record("赵静")] * 4, 12)
    # Ctrl-C (or a page limit) after a few pages: fewer links, no editor yet.
    _, stopped = crawl(db_path, [record(None)] * 4, 1, reason="shutdown")
    db = open_db(db_path)
    assert db["crawl_runs"].get(stopped)["status"] == "finished"
    assert db["crawl_quality"].get(stopped)["verdict"] == "not-judged"
    for _ in range(2):
        crawl(db_path, [record(None)] * 4, 1, reason="closespider_pagecount")
    # The baseline is still the three complete runs: a finished run without editors drops.
    _, last = crawl(db_path, [record(None)] * 4, 12)
    assert open_db(db_path)["crawl_runs"].get(last)["degraded_fields"] == "editor"
