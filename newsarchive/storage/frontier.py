"""The crawl frontier in SQLite: every article URL discovered, queued or done.

Queued URLs are committed before their requests go out; a URL becomes done in
the same transaction as the article (and raw pages) it produced. So a crawl
killed at any moment, rerun, fetches exactly what is not done yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlite_utils import Database

from newsarchive.storage.articles import now_iso

# A URL whose fetch failed this many times is no longer resumed at start (it is
# still fetched when a list page links it again).
MAX_ATTEMPTS = 3


def queue(db: Database, site: str, urls: Iterable[tuple[str, str]]) -> list[str]:
    """Record discovered ``(canonical_url, url)`` pairs; return the URLs not done yet.

    One transaction for the whole batch (one list page's links).
    """
    pairs = list(dict(urls).items())
    if not pairs:
        return []
    stamp = now_iso()
    with db.atomic():
        db.conn.executemany(
            "insert or ignore into frontier (canonical_url, site, url, state, discovered_at) "
            "values (?, ?, ?, 'queued', ?)",
            [(key, site, url, stamp) for key, url in pairs],
        )
        done = _done(db, [key for key, _ in pairs])
    return [url for key, url in pairs if key not in done]


def _done(db: Database, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            "select canonical_url from frontier where state = 'done' "
            f"and canonical_url in ({marks})",
            chunk,
        ).fetchall()
        found.update(r[0] for r in rows)
    return found


def pending(db: Database, site: str) -> list[str]:
    """URLs of the site discovered earlier and not done: what a killed crawl left."""
    rows = db.execute(
        "select url from frontier where site = ? and (state = 'queued' or "
        "(state = 'failed' and attempts < ?)) order by discovered_at, rowid",
        [site, MAX_ATTEMPTS],
    ).fetchall()
    return [r[0] for r in rows]


def mark_done(db: Database, keys: Iterable[str], site: str, url: str, outcome: str) -> None:
    """Mark the article's URLs (requested, redirected, final) done. Call inside the
    transaction that stores what the fetch produced."""
    stamp = now_iso()
    for key in dict.fromkeys(keys):
        db.execute(
            "insert into frontier (canonical_url, site, url, state, outcome, discovered_at, "
            "done_at, checked_at) values (?, ?, ?, 'done', ?, ?, ?, ?) "
            "on conflict (canonical_url) do update set state = 'done', "
            "outcome = excluded.outcome, done_at = coalesce(frontier.done_at, excluded.done_at), "
            "checked_at = excluded.checked_at, last_error = null",
            [key, site, url, outcome, stamp, stamp, stamp],
        )


def mark_checked(db: Database, key: str, outcome: str) -> None:
    """A re-fetch of a done article answered (304 Not Modified or unchanged)."""
    db.execute(
        "update frontier set checked_at = ?, outcome = ? where canonical_url = ?",
        [now_iso(), outcome, key],
    )


def mark_failed(db: Database, key: str, error: str) -> None:
    """A fetch failed: the URL stays to do, up to ``MAX_ATTEMPTS`` resumes."""
    db.execute(
        "update frontier set state = 'failed', attempts = attempts + 1, last_error = ? "
        "where canonical_url = ? and state != 'done'",
        [error[:500], key],
    )


def recent(db: Database, site: str, since: datetime) -> list[str]:
    """URLs of done articles of the site published (or first seen) since ``since``.

    Dates carry their own offsets, so they are compared as datetimes, after a
    string prefilter a day wider than the window.
    """
    prefilter = since.date().isoformat()[:10]
    rows = db.execute(
        "select f.url, a.published_at, a.first_seen_at from frontier f "
        "join articles a on a.canonical_url = f.canonical_url "
        "where f.site = ? and f.state = 'done' "
        "and coalesce(a.published_at, a.first_seen_at) >= date(?, '-1 day') "
        "order by coalesce(a.published_at, a.first_seen_at) desc",
        [site, prefilter],
    ).fetchall()
    found = []
    for url, published, first_seen in rows:
        try:
            when = datetime.fromisoformat(published or first_seen)
        except (TypeError, ValueError):
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=since.tzinfo)
        if when >= since:
            found.append(url)
    return found


def counts(db: Database, site: str | None = None) -> dict[str, int]:
    """Number of frontier URLs per state."""
    where, params = ("where site = ?", [site]) if site else ("", [])
    rows = db.execute(f"select state, count(*) from frontier {where} group by state", params)
    return {state: n for state, n in rows.fetchall()}
