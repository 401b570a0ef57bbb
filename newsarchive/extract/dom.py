"""Parse decoded page text into an lxml tree that never fails and never drops text."""

from __future__ import annotations

import re
import threading

import lxml.html
from lxml import etree

_LOCAL = threading.local()


def _parser() -> etree.HTMLParser:
    """This thread's parser (an lxml parser must not be shared between threads)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        # huge_tree: without it libxml2 silently truncates very deep or large documents.
        parser = etree.HTMLParser(
            encoding="utf-8",
            huge_tree=True,
            remove_comments=True,
            remove_pis=True,
            remove_blank_text=False,
        )
        # Every element is an HtmlElement (text_content, cssselect...), chosen in C:
        # lxml.html's own per-tag lookup calls back into Python for each element proxy,
        # which made walking a parsed page several times slower.
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement,
                comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction,
                entity=lxml.html.HtmlEntity,
            )
        )
        _LOCAL.parser = parser
    return parser


# Old crawl dumps start with <text id="URL" title="..." encoding="..."> and end with </text>:
# left in place, lxml would put <head> (and <title>) inside <body>.
# Only ever matched at the start (re.match): a search or sub would try every position
# of a 100 KB page.
_WRAPPER_RE = re.compile(r"\s*<text\b[^>]*>")
_XML_DECL_RE = re.compile(r"\s*<\?xml[^>]*>")
# Characters lxml refuses in text (C0 controls but tab/newline/return, U+FFFE/U+FFFF,
# lone surrogates): setting such a tail after dropping a <script> raised ValueError.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_C0_EACH = tuple(bytes([b]) for b in [*range(0, 9), 11, 12, *range(14, 32)])
_SURROGATE_UTF8_RE = re.compile(rb"\xed[\xa0-\xbf]")
_DROP_TAGS = ("script", "style", "noscript", "template")
# Even with huge_tree, libxml2 stops at depth 2048 and loses the rest of the page.
# Deeper markup is flattened to this depth before a second parse.
_MAX_DEPTH = 1000
_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_BLOCKISH = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "tr",
        "td",
        "table",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ]
)


def parse_html(text: str, utf8: bytes | None = None) -> lxml.html.HtmlElement:
    """Parse a page into an ``<html>`` element with a ``<body>``; never raises.

    Removes comments, processing instructions, ``<style>``, ``<noscript>``,
    ``<template>`` and ``<script>`` except JSON-LD (``application/ld+json``),
    which carries publication metadata. ``utf8``, when given, must be
    ``text.encode("utf-8")`` (a UTF-8 page's own bytes): it spares encoding the page.
    """
    m = _XML_DECL_RE.match(text)
    if m:
        text, utf8 = text[m.end() :], None
    m = _WRAPPER_RE.match(text)
    if m:
        text, utf8 = text[m.end() :].rstrip(), None
        text = text.removesuffix("</text>")
    text, data = _valid_text_and_bytes(text, utf8)
    root = _parse(data)
    if root is not None and _hit_depth_limit():
        root = _parse(flatten_deep(text).encode("utf-8"))
    if root is None or not isinstance(root, lxml.html.HtmlElement):
        root = _empty()
    if root.tag != "html":
        html = _empty()
        html[0].append(root)
        root = html
    if root.find("body") is None:
        etree.SubElement(root, "body")
    _move_strays_to_body(root)
    _strip(root)
    return root


_HEAD_TAGS = frozenset(("title", "meta", "link", "style", "script", "base", "noscript", "template"))


def _move_strays_to_body(root: lxml.html.HtmlElement) -> None:
    """Move page content that libxml2 left inside <head> into <body>.

    An unknown tag before </head> (<sohu_cms_include>) keeps the parser in the head,
    and the whole page then ends up there, outside <body>.
    """
    head, body = root.find("head"), root.find("body")
    if head is None or body is None:
        return
    strays = [el for el in head if isinstance(el.tag, str) and el.tag not in _HEAD_TAGS]
    for i, el in enumerate(strays):
        body.insert(i, el)


def without_invalid_chars(text: str) -> str:
    """``text`` without the characters lxml refuses in text nodes."""
    return _valid_text_and_bytes(text)[0]


def _valid_text_and_bytes(text: str, utf8: bytes | None = None) -> tuple[str, bytes]:
    """The text without characters lxml refuses, and its UTF-8 bytes for the parser.

    The check runs on the bytes, one memchr per byte value (a regex over a 100 KB
    str costs ~50x more); the regex only runs on the rare page that has such characters.
    """
    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    if (
        any(c in data for c in _C0_EACH)
        or "\ufffe" in text
        or "\uffff" in text
        or (b"\xed" in data and _SURROGATE_UTF8_RE.search(data) is not None)
    ):
        text = _XML_INVALID_RE.sub("", text)
        data = text.encode("utf-8")
    return text, data


def _empty() -> lxml.html.HtmlElement:
    return etree.fromstring(b"<html><body></body></html>", _parser())


def _parse(data: bytes) -> etree._Element | None:
    if not data.strip():
        return None
    try:
        return etree.fromstring(data, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _hit_depth_limit() -> bool:
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in _parser().error_log)


def flatten_deep(text: str, max_depth: int = _MAX_DEPTH) -> str:
    """Drop tags nested deeper than ``max_depth``, keeping all text (block tags become <br>)."""
    out: list[str] = []
    depth = 0
    pos = 0
    for m in _TAG_RE.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        closing, name = m.group(1), m.group(2).lower()
        if name in _VOID:
            keep = depth < max_depth
        elif closing:
            depth = max(depth - 1, 0)
            keep = depth < max_depth
        else:
            keep = depth < max_depth
            depth += 1
        if keep:
            out.append(m.group(0))
        elif name in _BLOCKISH:
            out.append("<br>")
    out.append(text[pos:])
    return "".join(out)


def _strip(root: lxml.html.HtmlElement) -> None:
    for el in list(root.iter(*_DROP_TAGS)):
        if el.tag == "script" and "ld+json" in (el.get("type") or "").lower():
            continue
        drop_keep_tail(el)


def drop_keep_tail(el: etree._Element) -> None:
    """Remove an element but keep its tail text in place (lxml's ``drop_tree``, for any node)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
