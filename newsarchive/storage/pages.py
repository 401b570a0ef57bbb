"""Raw pages: the bytes of every fetched article, compressed, with what the server said.

Enough to rebuild the archive without the network (``newsarchive reparse``) and
to write WARC files (``newsarchive export-warc``).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlite_utils import Database

from newsarchive.items import PageItem

try:  # Python 3.14+
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:  # Scrapy depends on the backport before 3.14
    try:
        from backports import zstd  # type: ignore[no-redef]
    except ImportError:
        zstd = None  # type: ignore[assignment]

# On 122 real news pages (100 KiB each) zstd level 10 stores 22.4% of the raw
# bytes against 24.1% for zlib level 9, compresses about as fast and decompresses
# 2-3x faster (reparse reads every page): benchmarks/raw_compression.py.
ZSTD_LEVEL = 10
ZLIB_LEVEL = 9


def compress(data: bytes) -> tuple[str, bytes]:
    """``(method, compressed bytes)``: zstd when available, zlib otherwise."""
    if zstd is not None:
        return "zstd", zstd.compress(data, level=ZSTD_LEVEL)
    return "zlib", zlib.compress(data, ZLIB_LEVEL)


def decompress(method: str, data: bytes) -> bytes:
    """A stored page body back as raw bytes (``method``: zstd, zlib or none)."""
    if method == "zstd":
        if zstd is None:
            raise RuntimeError("this page is zstd-compressed and no zstd module is installed")
        return zstd.decompress(data)
    if method == "zlib":
        return zlib.decompress(data)
    if method == "none":
        return data
    raise ValueError(f"unknown compression {method!r}")


def sha256(data: bytes) -> str:
    """Hex SHA-256 of the raw bytes (how a refetch with the same bytes is recognised)."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class StoredPage:
    """One raw page read back from the archive."""

    id: int
    capture: int
    part: int
    site: str
    canonical_url: str
    url: str
    status: int
    headers: dict[str, str]
    fetched_at: str
    sha256: str
    body: bytes
    redirects: list[str] = field(default_factory=list)


def _parts(page: PageItem) -> list[tuple[str, int, dict[str, str], bytes]]:
    """(url, status, headers, body) of every page of a fetched article, in order."""
    first = (page.url, page.status, dict(page.headers), page.body)
    return [first, *((url, 200, dict(headers), body) for url, body, headers in page.continuation)]


def latest_capture(db: Database, canonical_url: str) -> int | None:
    """The id of the newest capture of this article, or None when none is archived."""
    row = db.execute(
        "select max(capture) from pages where canonical_url = ?", [canonical_url]
    ).fetchone()
    return row[0] if row and row[0] is not None else None


def capture_digests(db: Database, capture: int) -> list[str]:
    """SHA-256 of each page of a capture, in page order."""
    rows = db.execute("select sha256 from pages where capture = ? order by part", [capture])
    return [r[0] for r in rows.fetchall()]


def save_capture(db: Database, canonical_url: str, page: PageItem) -> tuple[int, bool]:
    """Store the raw pages of one fetched article; ``(capture id, stored anew)``.

    A fetch whose bytes equal the latest capture of the article is not stored
    twice: the existing capture id is returned. Call inside ``db.atomic()``
    together with the article it produced.
    """
    parts = _parts(page)
    digests = [sha256(body) for _, _, _, body in parts]
    previous = latest_capture(db, canonical_url)
    if previous is not None and capture_digests(db, previous) == digests:
        return previous, False
    # The capture is named by the id of its first page.
    capture = _next_id(db)
    for part, ((url, status, headers, body), digest) in enumerate(zip(parts, digests, strict=True)):
        method, packed = compress(body)
        row = {
            "id": capture if part == 0 else None,
            "capture": capture,
            "part": part,
            "site": page.site,
            "canonical_url": canonical_url,
            "url": url,
            "redirects": json.dumps(page.redirects if part == 0 else [], ensure_ascii=False),
            "status": status,
            "headers": json.dumps(headers, ensure_ascii=False),
            "fetched_at": page.fetched_at,
            "sha256": digest,
            "size": len(body),
            "compression": method,
            "body": packed,
        }
        insert(db, "pages", row)
    return capture, True


def insert(db: Database, table: str, row: dict) -> None:
    """A plain INSERT: sqlite-utils' ``insert`` introspects the table on every call,
    which was a third of the time spent storing a crawled article."""
    names = ", ".join(row)
    marks = ", ".join("?" * len(row))
    db.execute(f"insert into {table} ({names}) values ({marks})", list(row.values()))


def _next_id(db: Database) -> int:
    row = db.execute("select coalesce(max(id), 0) + 1 from pages").fetchone()
    return int(row[0])


def _stored(row: dict) -> StoredPage:
    return StoredPage(
        id=row["id"],
        capture=row["capture"],
        part=row["part"],
        site=row["site"],
        canonical_url=row["canonical_url"],
        url=row["url"],
        status=row["status"],
        headers=json.loads(row["headers"] or "{}"),
        fetched_at=row["fetched_at"],
        sha256=row["sha256"],
        body=decompress(row["compression"], row["body"]),
        redirects=json.loads(row["redirects"] or "[]"),
    )


def capture_pages(db: Database, capture: int) -> list[StoredPage]:
    """The pages of one capture, first page first."""
    rows = db.query("select * from pages where capture = ? order by part", [capture])
    return [_stored(r) for r in rows]


def latest_captures(db: Database, site: str | None = None) -> Iterator[int]:
    """The id of the latest capture of every archived article (of one site), in id order."""
    where, params = ("where site = ?", [site]) if site else ("", [])
    sql = f"select max(capture) from pages {where} group by canonical_url order by 1"
    for (capture,) in db.execute(sql, params).fetchall():
        yield capture


def all_captures(db: Database, site: str | None = None) -> Iterator[int]:
    """Every capture (every fetch ever stored), oldest first."""
    where, params = ("and site = ?", [site]) if site else ("", [])
    sql = f"select id from pages where part = 0 {where} order by id"
    for (capture,) in db.execute(sql, params).fetchall():
        yield capture


def page_item(pages: list[StoredPage]) -> PageItem:
    """A capture as the ``PageItem`` the spider produced when it fetched it."""
    first, rest = pages[0], pages[1:]
    return PageItem(
        site=first.site,
        url=first.url,
        status=first.status,
        headers=first.headers,
        body=first.body,
        fetched_at=first.fetched_at,
        redirects=first.redirects,
        continuation=[(p.url, p.body, p.headers) for p in rest],
    )


def validators(db: Database, canonical_url: str) -> dict[str, str]:
    """Conditional GET headers (If-None-Match, If-Modified-Since) from the latest capture."""
    row = db.execute(
        "select headers from pages where canonical_url = ? and part = 0 order by capture desc "
        "limit 1",
        [canonical_url],
    ).fetchone()
    if not row:
        return {}
    headers = {k.lower(): v for k, v in json.loads(row[0] or "{}").items()}
    found = {}
    if headers.get("etag"):
        found["If-None-Match"] = headers["etag"]
    if headers.get("last-modified"):
        found["If-Modified-Since"] = headers["last-modified"]
    return found
