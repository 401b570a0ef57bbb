"""红网 (rednet.cn), Hunan: /c/YYYY/MM/DD/N.htm pages (GBK tables, then UTF-8 divs still
labelled gb2312 around 2016), UTF-8 pages of the 时刻新闻 platform since
(/content/YYYY/MM/DD/N.html, /pc/content/... on moment)."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class RedNet(Site):
    id = "rednet"
    name = "红网"
    domains = ("rednet.cn",)
    start_urls = (
        "https://hn.rednet.cn/",
        "https://moment.rednet.cn/",
    )
    article_url = (
        r"://[a-z]+\.rednet\.cn/(c/\d{4}/\d{2}/\d{2}/\d+\.htm"
        r"|(pc/)?content/\d{4}/\d{2}/\d{2}/\d+\.html)(?:[?#]|$)"
    )
    list_url = r"://[a-z]+\.rednet\.cn/(c/list/[a-z]+/|pc/channel/[a-z]+/|channel/\d+\.html)"
    # 2016 layout: a "字号：T|T" widget sits between the meta line and the body.
    body = ("#articlecontent", "#div_newsContent", "section#detail")
