"""The Redis keys of one crawl namespace (``NEWSARCHIVE_REDIS_PREFIX``)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PREFIX = "newsarchive"


@dataclass(frozen=True)
class Keys:
    prefix: str = DEFAULT_PREFIX

    @property
    def requests(self) -> str:
        """Sorted set: serialized requests to fetch (score: -priority)."""
        return f"{self.prefix}:requests"

    @property
    def seen_articles(self) -> str:
        """Set: fingerprints of article requests ever scheduled (kept across crawls)."""
        return f"{self.prefix}:seen:articles"

    @property
    def seen_lists(self) -> str:
        """Set: fingerprints of other requests (list pages) of the current crawl."""
        return f"{self.prefix}:seen:lists"

    @property
    def workers(self) -> str:
        """Set: ids of the crawler processes that registered and were not reaped."""
        return f"{self.prefix}:workers"

    def inflight(self, worker: str) -> str:
        """Hash: the requests a worker took and has not finished (id -> score|data)."""
        return f"{self.prefix}:inflight:{worker}"

    def alive(self, worker: str) -> str:
        """String with a TTL: the worker's heartbeat."""
        return f"{self.prefix}:alive:{worker}"

    @property
    def inflight_seq(self) -> str:
        return f"{self.prefix}:inflight-seq"

    @property
    def items(self) -> str:
        """List: messages for the ingest process (pushed left, taken right)."""
        return f"{self.prefix}:items"

    @property
    def processing(self) -> str:
        """List: messages the ingest process took and has not committed yet."""
        return f"{self.prefix}:items:processing"

    @property
    def active(self) -> str:
        """String: set while a crawl is running (a worker has started)."""
        return f"{self.prefix}:active"

    @property
    def runs(self) -> str:
        """Hash: site -> crawl_runs id of the current crawl (kept by ingest)."""
        return f"{self.prefix}:runs"
