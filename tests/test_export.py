"""newsarchive export: JSON Lines, CSV for spreadsheets, Parquet; filters and a query."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from newsarchive.cli import main
from newsarchive.export import cell, write_jsonl
from tests.search_archive import ARTICLES, build_archive, record, slugs


@pytest.fixture
def path(tmp_path):
    formula = record("cqnews", "formula", headline='=HYPERLINK("http://x")', body="-1+1 正文")
    build_archive(tmp_path / "news.db", [*ARTICLES, formula])
    return str(tmp_path / "news.db")


def export(capsys, *args: str) -> str:
    assert main(["export", *args]) == 0
    return capsys.readouterr().out


def test_jsonl_to_stdout_is_every_full_record_oldest_first(path, capsys):
    rows = [json.loads(line) for line in export(capsys, "--db", path).splitlines()]
    assert len(rows) == len(ARTICLES) + 1
    dated = [r["published_at"] for r in rows if r["published_at"]]
    assert dated == sorted(dated)
    assert rows[-1]["published_at"] is None  # undated last
    grass = next(r for r in rows if r["headline"].startswith("锡林郭勒"))
    assert grass["authors"] == ["巴特尔", "乌云"]  # lists stay lists
    assert set(rows[0]) >= {"url", "canonical_url", "site", "body", "images", "fetched_at"}


def test_filters_and_query_select_the_subset(path, capsys):
    out = export(capsys, "--db", path, "-q", "防汛", "--site", "cqnews")
    assert slugs([json.loads(x) for x in out.splitlines()]) == ["flood-response"]
    out = export(capsys, "--db", path, "--source", "新华", "--since", "2024")
    assert slugs([json.loads(x) for x in out.splitlines()]) == ["corridor-trains", "metro-line-2"]


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_for_spreadsheets(path, tmp_path, capsys):
    out = tmp_path / "a.csv"
    assert main(["export", "--db", path, "--format", "csv", "--bom", "-o", str(out)]) == 0
    assert "exported 9 articles" in capsys.readouterr().err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcanonical_url,")  # the BOM Excel needs
    assert b"\r\n" in data  # RFC 4180 line ends
    rows = {r["headline"]: r for r in read_csv(data)}
    grass = rows["锡林郭勒草原生态保护补助资金发放到户"]
    assert grass["authors"] == "巴特尔、乌云"
    meeting = rows["自治区部署今年防汛抗旱工作"]
    assert meeting["images"] == "https://www.nmgnews.example.cn/img/meeting.jpg 会议现场"
    assert meeting["body"].count("\n") == 2  # paragraphs kept inside one cell
    assert '\'=HYPERLINK("http://x")' in rows  # not run as a formula
    assert rows['\'=HYPERLINK("http://x")']["body"] == "'-1+1 正文"


def test_csv_without_bom_or_guard(path, tmp_path):
    out = tmp_path / "b.csv"
    args = ["export", "--db", path, "--format", "csv", "--no-formula-guard", "-o", str(out)]
    assert main(args) == 0
    data = out.read_bytes()
    assert data.startswith(b"canonical_url,")
    assert '=HYPERLINK("http://x")' in {r["headline"] for r in read_csv(data)}


def test_csv_to_stdout_and_an_empty_result_keeps_the_header(path, capfd):
    assert main(["export", "--db", path, "--format", "csv", "-q", "没有这个词语"]) == 0
    assert capfd.readouterr().out.startswith("canonical_url,url,site,headline,")


def test_cells():
    images = [{"url": "https://a/1.jpg", "caption": "图一"}, {"url": "https://a/2.jpg"}]
    assert cell("images", images) == "https://a/1.jpg 图一\nhttps://a/2.jpg"
    assert cell("authors", []) == ""
    assert cell("warnings", ["bad-encoding", "empty-body"]) == "bad-encoding; empty-body"
    assert cell("headline", "@某人") == "'@某人"
    assert cell("headline", "@某人", guard=False) == "@某人"


def test_parquet(path, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "a.parquet"
    assert (
        main(["export", "--db", path, "--format", "parquet", "-o", str(out), "--site", "nmgnews"])
        == 0
    )
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert str(table.schema.field("authors").type) == "list<element: string>"
    rows = {r["headline"]: r for r in table.to_pylist()}
    assert rows["自治区部署今年防汛抗旱工作"]["images"] == [
        {"url": "https://www.nmgnews.example.cn/img/meeting.jpg", "caption": "会议现场"}
    ]
    empty = tmp_path / "empty.parquet"
    assert (
        main(
            ["export", "--db", path, "--format", "parquet", "-o", str(empty), "-q", "没有这个词语"]
        )
        == 0
    )
    assert pq.read_table(empty).num_rows == 0


def test_parquet_needs_a_file_and_pyarrow(path, tmp_path, capsys, monkeypatch):
    assert main(["export", "--db", path, "--format", "parquet"]) == 2
    assert "-o FILE" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "x.parquet"
    assert main(["export", "--db", path, "--format", "parquet", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'newsarchive[parquet]'" in err
    assert not out.exists()


def test_write_jsonl_is_one_record_per_line_with_chinese_unescaped():
    records = [{"headline": "草原\n生态", "authors": ["张云龙"]}, {"headline": None}]
    out = io.StringIO()
    assert write_jsonl(iter(records), out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == records
    assert "草原" in lines[0]
