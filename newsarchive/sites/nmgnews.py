"""内蒙古新闻网 (nmgnews.com.cn): table layout, GBK, time shown as YY-MM-DD HH:MM."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class NmgNews(Site):
    id = "nmgnews"
    name = "内蒙古新闻网"
    domains = ("nmgnews.com.cn",)
    start_urls = (
        "http://inews.nmgnews.com.cn/nmgxw/szxw/",
        "http://inews.nmgnews.com.cn/nmgxw/shxw/",
    )
    article_url = r"://[a-z]+\.nmgnews\.com\.cn/system/\d{4}/\d{2}/\d{2}/\d+(_\d+)?\.shtml$"
    list_url = r"://[a-z]+\.nmgnews\.com\.cn/[a-z]+/[a-z]+/(index(_\d+)?\.(s?html))?$"
    headline = "#div2"
    published = "#div3"
    body = "#div_content"
