"""Scoring every element of a page by how much article text it holds.

Each block element's own inline text gets a value: long text with sentence punctuation
and few links is article text (+), short unpunctuated text and link lists are page
furniture (-). An element's score is the sum over its subtree, so a wrapper that adds
a sidebar or a navigation bar adds negative text and scores below the tighter
container. Navigation, comment boxes, share bars (by tag or class name) and story
teaser grids count as furniture as a whole.
"""

from __future__ import annotations

import functools
import re

import lxml.html
from lxml import etree


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


BLOCK_TAGS = _tags(
    """address article aside blockquote body center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main
    menu nav ol p pre section summary table tbody td tfoot th thead tr ul"""
)
CONTAINER_TAGS = _tags(
    "article body center div form main section td table tbody blockquote font span"
)
# Never article text, wherever they sit.
SKIP_TAGS = _tags(
    """script style noscript template select option textarea button input iframe
    object embed svg canvas map head title meta link nav aside footer header video audio"""
)
# class/id tokens of page furniture; matched at the start of a token (commentList, share-box).
_NEGATIVE_RE = re.compile(
    r"(?:^|[\s_-])(?:comment|footer|foot|sidebar|sider|nav|menu|crumb|breadcrumb|share|"
    r"bdshare|jiathis|related|relate|recommend|copyright|advert|ads?(?=$|[\s_\d-])|banner|"
    r"login|toolbar|paging|pagination|pager|hotnews|rank|tuijian|xgxw|player)"
)


_TEXT = etree.XPath("string(.)", smart_strings=False)


def _subtree_length(el: etree._Element) -> int:
    """Weighted length of all text under an element (whitespace removed), read in C."""
    # Most furniture is a leaf (<input>, <iframe>, an empty <div>): no XPath call needed.
    text = "".join((_TEXT(el) if len(el) else el.text or "").split())
    return text_stats(text)[0] if text else 0


@functools.lru_cache(maxsize=4096)
def _negative_hint(hint: str) -> bool:
    # Matched on the lowercased value: with re.I the search was ~1.6x slower.
    return _NEGATIVE_RE.search(hint.lower()) is not None


_WRAPPER_TAGS = frozenset(("html", "body", "main", "article", "form"))


def text_stats(s: str) -> tuple[int, bool]:
    """(weighted length, has sentence punctuation) of a non-blank text piece.

    ASCII counts a quarter: an English word is ~5 letters but carries what one or two
    Chinese characters do, and English text on a Chinese page is rarely the article.
    """
    s = s.strip()
    n = len(s)
    if s.isascii():
        return n // 4, "," in s
    ascii_n = len(s.encode("ascii", "ignore"))
    # Sentence marks (ASCII commas: older pages type them in Chinese). Only whether
    # there is one matters, and ``in`` stops at the first: cheaper than any count.
    punct = (
        "，" in s
        or "。" in s
        or "、" in s
        or "；" in s
        or "：" in s
        or "！" in s
        or "？" in s
        or "," in s
    )
    return n - (3 * ascii_n) // 4, punct


def block_value(length: int, link: int, punct: bool) -> float:
    """How much a block's own inline text looks like article text (+) or furniture (-)."""
    if length == 0:
        return 0.0
    if link * 2 > length:
        return -float(length)
    text = length - link
    if not punct and text < 40:
        return -0.5 * text
    return float(text - link)


