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
    r"login|toolbar|paging|pagination|pager|hotnews|rank|tuijian|xgxw|player)",
    re.I,
)


_TEXT = etree.XPath("string(.)")


def _subtree_length(el: etree._Element) -> int:
    """Weighted length of all text under an element (whitespace removed), read in C."""
    text = "".join(_TEXT(el).split())
    return text_stats(text)[0] if text else 0


_ANCHOR_COUNT = etree.XPath("count(.//a[@href])")
_CLASS_AND_ID = etree.XPath("//@class|//@id")


def negative_elements(doc: etree._Element) -> set[etree._Element]:
    """Elements whose class or id names page furniture (comment box, share bar, ...)."""
    out = set()
    for value in _CLASS_AND_ID(doc):
        # str(): the cache must not keep the smart string, which holds the whole tree.
        if _negative_hint(str(value)):
            el = value.getparent()
            # Page-level wrappers carry feature flags (<body class="comment_feature">).
            if el.tag not in _WRAPPER_TAGS:
                out.add(el)
    return out


@functools.lru_cache(maxsize=4096)
def _negative_hint(hint: str) -> bool:
    return _NEGATIVE_RE.search(hint) is not None


_WRAPPER_TAGS = frozenset(("html", "body", "main", "article", "form"))


def text_stats(s: str) -> tuple[int, int]:
    """(weighted length, punctuation count) of a non-blank text piece.

    ASCII counts a quarter: an English word is ~5 letters but carries what one or two
    Chinese characters do, and English text on a Chinese page is rarely the article.
    """
    s = s.strip()
    n = len(s)
    if s.isascii():
        return n // 4, s.count(",")
    ascii_n = len(s.encode("ascii", "ignore"))
    # A few str.count calls beat a regex or str.translate by 5-10x; these marks are
    # the ones sentences are made of (ASCII commas: older pages type them in Chinese).
    punct = (
        s.count("，")
        + s.count("。")
        + s.count("、")
        + s.count("；")
        + s.count("：")
        + s.count("！")
        + s.count("？")
        + s.count(",")
    )
    return n - (3 * ascii_n) // 4, punct


def block_value(length: int, link: int, punct: int) -> float:
    """How much a block's own inline text looks like article text (+) or furniture (-)."""
    if length == 0:
        return 0.0
    if link * 2 > length:
        return -float(length)
    text = length - link
    if punct == 0 and text < 40:
        return -0.5 * text
    return float(text - link)


