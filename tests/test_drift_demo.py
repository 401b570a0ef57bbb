"""The drift alarm end to end: the demo web changes its layout under a real crawl.

Three demo crawls build each site's baseline (the recrawl window re-fetches the
archived articles, so every run extracts them again); a fourth, unchanged, is
judged ok. Then the demo web serves
a changed layout: dzwww drops its editor line, nmgnews shows only the first
paragraph of each article, and enorth's list pages no longer link articles.
The crawl must mark exactly those runs degraded, warn naming site and field,
and exit non-zero under ``--strict``.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive.cli.alarms import EXIT_DEGRADED
from newsarchive.demo.web import Answer, DemoServer, DemoWeb
from newsarchive.fixtures import fixtures_root

# Every run re-extracts the demo's articles; the demo has 2-4 per site.
RUN = ["-s", "NEWSARCHIVE_RECRAWL_DAYS=100000", "-s", "NEWSARCHIVE_DRIFT_MIN_ARTICLES=2"]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def newsarchive(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsarchive", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def rewrite(answer: Answer, change) -> Answer:  # type: ignore[no-untyped-def]
    """The same page in its own encoding, its text changed."""
    for encoding in ("utf-8", "gb18030"):
        try:
            text = answer.body.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return Answer(answer.status, answer.headers, change(text).encode(encoding))


def first_paragraph_only(text: str) -> str:
    paragraphs = list(re.finditer(r"<p[ >].*?</p>", text, flags=re.S))
    for p in reversed(paragraphs[1:]):
        text = text[: p.start()] + text[p.end() :]
    return text


def changed_web(tmp: Path) -> DemoWeb:
    """The demo web after three sites changed their templates."""
    static = tmp / "demo"
    shutil.copytree(fixtures_root() / "demo", static)
    for page in (static / "news.enorth.com.cn" / "tj").glob("index*"):
        if page.suffix != ".json":  # links now drawn by a script: no <a href> to articles
            html = page.read_bytes()
            page.write_bytes(re.sub(rb'href="[^"]*/system/[^"]*"', b'href="#"', html))
    web = DemoWeb(tmp)
    for url, answer in web.pages.items():
        if "dzwww.com" in url:
            web.pages[url] = rewrite(
                answer, lambda t: re.sub(r'<div class="news-edit">.*?</div>', "", t)
            )
        elif "nmgnews.com.cn" in url:
            web.pages[url] = rewrite(answer, first_paragraph_only)
    return web


@pytest.fixture(scope="module")
def drifted(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("drift")
    db = tmp / "news.db"
    for _ in range(4):
        done = newsarchive("demo", "--db", str(db), "--strict", *RUN)
        assert done.returncode == 0, done.stderr
        assert "layout drift" not in done.stderr
    with DemoServer(changed_web(tmp)) as server:
        proxy = ["-s", f"NEWSARCHIVE_PROXY={server.proxy_url}"]
        args = ["dzwww", "enorth", "nmgnews", "--db", str(db), *RUN, *FAST, *proxy]
        strict = newsarchive("crawl", *args, "--strict")
        lenient = newsarchive("crawl", *args)
    return db, strict, lenient


def latest_runs(db: Path) -> dict[str, tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT site, status, degraded_fields FROM crawl_runs ORDER BY id DESC LIMIT 3"
    )
    return {site: (status, fields) for site, status, fields in rows}


def test_changed_layout_marks_the_runs_degraded(drifted) -> None:  # type: ignore[no-untyped-def]
    assert latest_runs(drifted[0]) == {
        "dzwww": ("degraded", "editor"),
        "enorth": ("degraded", "list_links"),
        "nmgnews": ("degraded", "body_length"),
    }


def test_the_warning_names_site_and_field(drifted) -> None:  # type: ignore[no-untyped-def]
    stderr = drifted[1].stderr
    assert "warning: layout drift? dzwww: editor: editor found on 0% of pages (baseline 100%)" in (
        stderr
    )
    assert "warning: layout drift? nmgnews: body_length: median body" in stderr
    assert "warning: layout drift? enorth: list_links: 0 article links on list pages" in stderr


def test_strict_exits_non_zero(drifted) -> None:  # type: ignore[no-untyped-def]
    assert drifted[1].returncode == EXIT_DEGRADED, drifted[1].stderr
    # Without --strict the crawl still warns (a degraded run never joins the baseline).
    assert drifted[2].returncode == 0, drifted[2].stderr
    assert "layout drift? dzwww: editor" in drifted[2].stderr


def test_unchanged_layout_is_judged_ok(drifted) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(drifted[0])
    verdicts = [v for (v,) in conn.execute("SELECT verdict FROM crawl_quality ORDER BY run_id")]
    assert verdicts[:9] == ["no-baseline"] * 9  # fewer than three runs before each
    assert verdicts[9:12] == ["ok"] * 3  # the fourth demo crawl: no false alarm
    assert verdicts[12:] == ["degraded"] * 6
