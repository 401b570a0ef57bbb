"""The page as a reader sees it: visible text split into lines at block elements.

Headline, date and byline detection all look at "the lines near the headline";
this module computes those lines once per page, each with the element it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# Elements that start a new line of rendered text.
BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "center",
        "dd",
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
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "html",
    ]
)
# Elements whose text is never shown as page text.
# <head> itself is not hidden: broken pages get their whole body parsed into it.
HIDDEN = frozenset(
    ["title", "script", "style", "noscript", "template", "select", "option", "textarea", "iframe"]
)
# Private-use code points: GBK user-defined glyphs with no meaning outside the old site.
_PRIVATE = re.compile(r"[\ue000-\uf8ff]")


@dataclass
class Line:
    """One rendered line of text."""

    text: str
    """Whitespace folded to single spaces, stripped."""
    el: etree._Element
    """The block element the line's text belongs to."""


def fold(text: str | None) -> str:
    """Collapse whitespace runs (including full-width and no-break spaces) to one space."""
    if not text:
        return ""
    if "\u200b" in text or "\ufeff" in text:
        text = text.replace("\u200b", " ").replace("\ufeff", " ")
    # str.split() splits on the same Unicode whitespace as \s, in C: fold runs per line.
    return " ".join(_PRIVATE.sub("", text).split())


def text_lines(root: etree._Element) -> list[Line]:
    """Visible lines of ``root`` in document order; empty lines are dropped."""
    lines: list[Line] = []
    parts: list[str] = []
    owner: list[etree._Element] = [root]

    def flush() -> None:
        text = fold("".join(parts))
        parts.clear()
        if text:
            lines.append(Line(text, owner[-1]))

    # iterwalk, not recursion: pages nest deeper than Python's recursion limit.
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if tag.__class__ is not str or tag in HIDDEN:
                walker.skip_subtree()
                continue
            if tag in BLOCK:
                if parts:
                    flush()
                owner.append(el)
            text = el.text  # each .text/.tail read builds a new string: read it once
            if text:
                parts.append(text)
            continue
        if tag in BLOCK:  # never true for hidden elements or comments
            if parts:
                flush()
            owner.pop()
        tail = el.tail
        if tail and el is not root:
            parts.append(tail)
    if parts:
        flush()
    return lines
