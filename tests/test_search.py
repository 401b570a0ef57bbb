"""Full-text search on a real archive: short and long Chinese terms, filters, index sync, CLI."""

from __future__ import annotations

import json

import pytest

from newsarchive.cli import main
from newsarchive.search import Filters, search
from newsarchive.search.schema import check_index, rebuild_index
from newsarchive.storage.articles import save_article
from tests.search_archive import ARTICLES, build_archive, slugs


@pytest.fixture
def db(tmp_path):
    return build_archive(tmp_path / "news.db")


def found(db, query, **filters):
    return sorted(slugs([h.article for h in search(db, query, Filters(**filters), limit=50)]))


def test_two_character_query_uses_the_fallback_and_finds_its_articles(db):
    assert found(db, "防汛") == ["flood-meeting", "flood-response"]
    assert found(db, "麦收") == ["wheat-harvest"]  # only in the headline
    assert found(db, "5G") == ["5g-villages"]
    assert found(db, "5g") == ["5g-villages"]  # ASCII case-insensitive, like the index


def test_one_character_query(db):
    assert found(db, "汛") == ["flood-meeting", "flood-response"]


def test_four_character_query_uses_the_index(db):
    hits = search(db, "草原生态")
    assert slugs([h.article for h in hits]) == ["grassland-subsidy"]
    assert hits[0].rank is not None  # ranked by bm25


def test_headline_hit_ranks_before_body_hit(db):
    # 防汛抗旱 is in the headline of flood-meeting, only in the body of flood-response.
    hits = search(db, "防汛抗旱")
    assert slugs([h.article for h in hits]) == ["flood-meeting", "flood-response"]


def test_short_and_long_terms_combine(db):
    assert found(db, "防汛 长江") == ["flood-response"]
    assert found(db, "防汛 OR 草原生态") == ["flood-meeting", "flood-response", "grassland-subsidy"]
    assert found(db, "黄河 -生态") == ["flood-meeting"]
    assert found(db, "黄河 NOT 流域生态") == ["flood-meeting"]
    assert found(db, "(重庆 OR 呼和浩特) 客流") == ["metro-line-2"]
    assert found(db, "-防汛 -黄河 -5G -牧民") == [
        "corridor-trains",
        "metro-line-2",
        "wheat-harvest",
    ]


def test_quoted_phrase_and_column_restriction(db):
    assert found(db, '"四级应急响应"') == ["flood-response"]
    assert found(db, "标题:黄河") == ["yellow-river-forum"]
    assert found(db, "body:黄河") == ["flood-meeting", "yellow-river-forum"]
    assert found(db, "标题:防汛抗旱") == ["flood-meeting"]


def test_filters_combine_with_the_query(db):
    assert found(db, "防汛", sites=("cqnews",)) == ["flood-response"]
    assert found(db, "防汛", since="2024-06-15") == ["flood-response"]
    assert found(db, "防汛", until="2024-06-12") == ["flood-meeting"]  # the whole day
    assert found(db, "", source="新华") == ["corridor-trains", "metro-line-2", "yellow-river-forum"]
    assert found(db, "", editor="李明") == ["metro-line-2"]
    assert found(db, "", editor="赵静", since="2024") == ["flood-meeting"]
    assert found(db, "", section="时政", sites=("dahe", "cqnews")) == [
        "flood-response",
        "yellow-river-forum",
    ]
    assert found(db, "黄河", since="2023-12", until="2023-12") == ["yellow-river-forum"]


def test_empty_query_lists_newest_first(db):
    hits = search(db, '"', Filters(sites=("nmgnews",)))
    assert slugs([h.article for h in hits]) == [
        "metro-line-2",
        "flood-meeting",
        "grassland-subsidy",
    ]


def test_snippet_marks_short_and_long_terms(db):
    (hit,) = search(db, "长江 防汛四级")
    assert "«长江»" in hit.snippet()
    assert "«防汛四级»" in hit.snippet()
    assert hit.article["authors"] == [] and hit.article["source"] == "重庆日报"


def test_update_propagates_to_the_index(db):
    changed = dict(ARTICLES[2], body="今年冬季，牧区储备了充足的饲草料。", content_hash="v2")
    assert save_article(db, changed) == "updated"
    assert found(db, "草原生态") == ["grassland-subsidy"]  # still in the headline
    assert found(db, "补助奖励资金") == []  # gone from the body
    assert found(db, "饲草料") == ["grassland-subsidy"]
    db.execute(
        "UPDATE articles SET headline = '锡林郭勒牧区备足越冬饲草' WHERE site = 'nmgnews' "
        "AND content_hash = 'v2'"
    )
    assert found(db, "草原生态") == []
    assert found(db, "越冬饲草") == ["grassland-subsidy"]
    assert check_index(db)


