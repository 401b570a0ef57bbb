"""``newsarchive reprints``: JSON Lines, table, errors."""

from __future__ import annotations

import json

import pytest

from newsarchive.cli import main
from newsarchive.storage import open_db
from tests.test_reprints_store import reprint_set, save


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "news.db"
    db = open_db(path)
    for story in reprint_set():
        save(db, story)
    db.close()
    return str(path)


def test_json_one_cluster_per_line(archive, capsys):
    assert main(["reprints", "--db", archive, "--json"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["size"] == 4 and record["sites"] == 4
    assert record["named_source"] == "内蒙古新闻网"
    assert record["origin"]["url"] == "https://a.example/1"
    assert record["origin"]["is_origin"] is True
    assert len(record["members"]) == 4
    for member in record["members"]:
        assert {"url", "site", "headline", "published_at", "source", "similarity"} <= set(member)
    assert [m["url"] for m in record["members"]][0] == "https://a.example/1"
    assert "1 clusters of 4 articles" in err


def test_table_for_people(archive, capsys):
    assert main(["reprints", "--db", archive]) == 0
    out = capsys.readouterr().out
    assert "五原县加固堤防迎战强降雨" in out
    assert out.splitlines()[0].split() == [
        "id",
        "size",
        "sites",
        "first",
        "published",
        "origin",
        "site",
        "source",
        "headline",
    ]
    assert main(["reprints", "--db", archive, "--members", "--no-rebuild"]) == 0
    out = capsys.readouterr().out
    assert "https://d.example/1" in out and "*" in out


def test_filters(archive, capsys):
    main(["reprints", "--db", archive, "--json", "--min-size", "5"])
    assert capsys.readouterr().out == ""
    main(["reprints", "--db", archive, "--json", "--since", "2024-07-21", "--no-rebuild"])
    assert capsys.readouterr().out == ""
    main(["reprints", "--db", archive, "--json", "--site", "rednet", "--no-rebuild"])
    assert len(capsys.readouterr().out.splitlines()) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "last week"], "--since"),
        (["--min-size", "1"], "--min-size"),
        (["--site", "nosuchsite"], "no articles of site"),
    ],
)
def test_errors_are_one_sentence(archive, capsys, args, message):
    assert main(["reprints", "--db", archive, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_archive(tmp_path, capsys):
    assert main(["reprints", "--db", str(tmp_path / "none.db")]) == 2
    assert "no archive" in capsys.readouterr().err
