"""The article record: what one article page becomes.

Every field the page does not show is ``None`` (or an empty list), never a guess.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Image:
    """An image inside the article body."""

    url: str
    """Absolute URL of the image."""
    caption: str | None = None
    """The caption shown with the image (alt text or the caption paragraph)."""


@dataclass
class Article:
    """One article page, extracted."""

    url: str | None = None
    """The URL the page was fetched from (after redirects)."""
    canonical_url: str | None = None
    """``url`` normalised for deduplication (see ``newsarchive.urls``)."""
    site: str | None = None
    """Id of the registered site profile, or the host for ad-hoc crawls."""
    headline: str | None = None
    """The displayed headline, not the <title> with its site suffix."""
    subtitle: str | None = None
    """引题 / 副题 shown with the headline."""
    published_at: str | None = None
    """Publication time, ISO 8601 with offset (UTC+8 unless the page says otherwise)."""
    published_raw: str | None = None
    """The publication date string exactly as the page shows it."""
    source: str | None = None
    """来源 / 稿源: the outlet the story came from (新华网). An outlet is never an author."""
    editor: str | None = None
    """责任编辑 / 编辑 / 责编 names, staff codes stripped; several joined by "、"."""
    authors: list[str] = field(default_factory=list)
    """记者 / 作者 / 通讯员 names with titles stripped. Editors are not authors."""
    section: str | None = None
    """The breadcrumb, parts joined by " > "."""
    body: str | None = None
    """Article text, paragraphs separated by newlines, without boilerplate."""
    images: list[Image] = field(default_factory=list)
    """Images inside the body with their captions."""
    content_hash: str | None = None
    """sha256 of the normalised body; equal bodies on one site are duplicates."""
    fetched_at: str | None = None
    """When the page was fetched, ISO 8601 with offset."""
    extractor_version: str | None = None
    """Version of the extractor that produced this record."""
    encoding: str | None = None
    """The encoding the page bytes were decoded with."""
    warnings: list[str] = field(default_factory=list)
    """Problems found while extracting (for example ``bad-encoding``, ``empty-body``)."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Article))
