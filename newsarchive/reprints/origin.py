"""Which member of a reprint cluster is the likely origin.

Two signals, in this order:

1. The named source. Reprints say where they took the story from (来源：内蒙古新闻网).
   A member whose own site is named as the source by another member is the
   origin, whatever the clocks say.
2. The earliest publication, then the earliest fetch. A time of exactly 00:00 is
   read as "this day, time unknown" (sites that show only the date) and sorts
   after every real time of the same day, so a date-only reprint does not beat
   an original published at 08:15 that day.

``named_source`` is the outlet the members credit most often (新华社 for a wire
story), which is often outside the archive altogether.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
_NEVER = datetime(9999, 1, 1, tzinfo=CHINA)
# Outlet suffixes that vary between a name and its credit line (新华网 / 新华社).
_OUTLET_SUFFIX = re.compile(r"(新闻网|网站|客户端|网|社|报社|日报|晚报|报)$")


@dataclass(frozen=True)
class Member:
    """What origin choice needs to know about one article."""

    canonical_url: str
    site: str
    published_at: str | None = None
    fetched_at: str | None = None
    source: str | None = None


def outlet_key(name: str | None) -> str:
    """A name reduced for comparing outlets: 新华网, 新华社 and 新华 compare equal."""
    core = re.sub(r"[\s·•]", "", name or "")
    return _OUTLET_SUFFIX.sub("", core) or core


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time as an aware datetime (UTC+8 when it has no offset)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=CHINA)


def publication_order(value: str | None) -> tuple[datetime, datetime]:
    """Sort key of a publication time: (day, time of day) with 00:00 as 'late that day'."""
    parsed = parse_time(value)
    if parsed is None:
        return _NEVER, _NEVER
    local = parsed.astimezone(CHINA)
    day = datetime.combine(local.date(), time(0), tzinfo=CHINA)
    if local.time() == time(0):
        return day, day + timedelta(days=1)
    return day, local


def named_source(members: Sequence[Member]) -> str | None:
    """The source the members credit most often (ties: the one credited earliest)."""
    ordered = sorted(members, key=lambda m: publication_order(m.published_at))
    counts = Counter(m.source for m in ordered if m.source)
    if not counts:
        return None
    best = max(counts.values())
    return next(m.source for m in ordered if m.source and counts[m.source] == best)


def choose_origin(members: Sequence[Member], site_name: Callable[[str], str | None]) -> Member:
    """The likely origin of a cluster (see the module docstring)."""

    def is_named(m: Member) -> bool:
        names = {outlet_key(m.site), outlet_key(site_name(m.site))} - {""}
        others = {outlet_key(o.source) for o in members if o is not m and o.source}
        return bool(names & others)

    def key(m: Member) -> tuple:
        fetched = parse_time(m.fetched_at) or _NEVER
        return (not is_named(m), publication_order(m.published_at), fetched, m.canonical_url)

    return min(members, key=key)
