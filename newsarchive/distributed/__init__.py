"""Distributed crawling: many crawler processes on Redis, one SQLite writer.

- ``keys``: the Redis keys of one crawl namespace.
- ``frontier``: the shared request queue with per-worker in-flight hashes, heartbeats
  and the reaper that gives a dead worker's requests back (Lua, atomic).
- ``scheduler``: the Scrapy scheduler and seen sets on that frontier (scrapy-redis).
- ``messages``: what crawlers send to the ingest process (articles + raw pages,
  failures, counters).
- ``export``: the crawler side: the item pipeline and the worker extension.
- ``addon``: ``NEWSARCHIVE_REDIS_URL`` set → the crawl runs in this mode.
- ``ingest``: the single writer: Redis → SQLite, with a reliable queue.

See docs/distributed.md.
"""
