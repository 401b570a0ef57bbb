"""``newsarchive reprints``: rebuild and list clusters of one story reprinted across sites.

The rebuild signs only new or changed articles (see ``newsarchive.reprints.store``)
and replaces the ``reprint_clusters`` / ``reprint_members`` tables. People get a
table (``--members`` adds each article under its cluster); ``--json`` prints one
cluster per line with its members and its origin.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db, add_json, open_archive
from newsarchive.cli.tables import table, width
from newsarchive.export import write_jsonl
from newsarchive.reprints.origin import parse_time
from newsarchive.reprints.store import RebuildStats, list_clusters, rebuild

HEADLINE_COLUMNS = 40


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reprints",
        help="group articles reprinted across sites (MinHash LSH) and list the clusters",
        description="Rebuild the reprint clusters (incrementally) and list them.",
    )
    add_db(p)
    p.add_argument("--site", help="only clusters with an article of this site")
    p.add_argument(
        "--since",
        metavar="DATE",
        help="only clusters first published on or after DATE (ISO 8601, e.g. 2024-03-01)",
    )
    p.add_argument(
        "--min-size", type=int, default=2, metavar="N", help="only clusters of N or more articles"
    )
    p.add_argument(
        "--no-rebuild", action="store_true", help="list the stored clusters without rebuilding"
    )
    p.add_argument("--members", action="store_true", help="list each cluster's articles too")
    add_json(p)
    p.set_defaults(func=run)


def parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = parse_time(value)
    if parsed is None:
        raise CliError(f"--since is not an ISO 8601 date or time: {value!r}")
    return parsed


def clip(text: str | None, columns: int) -> str:
    """The text cut to ``columns`` terminal columns (CJK characters take two)."""
    text = text or ""
    if width(text) <= columns:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > columns - 1:
            break
        out += ch
    return out + "…"


def json_record(cluster: dict[str, Any]) -> dict[str, Any]:
    origin = next((m for m in cluster["members"] if m["is_origin"]), None)
    return {
        "id": cluster["id"],
        "size": cluster["size"],
        "sites": cluster["sites"],
        "named_source": cluster["named_source"],
        "first_published_at": cluster["first_published_at"],
        "last_published_at": cluster["last_published_at"],
        "origin": origin,
        "members": cluster["members"],
    }


def progress(stats: RebuildStats) -> str:
    return (
        f"compared {stats.compared} of {stats.articles} articles "
        f"({stats.signed} signed, {stats.reused} reused; {stats.checked} pairs checked) "
        f"in {stats.seconds:.1f}s: "
        f"{stats.clusters} clusters of {stats.clustered} articles"
    )


def run(args: argparse.Namespace) -> int:
    if args.min_size < 2:
        raise CliError("--min-size must be at least 2 (a cluster is two or more articles)")
    since = parse_since(args.since)
    db = open_archive(args.db)
    if (
        args.site
        and not db.execute("select 1 from articles where site = ? limit 1", [args.site]).fetchone()
    ):
        raise CliError(f"the archive has no articles of site {args.site!r}")
    if not args.no_rebuild:
        stats = rebuild(db)
        print(progress(stats), file=sys.stderr)
    clusters = list_clusters(db, site=args.site, since=since, min_size=args.min_size)
    if args.json:
        write_jsonl((json_record(cluster) for cluster in clusters), sys.stdout)
        return 0
    if not clusters:
        print("no reprint clusters match")
        return 0
    headers = ["id", "size", "sites", "first published", "origin site", "source", "headline"]
    rows = [
        [
            c["id"],
            c["size"],
            c["sites"],
            (c["first_published_at"] or "")[:16],
            c["origin_site"],
            c["named_source"],
            clip(c["headline"], HEADLINE_COLUMNS),
        ]
        for c in clusters
    ]
    if not args.members:
        print(table(headers, rows))
        return 0
    for c in clusters:
        print(
            f"#{c['id']}  {c['size']} articles on {c['sites']} sites, "
            f"source {c['named_source'] or '-'}: {c['headline'] or ''}"
        )
        member_rows = [
            [
                "*" if m["is_origin"] else "",
                m["site"],
                (m["published_at"] or "")[:16],
                f"{m['similarity']:.2f}",
                m["source"],
                m["url"],
            ]
            for m in c["members"]
        ]
        lines = table(["origin", "site", "published", "similarity", "source", "url"], member_rows)
        print("\n".join("    " + line for line in lines.splitlines()))
        print()
    return 0
