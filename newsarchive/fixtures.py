"""Fixture pages: raw bytes, headers and a reviewed expected record (web-poet style).

Layout, one directory per fixture::

    tests/fixtures/sites/<site_id>/<fixture_name>/
        body.html      the page bytes exactly as the server sent them
        info.json      {"url": ..., "status": 200, "headers": {"Content-Type": ...}}
        meta.json      {"fetched_at": "2011-10-14T18:02:11+08:00"}
        expected.json  the reviewed record (see ``EXPECTED_KEYS``)

The bytes are never re-encoded: a GBK page stays GBK, so the fixtures exercise
the same encoding sniffing a live crawl does.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

EXPECTED_KEYS: tuple[str, ...] = (
    "authors",
    "body",
    "editor",
    "headline",
    "images",
    "published_at",
    "published_raw",
    "section",
    "source",
    "subtitle",
)
"""The record fields an expected.json holds, in its (sorted) key order."""


@dataclass
class Fixture:
    """One stored page with its reviewed expected record."""

    site: str
    name: str
    path: Path
    url: str
    status: int
    headers: dict[str, str]
    fetched_at: datetime
    expected: dict[str, Any]

    @property
    def id(self) -> str:
        """``<site>/<name>``, the prefix of the golden test ids."""
        return f"{self.site}/{self.name}"

    @property
    def body(self) -> bytes:
        """The raw page bytes (read on demand)."""
        return (self.path / "body.html").read_bytes()


def fixtures_root() -> Path:
    """``<repo>/tests/fixtures``, or ``$NEWSARCHIVE_FIXTURES`` when set (a copy elsewhere)."""
    override = os.environ.get("NEWSARCHIVE_FIXTURES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def load_fixture(path: Path) -> Fixture:
    """Read one fixture directory; a missing or malformed file raises, naming the path."""
    try:
        info = _read_json(path / "info.json")
        meta = _read_json(path / "meta.json")
        expected = _read_json(path / "expected.json")
        fetched_at = datetime.fromisoformat(meta["fetched_at"])
        url = info["url"]
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"bad fixture {path}: {exc}") from exc
    if fetched_at.tzinfo is None:
        raise ValueError(f"bad fixture {path}: fetched_at has no UTC offset")
    differ = set(EXPECTED_KEYS) ^ set(expected)
    if differ:
        raise ValueError(f"bad fixture {path}: expected.json keys differ by {sorted(differ)}")
    return Fixture(
        site=path.parent.name,
        name=path.name,
        path=path,
        url=url,
        status=int(info.get("status", 200)),
        headers=dict(info.get("headers", {})),
        fetched_at=fetched_at,
        expected=expected,
    )


def load_fixtures(site: str | None = None) -> list[Fixture]:
    """Every site fixture (or one site's), sorted by site then name."""
    root = fixtures_root() / "sites"
    site_dirs = [root / site] if site else sorted(p for p in root.iterdir() if p.is_dir())
    return [
        load_fixture(d)
        for site_dir in site_dirs
        if site_dir.is_dir()
        for d in sorted(site_dir.iterdir())
        if d.is_dir()
    ]


def expected_json(record: dict[str, Any]) -> str:
    """The expected.json text of a record: only ``EXPECTED_KEYS``, sorted, UTF-8 kept.

    Used by tools that rewrite expected files for review; the diff is read by a person.
    """
    images = [
        {"caption": img.get("caption"), "url": img.get("url")} for img in record.get("images", [])
    ]
    data = {key: record.get(key) for key in EXPECTED_KEYS} | {"images": images}
    data["authors"] = list(record.get("authors") or [])
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def extract_expected(
    body: bytes, url: str, fetched_at: datetime, headers: dict[str, str], site: str
) -> str:
    """The expected.json text the current extractor gives for a page of a registered site."""
    from newsarchive.extract import extract  # late: loading fixtures needs no extractor
    from newsarchive.sites import get_site

    return expected_json(extract(body, url, fetched_at, headers, site=get_site(site)).to_dict())


def current_output(fx: Fixture) -> dict[str, Any]:
    """What the extractor gives for this fixture now, in expected.json's form."""
    return json.loads(extract_expected(fx.body, fx.url, fx.fetched_at, fx.headers, fx.site))


@dataclass
class FieldDiff:
    """One field of one fixture whose extraction differs from the reviewed record."""

    fixture: str  # <site>/<name>
    field: str
    expected: Any
    got: Any


def field_diffs(fx: Fixture) -> list[FieldDiff]:
    """The fields of a fixture whose current extraction differs from expected.json."""
    got = current_output(fx)
    return [
        FieldDiff(fx.id, key, fx.expected[key], got[key])
        for key in EXPECTED_KEYS
        if got[key] != fx.expected[key]
    ]


def write_fixture(
    directory: Path,
    body: bytes,
    url: str,
    headers: dict[str, str],
    fetched_at: datetime,
    status: int = 200,
) -> Path:
    """Store a new fixture: raw bytes, headers, fetch time, and the current output.

    The expected.json written is the extractor's output, to be reviewed (and
    corrected) by a person before it is committed. Refuses to overwrite.
    """
    if fetched_at.tzinfo is None:
        raise ValueError("fetched_at needs a UTC offset")
    directory.mkdir(parents=True, exist_ok=False)
    (directory / "body.html").write_bytes(body)
    info = {"headers": headers, "status": status, "url": url}
    meta = {"fetched_at": fetched_at.isoformat(timespec="seconds")}
    for name, data in (("info.json", info), ("meta.json", meta)):
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (directory / name).write_text(text, encoding="utf-8")
    expected = extract_expected(body, url, fetched_at, headers, directory.parent.name)
    (directory / "expected.json").write_text(expected, encoding="utf-8")
    return directory


def rerun(site: str | None = None) -> list[Path]:
    """Re-extract every fixture and rewrite its expected.json; return the files that changed.

    For maintainers after an extractor change: the rewritten files are reviewed with
    ``git diff`` before they are committed. A golden file pins behaviour, not truth.
    """
    changed = []
    for fx in load_fixtures(site):
        text = extract_expected(fx.body, fx.url, fx.fetched_at, fx.headers, fx.site)
        path = fx.path / "expected.json"
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


if __name__ == "__main__":  # python -m newsarchive.fixtures [SITE]: rewrite for review
    import sys

    for path in rerun(sys.argv[1] if len(sys.argv) > 1 else None):
        print(f"rewrote {path}")
