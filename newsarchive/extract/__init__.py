"""Pure article extraction: page bytes + URL + fetch time (+ site profile) in, Article out.

No Scrapy, no database, no network here. This makes fixtures, re-extraction of
stored pages and the ``extract`` command trivial.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from newsarchive.record import Article
from newsarchive.sites.base import Site

EXTRACTOR_VERSION = "0.1.0"


def extract(
    html: bytes,
    url: str | None = None,
    fetched_at: datetime | None = None,
    headers: Mapping[str, str] | None = None,
    site: type[Site] | None = None,
) -> Article:
    """Extract one article page.

    ``headers`` are the HTTP response headers (only Content-Type is read, for its
    charset). ``site`` overrides the generic extractor field by field. The
    returned Article has ``url``, the content fields, ``encoding``,
    ``extractor_version`` and ``warnings`` set; ``canonical_url``, ``site``,
    ``content_hash`` and ``fetched_at`` are filled in by the caller's pipeline.
    """
    raise NotImplementedError("assembled by the extraction modules")
