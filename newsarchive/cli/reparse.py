"""``newsarchive reparse``: rebuild articles from the archived raw pages, offline."""

from __future__ import annotations

import argparse
import sys

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db, open_archive
from newsarchive.reparse import ReparseSummary, reparse

OUTCOMES = ("new", "updated", "unchanged", "duplicate", "invalid", "error")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reparse",
        help="re-extract every archived page with the current extractor (no network)",
    )
    p.add_argument("--site", metavar="SITE", help="only this site's pages")
    add_db(p)
    p.set_defaults(func=run)


def _progress(summary: ReparseSummary) -> None:
    if summary.pages % 200 == 0 and sys.stderr.isatty():
        print(f"\rreparsed {summary.pages} pages", end="", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    db = open_archive(args.db, write=True)
    try:
        summary = reparse(db, site=args.site, progress=_progress)
    finally:
        db.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if summary.pages == 0:
        where = f" of site {args.site!r}" if args.site else ""
        raise CliError(f"no archived pages{where} in {args.db}")
    versions = ", ".join(sorted(summary.extractor_versions)) or "-"
    print(f"pages reparsed: {summary.pages}  extractor version: {versions}")
    print("  ".join(f"{name} {summary.counts.get(name, 0)}" for name in OUTCOMES))
    return 1 if summary.counts.get("error") == summary.pages else 0
