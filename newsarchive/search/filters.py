"""Filters shared by search and export: site, date range, source, editor, section."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

DAY = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})月?(?:[-/.月](\d{1,2})日?)?)?")
"""2024, 2024-7, 2024/07/01, 2024.7.1, 2024年7月, 2024年7月1日."""
CHINA = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Filters:
    """Conditions on articles; empty fields do not filter.

    Dates compare with ``published_at`` as the site shows it (local time, usually
    UTC+8), so ``until="2024-07-31"`` includes the whole of that day.
    """

    sites: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    source: str | None = None
    editor: str | None = None
    section: str | None = None


def _bounds(value: str, option: str) -> tuple[str, str]:
    """The first instant of ``value`` and the first instant after it, as comparable text."""
    value = value.strip()
    day = DAY.fullmatch(value)
    if day:
        parts = [int(p) for p in day.groups() if p]
        try:
            if len(parts) == 1:
                return f"{parts[0]:04d}", f"{parts[0] + 1:04d}"
            if len(parts) == 2:
                first = date(parts[0], parts[1], 1)
                after = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
                return first.isoformat()[:7], after.isoformat()[:7]
            first = date(*parts)
            return first.isoformat(), (first + timedelta(days=1)).isoformat()
        except ValueError:
            pass
    else:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:  # written as stored: sites' local time, UTC+8
                moment = moment.astimezone(CHINA)
            text = moment.isoformat(timespec="seconds")
            return text, text + "\uffff"  # "until" includes the moment itself
    raise ValueError(f"{option} must be a date like 2024, 2024-07, 2024-07-31 (got {value!r})")


def filter_sql(filters: Filters, alias: str = "a") -> tuple[str, list[str]]:
    """A SQL condition (``1`` when nothing filters) and its parameters."""
    clauses: list[str] = []
    params: list[str] = []
    if filters.sites:
        clauses.append(f"{alias}.site IN ({', '.join('?' for _ in filters.sites)})")
        params.extend(filters.sites)
    if filters.since:
        clauses.append(f"{alias}.published_at >= ?")
        params.append(_bounds(filters.since, "--since")[0])
    if filters.until:
        clauses.append(f"{alias}.published_at < ?")
        params.append(_bounds(filters.until, "--until")[1])
    # Substring matches: editors are stored joined ("赵静、王强"), and 新华 finds 新华社/新华网.
    for column in ("source", "editor", "section"):
        value = getattr(filters, column)
        if value:
            clauses.append(f"instr({alias}.{column}, ?) > 0")
            params.append(value)
    return (" AND ".join(clauses) or "1"), params


def check_filters(filters: Filters) -> None:
    """Raise ValueError with one sentence when a date filter is malformed."""
    filter_sql(filters)
