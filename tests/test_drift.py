"""Layout-drift alarms: fill rates, the baseline, the degraded verdict (newsarchive.drift)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from newsarchive.drift import (
    FILL_FIELDS,
    Baseline,
    QualityCounter,
    RunQuality,
    alarms,
    baseline,
    drops,
    judge_run,
)
from newsarchive.storage import open_db
from newsarchive.storage.runs import finish_run, start_run

GOOD = {f: 1.0 for f in FILL_FIELDS}


def quality(articles: int = 20, links: int = 30, body: float = 800.0, **fill: float) -> RunQuality:
    return RunQuality("nmgnews", articles, links, GOOD | fill, body, body)


def base(body: float = 800.0, links: float | None = 30.0, **fill: float) -> Baseline:
    return Baseline(GOOD | fill, body, links)


def fields(found: list) -> list[str]:
    return [d.field for d in found]


# -- counting ------------------------------------------------------------------------------


def test_counter_fill_rates_and_body_lengths() -> None:
    counter = QualityCounter()
    page = {"site": "nmgnews", "headline": "标题", "published_at": "2023-10-14", "body": "正文"}
    counter.add(page | {"editor": "赵静", "authors": ["张云龙"], "source": "新华网"})
    counter.add(page | {"editor": "  ", "authors": [], "source": None, "body": "长一些的正文。"})
    counter.add(page | {"editor": None, "headline": "", "body": ""})
    counter.add({"site": "dzwww", "headline": "别的网站", "body": "x" * 10})
    q = counter.quality("nmgnews", list_links=7)
    assert (q.site, q.articles, q.list_links) == ("nmgnews", 3, 7)
    assert q.fill == {
        "headline": 0.6667,
        "published_at": 1.0,
        "source": 0.3333,
        "editor": 0.3333,
        "authors": 0.3333,
    }
    assert (q.body_median, q.body_mean) == (2.0, 3.0)
    assert counter.sites() == ["dzwww", "nmgnews"]


def test_counter_site_without_articles() -> None:
    q = QualityCounter().quality("enorth", list_links=0)
    assert (q.articles, q.body_median) == (0, None)
    assert set(q.fill) == set(FILL_FIELDS)


# -- the thresholds -----------------------------------------------------------------------


def test_editor_from_95_to_5_percent_is_a_drop() -> None:
    found = drops(quality(editor=0.05), base(editor=0.95), min_articles=10)
    assert fields(found) == ["editor"]
    assert found[0].describe() == "editor found on 5% of pages (baseline 95%)"


@pytest.mark.parametrize(
    ("was", "now", "dropped"),
    [
        (0.95, 0.40, True),  # below half, 55 points
        (1.00, 0.70, False),  # 30 points, but not below half
        (0.30, 0.10, False),  # below half, but only 20 points: a rare field's noise
        (0.50, 0.24, True),  # below half and 26 points
        (0.0, 0.0, False),  # a field the site never shows
    ],
)
def test_fill_rate_rule(was: float, now: float, dropped: bool) -> None:
    found = drops(quality(source=now), base(source=was), min_articles=10)
    assert fields(found) == (["source"] if dropped else [])


def test_much_shorter_bodies_are_a_drop() -> None:
    assert fields(drops(quality(body=390.0), base(body=800.0), 10)) == ["body_length"]
    assert fields(drops(quality(body=410.0), base(body=800.0), 10)) == []
    found = drops(quality(body=120.0), base(body=800.0), 10)
    assert found[0].describe() == "median body 120 characters (baseline 800)"


def test_list_pages_gone_dry() -> None:
    found = drops(quality(articles=0, links=0), base(links=40.0), min_articles=10)
    assert fields(found) == ["list_links"]  # judged although no article was fetched
    assert found[0].describe() == "0 article links on list pages (baseline 40)"
    assert drops(quality(links=12), base(links=40.0), 10) == []  # above a quarter
    assert drops(quality(links=0), base(links=6.0), 10) == []  # never yielded many


def test_too_few_articles_are_not_judged_on_fill_rates() -> None:
    assert drops(quality(articles=9, editor=0.0, body=10.0), base(), min_articles=10) == []


def test_no_baseline_no_verdict() -> None:
    found = drops(quality(editor=0.0, links=0), Baseline(None, None, None), 10)
    assert found == []


# -- recorded runs ------------------------------------------------------------------------


def add_run(db: Database, q: RunQuality, status: str = "finished", min_articles: int = 10):
    run_id = start_run(db, q.site)
    finish_run(db, run_id, {}, status, status)
    return run_id, judge_run(db, run_id, q, min_articles)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_db(tmp_path / "news.db")


def test_first_runs_build_the_baseline_then_a_drop_marks_the_run(db: Database) -> None:
    for editor in (0.95, 0.9, 1.0):
        run_id, found = add_run(db, quality(editor=editor))
        assert found == []
    assert db["crawl_quality"].get(run_id)["verdict"] == "no-baseline"
    assert db["crawl_runs"].get(run_id)["status"] == "finished"

    run_id, found = add_run(db, quality(editor=0.05))
    assert fields(found) == ["editor"]
    run = db["crawl_runs"].get(run_id)
    assert (run["status"], run["degraded_fields"]) == ("degraded", "editor")
    row = db["crawl_quality"].get(run_id)
    assert row["verdict"] == "degraded" and row["editor"] == 0.05
    assert json.loads(row["drops"]) == [{"field": "editor", "baseline": 0.95, "now": 0.05}]
    assert alarms(db, ["nmgnews", "dzwww"]) == [
        "layout drift? nmgnews: editor: editor found on 5% of pages (baseline 95%)"
    ]


def test_degraded_failed_and_small_runs_do_not_join_the_baseline(db: Database) -> None:
    for _ in range(3):
        add_run(db, quality(editor=1.0))
    add_run(db, quality(editor=0.0))  # degraded
    add_run(db, quality(editor=0.0), status="failed")  # killed crawl: not judged
    add_run(db, quality(articles=2, editor=0.0))  # too small
    last = add_run(db, quality())[0]
    assert db["crawl_quality"].get(last)["verdict"] == "ok"
    assert baseline(db, "nmgnews", last + 1, 10).fill == GOOD  # the 3 good runs + the last
    statuses = [r["status"] for r in db["crawl_runs"].rows]
    assert statuses == ["finished"] * 3 + ["degraded", "failed", "finished", "finished"]
    verdicts = [r["verdict"] for r in db["crawl_quality"].rows]
    assert verdicts[3:] == ["degraded", "not-judged", "too-few-articles", "ok"]
    assert alarms(db, ["nmgnews"]) == []  # the latest run is fine again


def test_baseline_is_the_median_of_the_last_five_good_runs(db: Database) -> None:
    for editor in (0.0, 0.0, 0.0, 0.6, 0.7, 0.8, 0.9, 1.0):
        add_run(db, quality(editor=editor))
    assert baseline(db, "nmgnews", 10_000, 10).fill["editor"] == 0.8
    assert baseline(db, "dzwww", 10_000, 10) == Baseline(None, None, None)


def test_accepting_a_new_normal(db: Database) -> None:
    for _ in range(3):
        add_run(db, quality(editor=1.0))
    degraded = [add_run(db, quality(editor=0.0))[0] for _ in range(3)]
    # The site really stopped showing editors: accept those runs as the new baseline.
    db.execute(
        "UPDATE crawl_runs SET status = 'finished' WHERE id IN (?, ?, ?)", degraded
    ).connection.commit()
    assert add_run(db, quality(editor=0.0))[1] == []
