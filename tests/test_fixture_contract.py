"""The fixture contract over the whole registry, read from the raw files.

These tests read each fixture directory directly (not through ``load_fixtures``,
which refuses a malformed fixture outright), so a broken fixture fails here with
a message naming the site, the fixture and the rule. The golden per-field tests
are in test_site_fixtures.py; URL and domain ownership in test_sites_registry.py.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsarchive.fixtures import EXPECTED_KEYS, fixtures_root
from newsarchive.sites import all_sites

ROOT = fixtures_root() / "sites"
DIRS = sorted(d for site in ROOT.iterdir() if site.is_dir() for d in site.iterdir() if d.is_dir())
IDS = [f"{d.parent.name}/{d.name}" for d in DIRS]
FILES = {"body.html", "info.json", "meta.json", "expected.json"}
REQUIRED = ("headline", "published_at", "body")


def pairs(path: Path) -> list[tuple[str, Any]]:
    """The top-level (key, value) pairs of a JSON file, in file order."""
    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=list)


def objects_in_file_order(path: Path) -> list[list[str]]:
    """The key lists of every JSON object of the file, in file order."""
    found: list[list[str]] = []

    def hook(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found.append([k for k, _ in items])
        return dict(items)

    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=hook)
    return found


def test_fixtures_exist() -> None:
    assert len(DIRS) >= 2 * len(all_sites())


@pytest.mark.parametrize("directory", DIRS, ids=IDS)
def test_fixture_files(directory: Path) -> None:
    assert {p.name for p in directory.iterdir()} == FILES
    assert re.fullmatch(r"(19|20)\d\d-[a-z0-9][a-z0-9-]*", directory.name), (
        "fixture names look like <year>-<short-slug>"
    )
    assert directory.parent.name in {s.id for s in all_sites()}, "not a registered site id"


@pytest.mark.parametrize("directory", DIRS, ids=IDS)
def test_expected_keys_are_exactly_the_record_fields_sorted(directory: Path) -> None:
    keys = [k for k, _ in pairs(directory / "expected.json")]
    unknown = sorted(set(keys) - set(EXPECTED_KEYS))
    missing = sorted(set(EXPECTED_KEYS) - set(keys))
    assert not unknown, f"unknown fields {unknown}"
    assert not missing, f"missing fields {missing}"
    for object_keys in objects_in_file_order(directory / "expected.json"):
        assert object_keys == sorted(object_keys), "keys not sorted in the file"


@pytest.mark.parametrize("directory", DIRS, ids=IDS)
def test_required_fields_are_present_and_non_empty(directory: Path) -> None:
    expected = dict(pairs(directory / "expected.json"))
    for field in REQUIRED:
        value = expected[field]
        assert isinstance(value, str) and value.strip(), f"{field} is empty"


@pytest.mark.parametrize("directory", DIRS, ids=IDS)
def test_info_and_meta(directory: Path) -> None:
    info = json.loads((directory / "info.json").read_text(encoding="utf-8"))
    assert set(info) == {"url", "status", "headers"}
    assert info["url"].startswith(("http://", "https://"))
    assert isinstance(info["headers"], dict) and isinstance(info["status"], int)
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    assert set(meta) == {"fetched_at"}
    assert datetime.fromisoformat(meta["fetched_at"]).tzinfo is not None, "fetched_at offset"


def test_the_checks_catch_unsorted_and_unknown_keys(tmp_path: Path) -> None:
    bad = tmp_path / "expected.json"
    bad.write_text('{"headline": "x", "body": "y", "images": [{"url": "u", "caption": null}]}')
    assert objects_in_file_order(bad) == [["url", "caption"], ["headline", "body", "images"]]
    assert [k for k, _ in pairs(bad)] == ["headline", "body", "images"]
