"""Content fingerprints: equal text gives an equal hash whatever its spacing."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff\u00a0\u3000]+")


def normalise_text(text: str) -> str:
    """NFKC, then no whitespace, zero-width characters or non-breaking spaces."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def content_hash(body: str | None) -> str | None:
    """sha256 hex digest of the normalised body; None for an empty body."""
    text = normalise_text(body or "")
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None
