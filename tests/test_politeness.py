"""Politeness by default: settings, User-Agent, robots.txt (and robots.txt failing with 5xx)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import load_object

from newsarchive import __version__
from newsarchive.politeness import StrictRobotsTxtMiddleware, robots_unreadable, user_agent
from newsarchive.runner import crawl_settings
from tests.portal_site import CountingServer, Portal
from tests.test_adhoc import FAST, newsarchive

DEFAULT_CONTACT = "https://github.com/newsarchive/newsarchive"


def effective(overrides: dict[str, str] | None = None) -> Settings:
    """The settings a crawl runs with: newsarchive's, ``-s`` overrides, then add-ons."""
    crawler = Crawler(Spider, crawl_settings("unused.db", overrides))
    crawler.addons.load_settings(crawler.settings)
    return crawler.settings


def downloader_middlewares(settings: Settings) -> list[type]:
    return [
        load_object(p) for p in build_component_list(settings.getwithbase("DOWNLOADER_MIDDLEWARES"))
    ]


def test_polite_defaults() -> None:
    s = effective()
    assert s.getbool("ROBOTSTXT_OBEY")
    assert s.getbool("AUTOTHROTTLE_ENABLED")
    assert 1 <= s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert s.getfloat("DOWNLOAD_DELAY") >= 1.0
    assert s.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") <= 2.0
    assert s["USER_AGENT"] == f"newsarchive/{__version__} (+{DEFAULT_CONTACT})"
    middlewares = downloader_middlewares(s)
    assert StrictRobotsTxtMiddleware in middlewares
    assert load_object("scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware") not in (
        middlewares
    )


def test_user_agent_is_built_from_the_contact_url() -> None:
    s = effective({"NEWSARCHIVE_CONTACT_URL": "mailto:archive@example.org"})
    assert s["USER_AGENT"] == f"newsarchive/{__version__} (+mailto:archive@example.org)"
    assert user_agent("") == f"newsarchive/{__version__}"


def test_an_explicit_user_agent_wins() -> None:
    assert effective({"USER_AGENT": "MyLibraryBot/1.0"})["USER_AGENT"] == "MyLibraryBot/1.0"


@pytest.mark.parametrize(("status", "blocks"), [(500, True), (503, True), (429, True)])
def test_unreadable_robots_statuses(status: int, blocks: bool) -> None:
    assert robots_unreadable(status) is blocks


@pytest.mark.parametrize("status", [200, 301, 404, 410])
def test_readable_robots_statuses(status: int) -> None:
    assert not robots_unreadable(status)


def crawl(server: CountingServer, db: Path, *extra: str) -> tuple[int, str, int]:
    """Crawl the server's site: (exit code, stderr, articles stored)."""
    start = f"http://127.0.0.1:{server.port}/"
    result = newsarchive("crawl", start, "--db", str(db), *FAST, *extra)
    with sqlite3.connect(db) as conn:
        stored = conn.execute("select count(*) from articles").fetchone()[0]
    return result.returncode, result.stderr, stored


def test_robots_txt_answering_5xx_means_no_fetches(tmp_path: Path) -> None:
    with CountingServer() as server:
        portal = Portal(server.port)

        def answer(host: str, path: str) -> tuple[int, str, bytes]:
            if path == "/robots.txt":
                return 503, "text/html", b"<html><body>Service Unavailable</body></html>"
            return portal.answer(host, path)

        server.answer = answer
        code, stderr, stored = crawl(server, tmp_path / "news.db")
    assert code == 0, stderr
    assert server.paths("127.0.0.1") == {"/robots.txt"}  # (Scrapy retries it)
    assert stored == 0
    assert "not fetching anything from 127.0.0.1" in stderr
    assert "robots.txt answered HTTP 503" in stderr


def test_robots_txt_rules_are_obeyed_and_we_say_who_we_are(tmp_path: Path) -> None:
    with CountingServer() as server:
        portal = Portal(server.port)

        def answer(host: str, path: str) -> tuple[int, str, bytes]:
            if path == "/robots.txt":
                return 200, "text/plain", b"User-agent: *\nDisallow: /economy/\n"
            return portal.answer(host, path)

        server.answer = answer
        contact = "https://archive.example.org/crawler"
        code, stderr, stored = crawl(
            server, tmp_path / "news.db", "-s", f"NEWSARCHIVE_CONTACT_URL={contact}"
        )
    assert code == 0, stderr
    fetched = server.paths("127.0.0.1")
    assert "/news/index_2.html" in fetched
    assert not any(p.startswith("/economy/") for p in fetched)
    assert stored == sum(p.startswith("/news/") for p in portal.article_paths)
    assert server.user_agents == {f"newsarchive/{__version__} (+{contact})"}


def test_robots_txt_missing_allows_everything(tmp_path: Path) -> None:
    with CountingServer() as server:
        portal = Portal(server.port)

        def answer(host: str, path: str) -> tuple[int, str, bytes]:
            if path == "/robots.txt":
                return 404, "text/html", b"<html><body>not found</body></html>"
            return portal.answer(host, path)

        server.answer = answer
        code, stderr, stored = crawl(server, tmp_path / "news.db")
    assert code == 0, stderr
    assert stored == len(portal.article_paths)
