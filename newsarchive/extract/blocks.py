"""A node's text as lines: one per block element or <br>, whitespace normalised."""

from __future__ import annotations

import re

from lxml import etree

from newsarchive.extract.boilerplate import Line
from newsarchive.extract.scoring import BLOCK_TAGS, SKIP_TAGS


def block_lines(node: etree._Element, with_tail: bool = False) -> list[Line]:
    """The node's text as lines: one per block element or <br>, with link character counts.

    ``with_tail`` adds the text that follows the node inside its parent.
    """
    lines: list[Line] = []
    parts: list[str] = []
    link_chars = 0

    def newline() -> None:
        nonlocal parts, link_chars
        text = clean_text("".join(parts))
        if text:
            lines.append(Line(text, min(link_chars, len(text))))
        parts, link_chars = [], 0

    # lxml's iterwalk walks in C (pages nest thousands of levels deep); ``link`` counts
    # the open <a> elements, so a tail is a link's text when its parent is inside one.
    # ``newline()`` only when there are parts: with none there is no line to end.
    link = 0
    skipped = None  # the element whose subtree was skipped: its end event comes next
    skip_tags, block_tags, break_tags, hidden = SKIP_TAGS, BLOCK_TAGS, _BREAK_TAGS, is_hidden
    walker = etree.iterwalk(node, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if el is not node and (tag.__class__ is not str or tag in skip_tags or hidden(el)):
                walker.skip_subtree()
                skipped = el
                continue
            if parts and tag in break_tags:
                newline()
            if tag == "a":
                link += 1
            text = el.text
            if text:
                parts.append(text)
                if link:
                    link_chars += len(text.strip())
        else:
            if tag == "a" and el is not skipped:
                link -= 1
            elif parts and tag in block_tags:
                newline()
            tail = el.tail
            if tail and el is not node:
                parts.append(tail)
                if link:
                    link_chars += len(tail.strip())
    if with_tail and node.tail:
        parts.append(node.tail)
    newline()
    return lines


_BREAK_TAGS = BLOCK_TAGS | {"br"}
_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none", re.I)


def is_hidden(el: etree._Element) -> bool:
    """Hidden with display:none or the hidden attribute."""
    # Asked of each element as it is walked: an XPath over the node's descendants took
    # ~4,000 instructions per element in libxml2, several times this.
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return style is not None and _DISPLAY_NONE_RE.search(style) is not None


_WS_RE = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\u2060\ufeff]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """Collapse whitespace runs (incl. &nbsp;, ideographic and zero-width spaces)."""
    # str.split() knows every Unicode space but not the zero-width ones; without those
    # it is the same as the regex and about twice as fast.
    if text.isascii() or _ZERO_WIDTH_RE.search(text) is None:
        return " ".join(text.split())
    return _WS_RE.sub(" ", text).strip()
