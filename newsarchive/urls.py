"""Canonical URLs: one key per article however it was linked."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track where a click came from.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|spm|from|fromid|source|share|sharefrom|share_token|isappinstalled"
    r"|wfr|scene|clicktime|enterid|fbclid|gclid|yclid|mc_cid|mc_eid|_hsenc|_hsmi|tt_from"
    r"|timestamp|t)$",
    re.IGNORECASE,
)
DEFAULT_PORTS = {"http": 80, "https": 443}
INDEX_PAGE = re.compile(r"/(index|default)\.(s?html?|php|aspx?|jsp)$", re.IGNORECASE)


def canonicalize_url(url: str) -> str:
    """Normalise a URL so that every way of linking one article gives one key.

    Lower-cases scheme and host, drops default ports, fragments and tracking
    parameters (utm_*, spm, from, ...), sorts the remaining query, turns a
    trailing ``index.html`` into ``/`` and an empty path into ``/``. The scheme
    is kept: http and https of one page are folded by the site's own redirect.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = INDEX_PAGE.sub("/", parts.path or "/") or "/"
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMS.match(k)
        )
    )
    return urlunsplit((scheme, netloc, path, query, ""))
