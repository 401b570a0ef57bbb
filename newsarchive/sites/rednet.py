"""红网 (rednet.cn), Hunan: GBK table pages (/c/YYYY/MM/DD/N.htm) until about 2016, UTF-8 div
pages of the 时刻新闻 platform since (/content/YYYY/MM/DD/N.html, /pc/content/... on moment)."""

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
    # The 时刻新闻 layout opens the body with "文/视频 红网时刻新闻记者 X 长沙报道"; the
    # 作者 span of the meta line is the clean byline.
    authors = ".detail_info .author"
