"""docs/researchers.md documents every option of search, export and stats."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from newsarchive.cli import build_parser

DOC = Path(__file__).resolve().parent.parent / "docs" / "researchers.md"


def subcommand(name: str) -> argparse.ArgumentParser:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]


@pytest.mark.parametrize("name", ["search", "export", "stats"])
def test_every_option_is_documented(name):
    text = DOC.read_text(encoding="utf-8")
    assert f"newsarchive {name}" in text
    options = [
        max(action.option_strings, key=len)
        for action in subcommand(name)._actions
        if action.option_strings and action.dest != "help"
    ]
    missing = [option for option in options if option not in text]
    assert not missing, f"{name}: {missing} not in {DOC.name}"
