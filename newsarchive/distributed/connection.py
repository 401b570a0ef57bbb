"""Connecting to the crawl's Redis before anything starts, with a one-sentence error."""

from __future__ import annotations

from typing import Any


class RedisUnavailable(Exception):
    """The distributed mode cannot run: libraries missing or Redis unreachable."""


def connect(url: str) -> Any:
    """A ``redis.Redis`` client for ``url`` that answered PING."""
    try:
        import redis
        import scrapy_redis  # noqa: F401 (the crawler's scheduler)
    except ImportError as exc:
        raise RedisUnavailable(
            f"the distributed mode needs {exc.name}: pip install 'newsarchive[distributed]'"
        ) from None
    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=10)
        server.ping()
    except (redis.RedisError, ValueError) as exc:
        raise RedisUnavailable(f"cannot reach Redis at {url}: {exc}") from None
    return server
