"""After a crawl: print the layout-drift alarms of its runs, and ``--strict``'s exit status."""

from __future__ import annotations

import argparse
import sys

from newsarchive.drift import alarms
from newsarchive.runner import CrawlSummary
from newsarchive.storage import open_db

# Exit status of a finished crawl with a degraded site under --strict.
EXIT_DEGRADED = 3


def add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help=f"exit {EXIT_DEGRADED} when a site's run is degraded (layout drift alarm)",
    )


def crawl_exit_status(args: argparse.Namespace, summary: CrawlSummary) -> int:
    """Warn about every degraded site of this crawl; the command's exit status.

    1 when the crawl did not finish, ``EXIT_DEGRADED`` when a site is degraded
    and ``--strict`` was given, else 0.
    """
    db = open_db(args.db)
    try:
        # The crawl lock was held: each site's latest run is this crawl's.
        lines = alarms(db, sorted(summary.per_site))
    finally:
        db.close()
    for line in lines:
        print(f"warning: {line}", file=sys.stderr)
    if summary.finish_reason != "finished":
        return 1
    return EXIT_DEGRADED if lines and getattr(args, "strict", False) else 0
