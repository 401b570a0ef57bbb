"""Re-extract every archived page with the current extractor, without the network.

The raw pages in the ``pages`` table are what the spider fetched; running them
through the same extraction, validation and deduplication rules as a crawl
rebuilds the ``articles`` table (and records the new ``extractor_version``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from newsarchive.article_record import page_record, problems
from newsarchive.storage.archive import save_versioned
from newsarchive.storage.articles import same_content_elsewhere
from newsarchive.storage.pages import capture_pages, latest_captures, page_item


@dataclass
class ReparseSummary:
    """What a reparse did, page by page outcome counts."""

    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    extractor_versions: set[str] = field(default_factory=set)

    def add(self, outcome: str) -> None:
        self.pages += 1
        self.counts[outcome] = self.counts.get(outcome, 0) + 1


def reparse_capture(db: Database, capture: int) -> tuple[str, str | None]:
    """Re-extract one archived fetch; ``(outcome, extractor_version)``.

    Outcomes: new / updated / unchanged (as a crawl's store), invalid (no usable
    article), duplicate (same body as another article of the site), error.
    """
    pages = capture_pages(db, capture)
    try:
        record = page_record(page_item(pages))
    except Exception:  # a page the extractor cannot handle must not stop the rebuild
        return "error", None
    version = record.get("extractor_version")
    if problems(record):
        return "invalid", version
    digest = record.get("content_hash")
    if digest and same_content_elsewhere(db, record["site"], digest, record["canonical_url"]):
        return "duplicate", version
    with db.atomic():
        outcome = save_versioned(db, record, capture)
    return outcome, version


def reparse(
    db: Database,
    site: str | None = None,
    progress: Callable[[ReparseSummary], None] | None = None,
) -> ReparseSummary:
    """Re-extract the latest capture of every archived article (of one site)."""
    summary = ReparseSummary()
    for capture in latest_captures(db, site):
        outcome, version = reparse_capture(db, capture)
        summary.add(outcome)
        if version:
            summary.extractor_versions.add(version)
        if progress is not None:
            progress(summary)
    return summary
