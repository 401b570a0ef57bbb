"""Pure article extraction: page bytes + URL + fetch time (+ site profile) in, Article out.

No Scrapy, no database, no network here. This makes fixtures, re-extraction of
stored pages and the ``extract`` command trivial.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from newsarchive.extract import bylines, dates, meta, posters
from newsarchive.extract.content import Content, find_content
from newsarchive.extract.dom import parse_html
from newsarchive.extract.encoding import decode_html
from newsarchive.extract.headline import Headline, find_headline, find_subtitle
from newsarchive.extract.lines import Line, walk_page
from newsarchive.extract.profile import site_node, site_text, site_texts
from newsarchive.extract.regions import Regions, body_span, regions
from newsarchive.extract.scoring import Scores
from newsarchive.extract.section import find_section, trail_of
from newsarchive.record import Article
from newsarchive.sites.base import Site

EXTRACTOR_VERSION = "0.1.0"
CHINA = timezone(timedelta(hours=8))
"""Naive fetch times are China time (UTC+8), like the sites."""
# Case-blind only for the English words: a case-blind pattern is tried at every position.
_PUBLISH_HINT = re.compile(r"发布|发表|时间|日期|(?i:posted|published)")


def extract(
    html: bytes,
    url: str | None = None,
    fetched_at: datetime | str | None = None,
    headers: Mapping[str, str] | None = None,
    site: type[Site] | None = None,
) -> Article:
    """Extract one article page.

    ``fetched_at`` is a datetime or ISO 8601 text; without an offset it is UTC+8.
    ``headers`` are the HTTP response headers (only Content-Type is read, for its
    charset). ``site`` overrides the generic extractor field by field. The
    returned Article has ``url``, the content fields, ``encoding``,
    ``extractor_version``, ``fetched_at`` (when given) and ``warnings`` set;
    ``canonical_url``, ``site`` and ``content_hash`` are filled in by the
    caller's pipeline. Never raises: an internal failure becomes a warning
    ``error: <ExcType>: message`` on a partial record.
    """
    article = Article(url=url, extractor_version=EXTRACTOR_VERSION)
    try:
        fetched = _fetch_time(fetched_at)
        if fetched is not None:
            article.fetched_at = fetched.isoformat(timespec="seconds")
        _extract_into(article, bytes(html or b""), url, fetched, headers or {}, site)
    except Exception as exc:  # the one broad catch: a crawl must never die on one page
        article.warnings.append(f"error: {type(exc).__name__}: {exc}")
    return article


def _fetch_time(fetched_at: datetime | str | None) -> datetime | None:
    """The fetch time with an offset; naive (or ISO text without offset) is UTC+8."""
    if fetched_at is None:
        return None
    if isinstance(fetched_at, str):
        fetched_at = datetime.fromisoformat(fetched_at)
    return fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=CHINA)


def _content_type(headers: Mapping) -> str | None:
    """Content-Type from str headers or Scrapy's (bytes keys, lists of bytes values)."""
    for key, value in headers.items():
        name = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if name.lower() != "content-type":
            continue
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def _extract_into(
    article: Article,
    html: bytes,
    url: str | None,
    fetched: datetime | None,
    headers: Mapping[str, str],
    site: type[Site] | None,
) -> None:
    decoded = decode_html(html, _content_type(headers))
    article.encoding = decoded.encoding
    if decoded.bad:
        article.warnings.append("bad-encoding")
    doc = parse_html(decoded.text, decoded.utf8)
    # Before find_content, which may drop nodes; the generic body detection's scores
    # come from the same walk.
    lines, scores = walk_page(doc, scores=site is None or not site.selector("body"))

    content = _content(doc, url, site, article.warnings, scores)
    article.body = "\n".join(content.paragraphs) or None
    article.images = content.images
    if not content.paragraphs:
        article.warnings.append("empty-body")
    body_start, body_end = body_span(lines, content.node, content.paragraphs)

    headline = _headline(doc, lines, body_start, site)
    article.headline = headline.text if headline else None
    if not article.headline:
        article.warnings.append("no-headline")
    around = regions(lines, headline.index if headline else None, body_start, body_end)

    article.subtitle = _field(doc, site, "subtitle") or (
        find_subtitle(lines, headline) if headline else None
    )
    _published(article, doc, lines, around, url, fetched, site)
    article.source = _source(doc, around, lines, headline.index if headline else None, site)
    editors = _editors(doc, around, lines, site)
    article.editor = "、".join(editors) or None
    authors = _authors(doc, around, site, article.headline)
    article.authors = [a for a in authors if a not in editors]
    # Several nodes (one per breadcrumb link) are the crumbs, in order.
    crumbs = site_texts(doc, site.selector("section")) if site is not None else []
    section = " > ".join(crumbs) or None
    article.section = (
        trail_of(section, article.headline)
        if section
        else find_section(lines, headline.index if headline else None, article.headline)
    )


