"""``newsarchive export-warc``: standard WARC files that warcio checks and indexes."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive.cli import main
from newsarchive.storage import open_db
from newsarchive.warc import export_warc
from tests.crawlsite import Archived, archived


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Archived:
    return archived(tmp_path_factory.mktemp("crawl"))


@pytest.fixture(scope="module")
def exported(crawled: Archived, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("warc")
    assert main(["export-warc", "--db", str(crawled.db), "-o", str(out)]) == 0
    return out


def warcio(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from warcio.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )


def test_export_writes_one_file_per_site(exported: Path, crawled: Archived) -> None:
    (path,) = exported.iterdir()
    assert path.name.startswith("newsarchive-nmgnews-") and path.name.endswith(".warc.gz")


def test_warcio_check_accepts_the_output(exported: Path) -> None:
    (path,) = exported.iterdir()
    result = warcio("check", "-v", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "digest pass" in result.stdout and "digest failed" not in result.stdout


def test_warcio_index_fields_are_those_a_replay_tool_needs(
    exported: Path, crawled: Archived
) -> None:
    (path,) = exported.iterdir()
    fields = "warc-type,warc-target-uri,warc-date,http:status,http:content-type,warc-payload-digest"
    result = warcio("index", "-f", fields, str(path))
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stdout.splitlines()]
    types = [e["warc-type"] for e in entries]
    assert types[0] == "warcinfo"
    db = open_db(crawled.db)
    stored = {r["url"]: r["fetched_at"] for r in db.query("select url, fetched_at from pages")}
    responses = {e["warc-target-uri"]: e for e in entries if e["warc-type"] == "response"}
    requests = {e["warc-target-uri"] for e in entries if e["warc-type"] == "request"}
    assert set(responses) == requests == set(stored) == set(crawled.site.articles)
    for url, entry in responses.items():
        fetched = datetime.fromisoformat(stored[url]).astimezone(UTC)
        assert entry["warc-date"] == fetched.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert entry["http:status"] == "200"
        assert entry["http:content-type"].startswith("text/html")
        assert entry["warc-payload-digest"].startswith("sha1:")
    assert types.count("metadata") == len(responses)


def test_response_records_hold_the_bytes_as_received(exported: Path, crawled: Archived) -> None:
    (path,) = exported.iterdir()
    seen = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read()
                assert body == crawled.site.answer(url, {}).body
                length = record.http_headers.get_header("Content-Length")
                assert length == str(len(body))
                seen += 1
            elif record.rec_type == "metadata":
                text = record.content_stream().read().decode("utf-8")
                url = record.rec_headers.get_header("WARC-Target-URI")
                old = [k for k, v in crawled.site.moved.items() if v == url]
                assert [line[5:] for line in text.splitlines() if line.startswith("via: ")] == old
    assert seen == len(crawled.site.articles)


def test_export_of_an_unknown_site_is_a_clear_error(
    crawled: Archived, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["export-warc", "--db", str(crawled.db), "-o", str(out), "--site", "dahe"])
    assert code == 2 and "no archived pages of site 'dahe'" in capsys.readouterr().err
    assert not out.exists()


def test_pywb_indexer_reads_every_capture(exported: Path, crawled: Archived) -> None:
    """cdxj-indexer is what pywb runs on a WARC added to a collection."""
    pytest.importorskip("cdxj_indexer")
    (path,) = exported.iterdir()
    code = "import sys; from cdxj_indexer.main import main; main(sys.argv[1:])"
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    urls = set()
    for line in lines:
        urlkey, timestamp, blob = line.split(" ", 2)
        entry = json.loads(blob)
        assert urlkey.startswith("cn,com,nmgnews,inews)/system/")
        assert len(timestamp) == 14 and timestamp.isdigit()
        assert (entry["mime"], entry["status"]) == ("text/html", "200")
        assert entry["digest"].startswith("sha1:") and int(entry["length"]) > 0
        urls.add(entry["url"])
    assert len(lines) == len(urls) == len(crawled.site.articles)


def test_large_exports_are_split_into_files_that_each_check(
    crawled: Archived, tmp_path: Path
) -> None:
    db = open_db(crawled.db)
    files = export_warc(db, tmp_path, max_bytes=20_000)
    assert len(files) > 2
    assert files[0].path.name.endswith("-00000.warc.gz")
    assert files[1].path.name.endswith("-00001.warc.gz")
    assert sum(f.captures for f in files) == len(crawled.site.articles)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.path.name for f in files)
    for f in files:
        assert warcio("check", str(f.path)).returncode == 0
