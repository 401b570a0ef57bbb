"""Find the article body in a page and turn it into clean paragraphs and images.

Every container is a candidate with the best contiguous run of its children by
subtree score (``scoring``); the best candidates are cleaned line by line
(``boilerplate.clean_lines``) and the cleaned text decides when the scores are close.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from newsarchive.extract.blocks import block_lines, clean_text, is_hidden
from newsarchive.extract.boilerplate import Line, clean_lines
from newsarchive.extract.dom import drop_keep_tail
from newsarchive.extract.images import base_url, image_pairs, images
from newsarchive.extract.lines import walk_page
from newsarchive.extract.scoring import CONTAINER_TAGS, SKIP_TAGS, Scores, block_value, text_stats
from newsarchive.record import Image


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
    scores: Scores | None = None,
) -> Content:
    """Locate (unless ``node`` is given) and clean the main content of a parsed page.

    ``drop`` selectors (CSS, or XPath when starting with ``/`` or ``(``) remove
    elements inside the node first. ``doc`` is not modified except by ``drop``.
    ``scores`` are the page's scores when already computed (``lines.walk_page``).
    """
    heads = headline_candidates(doc)
    url = base_url(doc, url)
    if node is None:
        found = detect(doc, heads, scores)
        if found is None:
            return Content(None)
        cand, paragraphs = found
        return Content(cand.node, paragraphs, candidate_images(cand, url))
    # Images and their captions are read before dropping: a profile may drop a caption
    # paragraph from the text, and the image still keeps its caption.
    found_images = image_pairs(node, url)
    for selector in drop:
        for el in select(node, selector):
            if el is not node:
                drop_keep_tail(el)
    paragraphs = clean_lines(block_lines(node), heads)
    kept = [image for img, image in found_images if _inside(img, node)]
    return Content(node, paragraphs, kept)


def select(node: etree._Element, selector: str) -> list[etree._Element]:
    """Elements matching a CSS selector, or an XPath when it starts with / or (."""
    if selector.startswith(("/", "(", "./")):
        found = node.xpath(selector)
    else:
        found = node.cssselect(selector)
    return [el for el in found if isinstance(el, etree._Element)]


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
    doc: lxml.html.HtmlElement, heads: Sequence[str] = (), scores: Scores | None = None
) -> tuple[Candidate, list[str]] | None:
    """The best content candidate and its cleaned paragraphs.

    A disclaimer box or a teaser list can outscore a short article; once cleaned
    (copyright lines, link lists dropped) it is worth little. So the best-scored
    disjoint candidates that come close to the top score are cleaned, and the
    cleaned text decides.
    """
    ranked = sorted(candidates(doc, scores), key=lambda c: -c.score)
    if not ranked or ranked[0].score <= 0:
        return None  # no text on the page reads like an article
    top = ranked[0]
    paragraphs = clean_lines(candidate_lines(top), heads)
    value = paragraphs_value(paragraphs)
    # The usual case: cleaning kept most of the top candidate, no need to look further.
    if value >= top.score * _KEPT_SHARE:
        return top, paragraphs
    best = (value, top, paragraphs)
    taken = {top.node}
    taken_ancestors = set(top.node.iterancestors())
    floor = top.score * _RERANK_SHARE
    for cand in ranked[1:_RERANK_SCAN]:
        if len(taken) == _RERANK_MAX or cand.score < floor:
            break
        ancestors = set(cand.node.iterancestors())
        # disjoint from the candidates already cleaned: neither inside nor around them
        if cand.node in taken or cand.node in taken_ancestors or ancestors & taken:
            continue
        taken.add(cand.node)
        taken_ancestors |= ancestors
        paragraphs = clean_lines(candidate_lines(cand), heads)
        value = paragraphs_value(paragraphs)
        if value > best[0]:
            best = (value, cand, paragraphs)
    return best[1], best[2]


_RERANK_MAX = 4
_RERANK_SCAN = 40
_RERANK_SHARE = 0.2
_KEPT_SHARE = 0.6


def paragraphs_value(paragraphs: list[str]) -> float:
    """Article-likeness of cleaned paragraphs: punctuated text counts, fragments cost."""
    value = 0.0
    for text in paragraphs:
        n, punct = text_stats(text)
        value += block_value(n, 0, punct)
    return value


def candidates(doc: lxml.html.HtmlElement, scores: Scores | None = None) -> list[Candidate]:
    """For every container: the best contiguous run of children by subtree score.

    Old table layouts put the article paragraphs and the related-links / ad tables
    side by side in one <td>; a run of children separates them where a whole
    subtree cannot.
    """
    if scores is None:
        scores = walk_page(doc, scores=True)[1]
    frames, own, banned = scores
    out = []
    for el, own_value in own.items():
        frame = frames[el]
        if frame[7] not in CONTAINER_TAGS or el in banned:
            continue
        total = frame[0]
        kids = list(el.iterchildren(etree.Element))  # elements only, chosen in C
        if not kids or own_value > 50:
            out.append(Candidate(el, 0, -1, total))
            continue
        start, end, run = _best_run([frames[ch][0] for ch in kids])
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


def candidate_lines(cand: Candidate) -> list[Line]:
    """Lines of a candidate: the whole node, or its run of children with their tails."""
    if cand.end == -1:
        return block_lines(cand.node)
    kids = [ch for ch in cand.node if isinstance(ch.tag, str)]
    lines: list[Line] = []
    for ch in kids[cand.start : cand.end + 1]:
        if ch.tag in SKIP_TAGS or is_hidden(ch):
            text = clean_text(ch.tail or "")
            if text:
                lines.append(Line(text, 0))
            continue
        lines.extend(block_lines(ch, with_tail=True))
    return lines


def headline_candidates(doc: lxml.html.HtmlElement) -> list[str]:
    """Texts a repeated headline at the top of the body could equal.

    The <h1>s, the <title>, and the longest part of the <title> once its site suffix
    ("_内蒙古新闻网", " - 新华网") is cut off.
    """
    out = []
    for el in doc.iter("h1", "title"):
        text = clean_text(el.text_content())
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
