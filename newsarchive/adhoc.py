"""Crawling a site nobody wrote a profile for: telling article pages from list pages.

Two kinds of evidence, combined:

- the URL, before fetching: Chinese news sites put a date or a numeric id in
  article URLs (``/2024/05/12/123.html``, ``/202405/t20240512_456.html``,
  ``content_789.htm``, ``/10-14/100987654.html``) and name list pages
  ``index_2.html``, ``list_3.shtml``, ``node_123.htm`` or end them with ``/``;
- the page, after fetching: an article has a long run of running text (not
  links) and a date; a list page is mostly links with short texts.

The URL decides what to fetch; the page decides what the page is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from lxml import etree

from newsarchive.extract.dom import parse_html
from newsarchive.extract.encoding import decode_html
from newsarchive.sites import site_for_url
from newsarchive.sites.base import Site

UrlKind = Literal["article", "list", "skip"] | None
PageKind = Literal["article", "list"]

# File names of list pages; checked before the article patterns because a list
# page can live under a dated directory too.
LIST_URL = re.compile(
    r"(/$|/(index|default|list|more)([_-]\d+)?\.(s?html?|php|aspx?|jsp)$"
    r"|/node_\d+\.s?html?$|/(list|lists|column|channel|class|more|node)/)",
    re.IGNORECASE,
)
ARTICLE_URL = re.compile(
    r"(/20\d\d[-/_]?[01]\d[-/_]?[0-3]\d/"  # /2024/05/12/, /2024-05/12/, /20240512/
    r"|/20\d\d/[01]\d-[0-3]\d/"  # /2011/10-14/
    r"|/20\d\d/[01]\d[0-3]\d/"  # /2024/0512/
    r"|/t20\d{6}_\d+"  # /202405/t20240512_456.html
    r"|content_\d+"  # content_789.htm
    r"|/c_\d+\.s?html?$"  # /c_1129876.htm
    r"|[/_-]\d{5,}\.(s?html?|php|aspx?|jsp)$"  # numeric id: /100987654.html
    r"|[?&](id|aid|articleid|newsid|contentid|docid)=\d+)",  # show.php?id=123
    re.IGNORECASE,
)
NOT_A_PAGE = re.compile(
    r"\.(jpe?g|png|gif|bmp|webp|svg|ico|pdf|docx?|xlsx?|pptx?|zip|rar|7z|gz|tar|"
    r"mp3|mp4|avi|flv|wmv|mov|swf|css|js|xml|rss|apk|exe|txt)$",
    re.IGNORECASE,
)

DATE_TEXT = re.compile(
    r"(19|20)\d\d\s*(年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})"
    r"|\b\d{1,2}/\d{1,2}/(19|20)\d\d\b"  # 7/5/2005, 06/02/2023
)
# Elements that start a new line when a browser renders the page.
BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd td th tr table h1 h2 h3 h4 h5 h6 section article "  # noqa: SIM905
    "header footer nav aside form center blockquote pre hr figure figcaption".split()
)

# An article has at least this much running text in one run of paragraphs...
ARTICLE_MIN_TEXT = 200
# ...and a date, unless its text is this long (no list page has that much prose).
ARTICLE_LONG_TEXT = 1000
# ...or this much when its URL already looks like an article's.
ARTICLE_MIN_TEXT_WITH_URL = 80
# A line with more link text than this fraction is navigation, not running text.
LINK_LINE_RATIO = 0.3


def url_kind(url: str) -> UrlKind:
    """What a URL looks like before fetching: article, list, skip (not HTML), or None."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if NOT_A_PAGE.search(path):
        return "skip"
    if LIST_URL.search(path):
        return "list"
    target = path + ("?" + parts.query if parts.query else "")
    if ARTICLE_URL.search(target):
        return "article"
    return None


@dataclass
class Evidence:
    """What a fetched page shows about itself."""

    main_text: int
    """Characters in the longest run of consecutive running-text lines."""
    has_date: bool
    """A calendar date appears in the page text."""
    links: int
    """Links with a headline-like text (6 to 80 characters)."""


