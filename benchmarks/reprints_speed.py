"""Reprint clustering time and memory at 10,000 and 100,000 articles.

    python benchmarks/reprints_speed.py [--sizes 10000 100000] [--no-db]

Each size runs in a fresh process (so its peak memory is its own) on a corpus from
the generator of ``reprints_quality.py``. It prints the time of each stage of the
in-memory pipeline (normalise, sign, LSH candidates, verify, union-find + origin)
as CPU time (single-threaded, so on an idle machine it is the wall time),
the process's peak RSS, and, unless ``--no-db``, the time of ``newsarchive
reprints`` rebuilding from a SQLite archive: a first rebuild (every article
signed) and an incremental one after 1% new articles.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reprints_quality import SITES, generate_corpus  # noqa: E402

from newsarchive.fingerprint import content_hash  # noqa: E402
from newsarchive.reprints.build import assemble, story_texts  # noqa: E402
from newsarchive.reprints.cluster import (  # noqa: E402
    ShingleCache,
    UnionFind,
    candidate_pairs,
    compute_signatures,
    confirmed_pairs,
)
from newsarchive.reprints.minhash import Params  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def in_memory(stories, params: Params) -> dict[str, float]:
    """Each stage of the pipeline, timed."""
    out: dict[str, float] = {}
    wall = time.perf_counter()
    t = time.process_time()
    texts = story_texts(stories)
    out["normalise"] = time.process_time() - t
    t = time.process_time()
    usable = {k: v for k, v in texts.items() if len(v) >= params.min_chars}
    signatures = compute_signatures(usable, params)
    out["sign"] = time.process_time() - t
    t = time.process_time()
    identical: dict[str, list[str]] = {}
    for key in sorted(usable):
        identical.setdefault(usable[key], []).append(key)
    reps = {keys[0]: signatures[keys[0]] for keys in identical.values()}
    pairs = candidate_pairs(reps, params)
    out["lsh"] = time.process_time() - t
    t = time.process_time()
    shingles = ShingleCache(usable, params.shingle)
    confirmed = confirmed_pairs(pairs, shingles.overlap, params, reps)
    out["verify"] = time.process_time() - t
    t = time.process_time()
    uf = UnionFind()
    for keys in identical.values():
        for other in keys[1:]:
            uf.union(keys[0], other)
    for a, b, _ in confirmed:
        uf.union(a, b)
    members = {s.canonical_url: s for s in stories}
    clusters = assemble(uf.groups(), members, shingles.overlap, SITES.get)
    out["cluster+origin"] = time.process_time() - t
    out["total"] = sum(out.values())
    out["wall"] = time.perf_counter() - wall
    out["candidate_pairs"] = len(pairs)
    out["confirmed_pairs"] = len(confirmed)
    out["clusters"] = len(clusters)
    return out


def fill_db(path: str, stories) -> None:
    from newsarchive.storage import open_db

    db = open_db(path)
    rows = [
        {
            "canonical_url": s.canonical_url,
            "url": s.canonical_url,
            "site": s.site,
            "headline": s.headline,
            "body": s.body,
            "published_at": s.published_at,
            "fetched_at": s.fetched_at,
            "source": s.source,
            "content_hash": content_hash(s.body),
        }
        for s in stories
    ]
    with db.atomic():
        db["articles"].insert_all(rows, pk="canonical_url", batch_size=1000)
    db.close()


def with_db(stories, params: Params) -> dict[str, float]:
    """``store.rebuild`` on an archive: first rebuild, then after 1% new articles."""
    from newsarchive.reprints.store import rebuild
    from newsarchive.storage import open_db

    extra = max(1, len(stories) // 100)
    first, later = stories[:-extra], stories[-extra:]
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "news.db")
        fill_db(path, first)
        db = open_db(path)
        t = time.process_time()
        stats = rebuild(db, params, site_name=SITES.get)
        out["db_first_rebuild"] = time.process_time() - t
        out["db_first_rebuild_wall"] = stats.seconds
        db.close()
        fill_db(path, later)
        db = open_db(path)
        t = time.process_time()
        stats = rebuild(db, params, site_name=SITES.get)
        out["db_incremental_rebuild"] = time.process_time() - t
        out["db_incremental_rebuild_wall"] = stats.seconds
        out["db_incremental_signed"] = stats.signed
        out["db_incremental_checked"] = stats.checked
    return out


def run_size(size: int, use_db: bool) -> dict[str, float]:
    t = time.process_time()
    corpus = generate_corpus(size, seed=size, measure_edits=False)
    stories = [s.story for s in corpus]
    del corpus
    result: dict[str, float] = {"articles": len(stories)}
    result["generate"] = time.process_time() - t
    result["rss_after_generate_mb"] = rss_mb()
    result.update(in_memory(stories, Params()))
    result["peak_rss_mb"] = rss_mb()
    if use_db:
        result.update(with_db(stories, Params()))
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--no-db", action="store_true", help="skip the SQLite rebuild timings")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, not args.no_db)))
        return
    print(f"Params: {Params()}")
    print(f"Python {sys.version.split()[0]}, one process per size\n")
    for size in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(size)] + (["--no-db"] if args.no_db else [])
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        print(f"{int(r['articles']):,} articles (generated in {r['generate']:.1f}s)")
        stages = ("normalise", "sign", "lsh", "verify", "cluster+origin")
        print("  CPU: " + "  ".join(f"{s} {r[s]:.1f}s" for s in stages))
        print(
            f"  in-memory total {r['total']:.1f}s CPU ({r['wall']:.1f}s wall); "
            f"{int(r['candidate_pairs']):,} candidate pairs, "
            f"{int(r['confirmed_pairs']):,} confirmed, {int(r['clusters']):,} clusters"
        )
        print(
            f"  peak RSS {r['peak_rss_mb']:.0f} MB "
            f"(after generating the corpus: {r['rss_after_generate_mb']:.0f} MB)"
        )
        if "db_first_rebuild" in r:
            print(
                f"  SQLite archive: first rebuild {r['db_first_rebuild']:.1f}s CPU "
                f"({r['db_first_rebuild_wall']:.1f}s wall); after 1% new articles "
                f"{r['db_incremental_rebuild']:.1f}s CPU ({r['db_incremental_rebuild_wall']:.1f}s "
                f"wall; {int(r['db_incremental_signed'])} signed, "
                f"{int(r['db_incremental_checked'])} pairs checked)"
            )
        print()


if __name__ == "__main__":
    main()
