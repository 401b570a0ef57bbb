"""Options shared by several subcommands."""

from __future__ import annotations

import argparse
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from newsarchive.cli.errors import CliError
from newsarchive.storage import DEFAULT_DB, open_db


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=str(DEFAULT_DB), metavar="PATH", help="the archive (default: %(default)s)"
    )


def open_archive(path: str, *, write: bool = False) -> Database:
    """The archive ``--db`` names, which must exist (never create an empty one by mistake).

    For reading, a file that is not writable opens read-only (no WAL switch, no
    migrations): a copy handed to a researcher.
    """
    if not Path(path).is_file():
        raise CliError(f"no archive at {path} (crawl first, or pass --db)")
    if write or (os.access(path, os.W_OK) and os.access(Path(path).resolve().parent, os.W_OK)):
        return open_db(path)
    return Database(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True))


def add_settings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-s",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a Scrapy setting, as with scrapy crawl -s (repeatable)",
    )


def parse_setting(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` as given to ``-s`` (like ``scrapy crawl -s``)."""
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise ValueError(f"a setting must look like NAME=VALUE, got {text!r}")
    return name.strip(), value


def settings_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The ``-s NAME=VALUE`` options as a dict (a malformed one is a user error)."""
    try:
        return dict(parse_setting(s) for s in args.settings)
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print JSON Lines, one full record per line"
    )
