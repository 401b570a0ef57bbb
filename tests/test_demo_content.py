"""The demo web's content (tests/fixtures/demo/) agrees with EXPECTED.md.

A small breadth-first walk over the offline web with the real site profiles (no
sockets, no Scrapy): from each profile's start URLs it follows list pages,
下一页 links and article links exactly as the profiles allow, and checks which
articles, duplicates, redirects and 404s a crawl meets.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from urllib.parse import urljoin

import lxml.html

from newsarchive.demo.web import DemoWeb
from newsarchive.fixtures import load_fixtures
from newsarchive.sites import Site, get_site
from newsarchive.urls import canonicalize_url

DEMO_SITES = ("nmgnews", "dzwww", "enorth")
NEXT_PAGE = re.compile(r"^\s*下一页\s*$")

ARTICLES = {
    "http://inews.nmgnews.com.cn/system/2011/10/14/010648316.shtml",
    "http://inews.nmgnews.com.cn/system/2023/10/14/013538871.shtml",
    "http://inews.nmgnews.com.cn/system/2023/10/15/013539120.shtml",
    "http://www.dzwww.com/shandong/sdnews/201503/t20150312_12060217.htm",
    "http://www.dzwww.com/shandong/sdnews/202310/t20231014_12815301.htm",
    "http://www.dzwww.com/xinwen/guoneixinwen/202310/t20231015_12816644.htm",
    "http://news.enorth.com.cn/system/2011/09/13/007512345.shtml",
    "http://news.enorth.com.cn/system/2019/10/14/037741234.shtml",
}
MIRROR = "http://sd.dzwww.com/sdnews/202310/t20231014_12815301.htm"
TRACKED = (
    "http://inews.nmgnews.com.cn/system/2023/10/14/013538871.shtml"
    "?utm_source=weixin&utm_medium=social"
)
MISSING = {"http://www.dzwww.com/shandong/sdnews/202309/t20230930_12790011.htm"}
REDIRECTS = {
    "http://www.enorth.com.cn/system/2011/09/13/007512345.shtml": (
        "http://news.enorth.com.cn/system/2011/09/13/007512345.shtml"
    )
}


def links(url: str, body: bytes, site: type[Site]) -> list[tuple[str, str]]:
    doc = lxml.html.fromstring(body)
    found = []
    for a in doc.xpath("//a[@href]"):
        href = a.get("href").strip()
        if href.lower().startswith(("javascript:", "mailto:", "#")):
            continue
        absolute = urljoin(url, href)
        if site.may_fetch(absolute):
            found.append((absolute, a.text_content()))
    return found


def walk(web: DemoWeb) -> dict[str, object]:
    """Visit the demo web like the crawler does; what it fetched, by outcome."""
    queue = deque((url, "list", get_site(s)) for s in DEMO_SITES for url in get_site(s).start_urls)
    seen: set[str] = set()
    articles: dict[str, bytes] = {}  # final URL -> body
    linked: list[str] = []  # article URLs as linked
    missing, redirects, list_pages = set(), {}, []
    while queue:
        url, kind, site = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        answer = web.answer(url)
        if answer.status == 301:
            redirects[url] = answer.headers["Location"]
            queue.append((answer.headers["Location"], kind, site))
            continue
        if answer.status == 404:
            missing.add(url)
            continue
        assert answer.status == 200, url
        if kind == "article":
            articles[url] = answer.body
            continue
        list_pages.append(url)
        for link, text in links(url, answer.body, site):
            if site.is_article(link):
                linked.append(link)
                queue.append((link, "article", site))
            elif site.is_list(link) or NEXT_PAGE.match(text):
                queue.append((link, "list", site))
    return {
        "articles": articles,
        "linked": linked,
        "missing": missing,
        "redirects": redirects,
        "list_pages": list_pages,
    }


def test_demo_walk_meets_what_expected_md_says() -> None:
    seen = walk(DemoWeb())
    articles: dict[str, bytes] = seen["articles"]  # type: ignore[assignment]

    assert seen["missing"] == MISSING
    assert seen["redirects"] == REDIRECTS
    assert TRACKED in seen["linked"]
    assert set(articles) == ARTICLES | {MIRROR} | {TRACKED}

    canonical = {canonicalize_url(u) for u in articles}
    assert canonical == ARTICLES | {MIRROR}, "the tracked link folds into its article"
    # The mirror is the same page: same site, same bytes, so the same content hash.
    by_body = {hashlib.sha256(body).hexdigest() for body in articles.values()}
    assert len(by_body) == len(ARTICLES)


def test_demo_paginates_every_section_with_a_next_link() -> None:
    pages = walk(DemoWeb())["list_pages"]
    assert "http://inews.nmgnews.com.cn/nmgxw/szxw/index_1.shtml" in pages
    assert "http://www.dzwww.com/shandong/sdnews/index_1.htm" in pages
    assert "http://news.enorth.com.cn/tj/index_1.shtml" in pages


def test_demo_serves_every_fixture_of_its_sites() -> None:
    fixture_urls = {fx.url for s in DEMO_SITES for fx in load_fixtures(s)}
    assert fixture_urls == ARTICLES


def test_mirrored_page_is_the_fixture_byte_for_byte() -> None:
    fixture = load_fixtures("dzwww")
    current = next(fx for fx in fixture if fx.name == "2023-current-layout")
    mirror = DemoWeb().answer("http://sd.dzwww.com/sdnews/202310/t20231014_12815301.htm")
    assert mirror.body == current.body
