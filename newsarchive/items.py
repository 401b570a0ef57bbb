"""What the spider hands to the pipelines: fetched pages, not parsed articles."""

from __future__ import annotations

from dataclasses import dataclass, field


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
