"""Highlighted snippets, made in Python so 2-character terms are marked too.

FTS5's ``snippet()`` only knows the terms the index matched; short terms come
from the LIKE fallback, so the snippet is cut and marked here for every term.
"""

from __future__ import annotations

import re

PLAIN_MARKS = ("«", "»")
"""Markers for hits in JSON and non-terminal output (rare in Chinese news text)."""
ANSI_MARKS = ("\x1b[1;31m", "\x1b[0m")
"""Bold red in a terminal."""


def term_pattern(words: list[str]) -> re.Pattern[str] | None:
    """One regex matching any of the words (longest first), or None for no words."""
    words = sorted({w for w in words if w}, key=len, reverse=True)  # longest wins
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def highlight(text: str, words: list[str], marks: tuple[str, str] = PLAIN_MARKS) -> str:
    """``text`` with every occurrence of the words wrapped in ``marks``."""
    pattern = term_pattern(words)
    if pattern is None or not text:
        return text or ""
    return pattern.sub(lambda m: f"{marks[0]}{m.group(0)}{marks[1]}", text)


def snippet(
    text: str | None, words: list[str], width: int = 80, marks: tuple[str, str] = PLAIN_MARKS
) -> str:
    """About ``width`` characters of ``text`` around its first hit, on one line, hits marked."""
    if not text:
        return ""
    flat = " ".join(text.split())
    pattern = term_pattern(words)
    found = pattern.search(flat) if pattern else None
    start = max(0, found.start() - width // 4) if found else 0
    end = min(len(flat), start + width)
    piece = highlight(flat[start:end], words, marks)
    return ("…" if start else "") + piece + ("…" if end < len(flat) else "")
