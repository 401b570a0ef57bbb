"""Tables of the raw archive: fetched pages, the crawl frontier and article versions.

Their own migration set ("newsarchive.archive"), listed after the core set in
``newsarchive.storage.db.MIGRATION_SETS``.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newsarchive.archive")


@migrations()
def create_pages(db: Database) -> None:
    # One row per fetched page. A capture is one fetch of one article: its first
    # page (part 0, whose id is the capture id) and its continuation pages.
    db["pages"].create(
        {
            "id": int,
            "capture": int,
            "part": int,
            "site": str,
            "canonical_url": str,  # the article this page belongs to
            "url": str,  # final URL of this page, after redirects
            "redirects": str,  # JSON list of the URLs that redirected to ``url``
            "status": int,
            "headers": str,  # JSON object: response headers, one value per name
            "fetched_at": str,
            "sha256": str,  # of the raw bytes as received
            "size": int,  # length of the raw bytes
            "compression": str,  # zstd / zlib / none
            "body": bytes,  # the raw bytes, compressed
        },
        pk="id",
        not_null={"capture", "part", "site", "canonical_url", "url", "fetched_at", "sha256"},
    )
    db["pages"].create_index(["canonical_url", "capture", "part"], unique=True)
    db["pages"].create_index(["site", "capture"])


@migrations()
def create_frontier(db: Database) -> None:
    # Crawl state of every article URL ever discovered, keyed like the articles.
    db["frontier"].create(
        {
            "canonical_url": str,
            "site": str,
            "url": str,  # the URL to fetch
            "state": str,  # queued / done / failed
            "outcome": str,  # new / updated / unchanged / duplicate / invalid / error ...
            "attempts": int,
            "discovered_at": str,
            "done_at": str,
            "checked_at": str,  # last conditional re-fetch (recrawl window)
            "last_error": str,
        },
        pk="canonical_url",
        not_null={"site", "url", "state"},
        defaults={"attempts": 0},
    )
    db["frontier"].create_index(["site", "state"])


@migrations()
def create_article_versions(db: Database) -> None:
    # Every distinct content an article had; ``articles`` holds the latest.
    db["article_versions"].create(
        {
            "id": int,
            "canonical_url": str,
            "version": int,
            "capture": int,  # pages.id of the fetch that produced it
            "content_hash": str,
            "fetched_at": str,
            "extractor_version": str,
            "record": str,  # JSON of the full article record
        },
        pk="id",
        not_null={"canonical_url", "version"},
    )
    db["article_versions"].create_index(["canonical_url", "version"], unique=True)
