"""What the spider hands to the pipelines: fetched pages, not parsed articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageItem:
    """One fetched article (its pages, when the article is split over several)."""

    site: str
    """Id of the site profile the page belongs to."""
    url: str
    """Final URL of the first page (after redirects)."""
    status: int
    headers: dict[str, str]
    """Response headers of the first page (one value per name)."""
    body: bytes
    """Raw bytes of the first page, exactly as received."""
    fetched_at: str
    """ISO 8601 fetch time of the first page."""
    redirects: list[str] = field(default_factory=list)
    """URLs that redirected to ``url``, in order."""
    continuation: list[tuple[str, bytes, dict[str, str]]] = field(default_factory=list)
    """Further pages of a multi-page article: (url, body, headers)."""


def page_of(item: Any) -> PageItem | None:
    """The fetched page behind an item: the item itself, or the page riding along
    on an article record as ``_page`` (see ``pipelines.extract``)."""
    if isinstance(item, PageItem):
        return item
    rider = item.get("_page") if isinstance(item, dict) else None
    return rider if isinstance(rider, PageItem) else None
