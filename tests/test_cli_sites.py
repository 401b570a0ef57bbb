"""``newsarchive sites``: registry, fixture counts, the health of each site's last crawl."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from newsarchive.cli import main
from newsarchive.drift import RunQuality, judge_run
from newsarchive.fixtures import load_fixtures
from newsarchive.sites import all_sites
from newsarchive.storage import open_db
from newsarchive.storage.runs import finish_run, start_run

FIXTURES = Counter(fx.site for fx in load_fixtures())


def crawl(db_path: Path, site: str, new: int, editor: float = 1.0) -> None:
    """A finished crawl run of one site, judged like a real one."""
    db = open_db(db_path)
    run_id = start_run(db, site)
    finish_run(db, run_id, {"articles_new": new, "pages_fetched": new + 2}, "finished", "finished")
    fill = {"headline": 1.0, "published_at": 1.0, "source": 1.0, "editor": editor, "authors": 1.0}
    judge_run(db, run_id, RunQuality(site, 20, 30, fill, 500.0, 500.0), 10)
    db.close()


def lines_of(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_json_one_site_per_line_without_an_archive(tmp_path: Path, capsys) -> None:
    db = tmp_path / "none.db"
    assert main(["sites", "--db", str(db), "--json"]) == 0
    records = lines_of(capsys)
    assert [r["id"] for r in records] == [s.id for s in all_sites()]
    nmgnews = next(r for r in records if r["id"] == "nmgnews")
    assert nmgnews["name"] == "内蒙古新闻网"
    assert nmgnews["domains"] == ["nmgnews.com.cn"]
    assert nmgnews["fixtures"] == FIXTURES["nmgnews"] == len(nmgnews["fixture_names"])
    assert "2011-cxzy-activity" in nmgnews["fixture_names"]
    assert all(r["last_crawl"] is None for r in records)
    assert not db.exists(), "listing sites never creates an archive"


def test_last_crawl_health(tmp_path: Path, capsys) -> None:
    db = tmp_path / "news.db"
    for new in (30, 20, 25):
        crawl(db, "nmgnews", new)
    crawl(db, "nmgnews", 12, editor=0.0)  # the editor line is gone
    crawl(db, "dzwww", 7)
    assert main(["sites", "--db", str(db), "--json"]) == 0
    by_id = {r["id"]: r for r in lines_of(capsys)}
    nmgnews = by_id["nmgnews"]["last_crawl"]
    assert nmgnews["status"] == "degraded"
    assert nmgnews["degraded_fields"] == ["editor"]
    assert (nmgnews["articles_new"], nmgnews["pages_fetched"]) == (12, 14)
    assert nmgnews["finished_at"] >= nmgnews["started_at"]
    assert by_id["dzwww"]["last_crawl"]["status"] == "finished"
    assert by_id["dzwww"]["last_crawl"]["degraded_fields"] == []
    assert by_id["enorth"]["last_crawl"] is None

    assert main(["sites", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == [
        "site", "name", "domains", "fixtures", "last", "crawl", "when", "new", "degraded"
    ]  # fmt: skip
    row = next(line for line in out if line.startswith("nmgnews "))
    assert row.split()[:5] == ["nmgnews", "内蒙古新闻网", "nmgnews.com.cn", "3", "degraded"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", " ".join(row.split()[5:7]))
    assert row.split()[-2:] == ["12", "editor"]
    assert "never crawled" in next(line for line in out if line.startswith("enorth "))
    assert out[-1].startswith("layout drift? nmgnews: check with newsarchive fixtures check")
