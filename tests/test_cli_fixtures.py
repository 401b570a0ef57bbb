"""``newsarchive fixtures add|check|update`` (in-process, fixtures in a temp copy)."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import newsarchive.fixtures as store
from newsarchive import __version__
from newsarchive.cli import main
from newsarchive.cli.fixtures import default_name, show_diff
from newsarchive.fixtures import FieldDiff, load_fixtures
from newsarchive.sites import get_site

PAGE = next(fx for fx in load_fixtures("nmgnews") if fx.name == "2023-new-layout")
OLD_PAGE = next(fx for fx in load_fixtures("nmgnews") if fx.name == "2011-cxzy-activity")
FETCHED = "2023-10-14T11:05:42+08:00"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fixtures root of our own, holding a copy of the nmgnews fixtures."""
    shutil.copytree(store.fixtures_root() / "sites" / "nmgnews", tmp_path / "sites" / "nmgnews")
    monkeypatch.setenv("NEWSARCHIVE_FIXTURES", str(tmp_path))
    return tmp_path


class Origin(BaseHTTPRequestHandler):
    """The news site, reached as an HTTP proxy (so the page keeps its real URL)."""

    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.seen.append({"url": self.path, "user-agent": self.headers["User-Agent"]})
        if self.path != PAGE.url:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Set-Cookie", "session=secret")
        self.send_header("X-Cache", "HIT")
        self.send_header("Content-Length", str(len(PAGE.body)))
        self.end_headers()
        self.wfile.write(PAGE.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def origin(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, str]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://{host}:{port}")
    Origin.seen = []
    yield Origin.seen
    server.shutdown()
    server.server_close()


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# -- add ---------------------------------------------------------------------------------


def test_add_from_url_keeps_bytes_headers_and_fetch_time(root: Path, origin, capsys) -> None:
    code = main(["fixtures", "add", "nmgnews", PAGE.url, "--name", "2023-fetched"])
    out = capsys.readouterr().out
    assert code == 0
    assert origin == [{"url": PAGE.url, "user-agent": origin[0]["user-agent"]}]
    assert origin[0]["user-agent"].startswith(f"newsarchive/{__version__} (+")

    new = root / "sites" / "nmgnews" / "2023-fetched"
    assert (new / "body.html").read_bytes() == PAGE.body
    info = read(new / "info.json")
    assert (info["url"], info["status"]) == (PAGE.url, 200)
    assert info["headers"]["Content-Type"] == "text/html; charset=utf-8"
    assert info["headers"]["X-Cache"] == "HIT"
    assert "Set-Cookie" not in info["headers"]  # never keep a cookie
    assert "+08:00" in read(new / "meta.json")["fetched_at"]
    # The current output, to review: the reviewed record of the same page.
    assert read(new / "expected.json") == PAGE.expected
    assert "review every field before committing" in out
    assert str(new / "expected.json") in out
    assert 'editor        "郭文娟"' in out


def test_add_from_file(root: Path, tmp_path: Path, capsys) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(OLD_PAGE.body)
    args = ["fixtures", "add", "nmgnews", str(saved), "--url", OLD_PAGE.url]
    args += ["--header", "Content-Type: text/html", "--fetched-at", "2011-10-14T18:02:11+08:00"]
    assert main(args) == 0
    new = root / "sites" / "nmgnews" / "2011-010648316"  # the default name: year and stem
    assert (new / "body.html").read_bytes() == OLD_PAGE.body  # GBK bytes, never re-encoded
    assert read(new / "info.json") == {
        "headers": {"Content-Type": "text/html"},
        "status": 200,
        "url": OLD_PAGE.url,
    }
    assert read(new / "meta.json") == {"fetched_at": "2011-10-14T18:02:11+08:00"}
    assert (new / "expected.json").read_text("utf-8") == (
        OLD_PAGE.path / "expected.json"
    ).read_text("utf-8")
    assert "review every field before committing" in capsys.readouterr().out
    assert {fx.name for fx in load_fixtures("nmgnews")} >= {"2011-010648316"}


def test_add_file_without_headers_says_what_the_contract_wants(root, tmp_path, capsys) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(PAGE.body)
    args = ["fixtures", "add", "nmgnews", str(saved), "--url", PAGE.url, "--name", "2023-bare"]
    assert main(args) == 0
    assert read(root / "sites" / "nmgnews" / "2023-bare" / "info.json")["headers"] == {}
    out = capsys.readouterr().out
    assert "no Content-Type recorded" in out
    assert "came out empty" not in out


def test_add_says_when_a_required_field_is_empty(root, tmp_path, capsys) -> None:
    saved = tmp_path / "photo-page.html"  # a photo page: a title, no text
    saved.write_text("<html><body><h1>草原上的秋天</h1><img src='a.jpg'></body></html>", "utf-8")
    args = ["fixtures", "add", "nmgnews", str(saved), "--url", PAGE.url, "--name", "2023-photo"]
    assert main(args) == 0
    notes = [line for line in capsys.readouterr().out.splitlines() if "came out empty" in line]
    assert len(notes) == 1 and "body" in notes[0]
    assert notes[0].endswith("came out empty; the contract tests require them")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuchsite", "x.html", "--url", PAGE.url], "no site 'nosuchsite' is registered"),
        (["nmgnews", "saved.html"], "give the article's real URL with --url"),
        (["nmgnews", "missing.html", "--url", PAGE.url], "cannot read missing.html"),
        (["nmgnews", "saved.html", "--url", "http://www.dzwww.com/a.htm"], "not on nmgnews"),
        (["nmgnews", "http://www.dzwww.com/a/t20231014_1.htm"], "not on nmgnews"),
        (["nmgnews", "saved.html", "--url", PAGE.url, "--name", "new layout"], "<year>-<short"),
        (["nmgnews", "saved.html", "--url", PAGE.url, "--name", "2023-new-layout"], "exists"),
        (["nmgnews", "saved.html", "--url", PAGE.url, "--fetched-at", "2023-10-14"], "offset"),
        (["nmgnews", "saved.html", "--url", PAGE.url, "--header", "text/html"], "Name: value"),
    ],
)
def test_add_refuses(root, tmp_path, monkeypatch, capsys, args: list, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "saved.html").write_bytes(PAGE.body)
    assert main(["fixtures", "add", *args]) == 2
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in (root / "sites" / "nmgnews").iterdir()) == [
        "2011-cxzy-activity",
        "2023-new-layout",
        "2023-xinhua-reprint",
    ]


