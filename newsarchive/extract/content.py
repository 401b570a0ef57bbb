"""Find the article body in a page and turn it into clean paragraphs and images.

Detection scores every text block (a block element's own inline text): long text
with sentence punctuation and few links is content (+), short unpunctuated text and
link lists are boilerplate (-). Each element's score is the sum over its subtree, and
the element with the highest score is the content container: a wrapper that adds a
sidebar or a navigation bar adds negative text and loses to the tighter container.
The container's lines are then cleaned by ``boilerplate.clean_lines``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from newsarchive.extract.boilerplate import Line, clean_lines
from newsarchive.extract.dom import drop_keep_tail
from newsarchive.record import Image


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
    r"login|toolbar|paging|pagination|pager|hotnews|rank|tuijian|xgxw|footer|player)",
    re.I,
)
_IMG_SRC_ATTRS = ("data-original", "data-src", "original", "src")


@dataclass
class Content:
    node: lxml.html.HtmlElement | None
    """The main content container found (or given)."""
    paragraphs: list[str] = field(default_factory=list)
    """Body paragraphs in reading order, cleaned."""
    images: list[Image] = field(default_factory=list)
    """Images inside the body, absolute URLs when a page URL was given."""


def find_content(
    doc: lxml.html.HtmlElement,
    url: str | None = None,
    node: lxml.html.HtmlElement | None = None,
    drop: Sequence[str] = (),
) -> Content:
    """Locate (unless ``node`` is given) and clean the main content of a parsed page.

    ``drop`` selectors (CSS, or XPath when starting with ``/`` or ``(``) remove
    elements inside the node first. ``doc`` is not modified except by ``drop``.
    """
    heads = headline_candidates(doc)
    url = base_url(doc, url)
    if node is None:
        # Keeping every element's Python proxy alive for the whole call makes each later
        # walk reuse it instead of rebuilding it through lxml.html's class lookup.
        elements = [el for el in doc.iter() if isinstance(el.tag, str)]
        found = detect(doc, heads, elements)
        if found is None:
            return Content(None)
        cand, paragraphs = found
        return Content(cand.node, paragraphs, candidate_images(cand, url))
    # Images and their captions are read before dropping: a profile may drop a caption
    # paragraph from the text, and the image still keeps its caption.
    found_images = _images(node, url)
    for selector in drop:
        for el in select(node, selector):
            if el is not node:
                drop_keep_tail(el)
    paragraphs = clean_lines(block_lines(node), heads)
    kept = [image for img, image in found_images if _inside(img, node)]
    return Content(node, paragraphs, kept)


def base_url(doc: etree._Element, url: str | None) -> str | None:
    """The URL relative links resolve against: <base href> (itself relative to the page)."""
    for base in doc.iter("base"):
        href = (base.get("href") or "").strip()
        if href and not href.startswith(("javascript:", "data:")):
            return urljoin(url or "", href) or url
    return url


def select(node: etree._Element, selector: str) -> list[etree._Element]:
    """Elements matching a CSS selector, or an XPath when it starts with / or (."""
    if selector.startswith(("/", "(", "./")):
        found = node.xpath(selector)
    else:
        found = node.cssselect(selector)
    return [el for el in found if isinstance(el, etree._Element)]


_TEXT = etree.XPath("string(.)")


def _subtree_length(el: etree._Element) -> int:
    """Weighted length of all text under an element (whitespace removed), read in C."""
    text = "".join(_TEXT(el).split())
    return _text_stats(text)[0] if text else 0


_ANCHOR_COUNT = etree.XPath("count(.//a[@href])")
_CLASS_AND_ID = etree.XPath("//@class|//@id")


def _negative_elements(doc: etree._Element) -> set[etree._Element]:
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


def _text_stats(s: str) -> tuple[int, int]:
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


@dataclass
class Candidate:
    """A container and the run of its children that holds the article."""

    node: lxml.html.HtmlElement
    start: int
    """Index of the first child element in the run."""
    end: int
    """Index of the last child element in the run (inclusive); -1 means the whole node."""
    score: float


def detect(
    doc: lxml.html.HtmlElement,
    heads: Sequence[str] = (),
    elements: list[etree._Element] | None = None,
) -> tuple[Candidate, list[str]] | None:
    """The best content candidate and its cleaned paragraphs.

    A disclaimer box or a teaser list can outscore a short article; once cleaned
    (copyright lines, link lists dropped) it is worth little. So the best-scored
    disjoint candidates that come close to the top score are cleaned, and the
    cleaned text decides.
    """
    ranked = sorted(candidates(doc, elements), key=lambda c: -c.score)
    if not ranked or ranked[0].score <= 0:
        return None  # no text on the page reads like an article
    chosen: list[Candidate] = []
    taken: set[etree._Element] = set()
    floor = ranked[0].score * _RERANK_SHARE
    for cand in ranked:
        if len(chosen) == _RERANK_MAX or cand.score < floor:
            break
        ancestors = set(cand.node.iterancestors())
        if cand.node in taken or ancestors & taken:
            continue
        if any(cand.node in set(c.node.iterancestors()) for c in chosen):
            continue
        chosen.append(cand)
        taken.add(cand.node)
    best = None
    for i, cand in enumerate(chosen):
        paragraphs = clean_lines(candidate_lines(cand), heads)
        value = paragraphs_value(paragraphs)
        if best is None or value > best[0]:
            best = (value, cand, paragraphs)
        # The usual case: cleaning kept most of the top candidate, no need to look further.
        if i == 0 and value >= cand.score * _KEPT_SHARE:
            break
    assert best is not None
    return best[1], best[2]


_RERANK_MAX = 4
_RERANK_SHARE = 0.2
_KEPT_SHARE = 0.6


def paragraphs_value(paragraphs: list[str]) -> float:
    """Article-likeness of cleaned paragraphs: punctuated text counts, fragments cost."""
    value = 0.0
    for text in paragraphs:
        n, punct = _text_stats(text)
        value += block_value(n, 0, punct)
    return value


def candidates(
    doc: lxml.html.HtmlElement, elements: list[etree._Element] | None = None
) -> list[Candidate]:
    """For every container: the best contiguous run of children by subtree score.

    Old table layouts put the article paragraphs and the related-links / ad tables
    side by side in one <td>; a run of children separates them where a whole
    subtree cannot.
    """
    scores, own, banned = subtree_scores(doc, elements)
    out = []
    for el, total in scores.items():
        if el in banned or el.tag not in CONTAINER_TAGS or el not in own:
            continue
        kids = [ch for ch in el if isinstance(ch.tag, str)]
        own_value = own[el]
        if not kids or own_value > 50:
            out.append(Candidate(el, 0, -1, total))
            continue
        start, end, run = _best_run([scores.get(ch, 0.0) for ch in kids])
        if start == 0 and end == len(kids) - 1:
            out.append(Candidate(el, 0, -1, run + max(own_value, 0.0)))
        elif start == end and kids[start].tag in CONTAINER_TAGS:
            continue  # the run is one child container: that child is its own candidate
        else:
            out.append(Candidate(el, start, end, run + max(own_value, 0.0)))
    return out


def _best_run(values: list[float]) -> tuple[int, int, float]:
    """Maximum-sum contiguous run, then widened over slightly negative neighbours.

    The widening keeps a trailing reporter line or a caption that scored a little
    below zero; the cleaner removes what should not stay.
    """
    best = (0, 0, values[0])
    start, acc = 0, 0.0
    for i, v in enumerate(values):
        if acc <= 0:
            start, acc = i, v
        else:
            acc += v
        if acc > best[2]:
            best = (start, i, acc)
    lo, hi, total = best
    while lo > 0 and values[lo - 1] > _SMALL_NEGATIVE:
        lo -= 1
        total += values[lo]
    while hi < len(values) - 1 and values[hi + 1] > _SMALL_NEGATIVE:
        hi += 1
        total += values[hi]
    return lo, hi, total


_SMALL_NEGATIVE = -15.0


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
        elements = [el for el in doc.iter() if isinstance(el.tag, str)]
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
    negative = _negative_elements(doc)
    text_stats = _text_stats
    block_tags = BLOCK_TAGS
    skip_tags = SKIP_TAGS
    # Furniture known up front (skipped tags, furniture class names) is scored as a whole
    # by its text length, counted in C: nothing inside it needs looking at. That is
    # almost half of a typical page's elements.
    roots = [el for el in elements if el.tag in skip_tags]
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
            tl, tp = text_stats(text)
            inl_len[i] += tl
            inl_punct[i] += tp
            total[i] += tl
        tail = el.tail
        if tail and not tail.isspace() and p >= 0:
            tl, tp = text_stats(tail)
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
    scores = {elements[i]: score[i] for i in range(n - 1, -1, -1)}
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


def candidate_lines(cand: Candidate) -> list[Line]:
    """Lines of a candidate: the whole node, or its run of children with their tails."""
    if cand.end == -1:
        return block_lines(cand.node)
    kids = [ch for ch in cand.node if isinstance(ch.tag, str)]
    hidden = _hidden_elements(cand.node)
    lines: list[Line] = []
    for ch in kids[cand.start : cand.end + 1]:
        if ch in hidden or ch.tag in SKIP_TAGS:
            text = _clean(ch.tail or "")
            if text:
                lines.append(Line(text, 0))
            continue
        lines.extend(block_lines(ch, with_tail=True, hidden=hidden))
    return lines


def block_lines(
    node: etree._Element,
    with_tail: bool = False,
    hidden: set[etree._Element] | None = None,
) -> list[Line]:
    """The node's text as lines: one per block element or <br>, with link character counts.

    ``with_tail`` adds the text that follows the node inside its parent; ``hidden`` are
    the hidden elements when the caller already knows them.
    """
    lines: list[Line] = []
    parts: list[str] = []
    link_chars = 0

    def newline() -> None:
        nonlocal parts, link_chars
        text = _clean("".join(parts))
        if text:
            lines.append(Line(text, min(link_chars, len(text))))
        parts, link_chars = [], 0

    # lxml's iterwalk walks in C (pages nest thousands of levels deep); ``link`` counts
    # the open <a> elements, so a tail is a link's text when its parent is inside one.
    if hidden is None:
        hidden = _hidden_elements(node)
    link = 0
    walker = etree.iterwalk(node, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        skipped = el is not node and (tag in SKIP_TAGS or el in hidden or not isinstance(tag, str))
        if event == "start":
            if skipped:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS or tag == "br":
                newline()
            if tag == "a":
                link += 1
            text = el.text
            if text:
                parts.append(text)
                if link:
                    link_chars += len(text.strip())
        else:
            if tag == "a" and not skipped:
                link -= 1
            elif tag in BLOCK_TAGS:
                newline()
            tail = el.tail
            if el is not node and tail:
                parts.append(tail)
                if link:
                    link_chars += len(tail.strip())
    if with_tail and node.tail:
        parts.append(node.tail)
    newline()
    return lines


_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none", re.I)


def _hidden_elements(node: etree._Element) -> set[etree._Element]:
    """Descendants hidden with display:none or the hidden attribute."""
    return {
        el
        for el in node.xpath(".//*[@style or @hidden]")
        if el.get("hidden") is not None or _DISPLAY_NONE_RE.search(el.get("style") or "")
    }


_WS_RE = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\u2060\ufeff]+")


def _clean(text: str) -> str:
    """Collapse whitespace runs (incl. &nbsp;, ideographic and zero-width spaces)."""
    return _WS_RE.sub(" ", text).strip()


def headline_candidates(doc: lxml.html.HtmlElement) -> list[str]:
    """Texts a repeated headline at the top of the body could equal.

    The <h1>s, the <title>, and the longest part of the <title> once its site suffix
    ("_内蒙古新闻网", " - 新华网") is cut off.
    """
    out = []
    for el in doc.iter("h1", "title"):
        text = _clean(el.text_content())
        if text:
            out.append(text)
            if el.tag == "title":
                parts = _TITLE_SPLIT_RE.split(text)
                longest = max(parts, key=len).strip()
                if longest and longest != text:
                    out.append(longest)
    return out


_TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜]|[-－–—]{1,2})\s*")


def _inside(el: etree._Element, node: etree._Element) -> bool:
    return any(a is node for a in el.iterancestors())


def candidate_images(cand: Candidate, url: str | None) -> list[Image]:
    """Images of a candidate: the whole node, or only its run of children."""
    if cand.end == -1:
        return images(cand.node, url)
    kids = [ch for ch in cand.node if isinstance(ch.tag, str)]
    out: list[Image] = []
    for ch in kids[cand.start : cand.end + 1]:
        out.extend(image for image in images(ch, url) if image not in out)
    return out


def images(node: etree._Element, url: str | None) -> list[Image]:
    """Images inside the content node with a caption from alt/title or a short parent block."""
    return [image for _, image in _images(node, url)]


def _images(node: etree._Element, url: str | None) -> list[tuple[etree._Element, Image]]:
    found: list[tuple[etree._Element, Image]] = []
    seen: set[str] = set()
    for img in node.iter("img"):
        src = next((img.get(a) for a in _IMG_SRC_ATTRS if img.get(a)), None)
        if not src or src.startswith("data:") or _is_tiny(img):
            continue
        src = urljoin(url, src.strip()) if url else src.strip()
        if src in seen:
            continue
        seen.add(src)
        caption = _clean(img.get("alt") or img.get("title") or "") or _parent_caption(img)
        found.append((img, Image(src, caption or None)))
    return found


def _is_tiny(img: etree._Element) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().rstrip("px")
        if value.isdigit() and int(value) < 50:
            return True
    return False


def _parent_caption(img: etree._Element) -> str | None:
    """The short text of the image's own block, or of what directly follows that block."""
    parent = img.getparent()
    while parent is not None and parent.tag not in BLOCK_TAGS:
        parent = parent.getparent()
    if parent is None:
        return None
    text = _clean(parent.text_content())
    if not text:
        text = _clean(parent.tail or "")
        nxt = parent.getnext()
        while not text and nxt is not None and nxt.tag == "br":
            text = _clean(nxt.tail or "")
            nxt = nxt.getnext()
        if not text and nxt is not None and isinstance(nxt.tag, str):
            text = _clean(nxt.text_content())
    return text if 0 < len(text) <= 80 else None
