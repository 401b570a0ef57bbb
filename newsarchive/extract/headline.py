"""The displayed headline (and its 引题/副题), not the <title> with its site suffix.

Candidates are the page's lines and its title-like elements (h1/h2, class or id
with "title"). Each is scored by how well it matches the <title> (or og:title,
JSON-LD headline): the headline is usually the title's first part, before
"_网站名" or "--人民网". Markup (h1, a title class) adds to the score, and so does
the position: right above a meta line (date, 来源) and a few lines above the body.
A line inside a link (a list of other stories) or after the body's start counts
less. With no usable title, the short line above the meta line or the body wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from lxml import etree

from newsarchive.extract.lines import Line, fold

_TITLE_HINT = re.compile(r"title|tit\b|tit\d|heading|headline|biaoti|bt\b|hd_|_hd|artti", re.I)
_SUBTITLE_HINT = re.compile(
    r"sub_?title|subtitle|fu_?title|\bfbt|yinti|pre_?title|\bpre\b|vice_?title|shoulder|jianti",
    re.I,
)
_SEPARATORS = "_-|｜—–:：·•»>~/ "
_MAX_LEN = 120
_MAX_POSITION = 0.31
"""More than _position_bonus gives (0.2 + 0.1, rounded up)."""


@dataclass
class Headline:
    text: str
    index: int | None
    """Index of the headline's (first) line in the page lines; None when not a line."""
    el: etree._Element | None = None


