"""``newsarchive demo``: crawl the bundled offline demo web with the real spider."""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

from newsarchive.cli.alarms import add_strict, crawl_exit_status
from newsarchive.cli.options import add_db, add_settings, settings_overrides
from newsarchive.cli.report import print_summary
from newsarchive.demo.web import DemoServer, DemoWeb
from newsarchive.runner import crawl_settings, run_crawl
from newsarchive.sites import all_sites

# Local and fast: the politeness defaults are for real servers.
DEMO_SETTINGS = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "LOG_LEVEL": "WARNING",
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="crawl the bundled offline demo site (127.0.0.1)")
    add_db(p)
    add_settings(p)
    add_strict(p)
    p.set_defaults(func=run)


def demo_sites(web: DemoWeb) -> list[str]:
    """Sites whose start pages the demo web serves."""
    hosts = {p.name for p in web.static.iterdir() if p.is_dir()}
    return [s.id for s in all_sites() if any(urlsplit(u).hostname in hosts for u in s.start_urls)]


def run(args: argparse.Namespace) -> int:
    web = DemoWeb()
    with DemoServer(web) as server:
        print(f"demo web serving on {server.proxy_url} (an offline proxy for the demo hosts)")
        overrides = {**DEMO_SETTINGS, "NEWSARCHIVE_PROXY": server.proxy_url}
        overrides.update(settings_overrides(args))
        summary = run_crawl(demo_sites(web), crawl_settings(args.db, overrides))
    print_summary(summary, args.db)
    return crawl_exit_status(args, summary)
