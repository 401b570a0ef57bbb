"""The reprint tables, in their own migration set "newsarchive.reprints".

- ``reprint_clusters``: one row per cluster (two or more articles).
- ``reprint_members``: one row per clustered article, with its similarity to the origin.
- ``reprint_signatures``: the MinHash of every article, kept so that a rebuild only
  computes signatures for new or changed articles.
- ``reprint_pairs``: the exact overlap of every pair checked, so that a rebuild only
  checks pairs with a new or changed article.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("newsarchive.reprints")


@migrations()
def create_reprint_tables(db: Database) -> None:
    db["reprint_clusters"].create(
        {
            "id": int,
            "origin_url": str,  # canonical_url of the likely origin
            "origin_site": str,
            "headline": str,  # the origin's headline
            "named_source": str,  # the source the members credit most (新华社)
            "size": int,
            "sites": int,  # distinct sites
            "first_published_at": str,
            "last_published_at": str,
            "built_at": str,
        },
        pk="id",
    )
    db["reprint_clusters"].create_index(["first_published_at"])
    db["reprint_members"].create(
        {
            "canonical_url": str,
            "cluster_id": int,
            "site": str,
            "similarity": float,  # containment between this article's text and the origin's
            "is_origin": int,
        },
        pk="canonical_url",
        foreign_keys=[("cluster_id", "reprint_clusters", "id")],
    )
    db["reprint_members"].create_index(["cluster_id"])
    db["reprint_members"].create_index(["site"])
    db["reprint_signatures"].create(
        {
            "canonical_url": str,
            "input_key": str,  # what the article's text was when signed
            "params": str,  # Params.signature_key() it was signed with
            "text_hash": str,  # hash of the normalised text (equal texts group at once)
            "text_chars": int,
            "minhash": bytes,  # uint32 values; null when the text is too short
        },
        pk="canonical_url",
    )


@migrations()
def create_reprint_pairs(db: Database) -> None:
    # Every pair the LSH proposed and that was checked, confirmed or not: a rebuild
    # only checks pairs with a new or changed article. Rows go when either side is
    # re-signed or deleted.
    db["reprint_pairs"].create(
        {"a": str, "b": str, "jaccard": float, "containment": float},
        pk=("a", "b"),
    )
    db["reprint_pairs"].create_index(["b"])
