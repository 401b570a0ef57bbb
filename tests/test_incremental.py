"""Recurring crawls: list pages again, articles only when new; a recrawl window with
conditional GET, and a version history when an article changed."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from newsarchive.frontier import Frontier
from newsarchive.storage import open_db
from newsarchive.storage.versions import versions
from tests.crawlsite import CST, GeneratedSite, SiteServer, crawl


def counts(db_path: Path) -> dict[str, int]:
    db = open_db(db_path)
    try:
        return {t: db[t].count for t in ("articles", "pages", "article_versions", "frontier")}
    finally:
        db.close()


def list_hits(site: GeneratedSite) -> int:
    return sum(n for url, n in site.hits.items() if "/nmgxw/" in url)


def test_recurring_crawl_fetches_new_articles_only_and_rechecks_recent_ones(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    # 30 articles an hour apart, the newest an hour old; two linked by an old URL.
    site = GeneratedSite(30, per_page=10, moved=2)
    with SiteServer(site) as server:
        crawl(server, db)
        assert site.article_hits() == 30
        first = counts(db)
        assert first["articles"] == first["pages"] == first["article_versions"] == 30

        # A rerun: every list page again, not one archived article (nor an old URL).
        site.reset_hits()
        crawl(server, db)
        assert list_hits(site) > 0
        assert site.article_hits() == 0
        assert not [u for u in site.hits if u in site.moved]
        assert counts(db) == first

        # A recrawl window of one day: the 24 articles of the last 24 hours are
        # asked again with If-None-Match; all answer 304 and nothing changes.
        site.reset_hits()
        crawl(server, db, NEWSARCHIVE_RECRAWL_DAYS="1")
        recent = [a.url for a in site.articles.values() if a.n < 23]
        assert site.not_modified == site.article_hits() >= len(recent)
        assert site.article_hits() <= 24
        assert counts(db) == first

        # The newsroom corrects an article: the recrawl stores a new version.
        edited = recent[3]
        site.edit(edited, "（更正：文中有关数据已根据主管部门最新通报作了修正。）")
        site.reset_hits()
        crawl(server, db, NEWSARCHIVE_RECRAWL_DAYS="1")
        assert site.not_modified == site.article_hits() - 1
        now = counts(db)
        assert now["articles"] == 30 and now["pages"] == 31 and now["article_versions"] == 31

    archive = open_db(db)
    history = versions(archive, edited)
    assert [v["version"] for v in history] == [1, 2]
    assert "更正" not in history[0]["record"]["body"]
    assert "更正" in history[1]["record"]["body"]
    latest = archive["articles"].get(edited)
    assert "更正" in latest["body"] and latest["content_hash"] == history[1]["content_hash"]
    outcome = archive.execute("select outcome from frontier where canonical_url = ?", [edited])
    assert outcome.fetchone()[0] == "updated"


def test_recrawl_window_picks_recent_articles_with_validators(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    site = GeneratedSite(6, per_page=10)
    with SiteServer(site) as server:
        crawl(server, db)
    frontier = Frontier(db, recrawl_days=0.1)  # 2.4 hours: the two newest articles
    fetches = frontier.resume("nmgnews", now=datetime.now(CST) + timedelta(minutes=1))
    frontier.close()
    newest = [a for a in site.articles.values() if a.n < 2]
    assert sorted(f.url for f in fetches) == sorted(a.url for a in newest)
    for fetch in fetches:
        assert fetch.conditional
        assert fetch.headers["If-None-Match"].startswith('"')
        assert fetch.headers["If-Modified-Since"].endswith("GMT")
    assert Frontier(db).resume("nmgnews") == []  # no window, nothing left to do


@pytest.mark.parametrize("state", ["queued", "failed"])
def test_unfinished_urls_are_resumed(tmp_path: Path, state: str) -> None:
    db_path = tmp_path / "news.db"
    frontier = Frontier(db_path)
    urls = [f"http://inews.nmgnews.com.cn/system/2024/05/01/01350000{i}.shtml" for i in range(3)]
    assert frontier.admit("nmgnews", urls) == urls
    if state == "failed":
        frontier.failed(urls[0], "timeout")
    assert [f.url for f in frontier.resume("nmgnews")] == urls
    for _ in range(3):
        frontier.failed(urls[0], "timeout")
    # Given up at start after three failures (a list page linking it still admits it).
    assert [f.url for f in frontier.resume("nmgnews")] == urls[1:]
    assert frontier.admit("nmgnews", urls[:1]) == urls[:1]
    frontier.close()


def test_an_article_that_failed_is_fetched_on_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    site = GeneratedSite(8, per_page=10)
    broken = site.article_urls()[2]
    site.missing.add(broken)
    with SiteServer(site) as server:
        crawl(server, db)
        archive = open_db(db)
        row = archive.execute(
            "select state, attempts from frontier where canonical_url = ?", [broken]
        ).fetchone()
        assert row == ("failed", 1)
        assert archive["articles"].count == 7
        archive.close()

        site.missing.clear()  # the server is fixed
        site.reset_hits()
        crawl(server, db)
        assert site.article_hits() == 1 and site.hits[broken] == 1
    archive = open_db(db)
    assert archive["articles"].count == 8
    assert archive.execute("select count(*) from frontier where state != 'done'").fetchone()[0] == 0
