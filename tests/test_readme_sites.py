"""The README's site table is generated from the registry, and kept fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.readme_sites import (
    END,
    REGENERATE,
    START,
    current_table,
    main,
    readme_path,
    render,
    with_table,
)
from newsarchive.sites import all_sites


def test_readme_site_table_is_current() -> None:
    text = readme_path().read_text(encoding="utf-8")
    assert current_table(text) == render(), (
        f"README.md's site table is stale: regenerate it with `{REGENERATE}`"
    )


def test_one_row_per_registered_site() -> None:
    rows = render().splitlines()[2:]
    assert [row.split("`")[1] for row in rows] == [s.id for s in all_sites()]
    nmgnews = next(row for row in rows if row.startswith("| `nmgnews`"))
    assert nmgnews == "| `nmgnews` | 内蒙古新闻网 | `nmgnews.com.cn` | 2 | 3 (2011, 2023) |"


def test_regenerating_replaces_only_the_table(tmp_path: Path, capsys) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n\n{START}\n| old |\n{END}\n\nafter\n", encoding="utf-8")
    assert main(readme) == 0
    assert "site table rewritten" in capsys.readouterr().out
    assert readme.read_text("utf-8") == f"# x\n\nbefore\n\n{START}\n{render()}\n{END}\n\nafter\n"
    main(readme)
    assert "up to date" in capsys.readouterr().out


def test_missing_markers_are_an_error() -> None:
    with pytest.raises(ValueError, match="markers"):
        with_table("# no table here\n", render())
