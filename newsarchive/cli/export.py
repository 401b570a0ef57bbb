"""``newsarchive export``: a filtered subset of the archive as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db, open_archive
from newsarchive.cli.search import (
    add_filters,
    check_sites,
    filters_from,
    require_index,
)
from newsarchive.export import (
    FORMATS,
    MissingDependency,
    require_pyarrow,
    write_csv,
    write_jsonl,
    write_parquet,
)
from newsarchive.search import QueryError, check_query, iter_articles


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write articles (all, or filtered) as JSON Lines, CSV or Parquet",
        description="Write the matching articles, oldest first, one full record each.",
    )
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="default: %(default)s")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write here (default: stdout; Parquet needs a file)"
    )
    p.add_argument(
        "-q", "--query", default="", help="only articles matching this search (see search --help)"
    )
    add_filters(p)
    p.add_argument(
        "--bom",
        action="store_true",
        help="CSV: start with a UTF-8 byte order mark, so Excel reads the Chinese text",
    )
    p.add_argument(
        "--no-formula-guard",
        dest="guard",
        action="store_false",
        help="CSV: keep cells starting with = + - @ as they are (by default a ' is "
        "prefixed so spreadsheets do not run them as formulas)",
    )
    add_db(p)
    p.set_defaults(func=run)


@contextmanager
def text_output(path: str | None) -> Iterator[IO[str]]:
    """The output file, or stdout as UTF-8 without newline translation (CSV wants \\r\\n)."""
    if path:
        with open(path, "w", encoding="utf-8", newline="") as f:
            yield f
        return
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield out
        out.flush()
    finally:
        out.detach()


def run(args: argparse.Namespace) -> int:
    filters = filters_from(args)
    try:
        check_query(args.query)
    except QueryError as exc:
        raise CliError(str(exc)) from None
    if args.format == "parquet":
        if not args.output:
            raise CliError("Parquet is binary: give a file with -o FILE")
        try:
            require_pyarrow()
        except MissingDependency as exc:
            raise CliError(str(exc)) from None
    db = open_archive(args.db)
    check_sites(db, filters, args.db)
    require_index(db, args.query)
    columns = db["articles"].columns_dict
    records = iter_articles(db, args.query, filters)
    try:
        if args.format == "parquet":
            n = write_parquet(records, args.output, columns)
        else:
            with text_output(args.output) as out:
                if args.format == "csv":
                    n = write_csv(records, out, list(columns), bom=args.bom, guard=args.guard)
                else:
                    n = write_jsonl(records, out)
    except BrokenPipeError:  # `newsarchive export | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if args.output:
        print(f"exported {n} article{'s' if n != 1 else ''} to {args.output}", file=sys.stderr)
    return 0
