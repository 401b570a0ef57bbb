"""The page as a reader sees it: visible text split into lines at block elements.

Headline, date and byline detection all look at "the lines near the headline";
this module computes those lines once per page, each with the element it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

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
_BLOCK, _HIDDEN = 1, 2
_KIND: dict[object, int] = {tag: _BLOCK for tag in BLOCK} | {tag: _HIDDEN for tag in HIDDEN}
# Comments and processing instructions (their tag is a function): their text is not shown.
_KIND |= {etree.Comment: _HIDDEN, etree.ProcessingInstruction: _HIDDEN, etree.Entity: _HIDDEN}


@dataclass(slots=True)
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
    texts: list[str] = []  # each line's unfolded text
    owners: list[etree._Element] = []  # and its block element
    parts: list[str] = []  # the pieces of the line being collected
    blocks: list[etree._Element] = [root]  # the open block elements, innermost last
    top = root.getparent()
    open_: list[etree._Element | None] = [top]  # root's ancestors excluded
    # iter() and getparent(), not iterwalk (twice the cost) nor recursion (pages nest
    # deeper than Python's recursion limit). An element ends before the first next
    # element that is not its descendant; None closes what is still open.
    elements = root.iter()
    for el in chain(elements, (None,)):
        parent = el.getparent() if el is not None else top
        while open_[-1] is not parent:
            done = open_.pop()
            if done is blocks[-1]:
                if parts:
                    texts.append("".join(parts))
                    owners.append(done)
                    parts.clear()
                blocks.pop()
            tail = done.tail  # each .text/.tail read builds a new string: read it once
            # A line's leading whitespace folds away: do not start a line with it.
            if tail and (parts or not tail.isspace()) and done is not root:
                parts.append(tail)
        if el is None:
            break
        open_.append(el)
        kind = _KIND.get(el.tag)
        if kind is _BLOCK:
            if parts:
                texts.append("".join(parts))
                owners.append(blocks[-1])
                parts.clear()
            blocks.append(el)
        elif kind is _HIDDEN:
            for _ in el.iterdescendants():
                next(elements)  # hidden too: skipped
            continue
        text = el.text
        if text and (parts or not text.isspace()):
            parts.append(text)
    if parts:
        texts.append("".join(parts))
        owners.append(root)
    folded = [" ".join(text.split()) for text in texts]
    # fold() also drops zero-width and private-use characters, none of them printable.
    folded = [f if f.isprintable() else fold(t) for f, t in zip(folded, texts, strict=True)]
    return [Line(text, el) for text, el in zip(folded, owners, strict=True) if text]
