"""``newsarchive crawl SITE...``: crawl registered sites into the archive."""

from __future__ import annotations

import argparse

from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db, add_settings, settings_overrides
from newsarchive.cli.report import print_summary
from newsarchive.runner import crawl_settings, run_crawl
from newsarchive.sites import all_sites, get_site


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("crawl", help="crawl registered sites into the archive")
    p.add_argument("sites", nargs="*", metavar="SITE", help="site ids (see: newsarchive sites)")
    p.add_argument("--all", action="store_true", help="crawl every registered site")
    add_db(p)
    add_settings(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.all:
        ids = [s.id for s in all_sites()]
    elif args.sites:
        ids = args.sites
    else:
        raise CliError("name at least one site to crawl, or --all")
    for site_id in ids:
        try:
            get_site(site_id)
        except KeyError:
            known = ", ".join(s.id for s in all_sites())
            raise CliError(f"no site {site_id!r} is registered (known: {known})") from None
    summary = run_crawl(ids, crawl_settings(args.db, settings_overrides(args)))
    print_summary(summary, args.db)
    return 0 if summary.finish_reason == "finished" else 1
