"""``newsarchive extract FILE...``: one JSON object per file, per line.

A stable contract other tools read: the keys are ``OUTPUT_KEYS``, absent fields
are null, and a file that cannot be read or parsed gives an object with
``error`` instead of stopping the run.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from newsarchive.cli.errors import CliError
from newsarchive.export import write_jsonl
from newsarchive.extract import extract
from newsarchive.sites import site_for_url

OUTPUT_KEYS = (
    "path",
    "url",
    "headline",
    "subtitle",
    "published_at",
    "published_raw",
    "source",
    "editor",
    "authors",
    "section",
    "body",
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract article fields from saved pages (JSON Lines)")
    p.add_argument("files", nargs="+", metavar="FILE", help="saved HTML pages (raw bytes)")
    p.add_argument("--url", help="the URL the pages came from (picks the site profile)")
    p.add_argument(
        "--fetched-at",
        help="when the pages were fetched (ISO 8601); resolves 昨天/3小时前 and missing years",
    )
    p.add_argument(
        "--generic", action="store_true", help="ignore site profiles: generic extractor only"
    )
    p.set_defaults(func=run)


def extract_file(
    path: str, url: str | None, fetched_at: datetime | None, generic: bool
) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return {"path": path, "url": url, "error": f"cannot read: {exc.strerror or exc}"}
    site = None if generic or not url else site_for_url(url)
    article = extract(data, url=url, fetched_at=fetched_at, site=site).to_dict()
    article["path"] = path
    out = {key: article.get(key) for key in OUTPUT_KEYS}
    if article.get("warnings"):
        out["warnings"] = article["warnings"]
    return out


def run(args: argparse.Namespace) -> int:
    try:
        fetched_at = datetime.fromisoformat(args.fetched_at) if args.fetched_at else None
    except ValueError:
        raise CliError(f"--fetched-at is not an ISO 8601 time: {args.fetched_at!r}") from None
    failed = 0
    for path in args.files:
        try:
            out = extract_file(path, args.url, fetched_at, args.generic)
        except Exception as exc:  # the contract: report this file and go on
            out = {"path": path, "url": args.url, "error": f"{type(exc).__name__}: {exc}"}
        failed += "error" in out
        write_jsonl([out], sys.stdout)
    return 1 if failed == len(args.files) else 0
