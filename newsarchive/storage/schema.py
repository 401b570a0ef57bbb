"""The core schema, created and evolved by sqlite-utils Migrations.

Feature modules that add tables keep their own migration set (a ``Migrations``
with its own name) and list it in ``newsarchive.storage.db.MIGRATION_SETS``;
sqlite-utils records each set's applied migrations separately.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newsarchive.core")


@migrations()
def create_articles(db: Database) -> None:
    db["articles"].create(
        {
            "canonical_url": str,
            "url": str,
            "site": str,
            "headline": str,
            "subtitle": str,
            "published_at": str,
            "published_raw": str,
            "source": str,
            "editor": str,
            "authors": str,  # JSON list
            "section": str,
            "body": str,
            "images": str,  # JSON list of {url, caption}
            "content_hash": str,
            "fetched_at": str,
            "extractor_version": str,
            "encoding": str,
            "warnings": str,  # JSON list
            "first_seen_at": str,
            "updated_at": str,
        },
        pk="canonical_url",
        not_null={"url", "site"},
    )
    db["articles"].create_index(["site", "content_hash"])
    db["articles"].create_index(["site", "published_at"])
    db["articles"].create_index(["published_at"])


@migrations()
def create_crawl_runs(db: Database) -> None:
    db["crawl_runs"].create(
        {
            "id": int,
            "site": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running / finished / failed / degraded
            "pages_fetched": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_duplicate": int,
            "failures": int,
            "finish_reason": str,
        },
        pk="id",
        defaults={
            "pages_fetched": 0,
            "articles_new": 0,
            "articles_updated": 0,
            "articles_duplicate": 0,
            "failures": 0,
        },
    )
    db["crawl_runs"].create_index(["site", "started_at"])
