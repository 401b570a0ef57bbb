"""``newsarchive crawl SITE... | URL...``: crawl registered sites, or any site from a URL."""

from __future__ import annotations

import argparse
from urllib.parse import urlsplit

from newsarchive.cli.alarms import add_strict, crawl_exit_status
from newsarchive.cli.errors import CliError
from newsarchive.cli.options import add_db, add_settings, settings_overrides
from newsarchive.cli.report import print_summary
from newsarchive.lock import CrawlLocked
from newsarchive.runner import CrawlSummary, crawl_settings, run_crawl
from newsarchive.sites import all_sites, get_site

# Exit status when another crawl holds the archive (EX_TEMPFAIL: try again later).
EXIT_LOCKED = 75

# The progress line is the output for people; Scrapy's INFO log would drown it.
QUIET = {"LOG_LEVEL": "WARNING"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "crawl",
        help="crawl registered sites, or any news site from a start URL",
        description=(
            "Crawl registered sites (by id), or sites nobody wrote a profile for (by start "
            "URL: the crawl stays on that host, tells article pages from list pages and "
            "extracts with the generic extractor). One crawl per archive at a time."
        ),
    )
    p.add_argument(
        "sites",
        nargs="*",
        metavar="SITE|URL",
        help="site ids (see: newsarchive sites), or start URLs of unprofiled sites",
    )
    p.add_argument("--all", action="store_true", help="crawl every registered site")
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="HOST",
        help="with start URLs: another host the crawl may fetch from (repeatable)",
    )
    p.add_argument(
        "--redis",
        metavar="URL",
        help="distributed crawl: share the frontier in Redis, send the records there for "
        "'newsarchive ingest' (writes nothing to --db); see docs/distributed.md",
    )
    add_db(p)
    add_settings(p)
    add_strict(p)
    p.set_defaults(func=run)


def is_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def site_ids(args: argparse.Namespace) -> list[str]:
    if args.all:
        return [s.id for s in all_sites()]
    if not args.sites:
        raise CliError("name at least one site or start URL to crawl, or --all")
    for site_id in args.sites:
        try:
            get_site(site_id)
        except KeyError:
            known = ", ".join(s.id for s in all_sites())
            raise CliError(
                f"no site {site_id!r} is registered (known: {known}); "
                "to crawl an unprofiled site give its start URL (http://...)"
            ) from None
    return list(args.sites)


def run(args: argparse.Namespace) -> int:
    urls = [s for s in args.sites if is_url(s)]
    if urls and (args.all or len(urls) != len(args.sites)):
        raise CliError("crawl either registered sites or start URLs, not both at once")
    if args.allow and not urls:
        raise CliError("--allow only applies to a crawl from start URLs")
    ids = [] if urls else site_ids(args)
    overrides = {**QUIET, **settings_overrides(args)}
    if args.redis:
        overrides["NEWSARCHIVE_REDIS_URL"] = args.redis
    if overrides.get("NEWSARCHIVE_REDIS_URL"):
        if urls:
            raise CliError("a distributed crawl (--redis) takes registered sites, not start URLs")
        from newsarchive.distributed.connection import RedisUnavailable, connect

        try:  # before Scrapy starts: one sentence rather than its tracebacks
            connect(overrides["NEWSARCHIVE_REDIS_URL"])
        except RedisUnavailable as exc:
            raise CliError(str(exc)) from None
    settings = crawl_settings(args.db, overrides)
    try:
        summary = run_crawl(ids, settings, adhoc_urls=urls, allow=args.allow)
    except CrawlLocked as exc:
        raise CliError(str(exc), code=EXIT_LOCKED) from None
    if overrides.get("NEWSARCHIVE_REDIS_URL"):  # the archive is ingest's, not ours
        print_sent(summary)
        return 0 if summary.finish_reason == "finished" else 1
    print_summary(summary, args.db)
    return crawl_exit_status(args, summary)


def print_sent(summary: CrawlSummary) -> None:
    """What a distributed crawler did: its records went to Redis, not to the archive."""
    print(
        f"pages fetched: {summary.total('pages_fetched')}  failures: {summary.total('failures')}  "
        f"elapsed: {summary.elapsed:.1f}s  (records sent to Redis for newsarchive ingest)"
    )
