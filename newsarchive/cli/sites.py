"""``newsarchive sites``: the registered sites, their fixtures and their last crawl's health."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsarchive import fixtures as store
from newsarchive.cli.options import add_db, add_json, open_archive
from newsarchive.cli.tables import table
from newsarchive.export import write_jsonl
from newsarchive.sites import Site, all_sites
from newsarchive.stats import latest_crawls

CRAWL_KEYS = (
    "id",
    "status",
    "started_at",
    "finished_at",
    "pages_fetched",
    "articles_new",
    "articles_updated",
    "articles_duplicate",
    "failures",
    "degraded_fields",
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sites",
        help="registered sites, their fixture counts and the health of their last crawl",
        description=(
            "A last crawl is 'degraded' when it extracted clearly less than the site's "
            "recent crawls (a layout change): the fields named need a look."
        ),
    )
    add_db(p)
    add_json(p)
    p.set_defaults(func=run)


def fixture_names(site_id: str) -> list[str]:
    directory = store.fixtures_root() / "sites" / site_id
    return sorted(p.name for p in directory.iterdir() if p.is_dir()) if directory.is_dir() else []


def last_crawls(db_path: str) -> dict[str, dict[str, Any]]:
    """The latest crawl_runs row per site (none when there is no archive yet)."""
    if not Path(db_path).exists():
        return {}
    db = open_archive(db_path)
    try:
        return {row["site"]: row for row in latest_crawls(db)}
    finally:
        db.close()


def site_record(site: type[Site], crawl: dict[str, Any] | None) -> dict[str, Any]:
    """One site as ``--json`` prints it."""
    last = None
    if crawl:
        last = {k: crawl.get(k) for k in CRAWL_KEYS}
        last["degraded_fields"] = [f for f in (crawl.get("degraded_fields") or "").split(",") if f]
    names = fixture_names(site.id)
    return {
        "id": site.id,
        "name": site.name,
        "domains": list(site.domains),
        "start_urls": list(site.start_urls),
        "fixtures": len(names),
        "fixture_names": names,
        "last_crawl": last,
    }


def health(last: dict[str, Any] | None) -> list[Any]:
    if last is None:
        return ["never crawled", "", "", ""]
    when = (last["finished_at"] or last["started_at"] or "")[:16].replace("T", " ")
    return [last["status"], when, last["articles_new"], ", ".join(last["degraded_fields"])]


def run(args: argparse.Namespace) -> int:
    crawls = last_crawls(args.db)
    records = [site_record(site, crawls.get(site.id)) for site in all_sites()]
    if args.json:
        write_jsonl(records, sys.stdout)
        return 0
    rows = [
        [r["id"], r["name"], " ".join(r["domains"]), r["fixtures"], *health(r["last_crawl"])]
        for r in records
    ]
    headers = ["site", "name", "domains", "fixtures", "last crawl", "when", "new", "degraded"]
    print(table(headers, rows))
    degraded = [r["id"] for r in records if (r["last_crawl"] or {}).get("status") == "degraded"]
    if degraded:
        print(
            f"\nlayout drift? {', '.join(degraded)}: check with newsarchive fixtures check, "
            "then compare a fresh page (newsarchive fixtures add)"
        )
    return 0
