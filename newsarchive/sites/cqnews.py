"""华龙网 (cqnews.net), Chongqing: /html/YYYY-MM/DD/content_N.htm(l) pages (gb2312 in older
years, sometimes served with a UTF-8 header), and the 新重庆 platform's
/1/detail/<id>/web/content_<id>.html pages since 2022."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class CqNews(Site):
    id = "cqnews"
    name = "华龙网"
    domains = ("cqnews.net",)
    start_urls = (
        "https://cq.cqnews.net/",
        "https://news.cqnews.net/",
    )
    article_url = (
        r"://[a-z]+\.cqnews\.net/(html/\d{4}-\d{2}/\d{2}/content_\d+\.html?"
        r"|\d+/detail/\d+/web/content_\d+\.html)(?:[?#]|$)"
    )
    list_url = r"://[a-z]+\.cqnews\.net/(\d+/[a-z]+/|[a-z]+/(index(_\d+)?\.html?)?)$"
