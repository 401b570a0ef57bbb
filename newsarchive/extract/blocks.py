"""A node's text as lines: one per block element or <br>, whitespace normalised."""

from __future__ import annotations

import re

from lxml import etree

from newsarchive.extract.boilerplate import Line
from newsarchive.extract.scoring import BLOCK_TAGS, SKIP_TAGS


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
        text = clean_text("".join(parts))
        if text:
            lines.append(Line(text, min(link_chars, len(text))))
        parts, link_chars = [], 0

    # lxml's iterwalk walks in C (pages nest thousands of levels deep); ``link`` counts
    # the open <a> elements, so a tail is a link's text when its parent is inside one.
    if hidden is None:
        hidden = hidden_elements(node)
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
# Styles without "none" in any case are dropped in C; the regex confirms the rest.
_MAYBE_HIDDEN = etree.XPath(".//*[@hidden or contains(translate(@style, 'NOE', 'noe'), 'none')]")


def hidden_elements(node: etree._Element) -> set[etree._Element]:
    """Descendants hidden with display:none or the hidden attribute."""
    return {
        el
        for el in _MAYBE_HIDDEN(node)
        if el.get("hidden") is not None or _DISPLAY_NONE_RE.search(el.get("style") or "")
    }


_WS_RE = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\u2060\ufeff]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """Collapse whitespace runs (incl. &nbsp;, ideographic and zero-width spaces)."""
    # str.split() knows every Unicode space but not the zero-width ones; without those
    # it is the same as the regex and about twice as fast.
    if text.isascii() or _ZERO_WIDTH_RE.search(text) is None:
        return " ".join(text.split())
    return _WS_RE.sub(" ", text).strip()
