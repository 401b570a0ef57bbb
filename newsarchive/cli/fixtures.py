"""``newsarchive fixtures add|check|update``: the maintainers' fixture pages.

- ``add SITE URL|FILE``: store a page (raw bytes, response headers, fetch time)
  as a new fixture, with the current extraction as expected.json for review;
- ``check [SITE]``: re-extract every fixture, print each field that differs
  (site, fixture, field, expected vs got), exit 1 on any difference;
- ``update [SITE]``: rewrite expected.json from the current extraction, so the
  change is reviewed as a git diff.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newsarchive import fixtures as store
from newsarchive.cli.errors import CliError
from newsarchive.fixtures import EXPECTED_KEYS, FieldDiff, Fixture, field_diffs, write_fixture
from newsarchive.settings import NEWSARCHIVE_CONTACT_URL
from newsarchive.sites import Site, all_sites, get_site

FETCH_TIMEOUT = 30
# Not part of what the page is: per-connection, or a cookie that may identify us.
DROP_HEADERS = {"set-cookie", "connection", "keep-alive", "transfer-encoding"}
# A fixture is an article page: the contract tests require these fields.
REQUIRED = ("headline", "published_at", "body")
REVIEW = "review every field before committing (a golden file pins behaviour, not truth)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fixtures",
        help="add, check or update the site fixtures (tests/fixtures/sites)",
        description="Fixture pages with reviewed expected records, for site maintainers.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser(
        "add",
        help="store a page as a new fixture of SITE, its current extraction to review",
        description=(
            "Fetch URL (or read FILE) and store its raw bytes, response headers and fetch "
            "time as tests/fixtures/sites/SITE/NAME/, with the current extraction as "
            "expected.json. Review every field of expected.json before committing."
        ),
    )
    add.add_argument("site", metavar="SITE", help="a registered site id")
    add.add_argument("source", metavar="URL|FILE", help="the article's URL, or a saved page")
    add.add_argument("--name", help="fixture name, <year>-<short-slug> (default: from the URL)")
    add.add_argument("--url", help="with FILE: the article's real URL (required)")
    add.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="with FILE: a response header as the server sent it (repeatable)",
    )
    add.add_argument(
        "--fetched-at",
        metavar="ISO",
        help="when the page was fetched, with its UTC offset (default: now)",
    )
    add.set_defaults(func=run_add)

    check = actions.add_parser(
        "check",
        help="re-extract every fixture and show each field that differs",
        description="Exit 1 when any field of any fixture differs from its expected.json.",
    )
    check.add_argument("site", nargs="?", metavar="SITE", help="only this site's fixtures")
    check.set_defaults(func=run_check)

    update = actions.add_parser(
        "update",
        help="rewrite expected.json from the current extraction (review the git diff)",
    )
    update.add_argument("site", nargs="?", metavar="SITE", help="only this site's fixtures")
    update.set_defaults(func=run_update)


def site_of(site_id: str) -> type[Site]:
    try:
        return get_site(site_id)
    except KeyError:
        known = ", ".join(s.id for s in all_sites())
        raise CliError(f"no site {site_id!r} is registered (known: {known})") from None


def fixtures_of(site_id: str | None) -> list[Fixture]:
    if site_id:
        site_of(site_id)
    try:
        return store.load_fixtures(site_id)
    except ValueError as exc:
        raise CliError(str(exc)) from None


# -- add -----------------------------------------------------------------------------------


def fetch(url: str) -> tuple[str, int, dict[str, str], bytes]:
    """(final URL, status, headers, raw body) of a plain GET with our User-Agent."""
    from newsarchive.politeness import user_agent  # here: it imports Scrapy, slow at start-up

    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent(NEWSARCHIVE_CONTACT_URL)}
    )
    opener = urllib.request.build_opener()  # built per call: honours http_proxy as set now
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT) as response:
            headers = {k: v for k, v in response.headers.items() if k.lower() not in DROP_HEADERS}
            return response.geturl(), response.status, headers, response.read()
    except urllib.error.HTTPError as exc:
        raise CliError(f"{url} answered {exc.code} {exc.reason}: not an article page") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CliError(f"could not fetch {url}: {reason}") from None


def parse_headers(lines: list[str]) -> dict[str, str]:
    headers = {}
    for line in lines:
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise CliError(f"a header must look like 'Name: value', got {line!r}")
        headers[name.strip()] = value.strip()
    return headers


def fetched_time(text: str | None) -> datetime:
    if text is None:  # the sites' own time zone, as the other fixtures
        return datetime.now(ZoneInfo("Asia/Shanghai")).replace(microsecond=0)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"--fetched-at must be an ISO 8601 time, got {text!r}") from None
    if when.tzinfo is None:
        raise CliError("--fetched-at needs a UTC offset, like 2023-10-14T11:05:42+08:00")
    return when


def default_name(url: str, fetched_at: datetime) -> str:
    """``<year>-<slug>``: the year in the URL (else the fetch year), the page's file stem."""
    path = urlsplit(url).path
    # 2023 in /system/2023/10/14/, /202310/ or t20231014_ (never inside a longer number)
    year = re.search(r"(?<!\d)((?:19|20)\d\d)(?:\d\d){0,2}(?!\d)", path)
    stem = PurePosixPath(path).stem or PurePosixPath(path.rstrip("/")).name or "page"
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "page"
    return f"{year.group(1) if year else fetched_at.year}-{slug}"


