"""大河网 (dahe.cn), Henan: /YYYY/MM-DD/N.html since 2011 (gb2312 with the *_baidu meta spans
in older years, UTF-8 now); the 河南日报 e-paper on newpaper.dahe.cn (Founder
<founder-title>/<founder-content> tags, /hnrb/html/YYYY-MM/DD/content_N.htm, date only)."""

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
    article_url = (
        r"://[a-z]+\.dahe\.cn/(\d{4}/\d{2}-\d{2}/\d+\.html"
        r"|[a-z]+/html/\d{4}-\d{2}/\d{2}/content_\d+\.htm)(?:[?#]|$)"
    )
    list_url = r"://[a-z]+\.dahe\.cn/[a-z]+/(index(_\d+)?\.html)?$"
    # Old layout: the body is <br>-separated text directly in div#content.
    body = ("#content", "#mainCon", "founder-content")
    # The e-paper shows the issue date in the masthead, far from the headline.
    published = "td.date"
