"""One spider per registered site, so that ``scrapy crawl nmgnews`` works."""

from __future__ import annotations

from newsarchive.sites import all_sites
from spiders.news import NewsSpider

for _site in all_sites():
    _cls = type(
        f"{_site.__name__}Spider",
        (NewsSpider,),
        {"name": _site.id, "site_ids": (_site.id,), "__module__": __name__},
    )
    globals()[_cls.__name__] = _cls
