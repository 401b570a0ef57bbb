"""Scrapy settings of newsarchive: polite by default."""

from newsarchive import __version__

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Who we are, and how to reach the people running this crawl.
NEWSARCHIVE_CONTACT_URL = "https://github.com/newsarchive/newsarchive"
USER_AGENT = f"newsarchive/{__version__} (+{NEWSARCHIVE_CONTACT_URL})"

# Politeness: robots.txt, one or two requests per host at a time, a delay,
# and AutoThrottle adapting to the server's latency.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Hostile servers: bounded size and time.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
RETRY_TIMES = 2

# Our pipeline: extract -> validate -> dedup -> store.
ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedup.DedupPipeline": 300,
    "pipelines.store.StorePipeline": 400,
}
DOWNLOADER_MIDDLEWARES = {
    # Before Scrapy's HttpProxyMiddleware (750): routes the demo through its server.
    "newsarchive.middlewares.ProxyAllMiddleware": 740,
}

# Where the archive lives (``--db`` on the command line).
NEWSARCHIVE_DB = "data/news.db"
# Send every request through this HTTP proxy (the demo's offline web); unset normally.
NEWSARCHIVE_PROXY = None

FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"
