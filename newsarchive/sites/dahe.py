"""大河网 (dahe.cn), Henan: /YYYY/MM-DD/N.html since 2011 (gb2312 with the *_baidu meta spans
in older years, UTF-8 now)."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class Dahe(Site):
    id = "dahe"
    name = "大河网"
    domains = ("dahe.cn",)
    start_urls = (
        "https://news.dahe.cn/henan/",
        "https://news.dahe.cn/shizhou/",
    )
    article_url = r"://[a-z]+\.dahe\.cn/\d{4}/\d{2}-\d{2}/\d+\.html(?:[?#]|$)"
    list_url = r"://[a-z]+\.dahe\.cn/[a-z]+/(index(_\d+)?\.html)?$"
    # Old layout: the body is <br>-separated text directly in div#content.
    body = ("#content", "#mainCon")
