"""东北网 (dbw.cn), Heilongjiang: /system/YYYY/MM/DD/N.shtml on every channel host; gb2312
table pages in older years (long articles split over N_2.shtml ...), UTF-8 div pages now."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class Dbw(Site):
    id = "dbw"
    name = "东北网"
    domains = ("dbw.cn",)
    start_urls = (
        "https://heilongjiang.dbw.cn/",
        "https://harbin.dbw.cn/",
    )
    article_url = r"://[a-z]+\.dbw\.cn/system/\d{4}/\d{2}/\d{2}/\d+(_\d+)?\.shtml(?:[?#]|$)"
    list_url = r"://[a-z]+\.dbw\.cn/[a-z]+/(index(_\d+)?\.shtml)?$"
