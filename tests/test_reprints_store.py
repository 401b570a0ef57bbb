"""The reprint tables: rebuild, incremental signing, listing."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsarchive.fingerprint import content_hash
from newsarchive.reprints.store import list_clusters, rebuild
from newsarchive.storage import open_db
from newsarchive.storage.articles import save_article
from tests.reprint_samples import SITE_NAMES, reprint_set


def save(db, story):
    save_article(
        db,
        {
            "canonical_url": story.canonical_url,
            "url": story.canonical_url,
            "site": story.site,
            "headline": story.headline,
            "body": story.body,
            "published_at": story.published_at,
            "fetched_at": story.fetched_at,
            "source": story.source,
            "content_hash": content_hash(story.body),
        },
    )


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "news.db")
    for story in reprint_set():
        save(db, story)
    return db


def test_migration_creates_the_tables(tmp_path):
    db = open_db(tmp_path / "empty.db")
    for table in ("reprint_clusters", "reprint_members", "reprint_signatures"):
        assert db[table].exists()
    stats = rebuild(db, site_name=SITE_NAMES.get)
    assert (stats.articles, stats.clusters) == (0, 0)


def test_rebuild_fills_cluster_and_member_tables(db):
    stats = rebuild(db, site_name=SITE_NAMES.get)
    assert (stats.articles, stats.signed, stats.clusters, stats.clustered) == (5, 5, 1, 4)
    [cluster] = list(db["reprint_clusters"].rows)
    assert cluster["id"] == 1
    assert cluster["origin_url"] == "https://a.example/1"
    assert cluster["origin_site"] == "nmgnews"
    assert cluster["headline"] == "五原县加固堤防迎战强降雨"
    assert cluster["named_source"] == "内蒙古新闻网"
    assert (cluster["size"], cluster["sites"]) == (4, 4)
    assert cluster["first_published_at"] == "2024-07-20T09:30:00+08:00"
    assert cluster["last_published_at"] == "2024-07-21T08:00:00+08:00"
    members = {r["canonical_url"]: r for r in db["reprint_members"].rows}
    assert set(members) == {f"https://{x}.example/1" for x in "abcd"}
    assert members["https://a.example/1"]["is_origin"] == 1
    assert members["https://a.example/1"]["similarity"] == 1.0
    assert all(r["cluster_id"] == 1 for r in members.values())
    assert all(0.5 <= r["similarity"] <= 1.0 for r in members.values())
    # researchers join it in SQL
    rows = db.execute(
        "select a.site from reprint_members m join articles a using (canonical_url) "
        "where m.cluster_id = 1 order by a.site"
    ).fetchall()
    assert [r[0] for r in rows] == ["cqnews", "dahe", "nmgnews", "rednet"]


def test_rebuild_signs_only_new_or_changed_articles(db):
    rebuild(db, site_name=SITE_NAMES.get)
    again = rebuild(db, site_name=SITE_NAMES.get)
    assert (again.signed, again.reused, again.checked, again.clusters) == (0, 5, 0, 1)
    # the same-topic story is rewritten as one more reprint: re-signed and clustered
    [a] = [s for s in reprint_set() if s.canonical_url == "https://a.example/1"]
    save(db, a.__class__(**{**a.__dict__, "canonical_url": "https://e.example/1"}))
    changed = rebuild(db, site_name=SITE_NAMES.get)
    assert (changed.signed, changed.reused) == (1, 4)
    assert changed.clustered == 5
    assert 0 < changed.checked <= 5  # only pairs with the changed article (and its origin)
    # a deleted article leaves the signatures and the clusters
    db.execute("delete from articles where canonical_url = 'https://e.example/1'")
    db.conn.commit()
    after = rebuild(db, site_name=SITE_NAMES.get)
    assert after.clustered == 4
    assert db["reprint_signatures"].count == 4
    assert (
        db.execute(
            "select count(*) from reprint_pairs where 'https://e.example/1' in (a, b)"
        ).fetchone()[0]
        == 0
    )


def test_list_clusters_filters(db):
    rebuild(db, site_name=SITE_NAMES.get)
    [cluster] = list_clusters(db)
    assert cluster["size"] == 4
    assert [m["site"] for m in cluster["members"]][0] == "nmgnews"
    assert cluster["members"][0]["is_origin"] is True
    assert {"url", "site", "headline", "published_at", "source", "similarity"} <= set(
        cluster["members"][1]
    )
    assert list_clusters(db, site="dahe") and not list_clusters(db, site="nosuchsite")
    assert list_clusters(db, min_size=4) and not list_clusters(db, min_size=5)
    since = datetime.fromisoformat("2024-07-20T00:00:00+08:00")
    assert list_clusters(db, since=since)
    assert not list_clusters(db, since=datetime.fromisoformat("2024-07-21T00:00:00+08:00"))
