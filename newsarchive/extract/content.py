"""Find the article body in a page and turn it into clean paragraphs and images.

Detection scores every text block (a block element's own inline text): long text
with sentence punctuation and few links is content (+), short unpunctuated text and
link lists are boilerplate (-). Each element's score is the sum over its subtree, and
the element with the highest score is the content container: a wrapper that adds a
sidebar or a navigation bar adds negative text and loses to the tighter container.
The container's lines are then cleaned by ``boilerplate.clean_lines``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from newsarchive.extract.boilerplate import Line, clean_lines
from newsarchive.extract.dom import drop_keep_tail
from newsarchive.record import Image

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
CONTAINER_TAGS = frozenset(
    [
        "article",
        "body",
        "center",
        "div",
        "form",
        "main",
        "section",
        "td",
        "table",
        "tbody",
        "blockquote",
        "font",
        "span",
    ]
)
# Never article text, wherever they sit.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "map",
        "head",
        "title",
        "meta",
        "link",
        "nav",
        "aside",
        "footer",
    ]
)
# class/id tokens of page furniture; matched at the start of a token (commentList, share-box).
_NEGATIVE_RE = re.compile(
    r"(?:^|[\s_-])(?:comment|footer|foot|sidebar|sider|nav|menu|crumb|breadcrumb|share|"
    r"bdshare|jiathis|related|relate|recommend|copyright|advert|ads?(?=$|[\s_\d-])|banner|"
    r"login|toolbar|paging|pagination|pager|hotnews|rank|tuijian|xgxw|footer)",
    re.I,
)
_PUNCT = "，。！？；：、“”‘’（）《》,.!?;"
_PUNCT_DEL = str.maketrans("", "", _PUNCT)
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
    if node is None:
        node = detect(doc)
    if node is None:
        return Content(None)
    for selector in drop:
        for el in select(node, selector):
            if el is not node:
                drop_keep_tail(el)
    lines = block_lines(node)
    paragraphs = clean_lines(lines, headlines=headline_candidates(doc))
    return Content(node, paragraphs, images(node, url))


def select(node: etree._Element, selector: str) -> list[etree._Element]:
    """Elements matching a CSS selector, or an XPath when it starts with / or (."""
    if selector.startswith(("/", "(", "./")):
        found = node.xpath(selector)
    else:
        found = node.cssselect(selector)
    return [el for el in found if isinstance(el, etree._Element)]


def _is_negative(el: etree._Element) -> bool:
    hint = (el.get("class") or "") + " " + (el.get("id") or "")
    return bool(hint.strip()) and _NEGATIVE_RE.search(hint) is not None


def _text_stats(s: str | None) -> tuple[int, int]:
    if not s:
        return 0, 0
    s = s.strip()
    return len(s), len(s) - len(s.translate(_PUNCT_DEL))


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


def detect(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element whose subtree has the highest sum of block values."""
    elements = [el for el in doc.iter() if isinstance(el.tag, str)]
    stats: dict[etree._Element, tuple[float, int, int, int, int]] = {}
    best, best_score = None, 0.0
    for el in reversed(elements):
        tag = el.tag
        length, punct = _text_stats(el.text)
        link = 0
        score = 0.0
        total = length
        for ch in el:
            st = stats.get(ch)
            if st is not None:
                score += st[0]
                total += st[4]
                if ch.tag not in BLOCK_TAGS:
                    length += st[1]
                    link += st[2]
                    punct += st[3]
            tl, tp = _text_stats(ch.tail)
            length += tl
            punct += tp
            total += tl
        if tag == "a":
            link = length
        if tag in SKIP_TAGS or _is_negative(el):
            stats[el] = (-float(total), 0, 0, 0, total)
            continue
        if tag in BLOCK_TAGS:
            score += block_value(length, link, punct)
            stats[el] = (score, 0, 0, 0, total)
        else:
            stats[el] = (score, length, link, punct, total)
        if tag in CONTAINER_TAGS and score > best_score:
            best, best_score = el, score
    return best


def block_lines(node: etree._Element) -> list[Line]:
    """The node's text as lines: one per block element or <br>, with link character counts."""
    lines: list[Line] = []
    parts: list[str] = []
    link_chars = 0

    def newline() -> None:
        nonlocal parts, link_chars
        text = _clean("".join(parts))
        if text:
            lines.append(Line(text, min(link_chars, len(text))))
        parts, link_chars = [], 0

    # Iterative walk (pages nest thousands of levels deep). Each entry carries whether
    # its parent is inside a link: that is what the element's tail text is in.
    stack: list[tuple[bool, etree._Element, bool]] = [(True, node, False)]
    while stack:
        opening, el, parent_link = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if opening:
            if el is not node and (tag in SKIP_TAGS or not tag or _is_hidden(el)):
                if el.tail:
                    parts.append(el.tail)
                    if parent_link:
                        link_chars += len(el.tail.strip())
                continue
            if tag in BLOCK_TAGS or tag == "br":
                newline()
            in_link = parent_link or tag == "a"
            if el.text:
                parts.append(el.text)
                if in_link:
                    link_chars += len(el.text.strip())
            stack.append((False, el, parent_link))
            for ch in reversed(el):
                stack.append((True, ch, in_link))
        else:
            if tag in BLOCK_TAGS:
                newline()
            if el is not node and el.tail:
                parts.append(el.tail)
                if parent_link:
                    link_chars += len(el.tail.strip())
    newline()
    return lines


def _is_hidden(el: etree._Element) -> bool:
    style = el.get("style")
    if style and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I):
        return True
    return el.get("hidden") is not None


_WS_RE = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\u2060\ufeff]+")


def _clean(text: str) -> str:
    """Collapse whitespace runs (incl. &nbsp;, ideographic and zero-width spaces)."""
    return _WS_RE.sub(" ", text).strip()


def headline_candidates(doc: lxml.html.HtmlElement) -> list[str]:
    """Texts a repeated headline at the top of the body could equal: <h1>s and <title>."""
    out = []
    for el in doc.iter("h1", "title"):
        text = _clean(el.text_content())
        if text:
            out.append(text)
    return out


def images(node: etree._Element, url: str | None) -> list[Image]:
    """Images inside the content node with a caption from alt/title or a short parent block."""
    found: list[Image] = []
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
        found.append(Image(src, caption or None))
    return found


def _is_tiny(img: etree._Element) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().rstrip("px")
        if value.isdigit() and int(value) < 50:
            return True
    return False


def _parent_caption(img: etree._Element) -> str | None:
    parent = img.getparent()
    while parent is not None and parent.tag not in BLOCK_TAGS:
        parent = parent.getparent()
    if parent is None:
        return None
    text = _clean(parent.text_content())
    if not text:
        nxt = parent.getnext()
        text = _clean(nxt.text_content()) if nxt is not None and nxt.tag == "p" else ""
    return text if 0 < len(text) <= 80 else None
