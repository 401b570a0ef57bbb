"""What a site profile declares.

A site is one small class of class attributes (see ``nmgnews.py``). Only the
selectors where the generic extractor is not good enough are set; every other
field falls back to the generic extractor.

Selectors are CSS, or XPath when they start with ``/`` or ``(``. A tuple of
selectors is tried in order, so one profile can cover an old and a new layout.
"""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urlsplit

Selector = str | tuple[str, ...] | None


class Site:
    """Base class of every site profile."""

    id: ClassVar[str]
    """Short stable identifier, used as ``articles.site`` (``nmgnews``)."""
    name: ClassVar[str]
    """Display name (内蒙古新闻网)."""
    domains: ClassVar[tuple[str, ...]]
    """Registered domains; a host equal to or below one of them belongs to the site."""
    start_urls: ClassVar[tuple[str, ...]]
    """Section index pages a crawl starts from."""
    article_url: ClassVar[str]
    """Regex (searched in the absolute URL) telling article pages apart."""
    list_url: ClassVar[str | None] = None
    """Regex of further list pages to follow (section indexes); None: only start_urls."""
    next_page: ClassVar[Selector] = None
    """Selector of the pagination link on list pages; None: the generic 下一页 detection."""
    allow_hosts: ClassVar[tuple[str, ...]] = ()
    """Hosts outside ``domains`` the crawl may fetch from (for example an image CDN)."""
    timezone: ClassVar[str] = "Asia/Shanghai"
    """Timezone of dates shown without an offset."""

    # Per-field selector overrides; None means the generic extractor decides.
    headline: ClassVar[Selector] = None
    subtitle: ClassVar[Selector] = None
    published: ClassVar[Selector] = None
    source: ClassVar[Selector] = None
    editor: ClassVar[Selector] = None
    authors: ClassVar[Selector] = None
    section: ClassVar[Selector] = None
    body: ClassVar[Selector] = None
    body_drop: ClassVar[tuple[str, ...]] = ()
    """Selectors of elements inside the body node to drop (share widgets, etc.)."""

    @classmethod
    def owns(cls, url: str) -> bool:
        """True when the URL's host is one of the site's domains or below one."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in cls.domains)

    @classmethod
    def is_article(cls, url: str) -> bool:
        """True when ``article_url`` matches the URL (``re`` caches the compiled pattern)."""
        return bool(re.search(cls.article_url, url))

    @classmethod
    def is_list(cls, url: str) -> bool:
        """True for a start URL or a URL ``list_url`` matches."""
        return bool(cls.list_url and re.search(cls.list_url, url)) or url in cls.start_urls

    @classmethod
    def may_fetch(cls, url: str) -> bool:
        """True when the URL's host is the site's own or one of its ``allow_hosts``."""
        host = (urlsplit(url).hostname or "").lower()
        return cls.owns(url) or host in cls.allow_hosts

    @classmethod
    def selector(cls, field: str) -> tuple[str, ...]:
        """The selectors declared for one field, as a tuple (empty when none)."""
        value = getattr(cls, field, None)
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else tuple(value)