def _lines(body: etree._Element) -> list[tuple[int, int]]:
    """(characters, characters inside links) of each text line of the page.

    Lines break at block elements, as a browser would render them.
    """
    lines: list[tuple[int, int]] = []
    current = [0, 0]

    def add(text: str | None, in_link: bool) -> None:
        n = len("".join((text or "").split()))
        current[0] += n
        if in_link:
            current[1] += n

    def newline() -> None:
        if current[0]:
            lines.append((current[0], current[1]))
        current[0] = current[1] = 0

    def walk(el: etree._Element, in_link: bool) -> None:
        if not isinstance(el.tag, str):
            return
        block = el.tag in BLOCK_TAGS
        if block:
            newline()
        in_link = in_link or el.tag == "a"
        add(el.text, in_link)
        for child in el:
            walk(child, in_link)
            add(child.tail, in_link)
        if block:
            newline()

    walk(body, False)
    newline()
    return lines


def longest_text_run(lines: list[tuple[int, int]]) -> int:
    """Characters in the longest run of lines that are not mostly links."""
    best = run = 0
    for chars, link_chars in lines:
        if link_chars > LINK_LINE_RATIO * chars:
            run = 0
        else:
            run += chars
            best = max(best, run)
    return best


def page_evidence(body: bytes, content_type: str | None = None) -> Evidence:
    """Measure a fetched page (bytes as received; the encoding is sniffed)."""
    doc = parse_html(decode_html(body, content_type).text)
    page = doc.find("body")
    assert page is not None  # parse_html guarantees a body
    text = page.text_content()
    links = sum(1 for a in page.iter("a") if 6 <= len("".join(a.text_content().split())) <= 80)
    return Evidence(
        main_text=longest_text_run(_lines(page)),
        has_date=bool(DATE_TEXT.search(text)),
        links=links,
    )


def page_kind(url: str, evidence: Evidence) -> PageKind:
    """Article or list: the page's own evidence first, the URL as a tie-breaker."""
    if evidence.main_text >= ARTICLE_MIN_TEXT and evidence.has_date:
        return "article"
    if evidence.main_text >= ARTICLE_LONG_TEXT:
        return "article"
    if url_kind(url) == "article" and evidence.main_text >= ARTICLE_MIN_TEXT_WITH_URL:
        return "article"
    return "list"


def site_key(url: str) -> str:
    """The site id an ad-hoc crawl from ``url`` stores under: a registered
    site's id when one owns the host, else the host itself."""
    profile = site_for_url(url)
    return profile.id if profile else (urlsplit(url).hostname or "").lower()


def adhoc_site(start_urls: list[str], allow: tuple[str, ...] = ()) -> type[Site]:
    """A profile for a crawl from start URLs with the generic heuristics (not registered).

    Its id is the host, and it may fetch from the host, the hosts below it and
    the ``allow`` hosts; every field falls back to the generic extractor. When a
    registered site owns the host, the crawl keeps that site's id, domains and
    selectors, so its records stay under one id.
    """
    keys = {site_key(u) for u in start_urls}
    if len(keys) != 1 or "" in keys:
        raise ValueError(f"start URLs of one ad-hoc site must share one host: {start_urls}")
    key = keys.pop()
    allow_hosts = tuple(h.lower() for h in allow)
    profile = site_for_url(start_urls[0])
    base: type[Site] = profile or Site
    attrs = {"id": key, "name": key, "domains": (key,), "allow_hosts": allow_hosts}
    if profile:
        attrs = {"allow_hosts": profile.allow_hosts + allow_hosts}
    return type(
        "AdhocSite",
        (base,),
        {
            **attrs,
            "start_urls": tuple(start_urls),
            "article_url": ARTICLE_URL.pattern,
            "list_url": LIST_URL.pattern,
            "__module__": __name__,
        },
    )
