"""Applying a site profile's selectors: CSS, or XPath when the selector starts with / or (
or is an XPath function call (``substring-after(...)``, ``normalize-space(...)``).

CSS goes through parsel's translator, so ``::text`` and ``::attr(name)`` work as in
Scrapy (``meta[name=source]::attr(content)``). A field's selectors are tried in
order; the first that finds something non-empty wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from parsel.csstranslator import HTMLTranslator

from newsarchive.extract.lines import fold, text_lines

_TRANSLATOR = HTMLTranslator()


# A CSS selector never opens with a bare name and "(": that is an XPath function call.
_XPATH_CALL = re.compile(r"^[a-z][a-z-]*\s*\(")


def is_xpath(selector: str) -> bool:
    return selector.startswith(("/", "(", "./")) or bool(_XPATH_CALL.match(selector))


@lru_cache(maxsize=512)
def _compiled(selector: str) -> etree.XPath:
    path = selector if is_xpath(selector) else _TRANSLATOR.css_to_xpath(selector)
    return etree.XPath(path)


def select_all(doc: etree._Element, selector: str) -> list[etree._Element | str]:
    """Everything one selector finds: elements, or strings for text()/@attr/::text/::attr."""
    found = _compiled(selector)(doc)
    if not isinstance(found, list):
        return [str(found)] if found not in (None, "") else []
    return [x if isinstance(x, etree._Element) else str(x) for x in found]


def _text_of(item: etree._Element | str) -> str:
    if isinstance(item, str):
        return fold(item)
    return " ".join(line.text for line in text_lines(item))


def site_text(doc: etree._Element, selectors: tuple[str, ...]) -> str | None:
    """Text of the first selector that finds non-empty text (matches joined by spaces)."""
    for selector in selectors:
        texts = [t for t in map(_text_of, select_all(doc, selector)) if t]
        if texts:
            return " ".join(texts)
    return None


def site_texts(doc: etree._Element, selectors: tuple[str, ...]) -> list[str]:
    """Texts of every match of the first selector that finds any (one per match)."""
    for selector in selectors:
        texts = [t for t in map(_text_of, select_all(doc, selector)) if t]
        if texts:
            return texts
    return []


def site_node(doc: etree._Element, selectors: tuple[str, ...]) -> etree._Element | None:
    """The first element found by the first selector that finds an element."""
    for selector in selectors:
        for item in select_all(doc, selector):
            if isinstance(item, etree._Element):
                return item
    return None
