"""Rebuilding and reading the reprint tables of an archive.

A rebuild signs only the articles that are new or changed since the last one
(``reprint_signatures`` keeps every article's MinHash with what it was computed
from), then clusters the whole archive again: LSH over stored signatures is cheap,
and only the texts of proposed pairs are read back for verification. The cluster
tables are replaced in one transaction, so readers see the old or the new set.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlite_utils import Database

from newsarchive.reprints.build import Cluster, assemble, registry_site_name
from newsarchive.reprints.cluster import cluster_signatures
from newsarchive.reprints.minhash import Params, Signer, overlap, shingle_hashes
from newsarchive.reprints.normalize import story_text
from newsarchive.reprints.origin import Member, parse_time, publication_order
from newsarchive.storage.articles import now_iso

BATCH = 500


@dataclass
class RebuildStats:
    """What one rebuild did."""

    articles: int
    signed: int
    """Signatures computed (new or changed articles)."""
    reused: int
    """Signatures reused from the previous rebuild."""
    compared: int
    """Articles long enough to compare."""
    checked: int
    """Pairs whose exact overlap was computed (the others were known)."""
    clusters: int
    clustered: int
    """Articles in some cluster."""
    seconds: float


def input_key(content_hash: str | None, headline: str | None) -> str:
    """What a signature was computed from: the body's content hash and the headline."""
    return hashlib.sha1(f"{content_hash}\x00{headline}".encode()).hexdigest()