def subtree_scores(
    doc: lxml.html.HtmlElement,
) -> tuple[dict[etree._Element, list], dict[etree._Element, float], set[etree._Element]]:
    """Every element's subtree score, its own text's value, and what is no candidate.

    ``frames`` has every walked element with its sums, the subtree score first
    (``frames[el][0]``, layout below); ``own`` holds the elements worth looking at as
    candidates (something positive in or under them) with the value of their own
    inline text; the last set holds furniture and every walked element inside it.

    One walk in document order (lxml's iterwalk, in C); an element's sums are final at
    its end event, when all its descendants are done, and are then added to its
    parent's. Furniture known up front (skipped tags, furniture class names: almost
    half of a typical page's elements) is measured as a whole in C, never walked into.
    """
    # The wrappers of the page's <h1>: the article's own container is no teaser.
    headline_path: set[etree._Element] = set()
    for h1 in doc.iter("h1"):
        headline_path.update(h1.iterancestors())
    # One list per walked element (one list is cheaper than a slot in each of many):
    # [0] subtree score, [1] inline text length, [2] inline link length, [3] inline
    # punctuation (text flowing in the element up to its nearest block ancestor),
    # [4] all text in the subtree, [5] link text in the subtree, [6] whether a child
    # scored above zero, [7] tag, [8] furniture known up front.
    frames: dict[etree._Element, list] = {}
    # The bottom frame stands for the parent of the root: every element has one.
    stack: list[list] = [[0.0, 0, 0, False, 0, 0, False, None, False]]
    own: dict[etree._Element, float] = {}
    furniture: list[etree._Element] = []
    stats_of = text_stats
    value_of = block_value
    hint = _negative_hint
    block_tags = BLOCK_TAGS
    skip_tags = SKIP_TAGS
    item_tags = _ITEM_TAGS
    walker = etree.iterwalk(doc, events=("start", "end"), tag=etree.Element)
    for event, el in walker:
        if event == "start":
            tag = el.tag
            text = el.text
            if text and not text.isspace():
                tl, tp = stats_of(text)
            else:
                tl, tp = 0, False
            f = [0.0, tl, 0, tp, tl, 0, False, tag, False]
            stack.append(f)
            frames[el] = f
            # Furniture by class or id name; page-level wrappers carry feature flags
            # (<body class="comment_feature">).
            if tag in skip_tags or (
                ((c := el.get("class")) and hint(c) or (c := el.get("id")) and hint(c))
                and tag not in _WRAPPER_TAGS
            ):
                f[8] = True
                walker.skip_subtree()
            continue
        f = stack.pop()
        pf = stack[-1]
        tail = el.tail
        if tail and not tail.isspace():
            tl, tp = stats_of(tail)
            pf[1] += tl
            pf[3] = pf[3] or tp
            pf[4] += tl
            if pf[7] == "a":
                pf[2] += tl
        score, inl_len, inl_link, inl_punct, total, links, positive, tag, known = f
        if total == 0 and not known:
            continue  # no text in the subtree: it scores 0 and adds nothing to its parent
        if tag == "a":
            links += inl_len - inl_link
            inl_link = inl_len
        is_furniture = True
        if known:
            # Furniture known up front: its whole text, counted in C.
            total = _subtree_length(el)
            score = -float(total)
        elif tag in item_tags and links >= 8:
            # a teaser item (a headline link + summary) of a story list
            score = -float(total)
            furniture.append(el)
        else:
            is_furniture = False
            if len(el) >= _LIST_MIN:
                for ch in _teaser_items(el, frames, headline_path):
                    cf = frames[ch]
                    score -= float(cf[4]) + cf[0]
                    cf[0] = -float(cf[4])
                    furniture.append(ch)
            value = 0.0
            if tag in block_tags:
                value = value_of(inl_len, inl_link, inl_punct)
                score += value
            if value > 0 or positive:
                own[el] = value
        f[0] = score
        f[4] = total
        if score > 0:
            pf[6] = True
        pf[0] += score
        pf[4] += total
        pf[5] += links
        if not is_furniture and tag not in block_tags:
            pf[1] += inl_len
            pf[2] += inl_link
            pf[3] = pf[3] or inl_punct
    # Nothing inside furniture (a comment box, a teaser item) is a candidate; the inside
    # of furniture known up front was never walked, so it has no score to rule out.
    banned: set[etree._Element] = set()
    for el in furniture:
        if el not in banned:
            banned.update(el.iter())
    return frames, own, banned


_LIST_MIN = 4
_TEASER_MAX = 300
_LIST_ITEM_TAGS = frozenset(("div", "li", "dd", "dt", "dl", "section", "article", "figure", "tr"))


def _has_link(el: etree._Element) -> bool:
    """Whether ``el`` is or holds an ``<a href>`` (lxml's iter: half an XPath call's cost)."""
    for a in el.iter("a"):  # noqa: SIM110 (any() over a generator costs 40% more)
        if a.get("href") is not None:
            return True
    return False


def _teaser_items(
    el: etree._Element,
    frames: dict[etree._Element, list],
    keep: set[etree._Element],
) -> list[etree._Element]:
    """Children repeated with one tag and class that mostly link elsewhere: a story grid.

    Article paragraphs repeat too, but they rarely all link out, and they are <p>s.
    """
    # Teasers are short; a long sibling (the article's own wrapper) is never one.
    short = []
    for ch in el:
        f = frames.get(ch)
        if f is not None and f[7] in _LIST_ITEM_TAGS and f[4] <= _TEASER_MAX and ch not in keep:
            short.append(ch)
    if len(short) < _LIST_MIN:
        return []  # no group can be long enough: no class name needs reading
    groups: dict[tuple[str, str], list[etree._Element]] = {}
    for ch in short:
        groups.setdefault((frames[ch][7], ch.get("class") or ""), []).append(ch)
    out = []
    for items in groups.values():
        if len(items) < _LIST_MIN:
            continue
        linked = sum(1 for ch in items if _has_link(ch))
        if linked * 4 >= len(items) * 3:
            out.extend(ch for ch in items if frames[ch][0] > -frames[ch][4])
    return out


_ITEM_TAGS = frozenset(("li", "dd", "dt"))
