"""newsarchive stats: per site and month, fill rates, latest crawl."""

from __future__ import annotations

import json

from newsarchive.cli import main
from newsarchive.stats import archive_stats, articles_per_month, fill_rates, latest_crawls
from newsarchive.storage.runs import finish_run, start_run
from tests.search_archive import build_archive


def test_articles_per_site_and_month(tmp_path):
    db = build_archive(tmp_path / "news.db")
    months = {(r["site"], r["month"]): r["articles"] for r in articles_per_month(db)}
    assert months == {
        ("cqnews", "2024-05"): 1,
        ("cqnews", "2024-06"): 1,
        ("dahe", "2023-12"): 1,
        ("dahe", "2024-06"): 1,
        ("dahe", "unknown"): 1,
        ("nmgnews", "2023-11"): 1,
        ("nmgnews", "2024-06"): 1,
        ("nmgnews", "2024-07"): 1,
    }


def test_fill_rates(tmp_path):
    db = build_archive(tmp_path / "news.db")
    rates = {r["site"]: r for r in fill_rates(db)}
    assert rates["nmgnews"]["articles"] == 3
    assert rates["nmgnews"]["authors"] == round(2 / 3, 3)  # metro-line-2 has none
    assert rates["nmgnews"]["editor"] == 1.0
    assert rates["dahe"]["published_at"] == round(2 / 3, 3)  # 5g-villages is undated
    assert rates["dahe"]["source"] == round(2 / 3, 3)
    assert rates["dahe"]["authors"] == 0.0
    assert rates["cqnews"]["body"] == 1.0


def test_latest_crawl_per_site(tmp_path):
    db = build_archive(tmp_path / "news.db")
    run = start_run(db, "nmgnews")
    finish_run(db, run, {"pages_fetched": 40, "failures": 2}, "degraded", "finished")
    crawls = {r["site"]: r for r in latest_crawls(db)}
    assert set(crawls) == {"nmgnews", "cqnews"}
    assert crawls["nmgnews"]["id"] == run
    assert crawls["nmgnews"]["pages_fetched"] == 40 and crawls["nmgnews"]["status"] == "degraded"
    assert crawls["cqnews"]["pages_fetched"] == 7


def test_empty_archive(tmp_path):
    db = build_archive(tmp_path / "empty.db", [])
    stats = archive_stats(db)
    assert stats["months"] == [] and stats["fill"] == []


def test_cli_table_and_json(tmp_path, capsys):
    path = str(tmp_path / "news.db")
    build_archive(tmp_path / "news.db")
    assert main(["stats", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "articles per site and month" in out and "field fill rates per site" in out
    assert any(line.split()[:3] == ["nmgnews", "2024-07", "1"] for line in out.splitlines())
    assert any(line.split()[:2] == ["dahe", "3"] and "67%" in line for line in out.splitlines())
    assert main(["stats", "--db", path, "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    kinds = [x["kind"] for x in lines]
    assert kinds.count("month") == 8 and kinds.count("fill") == 3 and kinds.count("crawl") == 2
    assert {"kind": "month", "site": "dahe", "month": "unknown", "articles": 1} in lines
