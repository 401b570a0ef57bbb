"""Scope: a crawl fetches from its site's hosts only, whatever its pages link or redirect to.

The rule (``newsarchive.scope.refusal``) is checked on hostile URLs, then a real
crawl of a site on ``localhost`` whose pages link and redirect to canary
servers on 127.0.0.1, to the cloud metadata address, to file:// and data: URLs
and to another host. The canaries count every request: 0 unless the crawl
allows 127.0.0.1 (``--allow``, as a profile's ``allow_hosts``).

robots.txt answering 5xx (no article fetched) is tested in
tests/test_politeness.py::test_robots_txt_answering_5xx_means_no_fetches.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.conf import build_component_list

from newsarchive.runner import crawl_settings
from newsarchive.scope import refusal, special_address
from newsarchive.sites.base import Site
from tests.hostile_server import (
    HostileServer,
    article_html,
    crawl,
    list_html,
    meta_refresh,
    page,
    redirect,
    rows,
)


class News(Site):
    id = "news"
    name = "News"
    domains = ("news.example.cn",)
    start_urls = ("http://news.example.cn/",)
    article_url = r"/\d{4}/\d\d/\d\d/"
    allow_hosts = ("img.cdn.example.com",)


class Metadata(News):
    allow_hosts = ("169.254.169.254",)


@pytest.mark.parametrize(
    "url",
    [
        "http://news.example.cn/2024/05/12/1.html",
        "https://www.news.example.cn/2024/05/12/1.html",
        "HTTP://NEWS.EXAMPLE.CN:8080/a.html",
        "http://img.cdn.example.com/a.jpg",
    ],
)
def test_the_sites_hosts_are_in_scope(url: str) -> None:
    assert refusal(url, [News]) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://other.example.net/2024/05/12/1.html", "outside news"),
        ("http://news.example.cn.evil.example/", "outside news"),
        ("http://evilnews.example.cn/", "outside news"),
        ("http://127.0.0.1:6379/", "loopback"),
        ("http://[::1]:8080/", "loopback"),
        ("http://localhost/", "local host"),
        ("http://news.example.cn@127.0.0.1/", "loopback"),  # userinfo trick
        ("http://127.0.0.1#@news.example.cn/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("http://100.100.100.200/latest/meta-data/", "metadata"),  # Alibaba Cloud
        ("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
        ("http://169.254.10.1/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://2852039166/", "outside news"),  # 169.254.169.254 as one number
        ("http://0.0.0.0/", "not a host"),
        ("file:///etc/passwd", "scheme file"),
        ("data:text/html,<h1>x</h1>", "scheme data"),
        ("ftp://news.example.cn/a.html", "scheme ftp"),
        ("javascript:alert(1)", "scheme javascript"),
        ("http:///2024/05/12/1.html", "no host"),
        ("http://[::1/", "unparsable"),
    ],
)
def test_everything_else_is_refused(url: str, why: str) -> None:
    reason = refusal(url, [News])
    assert reason is not None and why in reason


def test_a_profile_may_allow_a_special_host() -> None:
    assert refusal("http://169.254.169.254/latest/", [Metadata]) is None
    assert refusal("http://169.254.169.254/latest/", [News]) is not None


def test_special_addresses() -> None:
    assert special_address("news.example.cn") is None
    assert special_address("203.0.113.9") is None
    assert special_address("169.254.169.254") == "a cloud metadata address"


def test_scope_runs_before_robots_txt_and_redirects() -> None:
    crawler = Crawler(Spider, crawl_settings("unused.db"))
    crawler.addons.load_settings(crawler.settings)
    order = build_component_list(crawler.settings.getwithbase("DOWNLOADER_MIDDLEWARES"))
    names = [getattr(c, "__name__", c).rsplit(".", 1)[-1] for c in order]
    assert names.index("ScopeMiddleware") < names.index("StrictRobotsTxtMiddleware")
    assert names.index("ScopeMiddleware") < names.index("RedirectMiddleware")


# -- a real crawl ------------------------------------------------------------------------

SECRET = "这是本机文件里的秘密内容，绝不能进入档案。"
# No slow routes here: the default timeout, so a loaded machine cannot time a page out.
PATIENT = {"DOWNLOAD_TIMEOUT": "30"}


def data_url(html: bytes) -> str:
    return "data:text/html;base64," + base64.b64encode(html).decode()


@pytest.fixture(scope="module")
def canaries():
    with HostileServer() as first, HostileServer() as second:
        for server in (first, second):
            server.routes = {f"/2024/05/12/3000{i}.html": page(article_html(i)) for i in (1, 2, 3)}
        yield first, second


def site_routes(canaries, secret_file: Path) -> dict:
    first, second = canaries
    # Distinct targets: Scrapy's duplicate filter would hide a second redirect to one URL.
    to_canary = [first.url(f"/2024/05/12/3000{i}.html") for i in (1, 2, 3)]
    secret = secret_file.as_uri()
    return {
        "/": page(
            list_html(
                [
                    "/2024/05/12/10001.html",
                    second.url("/2024/05/12/30001.html"),  # a link to another host
                    "http://169.254.169.254/2024/05/12/1.html",
                    "http://[::1/2024/05/12/2.html",  # malformed: skipped, not fatal to the page
                    "http://localhost:99999/2024/05/12/3.html",  # a port out of range: same
                    secret,
                    data_url(article_html(8)),
                    *(f"/2024/05/12/4000{i}.html" for i in (1, 2, 3, 4, 5, 7, 8)),
                ]
            )
        ),
        "/2024/05/12/10001.html": page(article_html(1)),
        "/2024/05/12/40001.html": redirect(to_canary[0]),
        "/2024/05/12/40002.html": redirect("http://169.254.169.254/latest/meta-data/", 301),
        "/2024/05/12/40003.html": redirect(secret),
        "/2024/05/12/40004.html": redirect(data_url(article_html(4))),
        "/2024/05/12/40005.html": redirect("/2024/05/12/40006.html"),  # a chain:
        "/2024/05/12/40006.html": redirect(to_canary[1], 307),  # same host, then out
        "/2024/05/12/40007.html": meta_refresh(to_canary[2]),
        "/2024/05/12/40008.html": redirect("http://other.example.net/2024/05/12/1.html"),
    }


@pytest.fixture(scope="module")
def scoped(canaries, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scope")
    secret_file = tmp / "secret.html"
    secret_file.write_text(f"<html><body><h1>机密</h1><p>{SECRET * 20}</p></body></html>")
    db = tmp / "news.db"
    with HostileServer(site_routes(canaries, secret_file)) as site:
        result = crawl(site.url("/", host="localhost"), "--db", str(db), **PATIENT)
        hits = dict(site.hits)
    return db, result, hits


def test_canaries_get_no_request(scoped, canaries) -> None:
    _, result, _ = scoped
    assert result.returncode == 0, result.stderr[-3000:]
    assert [sum(c.hits.values()) for c in canaries] == [0, 0]


def test_only_the_sites_article_is_stored(scoped) -> None:
    db, _, hits = scoped
    urls = [url for (url,) in rows(db, "select url from articles")]
    assert [urlsplit(u).path for u in urls] == ["/2024/05/12/10001.html"]
    assert {urlsplit(u).hostname for u in urls} == {"localhost"}
    assert not rows(db, "select 1 from articles where body like ?", f"%{SECRET[:8]}%")
    assert hits["/2024/05/12/40006.html"] == 1  # the same-host hop of the chain was followed


def test_every_refused_redirect_is_a_recorded_failure(scoped) -> None:
    db, _, _ = scoped
    failures = rows(db, "select url, kind, reason from failures")
    print("\n" + "\n".join(f"{k}: {r}" for _, k, r in failures))
    by_origin: dict[str, set[str]] = {}
    for url, kind, reason in failures:
        origin = reason.rsplit("redirected from ", 1)[1][:-1] if "redirected" in reason else url
        by_origin.setdefault(urlsplit(origin).path, set()).add(kind)
    assert by_origin == {
        "/2024/05/12/40001.html": {"scope"},
        "/2024/05/12/40002.html": {"scope"},
        "/2024/05/12/40003.html": {"http"},  # Scrapy does not follow file: (302 not followed)
        "/2024/05/12/40004.html": {"http"},  # nor data:
        "/2024/05/12/40005.html": {"scope"},
        "/2024/05/12/40007.html": {"scope"},
        "/2024/05/12/40008.html": {"scope"},
    }
    reasons = " ".join(r for _, _, r in failures)
    assert "a cloud metadata address" in reasons
    assert "file:///" in reasons and "data:text/html" in reasons


@pytest.mark.slow
def test_an_allowed_host_is_fetched(canaries, tmp_path) -> None:
    first, second = canaries
    for server in canaries:
        server.hits.clear()
    secret_file = tmp_path / "secret.html"
    secret_file.write_text("<html></html>")
    db = tmp_path / "news.db"
    with HostileServer(site_routes(canaries, secret_file)) as site:
        start = site.url("/", host="localhost")
        result = crawl(start, "--allow", "127.0.0.1", "--db", str(db), **PATIENT)
    assert result.returncode == 0, result.stderr[-3000:]
    # The redirects (two plain ones, one chained and a meta refresh) reach the canary,
    # and so does the link to the second one; the metadata address stays refused.
    assert all(first.hits[f"/2024/05/12/3000{i}.html"] == 1 for i in (1, 2, 3))
    assert second.hits["/2024/05/12/30001.html"] == 1
    kinds = {kind for (kind,) in rows(db, "select kind from failures where url like '%169.254%'")}
    assert kinds == {"scope"}
