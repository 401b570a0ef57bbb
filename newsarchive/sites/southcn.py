"""南方网 (southcn.com), Guangdong: /<ch>/YYYY-MM/DD/content_N.htm (gb2312, 【作者】【来源】
meta labels) in older years; /node_<hex>/<hex>.shtml (UTF-8) now."""

from newsarchive.sites import register
from newsarchive.sites.base import Site


@register
class SouthCn(Site):
    id = "southcn"
    name = "南方网"
    domains = ("southcn.com",)
    start_urls = (
        "https://news.southcn.com/node_54a44f01a2/",
        "https://news.southcn.com/gd/",
    )
    article_url = (
        r"://[a-z]+\.southcn\.com/(node_[0-9a-f]+/[0-9a-f]+\.shtml"
        r"|[a-z]+/\d{4}-\d{2}/\d{2}/content_\d+(_\d+)?\.htm)(?:[?#]|$)"
    )
    list_url = r"://[a-z]+\.southcn\.com/(node_[0-9a-f]+/(index(_\d+)?\.shtml)?|[a-z]+/)$"
    # Old layout labels the meta line 【作者】X 【来源】Y 【时间】Z and the editor 【编辑】X,
    # and separates the breadcrumb with " - ".
    source = "(substring-before(substring-after(//td[@class='info'], '【来源】'), '　'))"
    editor = "(substring-after(//td[@class='editor'], '【编辑】'))"
    section = "(translate(//td[@class='position'], '-', '>'))"