def test_delete_propagates_to_the_index(db):
    db["articles"].delete(ARTICLES[3]["canonical_url"])
    assert found(db, "四级应急响应") == []
    assert found(db, "防汛") == ["flood-meeting"]
    assert check_index(db)


def test_index_built_for_articles_stored_before_the_migration(tmp_path):
    db = build_archive(tmp_path / "old.db")
    db.execute("DELETE FROM articles_fts")  # as if the index never existed
    assert found(db, "陆海新通道") == []
    rebuild_index(db)
    assert found(db, "陆海新通道") == ["corridor-trains"]


def test_cli_search_people_and_json(db, tmp_path, capsys):
    path = str(tmp_path / "news.db")
    assert main(["search", "防汛", "--db", path, "--site", "cqnews"]) == 0
    out = capsys.readouterr().out
    assert "重庆启动«防汛»四级应急响应" in out
    assert "1 hit" in out
    assert main(["search", "防汛 OR 草原生态", "--db", path, "--json", "--limit", "2"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    assert {"headline", "published_at", "authors", "images", "snippet", "rank"} <= set(lines[0])


def test_cli_errors_are_one_sentence(tmp_path, capsys, db):
    path = str(tmp_path / "news.db")
    assert main(["search", "x", "--db", str(tmp_path / "missing.db")]) == 2
    assert main(["search", "x", "--db", path, "--until", "2024-02-30"]) == 2
    assert main(["search", " ".join(["词语"] * 101), "--db", path]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3
    assert all(line.startswith("newsarchive search: ") for line in err)
    assert not (tmp_path / "missing.db").exists()


def test_cli_rebuild_index_repairs_a_stale_index(db, tmp_path, capsys):
    db.execute("DELETE FROM articles_fts")  # as after copying rows into a new table
    assert not check_index(db)
    assert found(db, "陆海新通道") == []
    path = str(tmp_path / "news.db")
    assert main(["search", "陆海新通道", "--db", path, "--rebuild-index", "--json"]) == 0
    captured = capsys.readouterr()
    assert "index rebuilt: ok" in captured.err
    assert [json.loads(x)["headline"] for x in captured.out.splitlines()] == [
        "西部陆海新通道班列开行量同比增长"
    ]


def test_full_time_bounds_and_comma_separated_sites(db, tmp_path, capsys):
    assert found(db, "防汛", until="2024-06-12T09:29") == []
    assert found(db, "防汛", until="2024-06-12 09:30:00+08:00") == ["flood-meeting"]
    assert found(db, "防汛", since="2024-06-12T09:31") == ["flood-response"]
    assert found(db, "防汛", until="2024-06-12T01:30Z") == ["flood-meeting"]  # = 09:30 UTC+8
    assert found(db, "防汛", until="2024-06-12T01:29:59+00:00") == []
    assert found(db, "防汛", since="2024年6月15日") == ["flood-response"]
    assert found(db, "防汛", until="2024/6/12") == ["flood-meeting"]
    assert found(db, "", since="2024.7", until="2024年7月") == ["metro-line-2"]
    path = str(tmp_path / "news.db")
    assert main(["search", "", "--db", path, "--site", "cqnews,dahe", "--json"]) == 0
    sites = {json.loads(x)["site"] for x in capsys.readouterr().out.splitlines()}
    assert sites == {"cqnews", "dahe"}


def test_read_only_archive_is_searched_without_writing(db, tmp_path, capsys, monkeypatch):
    path = tmp_path / "news.db"
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = path.read_bytes()
    monkeypatch.setattr("newsarchive.cli.search.os.access", lambda *a: False)  # root ignores modes
    assert main(["search", "防汛", "--db", str(path), "--json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["stats", "--db", str(path), "--json"]) == 0
    assert path.read_bytes() == before


def test_archive_without_index_says_so(tmp_path, capsys, monkeypatch):
    path = tmp_path / "bare.db"
    build_archive(path).execute("DROP TABLE articles_fts")
    monkeypatch.setattr("newsarchive.cli.search.os.access", lambda *a: False)
    assert main(["search", "防汛", "--db", str(path)]) == 2
    assert "no search index" in capsys.readouterr().err
    assert main(["search", "", "--db", str(path), "--site", "dahe", "--json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_unknown_site_is_reported(db, tmp_path, capsys):
    path = str(tmp_path / "news.db")
    assert main(["search", "防汛", "--db", path, "--site", "nmgnew"]) == 2
    assert main(["export", "--db", path, "--site", "cqnews,nmgnew"]) == 2
    err = capsys.readouterr().err
    assert "no articles from site 'nmgnew'" in err and "sites here: cqnews, dahe, nmgnews" in err
