"""Images inside the article body, with absolute URLs and their captions."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from newsarchive.extract.blocks import clean_text
from newsarchive.extract.scoring import BLOCK_TAGS
from newsarchive.record import Image


def _join(base: str | None, href: str) -> str | None:
    """``href`` made absolute against ``base``; None when malformed (``http://[x``)."""
    try:
        return urljoin(base or "", href)
    except ValueError:
        return None


def base_url(doc: etree._Element, url: str | None) -> str | None:
    """The URL relative links resolve against: <base href> (itself relative to the page)."""
    for base in doc.iter("base"):
        href = (base.get("href") or "").strip()
        if href and not href.startswith(("javascript:", "data:")):
            return _join(url, href) or url
    return url


def images(node: etree._Element, url: str | None) -> list[Image]:
    """Images inside the content node with a caption from alt/title or a short parent block."""
    return [image for _, image in image_pairs(node, url)]


def image_pairs(node: etree._Element, url: str | None) -> list[tuple[etree._Element, Image]]:
    found: list[tuple[etree._Element, Image]] = []
    seen: set[str] = set()
    for img in node.iter("img"):
        # Lazy-loading attributes first; each read once.
        src = (
            img.get("data-original") or img.get("data-src") or img.get("original") or img.get("src")
        )
        if not src or src.startswith("data:") or _is_tiny(img):
            continue
        src = _join(url, src.strip()) if url else src.strip()
        if not src or src in seen:  # a malformed src is skipped, not fatal to the page
            continue
        seen.add(src)
        caption = clean_text(img.get("alt") or img.get("title") or "") or _parent_caption(img)
        found.append((img, Image(src, caption or None)))
    return found


def _is_tiny(img: etree._Element) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().rstrip("px")
        if value.isdigit() and int(value) < 50:
            return True
    return False


def _parent_caption(img: etree._Element) -> str | None:
    """The short text of the image's own block, or of what directly follows that block."""
    parent = img.getparent()
    while parent is not None and parent.tag not in BLOCK_TAGS:
        parent = parent.getparent()
    if parent is None:
        return None
    text = clean_text(parent.text_content())
    if not text:
        text = clean_text(parent.tail or "")
        nxt = parent.getnext()
        while not text and nxt is not None and nxt.tag == "br":
            text = clean_text(nxt.tail or "")
            nxt = nxt.getnext()
        if not text and nxt is not None and isinstance(nxt.tag, str):
            text = clean_text(nxt.text_content())
    return text if 0 < len(text) <= 80 else None
