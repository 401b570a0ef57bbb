"""Where the meta fields live: the lines around the headline and around the body's edges.

Dates, sources, editors and bylines are looked for in a few short regions, never
in the whole page: the copyright footer and the "related stories" lists are full
of 来源 and 记者 that belong to other articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from newsarchive.extract.headline import is_meta_line
from newsarchive.extract.lines import BLOCK, Line, fold

MAX_META_LINE = 200
"""Longer lines are body text, not a meta line."""
_FOOTER_LINES = 4


@dataclass
class Regions:
    meta: list[str] = field(default_factory=list)
    """Lines right below the headline (the meta line), then the few right above it."""
    below: list[str] = field(default_factory=list)
    """Only the lines right below the headline."""
    below_lines: list[Line] = field(default_factory=list)
    """The same lines with their elements (for markup hints)."""
    head: list[str] = field(default_factory=list)
    """The body's first lines (bylines such as 本报记者 X)."""
    tail: list[str] = field(default_factory=list)
    """The body's last lines and the lines after it (editor, reporter, source lines).

    Not limited in length: a closing (记者 X) ends a long paragraph."""
    tail_lines: list[Line] = field(default_factory=list)
    """The tail lines with their elements."""
    footer: list[str] = field(default_factory=list)
    """The page's last lines (a blog's ``Copyright © owner``)."""


def body_span(
    lines: list[Line], node: etree._Element | None, paragraphs: list[str]
) -> tuple[int | None, int | None]:
    """Indexes of the body's first and last line among the page lines."""
    if node is None or not paragraphs:
        return None, None
    # The container often starts with the headline and meta line; the cleaned paragraphs
    # tell where the article text itself starts and ends.
    head = fold(paragraphs[0])[:20]
    tail = fold(paragraphs[-1])[-20:]
    first = _holding(lines, node, head, range(len(lines)))
    last = _holding(lines, node, tail, range(len(lines) - 1, -1, -1))
    if first is None or last is None:
        # Line elements are blocks (or the page's root): no proxy for the inline elements.
        inside = {id(el) for el in node.iter(*BLOCK)}
        inside.add(id(node))
        members = [i for i, line in enumerate(lines) if id(line.el) in inside]
        if not members:
            return None, None
        first = next((i for i in members if head and head in lines[i].text), members[0])
        last = next((i for i in reversed(members) if tail and tail in lines[i].text), members[-1])
    # A date or source line kept at the top is the meta line, not article text.
    while first < last and _meta_not_text(lines[first].text):
        first += 1
    return first, max(first, last)


_OUTSIDE_TRIES = 4


def _holding(lines: list[Line], node: etree._Element, text: str, order: range) -> int | None:
    """The first line in ``order`` that holds ``text`` and lies inside ``node``.

    Only the lines holding ``text`` are tested for being inside, each by a walk up the
    tree (cheaper than collecting the container's elements). None when there is no such
    line, or none among the first few lines holding ``text``: the caller then collects.
    """
    if not text:
        return None
    outside = 0
    for i in order:
        if text in lines[i].text:
            el = lines[i].el
            if el is node or node in el.iterancestors():
                return i
            outside += 1
            if outside == _OUTSIDE_TRIES:
                return None
    return None


def _meta_not_text(text: str) -> bool:
    return len(text) <= 100 and is_meta_line(text) and not text.endswith(("。", "！", "？", "”"))


def regions(
    lines: list[Line],
    headline_index: int | None,
    body_start: int | None,
    body_end: int | None,
) -> Regions:
    """The meta, head and tail regions of a page."""

    def short(indexes: range) -> list[str]:
        return [lines[i].text for i in indexes if len(lines[i].text) <= MAX_META_LINE]

    n = len(lines)
    found = Regions()
    if headline_index is not None:
        stop = headline_index + 9
        if body_start is not None and headline_index < body_start:
            stop = min(stop, body_start)
        found.below_lines = [
            lines[i]
            for i in range(headline_index + 1, min(n, stop))
            if len(lines[i].text) <= MAX_META_LINE
        ]
        found.below = [line.text for line in found.below_lines]
        found.meta = list(found.below)
        # Above the headline, nearest first: a "today's date" header sits further up.
        found.meta += short(range(headline_index - 1, max(-1, headline_index - 4), -1))
    elif body_start is not None:
        found.meta = short(range(max(0, body_start - 6), body_start))
    if body_start is not None and body_end is not None:
        found.head = [lines[i].text for i in range(body_start, min(body_end + 1, body_start + 5))]
        # A meta line the body detector kept as the body's first line.
        found.meta += [t for t in found.head if len(t) <= 100 and is_meta_line(t)]
        # The detected container often runs past the article into the footer, so the
        # tail reaches well before its end and a little after it.
        tail_from = max(body_start + 1, body_end - 8)
        found.tail_lines = lines[tail_from : min(n, body_end + 16)]
        found.tail = [line.text for line in found.tail_lines]
    found.footer = [line.text for line in lines[-_FOOTER_LINES:]]
    return found
