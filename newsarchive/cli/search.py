"""``newsarchive search QUERY``: ranked full-text hits with highlighted snippets."""

from __future__ import annotations

import argparse
import os
import sys

from sqlite_utils import Database

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db, add_json, open_archive
from newsarchive.export import write_jsonl
from newsarchive.search import Filters, Hit, QueryError, search
from newsarchive.search.filters import check_filters
from newsarchive.search.schema import FTS_TABLE, check_index, rebuild_index
from newsarchive.search.snippets import ANSI_MARKS, PLAIN_MARKS, highlight

QUERY_HELP = """\
query syntax: words and "quoted phrases" must all appear (as substrings of the
headline or body); OR between alternatives; NOT word or -word excludes;
( ) groups; headline:word / 标题:word and body:word / 正文:word look in one
column. 1-2 character terms (防汛) work too. An empty query lists the newest
articles matching the filters.

examples:
  newsarchive search 防汛
  newsarchive search '草原生态 (呼和浩特 OR 包头) -沙尘暴' --since 2024-01
  newsarchive search '标题:"乡村振兴"' --site nmgnews --json
"""


def add_filters(p: argparse.ArgumentParser) -> None:
    """The filters search and export share."""
    p.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="ID",
        help="only this site (repeatable, or comma-separated)",
    )
    p.add_argument(
        "--since", metavar="DATE", help="published on or after (2024, 2024-07, 2024年7月1日)"
    )
    p.add_argument("--until", metavar="DATE", help="published on or before (whole day/month/year)")
    p.add_argument("--source", help="来源 contains this text (新华 finds 新华社 and 新华网)")
    p.add_argument("--editor", help="责任编辑 contains this name")
    p.add_argument("--section", help="the breadcrumb contains this text")


def filters_from(args: argparse.Namespace) -> Filters:
    sites = tuple(s.strip() for value in args.site for s in value.split(",") if s.strip())
    filters = Filters(
        sites=sites,
        since=args.since,
        until=args.until,
        source=args.source,
        editor=args.editor,
        section=args.section,
    )
    try:
        check_filters(filters)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    return filters


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="full-text search of headlines and bodies (Chinese, any length)",
        epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="?", default="", metavar="QUERY", help="what to look for")
    add_filters(p)
    p.add_argument("--limit", type=int, default=20, help="at most this many hits (default 20)")
    add_db(p)
    add_json(p)
    p.add_argument(
        "--rebuild-index",
        action="store_true",
        help="re-index every article first (after copying or rebuilding the articles table)",
    )
    p.set_defaults(func=run)


def check_sites(db: Database, filters: Filters, path: str) -> None:
    """A --site that is not in the archive is almost always a typo: say so."""
    if not filters.sites:
        return
    known = [r[0] for r in db.execute("SELECT DISTINCT site FROM articles ORDER BY site")]
    unknown = [s for s in filters.sites if s not in known]
    if unknown:
        listed = ", ".join(known) or "none"
        raise CliError(f"no articles from site {unknown[0]!r} in {path} (sites here: {listed})")


def require_index(db: Database, query: str) -> None:
    if query.strip() and FTS_TABLE not in db.table_names():
        raise CliError("this archive has no search index yet: open it once where it is writable")


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    filters = filters_from(args)
    db = open_archive(args.db)
    if args.rebuild_index:
        rebuild_index(db)
        print(
            f"index rebuilt: {'ok' if check_index(db) else 'still inconsistent'}", file=sys.stderr
        )
    check_sites(db, filters, args.db)
    require_index(db, args.query)
    try:
        hits = search(db, args.query, filters, args.limit)
    except QueryError as exc:
        raise CliError(str(exc)) from None
    try:
        if args.json:
            lines = ({**hit.article, "rank": hit.rank, "snippet": hit.snippet()} for hit in hits)
            write_jsonl(lines, sys.stdout)
        else:
            print_hits(hits, args.limit)
        sys.stdout.flush()
    except BrokenPipeError:  # `newsarchive search … | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def print_hits(hits: list[Hit], limit: int) -> None:
    tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    marks = ANSI_MARKS if tty else PLAIN_MARKS
    if not hits:
        print("no matching articles")
        return
    for n, hit in enumerate(hits, 1):
        a = hit.article
        when = (a.get("published_at") or "date unknown")[:16].replace("T", " ")
        meta = "  ".join(x for x in (when, a.get("site"), a.get("source")) if x)
        print(f"{n:>3}. {meta}")
        print(f"     {highlight(a.get('headline') or '(no headline)', hit.terms, marks)}")
        text = hit.snippet(marks=marks)
        if text:
            print(f"     {text}")
        print(f"     {a.get('url')}")
    more = "  (limit reached: --limit N shows more)" if len(hits) == limit else ""
    print(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}{more}")