def test_add_url_that_is_not_found(root: Path, origin, capsys) -> None:
    missing = PAGE.url.replace("013538871", "013538872")
    assert main(["fixtures", "add", "nmgnews", missing]) == 2
    assert f"{missing} answered 404" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("http://inews.nmgnews.com.cn/system/2023/10/14/013538871.shtml", "2023-013538871"),
        (
            "http://www.dzwww.com/shandong/sdnews/201503/t20150312_12060217.htm",
            "2015-t20150312-12060217",
        ),
        ("http://www.example.com/news/Story_A.html", "2026-story-a"),
    ],
)
def test_default_name(url: str, name: str) -> None:
    assert default_name(url, datetime.fromisoformat("2026-01-02T03:04:05+08:00")) == name


# -- check ----------------------------------------------------------------------------------


def test_check_passes_on_the_repository_fixtures(capsys) -> None:
    assert main(["fixtures", "check"]) == 0
    count, sites = len(load_fixtures()), len({fx.site for fx in load_fixtures()})
    assert capsys.readouterr().out == (
        f"checked {count} fixtures of {sites} sites: every field as expected\n"
    )


def test_broken_selector_names_site_fixture_and_field(monkeypatch, capsys) -> None:
    # The editor selector now matches the headline: no editor is read from it any more.
    monkeypatch.setattr(get_site("nmgnews"), "editor", "h1, #div2")
    assert main(["fixtures", "check", "nmgnews"]) == 1
    out = capsys.readouterr().out
    assert 'nmgnews/2011-cxzy-activity: editor\n    expected: "赵静"\n    got:      null\n' in out
    assert "nmgnews/2023-new-layout: editor" in out
    assert "2023-xinhua-reprint" not in out  # its page shows no editor: unchanged
    assert out.endswith("checked 3 fixtures of 1 site: 2 fields differ in 2 fixtures\n")


def test_body_differences_are_a_line_diff() -> None:
    diff = FieldDiff(
        "enorth/2011-old-layout", "body", "第一段。\n第二段。\n第三段。", "第一段。\n第三段。"
    )
    assert show_diff(diff) == [
        "enorth/2011-old-layout: body",
        "    --- expected",
        "    +++ got",
        "    @@ -1,3 +1,2 @@",
        "     第一段。",
        "    -第二段。",
        "     第三段。",
    ]


def test_check_unknown_site(capsys) -> None:
    assert main(["fixtures", "check", "nosuchsite"]) == 2
    assert "no site 'nosuchsite' is registered" in capsys.readouterr().err


# -- update ---------------------------------------------------------------------------------


def test_update_rewrites_stale_expected_files_for_review(root: Path, capsys) -> None:
    expected = root / "sites" / "nmgnews" / "2023-new-layout" / "expected.json"
    reviewed = expected.read_text("utf-8")
    expected.write_text(reviewed.replace("郭文娟", "旧编辑"), encoding="utf-8")

    assert main(["fixtures", "update", "nmgnews"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"rewrote {expected}"
    assert "1 expected.json rewritten: review every field before committing" in out
    assert expected.read_text("utf-8") == reviewed

    assert main(["fixtures", "update"]) == 0
    assert "already matches" in capsys.readouterr().out