def _field(doc, site: type[Site] | None, name: str) -> str | None:
    """Text found by the site's selectors for one field, or None."""
    if site is None:
        return None
    selectors = site.selector(name)
    return site_text(doc, selectors) if selectors else None


def _content(
    doc, url: str | None, site: type[Site] | None, warnings: list[str], scores: Scores | None
) -> Content:
    node = None
    if site is not None and site.selector("body"):
        node = site_node(doc, site.selector("body"))
        if node is None:
            warnings.append("profile-miss: body")
    drop = site.body_drop if site is not None else ()
    return find_content(doc, url, node=node, drop=drop, scores=scores)


def _headline(
    doc, lines: list[Line], body_start: int | None, site: type[Site] | None
) -> Headline | None:
    if site is not None and site.selector("headline"):
        node = site_node(doc, site.selector("headline"))
        text = site_text(doc, site.selector("headline"))
        if text:
            index = _line_index(lines, node) if node is not None else None
            return Headline(text, index, node)
    return find_headline(doc, lines, body_start)


def _line_index(lines: list[Line], node) -> int | None:
    inside = {id(el) for el in node.iter()}
    return next((i for i, line in enumerate(lines) if id(line.el) in inside), None)


def _labelled_anywhere(lines: list[Line], fetched, year, tz) -> dates.ParsedDate | None:
    """Last resort: a 发布时间/发表于-labelled date on any short line of the page."""
    for line in lines:
        text = line.text
        if len(text) <= 100 and _PUBLISH_HINT.search(text):
            found = dates.pick_date(text, fetched, year, tz)
            if found is not None and found.labelled and not found.future:
                return found
    return None


_MASTHEAD_LINES = 30
"""An e-paper shows its issue date in the masthead, among the page's first lines."""


def _shown_url_day(
    lines: list[Line], day: str, fetched: datetime | None, tz
) -> dates.ParsedDate | None:
    """The URL's day as the page shows it near the top (a masthead ``2016年03月08日 星期二``).

    The URL confirms that this date, far from the headline, is the article's and not
    today's date in a site header.
    """
    for line in lines[:_MASTHEAD_LINES]:
        if len(line.text) > 40:
            continue
        for found in dates.find_dates(line.text, fetched, None, tz):
            if found.value == day and not found.future:
                return found
    return None


