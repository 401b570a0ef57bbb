"""大众网 (dzwww.com), Shandong.

A TRS site: articles are ``/<channel path>/<YYYYMM>/t<YYYYMMDD>_<id>.htm`` (a
multi-page article adds ``_<n>``), section pages ``index.htm``, ``index_1.htm``...
The same article is also published under ``sd.dzwww.com``. The old layout
(GBK) has the headline in h2, a 副题 in h3, the meta line in #xl-headline;
the current one (UTF-8) carries #pubtime_baidu / #source_baidu /
#author_baidu. Both keep the body in #news-con. Only what the generic
extractor misses is set.
"""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class Dzwww(Site):
    id = "dzwww"
    name = "大众网"
    domains = ("dzwww.com",)
    start_urls = (
        "http://www.dzwww.com/shandong/sdnews/",
        "http://www.dzwww.com/xinwen/guoneixinwen/",
    )
    article_url = r"://([a-z]+\.)?dzwww\.com/([a-z0-9_]+/)+\d{6}/t\d{8}_\d+(_\d+)?\.htm(?:[?#]|$)"
    list_url = r"://www\.dzwww\.com/(shandong/sdnews|xinwen/guoneixinwen)/(index(_\d+)?\.htm)?$"
    # The old layout's 副题 is a bare h3 under the h2 headline.
    subtitle = "div.w650 > h3"
