"""东方网 (eastday.com), Shanghai: /s/YYYYMMDD/u1aN.html (GBK, often with no charset
declared) in older years, /eastday/13news/auto/news/<ch>/YYYYMMDD/u7aiN.html (UTF-8) now.
The editor is labelled 选稿."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class EastDay(Site):
    id = "eastday"
    name = "东方网"
    domains = ("eastday.com",)
    start_urls = (
        "https://news.eastday.com/shanghai/",
        "https://sh.eastday.com/",
    )
    article_url = (
        r"://[a-z]+\.eastday\.com/(s/\d{8}/u1a\d+\.html"
        r"|eastday/13news/auto/news/[a-z]+/\d{8}/u7ai\d+\.html)(?:[?#]|$)"
    )
    list_url = r"://[a-z]+\.eastday\.com/([a-z]+/)?(index(_\d+)?\.html)?$"