_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    """Comparable form: NFKC, no whitespace."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())  # str.split() splits at the whitespace \s matches


_JSONLD_HEADLINE = re.compile(r'"headline"\s*:\s*"([^"]{2,200})"')


def title_texts(doc: etree._Element) -> tuple[list[str], list[str]]:
    """The <title>, og:title / twitter:title / ArticleTitle meta values and the JSON-LD
    headline, normalised: hints to match the displayed headline against. Then the <title>
    without whitespace but not NFKC-normalised, as lines show it."""
    title: str | None = None
    metas: list[str] = []
    scripts: list[str] = []
    for el in doc.iter("title", "meta", "script"):  # one walk for the three
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or "").lower()
            if key in ("og:title", "twitter:title", "articletitle", "title", "headline"):
                metas.append(fold(el.get("content")))
        elif tag == "script":
            if "ld+json" in (el.get("type") or "").lower():
                scripts.extend(fold(m) for m in _JSONLD_HEADLINE.findall(el.text or ""))
        elif title is None:
            title = el.text_content()
    found = [fold(title)] if title is not None else []
    found += metas + scripts
    raw = [_WS.sub("", title)] if title is not None else []
    # Once each (the <title> and og:title are often the same): matched against every line.
    return list(dict.fromkeys(t for t in map(_norm, found) if t)), raw


def _match(text: str, title: str, least: float = 0.0) -> float:
    """How well a candidate matches a title: 1 equal, 0.95 the title's leading part.

    A similarity score below ``least`` would not count: 0.0 then, without computing it."""
    if not text or not title:
        return 0.0
    if text == title:
        return 1.0
    if title.startswith(text) and title[len(text)] in _SEPARATORS:
        return 0.95
    pos = title.find(text)
    if pos >= 0 and len(text) >= 4:
        before = title[pos - 1] if pos else " "
        after = title[pos + len(text)] if pos + len(text) < len(title) else " "
        if before in _SEPARATORS and after in _SEPARATORS:
            # A later part of the title is more often the channel or site name.
            return 0.6
        return 0.6 * len(text) / len(title) + 0.2
    if text[:3] not in title:
        return 0.0
    # Near-identical spellings ("——" in the page, "-" in the title) still count. The
    # ratio is at most that of the lengths (real_quick_ratio): skip it when that is too low.
    if 0.7 * (2 * min(len(text), len(title)) / (len(text) + len(title))) ** 2 < least:
        return 0.0
    ratio = SequenceMatcher(None, text, title, autojunk=False).ratio()
    return 0.7 * ratio**2


_TAG_BONUS = {"h1": 0.3, "h2": 0.15, "h3": 0.08, "th": 0.05}


# Case-blind search cannot skip ahead to the alternatives' first letters: on a lowercased
# ASCII hint the case-sensitive pattern finds the same and is several times faster.
_TITLE_HINT_LOWER = re.compile(_TITLE_HINT.pattern)


@lru_cache(maxsize=1024)
def _title_hint(hint: str) -> bool:
    if hint.isascii():
        return _TITLE_HINT_LOWER.search(hint.lower()) is not None
    return _TITLE_HINT.search(hint) is not None


def _hint_bonus(el: etree._Element) -> float:
    """0.2 for a title-like class or id."""
    if not el.attrib:  # half the line elements: no attribute to look up
        return 0.0
    cls = el.get("class")
    ident = el.get("id")
    if (cls or ident) and _title_hint(f"{cls or ''} {ident or ''}"):
        return 0.2
    return 0.0


def _in_link(el: etree._Element, text: str) -> bool:
    for a in el.iter("a"):
        if len(fold(a.text_content())) >= len(text) * 0.8:
            return True
    parent = el.getparent()
    while parent is not None:
        if parent.tag == "a":
            return True
        parent = parent.getparent()
    return False


def _marked(
    doc: etree._Element, line_els: list[etree._Element]
) -> tuple[dict[int, float], list[tuple[etree._Element, str]]]:
    """Markup bonus of the elements that hold lines or are h1-h3, and the whole texts of
    h1/h2 and strongly title-marked elements (a headline split by an inner block).

    Only those elements are looked at: scanning every attribute of a big page costs
    more than the rest of the headline search.
    """
    tagged = list(doc.iter(*_TAG_BONUS))
    tag_bonus = {id(el): _TAG_BONUS[el.tag] for el in tagged}  # no tag read for the others
    bonus: dict[int, float] = {}  # only the elements with a bonus
    texts = []
    for el in dict.fromkeys([*tagged, *line_els]):  # once each, in order
        value = tag_bonus.get(id(el), 0.0) + _hint_bonus(el)
        if value > 0:
            bonus[id(el)] = value
            if value >= 0.2 or el.tag in ("h1", "h2"):
                text = fold(" ".join(el.itertext()))
                if 2 <= len(text) <= _MAX_LEN:
                    texts.append((el, text))
    return bonus, texts


_META = re.compile(
    r"(来源|来自|作者|记者|发布|时间|日期|稿源|编辑|发表于)\s*[:：]|\d{2,4}[-/.年]\d{1,2}[-/.月]\d{1,2}"
    r"|\d{1,2}月\d{1,2}日|\d{1,2}:\d{2}"
)
_BAR = re.compile(r"[|｜│]")
_BARS = re.compile(r"[|│｜·]")
# A heading that names an outlet or account (上海证券报网络版) is not a subtitle.
_OUTLET_END = re.compile(r"(?:报|网|社|台|版|号|刊|客户端|频道)$")
_BYLINE_HINT = re.compile(r"user|author|source|media|account|from", re.I)
_LABELLED = re.compile(r"^[^：:]{1,6}[：:]")
_NAV = re.compile(r"当前位置|您的位置|所在位置|现在的位置|>|»|首页|返回")


# The characters a _META match starts with: a search for them skips ahead in C, where
# _META itself tries every position.
_META_START = re.compile(r"[来作记发时日稿编\d]")


def is_meta_line(text: str) -> bool:
    """A short line with a date or a 来源/作者 label: what follows a headline."""
    if len(text) > 200:
        return False
    start = _META_START.search(text)
    return start is not None and _META.search(text, start.start()) is not None


def find_headline(
    doc: etree._Element, lines: list[Line], body_start: int | None = None
) -> Headline | None:
    """The headline among the page lines; ``body_start`` is the first body line's index."""
    titles, raw_titles = title_texts(doc)
    line_els = [line.el for line in lines]
    # Each element's first line: the smaller index is written last.
    index_of = dict(zip(map(id, reversed(line_els)), range(len(lines) - 1, -1, -1), strict=True))
    best: tuple[float, int, str, etree._Element, int | None] | None = None
    best_title = 0.0
    near = range(body_start - 8, body_start + 1) if body_start is not None else range(0)
    bonus, element_texts = _marked(doc, line_els)
    meta: list[bool | None] = [None] * len(lines)  # is_meta_line of each line, once

    def consider(text: str, el: etree._Element, idx: int | None, span: int = 1) -> None:
        nonlocal best, best_title
        if len(text) > _MAX_LEN:
            return
        markup = bonus.get(id(el), 0.0)
        # Below this title score, it cannot beat the best, whatever its position.
        least = best[0] - markup - _MAX_POSITION if best is not None else 0.0
        title_score = 0.0
        probe = _norm(text[:6])[:2]  # every match needs the start in the title; cheap test
        if probe and any(probe in t for t in titles):
            norm = _norm(text)
            title_score = max((_match(norm, t, least) for t in titles), default=0.0)
        # Only best_title >= 0.9 matters below, which a similarity skipped for ``least``
        # (at most 0.7) never reaches: skipping it leaves that test as it was.
        best_title = max(best_title, title_score)
        if title_score < least:
            return
        if title_score == 0.0 and markup == 0.0 and idx not in near:
            return  # nothing speaks for it; skip the costlier checks
        if title_score == 0.0 and len(_BAR.findall(text)) >= 2:
            return  # 首页 | 时事 | 生活: a menu
        score = title_score + markup
        if idx is not None:
            score += _position_bonus(lines, meta, idx, span, body_start)
        if score < 0.25:
            return
        if _in_link(el, text):
            # Blog headlines link to themselves; a bare link is another story.
            score -= 0.1 if markup >= 0.15 else 0.25
        order = idx if idx is not None else len(lines)
        if best is None or (score, -order) > (best[0], -best[1]):
            best = (score, order, text, el, idx)

    # Most lines share nothing with the title: screen them by their first two characters
    # against the title's character pairs (raw and normalised) before scoring.
    pairs = {t[i : i + 2] for t in titles + raw_titles for i in range(len(t) - 1)}
    for i, line in enumerate(lines):
        text = line.text
        if text[:2] in pairs or bonus.get(id(line.el)) or i in near:
            consider(text, line.el, i)
    for el, text in element_texts:
        idx = index_of.get(id(el))
        if idx is None:
            idx = _first_line_in(el, index_of)
        span = sum(1 for sub in el.iter() if id(sub) in index_of)
        consider(text, el, idx, max(span, 1))
    # When the title tells nothing (empty, or the site's name only), markup has to do.
    if best is not None and best[0] >= (0.5 if best_title >= 0.9 else 0.25):
        return Headline(best[2], best[4], best[3])
    return _before_body(lines, body_start)


