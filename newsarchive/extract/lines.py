"""The page as a reader sees it: visible text split into lines at block elements.

Headline, date and byline detection all look at "the lines near the headline";
this module computes those lines once per page, each with the element it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

from lxml import etree

from newsarchive.extract.scoring import (
    LIST_ITEM_TAGS,
    SKIP_TAGS,
    WRAPPER_TAGS,
    Scores,
    close_frame,
    close_furniture,
    negative_hint,
    subtree_text,
    text_stats,
)

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
    return walk_page(root)[0]


def walk_page(root: etree._Element, scores: bool = False) -> tuple[list[Line], Scores | None]:
    """The visible lines of ``root`` and, when asked, the scores of its elements.

    One walk computes both (``scoring`` has the rules and the layout of the scores):
    they read the same ``.text`` and ``.tail`` of the same elements, and a second walk
    cost as much again. An element's sums are final when it ends, and are then added
    to its parent's. Scoring does not enter furniture known up front (by tag or class
    name); the lines do, and the furniture's length is that of the text pieces read.
    """
    texts: list[str] = []  # each line's unfolded text
    owners: list[etree._Element] = []  # and its block element
    parts: list[str] = []  # the pieces of the line being collected
    blocks: list[etree._Element] = [root]  # the open block elements, innermost last
    top = root.getparent()
    open_: list[etree._Element | None] = [top]  # root's ancestors excluded
    # Scoring: every scored element's frame (layout in scoring's docstring), the frames of
    # the open scored elements (the bottom one stands for the parent of the root), the
    # element inside which nothing is scored (known furniture, or all without scores).
    frames: dict[etree._Element, list] = {}
    stack: list[list] = [[0.0, 0, 0, False, 0, 0, False, None, None, None]]
    quiet: object = None if scores else _UNSCORED
    own: dict[etree._Element, float] = {}
    furniture: list[etree._Element] = []
    quiet_texts: list[str] = []  # the text pieces of the known furniture walked
    # The wrappers of the page's <h1>: the article's own container is no teaser.
    headline_path: set[etree._Element] = set()
    if scores:
        for h1 in root.iter("h1"):
            headline_path.update(h1.iterancestors())
    stats_of = text_stats
    hint = negative_hint
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
            tail = None
            if done is not root:
                tail = done.tail  # each .text/.tail read builds a new string: read it once
                if tail:
                    # A line's leading whitespace folds away: do not start a line with it.
                    if not tail.isspace():
                        parts.append(tail)
                    else:
                        if parts:
                            parts.append(tail)
                        tail = None
            f = stack[-1]
            if f[8] is not done:  # not scored
                if tail and quiet is not None:
                    quiet_texts.append(tail)
                continue
            # The element's sums are final: add them to its parent's.
            stack.pop()
            pf = stack[-1]
            if tail:
                tl, tp = stats_of(tail)
                pf[1] += tl
                pf[3] = pf[3] or tp
                pf[4] += tl
                if pf[7] == "a":
                    pf[2] += tl
            if done is quiet:
                quiet = None
                close_furniture(f, pf, quiet_texts)
            else:
                close_frame(f, pf, own, furniture, headline_path)
        if el is None:
            break
        open_.append(el)
        tag = el.tag
        kind = _KIND.get(tag)
        if kind is _BLOCK:
            if parts:
                texts.append("".join(parts))
                owners.append(blocks[-1])
                parts.clear()
            blocks.append(el)
        elif kind is _HIDDEN:
            for _ in el.iterdescendants():
                next(elements)  # hidden too: skipped
            # Every hidden tag is a skipped tag; a comment is not scored at all, and
            # its text is no text of the furniture around it.
            if isinstance(tag, str):
                if quiet is None:
                    f = [0.0, 0, 0, False, 0, 0, False, tag, el, None]
                    frames[el] = f
                    stack.append(f)
                    quiet = el
                    quiet_texts = [subtree_text(el)]
                elif quiet is not _UNSCORED:
                    quiet_texts.append(subtree_text(el))
            continue
        text = el.text
        if text:
            if not text.isspace():
                parts.append(text)
            else:
                if parts:
                    parts.append(text)
                text = None
        if quiet is not None:
            if text:
                quiet_texts.append(text)
            continue
        # Furniture by tag, class or id name; page-level wrappers carry feature flags
        # (<body class="comment_feature">). A leaf without text scores 0 either way.
        if tag in SKIP_TAGS or (
            (text or len(el))
            and ((c := el.get("class")) and hint(c) or (c := el.get("id")) and hint(c))
            and tag not in WRAPPER_TAGS
        ):
            quiet = el
            quiet_texts = [text] if text else []
            link = stats_of(text)[0] if text and tag == "a" else 0
            f = [0.0, 0, 0, False, 0, link, False, tag, el, None]
        elif text:
            tl, tp = stats_of(text)
            f = [0.0, tl, 0, tp, tl, 0, False, tag, el, None]
        else:
            f = [0.0, 0, 0, False, 0, 0, False, tag, el, None]
        if tag in LIST_ITEM_TAGS:
            pf = stack[-1]
            if pf[9] is None:
                pf[9] = [f]
            else:
                pf[9].append(f)
        frames[el] = f
        stack.append(f)
    if parts:
        texts.append("".join(parts))
        owners.append(root)
    folded = [" ".join(text.split()) for text in texts]
    # fold() also drops zero-width and private-use characters, none of them printable.
    folded = [f if f.isprintable() else fold(t) for f, t in zip(folded, texts, strict=True)]
    lines = [Line(text, el) for text, el in zip(folded, owners, strict=True) if text]
    if not scores:
        return lines, None
    # Nothing inside furniture (a comment box, a teaser item) is a candidate; the inside
    # of furniture known up front was never scored, so it has no score to rule out.
    banned: set[etree._Element] = set()
    for el in furniture:
        if el not in banned:
            banned.update(el.iter())
    return lines, (frames, own, banned)


_UNSCORED = object()
