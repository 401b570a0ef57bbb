"""荆楚网 (cnhubei.com), Hubei: TRS pages /xw/<ch>/YYYYMM/tN.shtml (GBK) until about 2016,
/content/YYYY-MM/DD/content_N.html (UTF-8) since."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class CnHubei(Site):
    id = "cnhubei"
    name = "荆楚网"
    domains = ("cnhubei.com",)
    start_urls = (
        "http://news.cnhubei.com/hb/",
        "http://news.cnhubei.com/sz/",
    )
    article_url = (
        r"://[a-z]+\.cnhubei\.com/(content/\d{4}-\d{2}/\d{2}/content_\d+\.html"
        r"|xw/[a-z]+/\d{6}/t\d+\.shtml)(?:[?#]|$)"
    )
    list_url = r"://[a-z]+\.cnhubei\.com/([a-z]+/)+(index(_\d+)?\.s?html)?$"
    # "来源：荆楚网（湖北日报网）": the outlet's full name carries the parenthesis.
    source = "(substring-after(//div[@class='news_info']/span[@class='source'], '：'))"
