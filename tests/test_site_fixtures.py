"""Golden tests: every site fixture, field by field, against its reviewed record.

One test per (fixture, field), ids like ``nmgnews/2011-cxzy-activity/editor``, so a
failure names the site, the page and the field that broke.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from functools import cache
from typing import Any

import pytest

import newsarchive.fixtures as fixtures
from newsarchive.fixtures import (
    EXPECTED_KEYS,
    Fixture,
    current_output,
    expected_json,
    load_fixtures,
)

FIXTURES = load_fixtures()
BY_ID = {fx.id: fx for fx in FIXTURES}


@cache
def extracted(fixture_id: str) -> dict[str, Any]:
    """The extracted record of one fixture (extracted once for all its fields)."""
    return current_output(BY_ID[fixture_id])


@pytest.mark.parametrize(
    ("fixture_id", "field"),
    [(fx.id, field) for fx in FIXTURES for field in EXPECTED_KEYS],
    ids=[f"{fx.id}/{field}" for fx in FIXTURES for field in EXPECTED_KEYS],
)
def test_field(fixture_id: str, field: str) -> None:
    expected = BY_ID[fixture_id].expected[field]
    site = fixture_id.split("/")[0]
    assert extracted(fixture_id)[field] == expected, (
        f"see every difference: newsarchive fixtures check {site}; if the new output is right, "
        f"newsarchive fixtures update {site} and review the git diff"
    )


# -- the fixtures themselves are well formed -------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$")


@pytest.mark.parametrize("fx", FIXTURES, ids=[fx.id for fx in FIXTURES])
def test_fixture_is_well_formed(fx: Fixture) -> None:
    exp = fx.expected
    # expected.json is written in the one canonical form (sorted keys, UTF-8, newline).
    assert (fx.path / "expected.json").read_text(encoding="utf-8") == expected_json(exp)
    assert fx.status == 200
    assert "Content-Type" in fx.headers
    assert exp["headline"] and exp["body"], "a fixture is an article page"
    assert exp["body"] == exp["body"].strip() and "\n\n" not in exp["body"]
    assert (
        exp["published_at"] is None
        or ISO_DATE.match(exp["published_at"])
        or (ISO_TIME.match(exp["published_at"]))
    )
    if exp["published_at"]:
        assert exp["published_raw"], "a parsed date comes from a shown string"
        published = datetime.fromisoformat(exp["published_at"])
        if published.tzinfo:
            assert published <= fx.fetched_at, "published after it was fetched"
    assert isinstance(exp["authors"], list)
    assert exp["editor"] is None or isinstance(exp["editor"], str)
    assert not set(exp["authors"]) & set((exp["editor"] or "").split("、")), (
        "editors are not authors"
    )
    for img in exp["images"]:
        assert set(img) == {"caption", "url"} and img["url"].startswith(("http://", "https://"))


# -- the rerun tool rewrites expected files for review -----------------------------------


def test_rerun_rewrites_only_changed_expected_files(tmp_path, monkeypatch) -> None:
    source = BY_ID["enorth/2019-current-layout"].path
    copy = tmp_path / "sites" / "enorth" / source.name
    shutil.copytree(source, copy)
    monkeypatch.setenv("NEWSARCHIVE_FIXTURES", str(tmp_path))

    assert fixtures.rerun("enorth") == [], "a fixture that passes is left alone"

    expected = copy / "expected.json"
    stale = expected.read_text(encoding="utf-8").replace("津城首批", "旧标题")
    expected.write_text(stale, encoding="utf-8")
    assert fixtures.rerun("enorth") == [expected]
    assert expected.read_text(encoding="utf-8") == (source / "expected.json").read_text("utf-8")
