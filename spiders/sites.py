"""One spider per registered site, so that ``scrapy crawl nmgnews`` works."""

from __future__ import annotations

from newsarchive.sites import Site, all_sites
from spiders.news import NewsSpider


def _spider_for(site: type[Site]) -> type[NewsSpider]:
    return type(
        f"{site.__name__}Spider",
        (NewsSpider,),
        {"name": site.id, "site_ids": (site.id,), "__module__": __name__},
    )


globals().update({cls.__name__: cls for cls in map(_spider_for, all_sites())})