def _published(
    article: Article,
    doc,
    lines: list[Line],
    around: Regions,
    url: str | None,
    fetched: datetime | None,
    site: type[Site] | None,
) -> None:
    """Profile node, else the meta line, <meta>/JSON-LD, the lines after the body, the URL."""
    year = dates.url_year(url)
    tz = dates.ZoneInfo(site.timezone) if site is not None else dates.DEFAULT_TZ

    def usable(found: dates.ParsedDate | None) -> bool:
        return found is not None and not found.future

    shown = _field(doc, site, "published")
    found = dates.parse_date(shown, fetched, year, tz) if shown else None
    candidates = [dates.pick_date(line, fetched, year, tz) for line in around.meta]
    later = [
        lambda: next((d for d in candidates if usable(d)), None),
        lambda: dates.metadata_date(doc, fetched, tz),
        lambda: next(
            (
                d
                for d in (
                    dates.pick_date(t, fetched, year, tz) for t in around.tail if len(t) <= 100
                )
                if usable(d)
            ),
            None,
        ),
        lambda: _labelled_anywhere(lines, fetched, year, tz),
    ]
    for step in later:
        if usable(found):
            break
        found = step()
    if usable(found) and "T" not in found.value:
        # The meta line shows the day only; the same day with its time elsewhere is better.
        for step in later[1:]:
            other = step()
            if usable(other) and "T" in other.value and other.value.startswith(found.value):
                found = other
                break
    if not usable(found):
        day = dates.url_date(url)
        if day is not None and (fetched is None or day <= fetched.date()):
            found = _shown_url_day(lines, day.isoformat(), fetched, tz)
            if found is None:
                # The page does not show it: no published_raw, and a warning.
                found = dates.ParsedDate(day.isoformat(), None)
                article.warnings.append("date-from-url")
    if found is None or found.future:
        if any(d is not None and d.future for d in candidates) or (found and found.future):
            article.warnings.append("future-date")
        article.warnings.append("no-date")
        return
    article.published_at, article.published_raw = found.value, found.raw
    article.warnings.extend(w for w in found.warnings if w not in article.warnings)


def _source(
    doc,
    around: Regions,
    lines: list[Line],
    headline_index: int | None,
    site: type[Site] | None,
) -> str | None:
    shown = _field(doc, site, "source")
    if shown:
        return meta.find_source([shown], []) or shown
    found = meta.find_source(around.meta, around.tail, doc, around.head, around.below)
    if found is None and headline_index is not None:
        found = meta.source_by_markup(lines[headline_index + 1 : headline_index + 5])
    # Government disclosure pages keep 发文机关 in a table cell anywhere on the page.
    return found or meta.label_cell([line.text for line in lines if len(line.text) <= 40])


def _editors(doc, around: Regions, lines: list[Line], site: type[Site] | None) -> list[str]:
    shown = site_texts(doc, site.selector("editor")) if site is not None else []
    if shown:
        return meta.find_editors(shown) or [
            n for text in shown for n in bylines.parse_names(text, editors=True)
        ]
    return meta.find_editors(around.meta + around.tail) or meta.find_editors(
        [line.text for line in lines if len(line.text) <= 60], first_only=True
    )


def _authors(
    doc, around: Regions, site: type[Site] | None, headline: str | None = None
) -> list[str]:
    shown = site_texts(doc, site.selector("authors")) if site is not None else []
    if shown:
        return bylines.authors_from_lines(shown) or [
            n for text in shown for n in bylines.parse_names(text)
        ]
    found = bylines.authors_from_lines(around.meta)
    for line in around.meta[:4]:
        found += bylines.authors_bracketed(line)
    for line in around.below[:2] + around.head[:1]:
        found += bylines.author_alone(line)
    if not found and headline:
        for line in around.below[:4]:
            found += bylines.headline_writer(line, headline)
    found += bylines.authors_from_lines(around.head, anywhere=False)
    for line in around.head:
        found += bylines.authors_from_groups(line[:150])
        found += bylines.authors_dateline_group(line)
    closing: list[str] = []
    for line in around.tail:
        closing += bylines.authors_from_groups(line[-80:])
        closing += bylines.authors_closing_group(line)
    found += closing
    if not found:
        # Labelled lines after the body are often a blog's or portal's footer: only when
        # nothing named the writers above.
        found = bylines.authors_from_lines(around.tail, anywhere=False)
    if not found:
        found = _poster(around)
    return list(dict.fromkeys(found))


def _poster(around: Regions) -> list[str]:
    """A blog's or platform's writer, named by markup, the post line or the footer."""
    found = posters.by_markup(around.below_lines[:6])
    for line in around.below[:4] + around.tail:
        found = found or posters.by_post_line(line)
    return (
        found
        or posters.by_markup(around.tail_lines)
        or posters.by_copyright(around.footer, around.tail)
    )
