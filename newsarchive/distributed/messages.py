"""What crawler processes send to the ingest process, as one Redis list of messages.

A message is a dict of plain values, pickled (Redis is the crawl's own
infrastructure, as for scrapy-redis's pickled requests):

- ``article``: the extracted ``record`` and its ``page`` (raw bytes, headers,
  redirects, continuation pages: what the archive's ``pages`` table keeps);
- ``page``: a fetched page whose extraction raised (``outcome`` "error",
  ``reason``): kept raw for a later reparse;
- ``failure``: a fetch that failed for good (site, url, kind, reason, status);
- ``stats``: counters a crawler adds to the crawl's ``crawl_runs`` rows
  (``counts``: site -> counter -> increment).
"""

from __future__ import annotations

import pickle
from dataclasses import asdict
from typing import Any

from newsarchive.items import PageItem


def dumps(message: dict[str, Any]) -> bytes:
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> dict[str, Any]:
    message = pickle.loads(data)  # noqa: S301 (written by our own crawlers)
    if not isinstance(message, dict) or "type" not in message:
        raise ValueError("not a newsarchive message")
    return message


def page_to_dict(page: PageItem) -> dict[str, Any]:
    return asdict(page)


def page_from_dict(data: dict[str, Any]) -> PageItem:
    page = PageItem(**data)
    page.continuation = [tuple(part) for part in page.continuation]  # type: ignore[misc]
    return page


def article(record: dict[str, Any], page: PageItem | None) -> bytes:
    return dumps({"type": "article", "record": record, "page": page and page_to_dict(page)})


def page_only(page: PageItem, outcome: str, reason: str) -> bytes:
    return dumps({"type": "page", "page": page_to_dict(page), "outcome": outcome, "reason": reason})


def failure(site: str | None, url: str, kind: str, reason: str, status: int | None) -> bytes:
    return dumps(
        {"type": "failure", "site": site, "url": url, "kind": kind, "reason": reason,
         "status": status}
    )  # fmt: skip


def stats(counts: dict[str, dict[str, int]]) -> bytes:
    return dumps({"type": "stats", "counts": counts})