def _position_bonus(
    lines: list[Line], meta: list[bool | None], idx: int, span: int, body_start: int | None
) -> float:
    """Headlines sit just above a meta line and the body, not inside or far above it.

    ``meta`` caches is_meta_line for each line (None: not computed yet)."""

    def is_meta(i: int) -> bool:
        flag = meta[i]
        if flag is None:
            flag = meta[i] = is_meta_line(lines[i].text)
        return flag

    bonus = 0.0
    if not is_meta(idx):
        below = [is_meta(i) for i in range(idx + span, min(idx + span + 3, len(lines)))]
        if below and below[0]:
            bonus += 0.2
        elif any(below):
            bonus += 0.1
    if body_start is not None:
        gap = body_start - idx
        if gap < 0:
            bonus -= 0.3
        elif gap <= 8:
            bonus += 0.1
        elif gap > 40:
            bonus -= 0.2
        elif gap > 15:
            bonus -= 0.1
    return bonus


def _first_line_in(el: etree._Element, index_of: dict[int, int]) -> int | None:
    for sub in el.iter():
        if id(sub) in index_of:
            return index_of[id(sub)]
    return None


def _before_body(lines: list[Line], body_start: int | None) -> Headline | None:
    """No title to match: the short line above the first meta line or at the body's top."""
    if body_start is None:
        return None
    window = range(max(0, body_start - 5), body_start)
    meta = next((i for i in window if is_meta_line(lines[i].text)), None)
    if meta is not None:
        order: list[int] = list(range(meta - 1, max(-1, meta - 5), -1))
    else:
        order = [i for i in (body_start - 1, body_start, body_start - 2) if i >= 0]
    for i in order:
        if _headline_like(lines[i].text):
            return Headline(lines[i].text, i, lines[i].el)
    return None


def _headline_like(text: str) -> bool:
    return (
        1 <= len(text) <= 60
        and not _NAV.search(text)
        and not is_meta_line(text)
        and not text.endswith(("。", "！", "!"))
        and len(_BARS.findall(text)) < 2
    )


def find_subtitle(lines: list[Line], headline: Headline) -> str | None:
    """A 引题/副题 shown right above or below the headline."""
    if headline.index is None:
        return None
    end = headline.index + 1
    head_el = headline.el
    while end < len(lines) and head_el is not None and _inside(lines[end].el, head_el):
        end += 1
    for i in (end, headline.index - 1, end + 1):
        if not 0 <= i < len(lines):
            continue
        line = lines[i]
        text = line.text
        if len(text) > 80 or len(text) < 4 or is_meta_line(text) or _LABELLED.match(text):
            continue
        hint = f"{line.el.get('class') or ''} {line.el.get('id') or ''}"
        if _SUBTITLE_HINT.search(hint):
            return text
        below_is_meta = i + 1 < len(lines) and is_meta_line(lines[i + 1].text)
        if (
            i == end
            and line.el.tag in ("h2", "h3", "h4")
            and below_is_meta
            and not _OUTLET_END.search(text)
            and not _BYLINE_HINT.search(hint)
        ):
            return text  # a smaller heading between the headline and the meta line
        if i != headline.index - 1 and text.startswith(("——", "—", "--")):
            return text
    return None


def _inside(el: etree._Element, ancestor: etree._Element) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False
