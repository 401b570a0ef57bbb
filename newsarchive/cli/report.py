"""The end-of-crawl summary printed for people."""

from __future__ import annotations

from newsarchive.runner import CrawlSummary


def print_summary(summary: CrawlSummary, db: str) -> None:
    stored = summary.total("articles_new") + summary.total("articles_updated")
    print(
        f"pages fetched: {summary.total('pages_fetched')}  "
        f"articles stored: {stored} (new {summary.total('articles_new')}, "
        f"updated {summary.total('articles_updated')})  "
        f"duplicates dropped: {summary.total('articles_duplicate')}  "
        f"failures: {summary.total('failures')}  "
        f"elapsed: {summary.elapsed:.1f}s"
    )
    for site, c in sorted(summary.per_site.items()):
        print(
            f"  {site:<10} pages {c['pages_fetched']:>4}  new {c['articles_new']:>4}  "
            f"updated {c['articles_updated']:>3}  duplicates {c['articles_duplicate']:>3}  "
            f"failures {c['failures']:>3}"
        )
    print(
        f'query it: sqlite3 {db} "select site, published_at, headline from articles '
        'order by published_at desc limit 10"'
    )
