"""内蒙古新闻网 (nmgnews.com.cn).

Two layouts: the old table layout (GBK, headline in #div2, a meta line in #div3
showing the time as ``YY-MM-DD HH:MM``, body in #div_content, breadcrumb in
td.weizhi) and the current div layout (UTF-8, h1.article-title, .article-info,
#article_content, .crumb). Articles live under ``/system/YYYY/MM/DD/<id>.shtml``;
a multi-page article adds ``_<n>``. Only what the generic extractor misses is set.
"""

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
    article_url = (
        r"://[a-z]+\.nmgnews\.com\.cn/system/\d{4}/\d{2}/\d{2}/\d+(_\d+)?\.shtml(?:[?#]|$)"
    )
    # Only the pages of the start sections, so a crawl stays inside them.
    list_url = r"://inews\.nmgnews\.com\.cn/nmgxw/(szxw|shxw)/(index(_\d+)?\.shtml)?$"
    # The old layout's table cells defeat content detection (authors and the image are
    # missed without it); the current layout needs no selector.
    body = "#div_content"