def _chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _texts(db: Database, urls: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(canonical_url, normalised story text) for the given articles."""
    for chunk in _chunks(urls):
        marks = ",".join("?" * len(chunk))
        sql = f"select canonical_url, headline, body from articles where canonical_url in ({marks})"
        for url, headline, body in db.execute(sql, list(chunk)):
            yield url, story_text(headline, body)


class DbShingles:
    """Shingle sets read from the archive on demand (only proposed pairs need them)."""

    def __init__(self, db: Database, k: int) -> None:
        self.db, self.k = db, k
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, url: str) -> np.ndarray:
        found = self._cache.get(url)
        if found is None:
            texts = dict(_texts(self.db, [url]))
            found = self._cache[url] = shingle_hashes(texts.get(url, ""), self.k)
        return found


def update_signatures(db: Database, params: Params) -> tuple[set[str], int]:
    """Sign new and changed articles, forget deleted ones; returns (signed URLs, reused).

    The checked pairs of a re-signed or deleted article are forgotten too.
    """
    pkey = params.signature_key()
    stored = {
        url: (ikey, p)
        for url, ikey, p in db.execute(
            "select canonical_url, input_key, params from reprint_signatures"
        )
    }
    stale, keys, reused = [], {}, 0
    for url, content_hash, headline in db.execute(
        "select canonical_url, content_hash, headline from articles"
    ):
        keys[url] = input_key(content_hash, headline)
        if stored.get(url) == (keys[url], pkey):
            reused += 1
        else:
            stale.append(url)
    gone = [url for url in stored if url not in keys]
    signer = Signer(params)
    for chunk in _chunks(stale):
        rows = []
        for url, text in _texts(db, chunk):
            hashes = shingle_hashes(text, params.shingle)
            rows.append(
                {
                    "canonical_url": url,
                    "input_key": keys[url],
                    "params": pkey,
                    "text_hash": hashlib.sha1(text.encode()).hexdigest(),
                    "text_chars": len(text),
                    "minhash": Signer.to_bytes(signer.minhash(hashes)) if hashes.size else None,
                }
            )
        with db.atomic():
            db["reprint_signatures"].upsert_all(rows, pk="canonical_url")
            _forget_pairs(db, chunk)
    for chunk in _chunks(gone):
        with db.atomic():
            marks = ",".join("?" * len(chunk))
            db.execute(f"delete from reprint_signatures where canonical_url in ({marks})", chunk)
            _forget_pairs(db, chunk)
    return set(stale), reused


def _forget_pairs(db: Database, urls: Sequence[str]) -> None:
    marks = ",".join("?" * len(urls))
    db.execute(f"delete from reprint_pairs where a in ({marks})", list(urls))
    db.execute(f"delete from reprint_pairs where b in ({marks})", list(urls))


class PairOverlaps:
    """Exact overlaps of pairs: remembered from earlier rebuilds, else computed."""

    def __init__(self, db: Database, k: int) -> None:
        self.shingles = DbShingles(db, k)
        self.known: dict[tuple[str, str], tuple[float, float]] = {
            (a, b): (j, c)
            for a, b, j, c in db.execute("select a, b, jaccard, containment from reprint_pairs")
        }
        self.new: dict[tuple[str, str], tuple[float, float]] = {}

    def __call__(self, a: str, b: str) -> tuple[float, float]:
        pair = (a, b) if a < b else (b, a)
        found = self.known.get(pair) or self.new.get(pair)
        if found is None:
            found = self.new[pair] = overlap(self.shingles(a), self.shingles(b))
        return found

    def save(self, db: Database) -> None:
        rows = [
            {"a": a, "b": b, "jaccard": j, "containment": c} for (a, b), (j, c) in self.new.items()
        ]
        with db.atomic():
            db["reprint_pairs"].upsert_all(rows, pk=("a", "b"))


def rebuild(
    db: Database,
    params: Params | None = None,
    site_name: Callable[[str], str | None] = registry_site_name,
) -> RebuildStats:
    """Recompute the reprint clusters of the whole archive.

    Only new or changed articles are signed, and only pairs with one of them are
    checked; everything else comes from the previous rebuild.
    """
    started = time.perf_counter()
    params = params or Params()
    signed, reused = update_signatures(db, params)
    signer = Signer(params)
    signatures, text_ids = {}, {}
    for url, text_hash, blob in db.execute(
        "select canonical_url, text_hash, minhash from reprint_signatures "
        "where text_chars >= ? and minhash is not null",
        [params.min_chars],
    ):
        signatures[url] = signer.from_bytes(blob)
        text_ids[url] = text_hash
    overlaps = PairOverlaps(db, params.shingle)
    groups = cluster_signatures(signatures, text_ids, overlaps, params)
    meta = _metadata(db, [url for g in groups for url in g])
    members = {
        url: Member(url, m["site"], m["published_at"], m["fetched_at"], m["source"])
        for url, m in meta.items()
    }
    clusters = assemble(groups, members, overlaps, site_name)
    overlaps.save(db)
    write_clusters(db, clusters, meta)
    return RebuildStats(
        articles=len(signed) + reused,
        signed=len(signed),
        reused=reused,
        compared=len(signatures),
        checked=len(overlaps.new),
        clusters=len(clusters),
        clustered=sum(len(c.members) for c in clusters),
        seconds=time.perf_counter() - started,
    )


def _metadata(db: Database, urls: Sequence[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for chunk in _chunks(urls):
        cursor = db.execute(
            "select canonical_url, site, headline, published_at, fetched_at, source "
            f"from articles where canonical_url in ({','.join('?' * len(chunk))})",
            list(chunk),
        )
        cols = [d[0] for d in cursor.description]
        for row in cursor:
            record = dict(zip(cols, row, strict=True))
            out[record["canonical_url"]] = record
    return out


def write_clusters(db: Database, clusters: Sequence[Cluster], meta: dict[str, dict]) -> None:
    """Replace the cluster tables with ``clusters`` in one transaction (ids from 1)."""
    built = now_iso()
    cluster_rows, member_rows = [], []
    for cid, c in enumerate(clusters, start=1):
        times = sorted(
            (meta[u]["published_at"] for u in c.urls if meta[u]["published_at"]),
            key=publication_order,
        )
        origin = meta[c.origin_url]
        cluster_rows.append(
            {
                "id": cid,
                "origin_url": c.origin_url,
                "origin_site": origin["site"],
                "headline": origin["headline"],
                "named_source": c.named_source,
                "size": len(c.members),
                "sites": len({meta[u]["site"] for u in c.urls}),
                "first_published_at": times[0] if times else None,
                "last_published_at": times[-1] if times else None,
                "built_at": built,
            }
        )
        for url, similarity in c.members:
            member_rows.append(
                {
                    "canonical_url": url,
                    "cluster_id": cid,
                    "site": meta[url]["site"],
                    "similarity": similarity,
                    "is_origin": int(url == c.origin_url),
                }
            )
    with db.atomic():
        db.execute("delete from reprint_members")
        db.execute("delete from reprint_clusters")
        db["reprint_clusters"].insert_all(cluster_rows, pk="id")
        db["reprint_members"].insert_all(member_rows, pk="canonical_url")


MEMBER_COLUMNS = ("url", "canonical_url", "site", "headline", "published_at", "source")


def list_clusters(
    db: Database,
    *,
    site: str | None = None,
    since: datetime | None = None,
    min_size: int = 2,
) -> list[dict[str, Any]]:
    """Stored clusters with their members, oldest first.

    ``site``: clusters with a member on that site; ``since``: clusters whose first
    publication is on or after that time; ``min_size``: at least that many members.
    """
    where, args = ["size >= ?"], [min_size]
    if site:
        where.append("id in (select cluster_id from reprint_members where site = ?)")
        args.append(site)
    cursor = db.execute(
        "select id, origin_url, origin_site, headline, named_source, size, sites, "
        "first_published_at, last_published_at from reprint_clusters "
        f"where {' and '.join(where)} order by id",
        args,
    )
    cols = [d[0] for d in cursor.description]
    clusters = [dict(zip(cols, row, strict=True)) for row in cursor]
    if since is not None:
        clusters = [c for c in clusters if _on_or_after(c["first_published_at"], since)]
    if not clusters:
        return []
    by_id = {c["id"]: {**c, "members": []} for c in clusters}
    for chunk in _chunks(list(by_id)):
        cursor = db.execute(
            "select m.cluster_id, a.url, a.canonical_url, a.site, a.headline, a.published_at, "
            "a.source, m.similarity, m.is_origin from reprint_members m "
            "join articles a on a.canonical_url = m.canonical_url "
            f"where m.cluster_id in ({','.join('?' * len(chunk))}) "
            "order by m.cluster_id, m.is_origin desc, m.rowid",
            list(chunk),
        )
        for cid, *values in cursor:
            member = dict(zip((*MEMBER_COLUMNS, "similarity"), values[:-1], strict=True))
            member["is_origin"] = bool(values[-1])
            by_id[cid]["members"].append(member)
    return list(by_id.values())


def _on_or_after(value: str | None, since: datetime) -> bool:
    parsed = parse_time(value)
    return parsed is not None and parsed >= since
