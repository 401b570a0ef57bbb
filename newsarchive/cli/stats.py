"""``newsarchive stats``: articles per site per month, fill rates, latest crawl per site."""

from __future__ import annotations

import argparse
import sys

from newsarchive.cli.options import add_db, add_json, open_archive
from newsarchive.cli.tables import table
from newsarchive.export import write_jsonl
from newsarchive.stats import FILL_FIELDS, archive_stats

KINDS = {"months": "month", "fill": "fill", "crawls": "crawl"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="articles per site and month, field fill rates, latest crawl per site",
        description="With --json, one line per row, each with kind month, fill or crawl.",
    )
    add_db(p)
    add_json(p)
    p.set_defaults(func=run)


def percent(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def run(args: argparse.Namespace) -> int:
    stats = archive_stats(open_archive(args.db))
    if args.json:
        rows = ({"kind": kind, **row} for key, kind in KINDS.items() for row in stats[key])
        write_jsonl(rows, sys.stdout)
        return 0
    if not stats["fill"]:
        print(f"{args.db} holds no articles yet")
    else:
        print("articles per site and month")
        print(table(["site", "month", "articles"], [list(r.values()) for r in stats["months"]]))
        print("\nfield fill rates per site")
        rows = [
            [r["site"], r["articles"], *(percent(r[c]) for c in FILL_FIELDS)] for r in stats["fill"]
        ]
        print(table(["site", "articles", *FILL_FIELDS], rows))
    print("\nlatest crawl per site")
    if not stats["crawls"]:
        print("no crawls recorded")
        return 0
    crawl_cols = [
        "site",
        "started_at",
        "finished_at",
        "status",
        "pages_fetched",
        "articles_new",
        "articles_updated",
        "failures",
    ]
    print(table(crawl_cols, [[r.get(c) for c in crawl_cols] for r in stats["crawls"]]))
    return 0
