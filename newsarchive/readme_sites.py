"""The README's table of registered sites, generated from the registry.

``python -m newsarchive.readme_sites`` rewrites the lines between the markers
``<!-- sites:start -->`` and ``<!-- sites:end -->`` in README.md; a test fails
when the committed table differs from what this module renders.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsarchive import fixtures as store
from newsarchive.sites import all_sites

START = "<!-- sites:start -->"
END = "<!-- sites:end -->"
REGENERATE = "python -m newsarchive.readme_sites"


def readme_path() -> Path:
    return Path(__file__).resolve().parent.parent / "README.md"


def fixture_years(site_id: str) -> list[str]:
    """The year prefix of each fixture name (``2011-old-layout`` → 2011)."""
    directory = store.fixtures_root() / "sites" / site_id
    if not directory.is_dir():
        return []
    return sorted(p.name[:4] for p in directory.iterdir() if p.is_dir())


def render() -> str:
    """The Markdown table: one row per registered site."""
    lines = [
        "| site | name | domains | start pages | fixtures (layout years) |",
        "|---|---|---|---|---|",
    ]
    for site in all_sites():
        years = fixture_years(site.id)
        span = ", ".join(sorted(set(years)))
        domains = ", ".join(f"`{d}`" for d in site.domains)
        lines.append(
            f"| `{site.id}` | {site.name} | {domains} | {len(site.start_urls)} "
            f"| {len(years)} ({span}) |"
        )
    return "\n".join(lines)


def with_table(text: str, table: str) -> str:
    """``text`` with the lines between the markers replaced by ``table``."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README has no {START} ... {END} markers")
    return text[: start + len(START)] + "\n" + table + "\n" + text[end:]


def current_table(text: str) -> str:
    """What the README holds between the markers now."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"README has no {START} ... {END} markers")
    return text[start + len(START) : end].strip("\n")


def main(path: Path | None = None) -> int:
    path = path or readme_path()
    text = path.read_text(encoding="utf-8")
    updated = with_table(text, render())
    if updated == text:
        print(f"{path}: the site table is up to date")
    else:
        path.write_text(updated, encoding="utf-8")
        print(f"{path}: site table rewritten ({len(all_sites())} sites)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
