"""``newsarchive reparse``: rebuild articles from the stored raw pages, no network at all."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import newsarchive.article_record
from newsarchive.cli import main
from newsarchive.storage import open_db
from tests.crawlsite import Archived, archived

NEW_VERSION = "9.9.9-test"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Archived:
    return archived(tmp_path_factory.mktemp("crawl"))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to create a socket or open a connection is recorded and refused."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network blocked by the test")

    def no_socket(self: socket.socket, *args: object, **kwargs: object) -> None:
        attempts.append(("socket", args))
        raise OSError("sockets blocked by the test")

    monkeypatch.setattr(socket.socket, "__init__", no_socket)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)

    def create_connection(address: object, *args: object, **kwargs: object) -> None:
        attempts.append(address)
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


@pytest.fixture
def new_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The current extractor, reporting a newer version (as after an upgrade)."""
    real = newsarchive.article_record.extract

    def upgraded(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        article = real(*args, **kwargs)  # type: ignore[arg-type]
        article.extractor_version = NEW_VERSION
        return article

    monkeypatch.setattr(newsarchive.article_record, "extract", upgraded)


def rows(db_path: Path) -> dict[str, dict]:
    db = open_db(db_path)
    try:
        return {r["canonical_url"]: r for r in db.query("select * from articles")}
    finally:
        db.close()


def test_reparse_updates_every_record_offline(
    crawled: Archived,
    tmp_path: Path,
    no_network: list[object],
    new_extractor: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(OSError):  # the guard works
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    no_network.clear()
    db = crawled.copy(tmp_path / "a.db")
    before = rows(db)
    assert main(["reparse", "--db", str(db)]) == 0
    after = rows(db)
    assert no_network == []  # not one socket created, not one connection attempted
    assert len(after) == len(before) == len(crawled.site.articles)
    assert {r["extractor_version"] for r in after.values()} == {NEW_VERSION}
    for key, row in after.items():  # same pages, same extraction: only the version moved
        assert row["content_hash"] == before[key]["content_hash"]
        assert row["headline"] == before[key]["headline"]
        assert row["first_seen_at"] == before[key]["first_seen_at"]
    out = capsys.readouterr().out
    assert f"pages reparsed: {len(before)}" in out and NEW_VERSION in out
    assert f"updated {len(before)}" in out
    # A version is a change of content, not of extractor: no new versions.
    versions = open_db(db).execute("select max(version) from article_versions").fetchone()[0]
    assert versions == 1


def test_reparse_rebuilds_a_lost_articles_table(
    crawled: Archived, tmp_path: Path, no_network: list[object]
) -> None:
    db_path = crawled.copy(tmp_path / "a.db")
    before = rows(db_path)
    db = open_db(db_path)
    db.execute("delete from articles")
    db.close()
    assert main(["reparse", "--db", str(db_path)]) == 0
    after = rows(db_path)
    assert no_network == []
    assert set(after) == set(before)
    for key, row in after.items():
        for field in ("headline", "body", "published_at", "source", "editor", "authors", "url"):
            assert row[field] == before[key][field], (key, field)


def test_reparse_twice_changes_nothing(
    crawled: Archived, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = crawled.copy(tmp_path / "a.db")
    before = rows(db)
    assert main(["reparse", "--db", str(db), "--site", "nmgnews"]) == 0
    assert f"unchanged {len(before)}" in capsys.readouterr().out
    assert rows(db) == before


def test_reparse_errors_are_one_sentence(
    crawled: Archived, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reparse", "--db", str(tmp_path / "missing.db")]) == 2
    assert "no archive at" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()
    db = crawled.copy(tmp_path / "a.db")
    assert main(["reparse", "--db", str(db), "--site", "dahe"]) == 2
    assert "no archived pages of site 'dahe'" in capsys.readouterr().err
