"""Every subcommand is documented in the README and answers --help."""

import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.cli import COMMANDS, build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
NAMES = [name.replace("_", "-") for name in COMMANDS]


@pytest.mark.parametrize("name", NAMES)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"newsarchive {name}" in README


@pytest.mark.parametrize("name", NAMES)
def test_command_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        build_parser([name, "--help"]).parse_args([name, "--help"])
    assert done.value.code == 0
    assert f"usage: newsarchive {name}" in capsys.readouterr().out


def test_unknown_command_is_one_line_and_nonzero() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsarchive", "no-such-command"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "invalid choice" in done.stderr
    assert "Traceback" not in done.stderr


def test_readme_commands_are_the_ones_make_runs() -> None:
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text("utf-8")
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert "make demo" in README and "make test" in README
    assert "newsarchive demo" in makefile
    assert ci.rstrip().splitlines()[-1] == "make test"
