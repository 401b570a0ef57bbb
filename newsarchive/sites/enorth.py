"""北方网 (enorth.com.cn), Tianjin.

Articles are ``/system/YYYY/MM/DD/<id>.shtml`` on news.enorth.com.cn (old
links on www.enorth.com.cn redirect there). Pages are GBK labelled gb2312.
The old table layout has the headline in td.title1, the meta line in td.time
and the body in td#zoom; the current layout h1.article-tit, .article-info and
div#zoom. The generic extractor reads both layouts without help, so no
selector is set.
"""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class Enorth(Site):
    id = "enorth"
    name = "北方网"
    domains = ("enorth.com.cn",)
    start_urls = ("http://news.enorth.com.cn/tj/",)
    article_url = r"://[a-z]+\.enorth\.com\.cn/system/\d{4}/\d{2}/\d{2}/\d+(_\d+)?\.shtml(?:[?#]|$)"
    list_url = r"://news\.enorth\.com\.cn/tj/(index(_\d+)?\.shtml)?$"
