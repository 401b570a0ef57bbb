"""Scoring every element of a page by how much article text it holds.

Each block element's own inline text gets a value: long text with sentence punctuation
and few links is article text (+), short unpunctuated text and link lists are page
furniture (-). An element's score is the sum over its subtree, so a wrapper that adds
a sidebar or a navigation bar adds negative text and scores below the tighter
container. Navigation, comment boxes, share bars (by tag or class name) and story
teaser grids count as furniture as a whole.

The rules are here; the walk that applies them is ``lines.walk_page``, which computes
the page's lines in the same pass. Its results (``Scores``):

- ``frames``: every scored element's sums, one list each (cheaper than a slot in each of
  many lists): [0] subtree score, [1] inline text length, [2] inline link length,
  [3] inline punctuation (text flowing in the element up to its nearest block
  ancestor), [4] all text in the subtree, [5] link text in the subtree, [6] whether a
  child scored above zero, [7] tag, [8] the element, [9] the frames of its children
  with a list item's tag (for teaser_items);
- ``own``: the elements worth looking at as candidates (something positive in or under
  them) with the value of their own inline text;
- ``banned``: furniture and every scored element inside it (nothing there is a
  candidate).
"""

from __future__ import annotations

import functools
import re

from lxml import etree

Scores = tuple[dict[etree._Element, list], dict[etree._Element, float], set[etree._Element]]


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


def subtree_text(el: etree._Element) -> str:
    """All text under an element, read in C."""
    # Most are leaves (<script>, <iframe>): no XPath call needed.
    return _TEXT(el) if len(el) else el.text or ""


def furniture_length(texts: list[str]) -> int:
    """Weighted length of furniture's text pieces once whitespace is removed."""
    text = "".join("".join(texts).split())
    return text_stats(text)[0] if text else 0


@functools.lru_cache(maxsize=4096)
def negative_hint(hint: str) -> bool:
    # Matched on the lowercased value: with re.I the search was ~1.6x slower.
    return _NEGATIVE_RE.search(hint.lower()) is not None


# Page-level wrappers carry feature flags (<body class="comment_feature">): no furniture.
WRAPPER_TAGS = frozenset(("html", "body", "main", "article", "form"))
# A teaser item (a headline link + summary) of a story list, when it holds enough links.
ITEM_TAGS = frozenset(("li", "dd", "dt"))


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


def close_frame(
    f: list,
    pf: list,
    own: dict[etree._Element, float],
    furniture: list[etree._Element],
    keep: set[etree._Element],
) -> None:
    """Score an element whose subtree is done and add its sums to its parent's frame.

    ``f`` and ``pf`` are the element's and its parent's frames (layout above); ``own``
    and ``furniture`` collect the candidates and the furniture found; ``keep`` holds the
    wrappers of the page's <h1>, which are never teasers.
    """
    score, inl_len, inl_link, inl_punct, total, links, positive, tag, el, items = f
    if total == 0:
        return  # no text in the subtree: it scores 0 and adds nothing to its parent
    if tag == "a":
        links += inl_len - inl_link
        inl_link = inl_len
    if tag in ITEM_TAGS and links >= 8:
        # a teaser item (a headline link + summary) of a story list
        score = -float(total)
        furniture.append(el)
    else:
        if items is not None and len(items) >= LIST_MIN:
            for cf in teaser_items(items, keep):
                score -= float(cf[4]) + cf[0]
                cf[0] = -float(cf[4])
                furniture.append(cf[8])
        value = 0.0
        if tag in BLOCK_TAGS:
            value = block_value(inl_len, inl_link, inl_punct)
            score += value
        else:  # inline: its text flows on in its parent's
            pf[1] += inl_len
            pf[2] += inl_link
            pf[3] = pf[3] or inl_punct
        if value > 0 or positive:
            own[el] = value
    f[0] = score
    f[4] = total
    if score > 0:
        pf[6] = True
    pf[0] += score
    pf[4] += total
    pf[5] += links


def close_furniture(f: list, pf: list, texts: list[str]) -> None:
    """Score furniture known up front by its whole text (``texts``, the pieces read)."""
    total = furniture_length(texts)
    f[0] = value = -float(total)
    f[4] = total
    pf[0] += value
    pf[4] += total
    pf[5] += f[5]


LIST_MIN = 4
_TEASER_MAX = 300
LIST_ITEM_TAGS = frozenset(("div", "li", "dd", "dt", "dl", "section", "article", "figure", "tr"))


def teaser_items(items: list[list], keep: set[etree._Element]) -> list[list]:
    """The frames of the teasers of a story grid among an element's children, if any.

    ``items`` are the frames of its children with a list item's tag, in document order.
    A story grid repeats one tag and class, and its items mostly link elsewhere.
    Article paragraphs repeat too, but they rarely all link out, and they are <p>s.
    """
    # Teasers are short; a long sibling (the article's own wrapper) is never one.
    short = [f for f in items if f[4] <= _TEASER_MAX and f[8] not in keep]
    if len(short) < LIST_MIN:
        return []  # no group can be long enough: no class name needs reading
    groups: dict[tuple[str, str], list[list]] = {}
    for f in short:
        groups.setdefault((f[7], f[8].get("class") or ""), []).append(f)
    out = []
    for group in groups.values():
        if len(group) >= LIST_MIN and _mostly_linked(group):
            out.extend(f for f in group if f[0] > -f[4])
    return out


def _mostly_linked(items: list[list]) -> bool:
    """Whether at least 3/4 of the items are or hold an ``<a href>``; stops once known."""
    unlinked = len(items) // 4  # how many may have no link
    linked = len(items) - unlinked  # how many must have one
    for f in items:
        if _has_link(f[8]):
            linked -= 1
            if linked == 0:
                return True
        else:
            unlinked -= 1
            if unlinked < 0:
                return False
    return False


def _has_link(el: etree._Element) -> bool:
    """Whether ``el`` is or holds an ``<a href>`` (lxml's iter: half an XPath call's cost)."""
    for a in el.iter("a"):  # noqa: SIM110 (any() over a generator costs 40% more)
        if a.get("href") is not None:
            return True
    return False
