"""Scrapy settings of newsarchive: polite by default."""

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- Operations (newsarchive.politeness, newsarchive.lock, newsarchive.progress) ---
# Who we are, and how to reach the people running this crawl. The User-Agent
# is built from it ("newsarchive/VERSION (+CONTACT)") by PolitenessAddon,
# unless USER_AGENT is set explicitly.
NEWSARCHIVE_CONTACT_URL = "https://github.com/newsarchive/newsarchive"
# Politeness: robots.txt (and a robots.txt answering 5xx means no fetches from
# that host), one or two requests per host at a time, a delay, and
# AutoThrottle adapting to the server's latency.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
ADDONS = {"newsarchive.politeness.PolitenessAddon": 0}
# One crawl per archive at a time; a live progress line on stderr.
EXTENSIONS = {
    "newsarchive.lock.CrawlLockExtension": 0,
    "newsarchive.progress.ProgressExtension": 500,
}
NEWSARCHIVE_PROGRESS = True
# Seconds between progress lines when stderr is not a terminal (a log file).
NEWSARCHIVE_PROGRESS_INTERVAL = 10.0
# Ad-hoc crawls (newsarchive crawl URL): how many links away from the start page
# a page that does not look like an article is still fetched (pagination is free).
NEWSARCHIVE_ADHOC_DEPTH = 2
# --- end of operations ---

# Hostile servers: bounded size and time.
DOWNLOAD_TIMEOUT = 30
# A news page is 50-500 KB; 16 MB leaves room for odd ones. A decompression bomb
# costs about twice the limit while it is inflated, and 16 requests run at once:
# four bombs/endless bodies at once peaked at 151 MB RSS (231 MB with 32 MB).
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_TIMES = 2

# Our pipeline: extract -> validate -> dedup -> store.
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.quality.QualityPipeline": 150,  # drift alarms (newsarchive.drift)
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.store.StorePipeline": 400,
}
DOWNLOADER_MIDDLEWARES = {
    # Before Scrapy's HttpProxyMiddleware (750): routes the demo through its server.
    "newsarchive.middlewares.ProxyAllMiddleware": 740,
}

# --- Hardening (newsarchive.scope, newsarchive.failures) ---
# Refuse requests and redirects outside the site's hosts, to non-http(s) schemes
# and to loopback/link-local/metadata addresses; before robots.txt (100), so an
# out-of-scope host does not even get a robots.txt request.
DOWNLOADER_MIDDLEWARES["newsarchive.scope.ScopeMiddleware"] = 50
# Every permanent failure (HTTP error after retries, timeout, size limit, refused
# scope, invalid record) becomes a row of the ``failures`` table.
EXTENSIONS["newsarchive.failures.FailureLog"] = 100
# --- end of hardening ---

# Where the archive lives (``--db`` on the command line).
NEWSARCHIVE_DB = "data/news.db"
# Send every request through this HTTP proxy (the demo's offline web); unset normally.
NEWSARCHIVE_PROXY = None

# --- Archive (newsarchive.frontier, pipelines.store) ---
# Re-fetch the articles published in the last N days with a conditional GET
# (If-None-Match / If-Modified-Since); a changed article gets a new version.
# 0: a rerun fetches only articles not archived yet.
NEWSARCHIVE_RECRAWL_DAYS = 0
# --- end of archive ---

# --- Drift alarms (newsarchive.drift, pipelines.quality) ---
# A run with fewer extracted article pages per site is too small to judge field
# fill rates (and too small to be part of a baseline).
NEWSARCHIVE_DRIFT_MIN_ARTICLES = 10
# --- end of drift alarms ---

# --- Distributed crawling (newsarchive.distributed; docs/distributed.md) ---
# A Redis URL: the crawl runs on scrapy-redis (shared frontier and seen sets),
# sends its records to Redis and writes nothing to SQLite; ``newsarchive
# ingest`` writes them. None: a local crawl, as always.
NEWSARCHIVE_REDIS_URL = None
# Prefix of the crawl's Redis keys: crawls with different prefixes do not meet.
NEWSARCHIVE_REDIS_PREFIX = "newsarchive"
# Seconds between a crawler's heartbeats; it is taken for dead after three missed.
NEWSARCHIVE_REDIS_HEARTBEAT = 5.0
ADDONS["newsarchive.distributed.addon.RedisAddon"] = 10
# --- end of distributed crawling ---

FEED_EXPORT_ENCODING = "utf-8"
LOG_FORMATTER = "newsarchive.logformatter.QuietLogFormatter"
# A duplicate or a non-article is routine, not a warning.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