def run_add(args: argparse.Namespace) -> int:
    site = site_of(args.site)
    fetched_at = fetched_time(args.fetched_at)
    if re.match(r"https?://", args.source):
        if args.url or args.header:
            raise CliError("--url and --header only apply to a saved FILE")
        if not site.owns(args.source):
            raise CliError(
                f"{args.source} is not on {site.id}'s domains ({', '.join(site.domains)})"
            )
        url, status, headers, body = fetch(args.source)
        if url != args.source:
            print(f"redirected to {url}: the fixture keeps that URL")
    else:
        if not args.url:
            raise CliError("with a FILE, give the article's real URL with --url")
        try:
            body = Path(args.source).read_bytes()
        except OSError as exc:
            raise CliError(f"cannot read {args.source}: {exc.strerror}") from None
        url, status, headers = args.url, 200, parse_headers(args.header)
    if not site.owns(url):
        raise CliError(f"{url} is not on {site.id}'s domains ({', '.join(site.domains)})")
    name = args.name or default_name(url, fetched_at)
    if not re.fullmatch(r"\d{4}-[a-z0-9][a-z0-9-]*", name):
        raise CliError(
            f"a fixture name looks like <year>-<short-slug> (2023-new-layout), not {name!r}"
        )
    directory = store.fixtures_root() / "sites" / site.id / name
    if directory.exists():
        raise CliError(f"{directory} already exists: choose another --name")
    write_fixture(directory, body, url, headers, fetched_at, status)

    print(f"added {directory}")
    if not site.is_article(url):
        print(f"note: {site.id}.article_url does not match {url}: the contract tests will fail")
    if not any(k.lower() == "content-type" for k in headers):
        print("note: no Content-Type recorded; the contract tests want the one the server sends")
    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    for key in EXPECTED_KEYS:
        print(f"  {key:<13} {brief(expected[key])}")
    empty = [key for key in REQUIRED if not expected[key]]
    if empty:
        print(f"note: {', '.join(empty)} came out empty; the contract tests require them")
    print(f"{REVIEW}: {directory / 'expected.json'}")
    return 0


def brief(value: Any, limit: int = 70) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text)} characters)"


# -- check ---------------------------------------------------------------------------------


def show_diff(diff: FieldDiff) -> list[str]:
    """Expected vs got, or a line diff for multi-line text (bodies)."""
    lines = [f"{diff.fixture}: {diff.field}"]
    exp, got = diff.expected, diff.got
    if isinstance(exp, str) and isinstance(got, str) and "\n" in exp + got:
        body = difflib.unified_diff(
            exp.splitlines(), got.splitlines(), "expected", "got", lineterm="", n=1
        )
        lines += [f"    {line}" for line in body]
    else:
        lines.append(f"    expected: {json.dumps(exp, ensure_ascii=False)}")
        lines.append(f"    got:      {json.dumps(got, ensure_ascii=False)}")
    return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def run_check(args: argparse.Namespace) -> int:
    fixtures = fixtures_of(args.site)
    if not fixtures:
        raise CliError(f"no fixtures for {args.site or 'any site'} under {store.fixtures_root()}")
    differing: list[FieldDiff] = []
    for fx in fixtures:
        diffs = field_diffs(fx)
        for diff in diffs:
            print("\n".join(show_diff(diff)))
        differing += diffs
    sites = len({fx.site for fx in fixtures})
    checked = f"checked {plural(len(fixtures), 'fixture')} of {plural(sites, 'site')}"
    if not differing:
        print(f"{checked}: every field as expected")
        return 0
    broken = len({d.fixture for d in differing})
    verb = "differs" if len(differing) == 1 else "differ"
    print(f"{checked}: {plural(len(differing), 'field')} {verb} in {plural(broken, 'fixture')}")
    return 1


# -- update --------------------------------------------------------------------------------


def run_update(args: argparse.Namespace) -> int:
    fixtures_of(args.site)  # a clear error for an unknown site or a malformed fixture
    changed = store.rerun(args.site)
    for path in changed:
        print(f"rewrote {path}")
    if not changed:
        print("every expected.json already matches the current extraction")
    else:
        print(f"{len(changed)} expected.json rewritten: {REVIEW}, with git diff")
    return 0
