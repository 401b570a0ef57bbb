"""Ad-hoc crawls: ``newsarchive crawl URL`` on a site nobody wrote a profile for."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.adhoc import adhoc_site, page_evidence, page_kind, site_key, url_kind
from newsarchive.fixtures import fixtures_root, load_fixtures
from newsarchive.sites import get_site
from tests.portal_site import CountingServer, Portal, article_page, list_page, page

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def newsarchive(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh process (Scrapy's reactor runs once per process)."""
    code = "import sys; from newsarchive.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://news.example.cn/system/2011/10/14/010638417.shtml", "article"),
        ("http://news.example.cn/2011/10-14/100987654.html", "article"),
        ("http://www.example.gov.cn/xwzx/202405/t20240512_4567.html", "article"),
        ("http://www.example.com.cn/n1/2024/0512/c1001-40233.html", "article"),
        ("http://www.example.cn/politics/content_3001.htm", "article"),
        ("http://www.example.cn/2024-05/12/c_1129876.htm", "article"),
        ("http://www.example.cn/show.php?id=88", "article"),
        ("http://www.example.cn/", "list"),
        ("http://www.example.cn/news/", "list"),
        ("http://www.example.cn/news/index_2.html", "list"),
        ("http://www.example.cn/economy/list_3.shtml", "list"),
        ("http://www.example.cn/node_1234.htm", "list"),
        ("http://www.example.cn/about.html", None),
        ("http://www.example.cn/img/logo.png", "skip"),
        ("http://www.example.cn/files/report.pdf", "skip"),
    ],
)
def test_url_kind(url: str, kind: str | None) -> None:
    assert url_kind(url) == kind


def test_page_evidence_tells_articles_from_lists() -> None:
    article = page_evidence(article_page(7, related=["/a.html", "/b.html"]))
    assert article.main_text >= 200 and article.has_date
    # A list page has dates too, but no long run of running text.
    items = [(f"/news/2024/05/12/{10000 + i}.html", f"第{i}条新闻标题示例文字") for i in range(20)]
    listing = page_evidence(list_page("要闻", items, "/news/index_2.html"))
    assert listing.has_date and listing.main_text < 80 and listing.links >= 20
    assert page_kind("http://x.cn/2024/05/12/1.html", article) == "article"
    assert page_kind("http://x.cn/story.html", article) == "article"  # evidence alone
    assert page_kind("http://x.cn/2024/05/12/1.html", listing) == "list"  # URL alone is not enough


def test_every_fixture_article_is_an_article() -> None:
    """The reviewed article pages of every profiled site, in their real markup."""
    fixtures = load_fixtures()
    assert fixtures
    for fx in fixtures:
        evidence = page_evidence(fx.body, fx.headers.get("Content-Type"))
        assert page_kind(fx.url, evidence) == "article", (fx.url, evidence)


def test_every_demo_list_page_is_a_list() -> None:
    demo = fixtures_root() / "demo"
    pages = sorted(demo.rglob("index*.*htm*"))
    assert pages
    for file in pages:
        url = "http://" + file.relative_to(demo).as_posix().replace("index.html", "")
        evidence = page_evidence(file.read_bytes())
        assert page_kind(url, evidence) == "list", (url, evidence)


def test_page_evidence_sniffs_gbk_bytes() -> None:
    body = article_page(3, related=[]).decode("utf-8").replace('charset="utf-8"', 'charset="gbk"')
    evidence = page_evidence(body.encode("gbk"), "text/html")
    assert evidence.main_text >= 200 and evidence.has_date


def test_short_page_with_article_url_is_not_an_article_without_text() -> None:
    evidence = page_evidence(page("图片", '<img src="/a.jpg"><p>图为现场。</p>'))
    assert page_kind("http://x.cn/2024/05/12/1.html", evidence) == "list"


def test_adhoc_site_stays_on_its_host_and_the_allow_list() -> None:
    site = adhoc_site(["http://www.example.cn/"], allow=("IMG.example.net",))
    assert site.id == "www.example.cn"
    assert site.may_fetch("http://www.example.cn/news/1.html")
    assert site.may_fetch("http://m.www.example.cn/news/1.html")  # below the host
    assert site.may_fetch("http://img.example.net/a.jpg")
    assert not site.may_fetch("http://example.cn/")
    assert not site.may_fetch("http://other.example.cn/")
    with pytest.raises(ValueError):
        adhoc_site(["http://a.cn/", "http://b.cn/"])


def test_adhoc_crawl_of_a_registered_host_keeps_the_site_id() -> None:
    site = adhoc_site(["http://inews.nmgnews.com.cn/nmgxw/szxw/"], allow=("img.example.net",))
    assert site.id == "nmgnews"  # records stay under one id, extracted with the profile
    assert issubclass(site, get_site("nmgnews"))
    assert site.may_fetch("http://inews.nmgnews.com.cn/system/2023/10/15/013539120.shtml")
    assert site.may_fetch("http://img.example.net/a.jpg")
    assert site_key("http://www.nmgnews.com.cn/") == "nmgnews"
    assert site_key("http://www.example.cn/news/") == "www.example.cn"


def stored(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("select url, site from articles").fetchall())


@pytest.fixture
def site_server():
    with CountingServer() as server:
        site = Portal(server.port)
        server.answer = site.answer
        yield server, site


def test_crawl_url_of_unprofiled_site(tmp_path: Path, site_server) -> None:
    server, site = site_server
    db = tmp_path / "news.db"
    start = f"http://127.0.0.1:{server.port}/"
    result = newsarchive("crawl", start, "--db", str(db), *FAST)
    assert result.returncode == 0, result.stderr

    base = f"http://127.0.0.1:{server.port}"
    articles = stored(db)
    # Every article, found through lists and their 下一页 pages, and nothing else:
    # not the home page, list pages or the about page.
    assert set(articles) == {base + p for p in site.article_paths}
    assert set(articles.values()) == {"127.0.0.1"}
    fetched = server.paths("127.0.0.1")
    assert {"/news/index_2.html", "/economy/list_2.html"} <= fetched  # pagination
    assert "/img/logo.png" not in fetched  # not a page
    assert server.paths("localhost") == set()  # another host: never fetched
    assert max(server.hits.values()) == 1  # no page fetched twice
    assert f"articles stored: {len(site.article_paths)}" in result.stdout

    # A rerun fetches the lists again, but no archived article with an article-like URL.
    server.hits.clear()
    again = newsarchive("crawl", start, "--db", str(db), *FAST)
    assert again.returncode == 0, again.stderr
    refetched = server.paths("127.0.0.1") & set(site.article_paths)
    assert {p for p in refetched if url_kind(base + p) == "article"} == set()
    assert {"/news/", "/news/index_2.html"} <= server.paths("127.0.0.1")
    assert stored(db) == articles


def test_crawl_url_with_allowed_host(tmp_path: Path, site_server) -> None:
    server, site = site_server
    db = tmp_path / "news.db"
    start = f"http://127.0.0.1:{server.port}/"
    result = newsarchive("crawl", start, "--allow", "localhost", "--db", str(db), *FAST)
    assert result.returncode == 0, result.stderr
    assert stored(db)[site.partner_url] == "127.0.0.1"
    assert len(stored(db)) == len(site.article_paths) + 1


def test_crawl_refuses_mixing_sites_and_urls(tmp_path: Path) -> None:
    result = newsarchive("crawl", "nmgnews", "http://127.0.0.1:9/", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert "either registered sites or start URLs" in result.stderr
    assert not (tmp_path / "x.db").exists()
