"""A node's text as lines: one per block element or <br>, whitespace normalised."""

from __future__ import annotations

import re
from itertools import chain

from lxml import etree

from newsarchive.extract.boilerplate import Line
from newsarchive.extract.scoring import BLOCK_TAGS, SKIP_TAGS

# What a tag does to the lines, found with one dict lookup per element.
_SKIP, _BLOCK, _BREAK, _LINK = 1, 2, 3, 4
_KIND: dict[object, int] = (
    {tag: _BLOCK for tag in BLOCK_TAGS}
    | {"br": _BREAK, "a": _LINK}
    | {tag: _SKIP for tag in SKIP_TAGS}  # <nav>, <footer>...: skipped, still blocks
)


def block_lines(node: etree._Element, with_tail: bool = False) -> list[Line]:
    """The node's text as lines: one per block element or <br>, with link character counts.

    ``with_tail`` adds the text that follows the node inside its parent.
    """
    raws: list[tuple[str, int]] = []  # each line's uncleaned text and its link characters
    parts: list[str] = []  # the pieces of the line being collected
    link_chars = 0
    # iter() and getparent(), not iterwalk (twice the cost) nor recursion (pages nest
    # deeper than Python's recursion limit), as in lines.text_lines: an element ends
    # before the first next element that is not its descendant; the node ends last.
    tag = node.tag
    link = 1 if tag == "a" else 0  # open <a>: a tail is a link's text when its parent is in one
    open_: list[etree._Element | None] = [None, node]  # the open elements, innermost last
    open_kinds: list[int | None] = [None, _BLOCK if tag in BLOCK_TAGS else None]  # their kinds
    text = node.text
    if text and not text.isspace():
        parts.append(text)
        if link:
            link_chars += len(text.strip())
    kinds, hidden = _KIND, is_hidden
    # Elements only: comments and processing instructions are not walked, nor their tails.
    elements = node.iterdescendants(etree.Element)
    for el in chain(elements, (None,)):
        parent = el.getparent() if el is not None else None
        while open_[-1] is not parent:
            done = open_.pop()
            kind = open_kinds.pop()
            if kind is _LINK:
                link -= 1
            elif kind is _BLOCK and parts:
                raws.append(("".join(parts), link_chars))
                parts = []
                link_chars = 0
            tail = done.tail
            # Whitespace never starts a line: it would fold away.
            if tail and (parts or not tail.isspace()) and done is not node:
                parts.append(tail)
                if link:
                    link_chars += len(tail.strip())
        if el is None:
            break
        tag = el.tag
        kind = kinds.get(tag)
        open_.append(el)
        if kind is _SKIP or hidden(el):
            if len(el):
                for _ in el.iterdescendants(etree.Element):
                    next(elements)  # skipped with it
            # A skipped block still ends the line at its end; a skipped <a> holds no link.
            open_kinds.append(_BLOCK if tag in BLOCK_TAGS else None)
            continue
        open_kinds.append(kind)
        if kind is _LINK:
            link += 1
        elif (kind is _BLOCK or kind is _BREAK) and parts:
            raws.append(("".join(parts), link_chars))
            parts = []
            link_chars = 0
        text = el.text
        if text and (parts or not text.isspace()):
            parts.append(text)
            if link:
                link_chars += len(text.strip())
    if with_tail and node.tail:
        parts.append(node.tail)
    if parts:
        raws.append(("".join(parts), link_chars))
    lines = []
    for raw, n in raws:
        text = clean_text(raw)
        if text:
            lines.append(Line(text, min(n, len(text))))
    return lines


_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none", re.I)


def is_hidden(el: etree._Element) -> bool:
    """Hidden with display:none or the hidden attribute."""
    # Asked of each element as it is walked: an XPath over the node's descendants took
    # ~4,000 instructions per element in libxml2, several times this.
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    # A case-insensitive search tries every position: look for "none" first (n, o and
    # e have no case variants but N, O and E).
    return (
        style is not None and "none" in style.lower() and _DISPLAY_NONE_RE.search(style) is not None
    )


_WS_RE = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\u2060\ufeff]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str) -> str:
    """Collapse whitespace runs (incl. &nbsp;, ideographic and zero-width spaces)."""
    # Most texts have whitespace only at their ends. A printable text has no whitespace
    # but the ASCII space and no zero-width space: without a double space, strip() is
    # all it needs.
    stripped = text.strip()
    if "  " not in stripped and stripped.isprintable():
        return stripped
    # str.split() knows every Unicode space but not the zero-width ones (not printable
    # either); a search for them, in a regex, costs more than the split.
    folded = " ".join(text.split())
    if folded.isprintable() or _ZERO_WIDTH_RE.search(text) is None:
        return folded
    return _WS_RE.sub(" ", text).strip()
