"""The options several subcommands share."""

import argparse
import sqlite3
from pathlib import Path

import pytest

from newsarchive.cli import options
from newsarchive.cli.errors import CliError
from newsarchive.cli.options import (
    add_settings,
    open_archive,
    parse_setting,
    settings_overrides,
)
from newsarchive.storage import open_db


def test_parse_setting_splits_at_the_first_equals_sign() -> None:
    assert parse_setting("DOWNLOAD_DELAY=0.5") == ("DOWNLOAD_DELAY", "0.5")
    assert parse_setting("USER_AGENT=a=b") == ("USER_AGENT", "a=b")


@pytest.mark.parametrize("text", ["DOWNLOAD_DELAY", "=1"])
def test_a_malformed_setting_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="NAME=VALUE"):
        parse_setting(text)


def test_settings_overrides_turn_a_malformed_setting_into_a_user_error() -> None:
    parser = argparse.ArgumentParser()
    add_settings(parser)
    assert settings_overrides(parser.parse_args(["-s", "A=1", "-s", "B=2"])) == {"A": "1", "B": "2"}
    with pytest.raises(CliError):
        settings_overrides(parser.parse_args(["-s", "A"]))


def test_open_archive_refuses_a_missing_file_instead_of_creating_one(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with pytest.raises(CliError, match="no archive at"):
        open_archive(str(path))
    with pytest.raises(CliError, match="no archive at"):
        open_archive(str(path), write=True)
    assert not path.exists()


def test_open_archive_reads_a_read_only_copy_without_writing_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    open_db(path).close()
    # As a researcher's copy without write permission (root would ignore a chmod).
    monkeypatch.setattr(options.os, "access", lambda *_: False)
    db = open_archive(str(path))
    assert "articles" in db.table_names()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM articles")
    db.close()
    open_archive(str(path), write=True).execute("DELETE FROM articles")  # writing asked for