def subtree_scores(
    doc: lxml.html.HtmlElement, elements: list[etree._Element] | None = None
) -> tuple[dict[etree._Element, float], dict[etree._Element, float], set[etree._Element]]:
    """Every element's subtree score, its own text's value, and what is no candidate.

    ``own`` holds the elements worth looking at as candidates (something positive
    in or under them) with the value of their own inline text; the last set holds
    furniture and everything inside it.

    One pass over the elements in reverse document order (descendants before their
    ancestors), each pushing its sums into its parent's slots; among equal scores
    the deepest element comes first.
    """
    if elements is None:
        elements = list(doc.iter(etree.Element))
    n = len(elements)
    index = {el: i for i, el in enumerate(elements)}
    parent = [index.get(el.getparent(), -1) for el in elements]
    tags = [el.tag for el in elements]
    # Per element slot: subtree score, inline text length / link length / punctuation
    # (text flowing in the element up to its nearest block ancestor), all text in the
    # subtree, link text in the subtree, <a href> count in the subtree.
    score = [0.0] * n
    inl_len = [0] * n
    inl_link = [0] * n
    inl_punct = [0] * n
    total = [0] * n
    links = [0] * n
    anchors = [0] * n
    positive = [False] * n  # a child with a positive score
    own: dict[etree._Element, float] = {}
    furniture: set[etree._Element] = set()
    negative = negative_elements(doc)
    stats_of = text_stats
    block_tags = BLOCK_TAGS
    skip_tags = SKIP_TAGS
    # Furniture known up front (skipped tags, furniture class names) is scored as a whole
    # by its text length, counted in C: nothing inside it needs looking at. That is
    # almost half of a typical page's elements.
    roots = [elements[i] for i, tag in enumerate(tags) if tag in skip_tags]
    roots.extend(negative)
    # The wrappers of the page's <h1>: the article's own container is no teaser.
    headline_path: set[etree._Element] = set()
    for h1 in doc.iter("h1"):
        headline_path.update(h1.iterancestors())
    inside: set[etree._Element] = set()
    for el in roots:
        if el not in inside:
            inside.update(el.iterdescendants())
    for i in range(n - 1, -1, -1):
        el = elements[i]
        if el in inside:
            continue
        tag = tags[i]
        p = parent[i]
        text = el.text
        if text and not text.isspace():
            tl, tp = stats_of(text)
            inl_len[i] += tl
            inl_punct[i] += tp
            total[i] += tl
        tail = el.tail
        if tail and not tail.isspace() and p >= 0:
            tl, tp = stats_of(tail)
            inl_len[p] += tl
            inl_punct[p] += tp
            total[p] += tl
            if tags[p] == "a":
                inl_link[p] += tl
        if tag == "a":
            links[i] += inl_len[i] - inl_link[i]
            inl_link[i] = inl_len[i]
            anchors[i] += el.get("href") is not None
        if tag in skip_tags or el in negative:
            total[i] = _subtree_length(el)
            anchors[i] = int(_ANCHOR_COUNT(el))
            score[i] = -float(total[i])
            furniture.add(el)
        elif tag in _ITEM_TAGS and links[i] >= 8:
            # a teaser item (a headline link + summary) of a story list
            score[i] = -float(total[i])
            furniture.add(el)
        else:
            if len(el) >= _LIST_MIN:
                for j in _teaser_items(el, index, tags, anchors, total, score, headline_path):
                    score[i] -= float(total[j]) + score[j]
                    score[j] = -float(total[j])
                    furniture.add(elements[j])
            value = 0.0
            if tag in block_tags:
                value = block_value(inl_len[i], inl_link[i], inl_punct[i])
                score[i] += value
            if value > 0 or positive[i]:
                own[el] = value
        if p >= 0:
            if score[i] > 0:
                positive[p] = True
            score[p] += score[i]
            total[p] += total[i]
            links[p] += links[i]
            anchors[p] += anchors[i]
            if tag not in block_tags and el not in furniture:
                inl_len[p] += inl_len[i]
                inl_link[p] += inl_link[i]
                inl_punct[p] += inl_punct[i]
    scores = {elements[i]: score[i] for i in range(n - 1, -1, -1) if elements[i] not in inside}
    # Nothing inside furniture (a comment box, a teaser item) is a candidate; the
    # inside of furniture known up front is already in ``inside``.
    upfront = set(roots)
    for el in furniture:
        if el not in inside and el not in upfront:
            inside.update(el.iterdescendants())
    inside.update(furniture)
    return scores, own, inside


_LIST_MIN = 4
_TEASER_MAX = 300
_LIST_ITEM_TAGS = frozenset(("div", "li", "dd", "dt", "dl", "section", "article", "figure", "tr"))


def _teaser_items(
    el: etree._Element,
    index: dict[etree._Element, int],
    tags: list[str],
    anchors: list[int],
    total: list[int],
    score: list[float],
    keep: set[etree._Element],
) -> list[int]:
    """Children repeated with one tag and class that mostly link elsewhere: a story grid.

    Article paragraphs repeat too, but they rarely all link out, and they are <p>s.
    """
    groups: dict[tuple[str, str], list[int]] = {}
    for ch in el:
        j = index.get(ch)
        if j is not None and tags[j] in _LIST_ITEM_TAGS and ch not in keep:
            groups.setdefault((tags[j], ch.get("class") or ""), []).append(j)
    out = []
    for items in groups.values():
        # Teasers are short; a long sibling (the article's own wrapper) is never one.
        items = [j for j in items if total[j] <= _TEASER_MAX]
        if len(items) < _LIST_MIN:
            continue
        linked = sum(1 for j in items if anchors[j] > 0)
        if linked * 4 >= len(items) * 3:
            out.extend(j for j in items if score[j] > -total[j])
    return out


_ITEM_TAGS = frozenset(("li", "dd", "dt"))
