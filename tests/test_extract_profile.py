from datetime import datetime

from newsarchive.extract import extract
from newsarchive.extract.dom import parse_html
from newsarchive.extract.profile import select_all, site_node, site_text, site_texts
from newsarchive.sites.base import Site

PAGE = """<html><head><title>呼伦贝尔冰雪节开幕_呼伦贝尔新闻网</title>
<meta name="source" content="呼伦贝尔日报"></head><body>
<div class="crumb">首页 &gt; 新闻中心 &gt; 本地要闻</div>
<div class="art"><div class="tt">呼伦贝尔冰雪节开幕</div>
<div class="meta"><span class="time">发布时间：2024-01-05 10:20</span>
<span class="src">来源：呼伦贝尔日报</span></div>
<div id="text"><p>第二十届呼伦贝尔冰雪节5日在海拉尔区开幕，来自各地的游客齐聚冰雪大世界。</p>
<div class="share">分享到：微信 微博</div>
<p>本届冰雪节持续到三月，推出冰雕展、雪地赛马等三十余项活动。（记者 朝鲁）</p></div>
<p class="ed">责任编辑：高娃</p></div></body></html>"""


class Profile(Site):
    id = "testsite"
    name = "测试站"
    domains = ("example.cn",)
    start_urls = ("http://www.example.cn/news/",)
    article_url = r"/\d+\.html$"


def test_css_xpath_text_and_attr_selectors() -> None:
    doc = parse_html(PAGE)
    assert site_text(doc, ("div.tt",)) == "呼伦贝尔冰雪节开幕"
    assert site_text(doc, ("//div[@class='tt']",)) == "呼伦贝尔冰雪节开幕"
    assert site_text(doc, ("div.tt::text",)) == "呼伦贝尔冰雪节开幕"
    assert site_text(doc, ("meta[name=source]::attr(content)",)) == "呼伦贝尔日报"
    assert site_text(doc, ("//meta[@name='source']/@content",)) == "呼伦贝尔日报"
    assert [e.get("id") for e in select_all(doc, "#text")] == ["text"]


def test_selectors_are_tried_in_order() -> None:
    doc = parse_html(PAGE)
    assert site_text(doc, ("h1.title", "div.tt")) == "呼伦贝尔冰雪节开幕"
    assert site_text(doc, ("h1.title", "//h1")) is None
    assert site_node(doc, ("#missing", "#text")).get("id") == "text"
    assert site_texts(doc, ("#text p",))[1].endswith("（记者 朝鲁）")


def test_profile_fields_override_the_generic_extractor() -> None:
    class Custom(Profile):
        headline = "div.tt"
        published = "span.time"
        source = "span.src"
        editor = "p.ed"
        authors = ("span.author", "//div[@id='text']/p[last()]")
        section = "div.crumb"
        body = "#text"
        body_drop = (".share",)

    article = extract(PAGE.encode("utf-8"), site=Custom, fetched_at=datetime(2024, 1, 6))
    assert article.headline == "呼伦贝尔冰雪节开幕"
    assert article.published_at == "2024-01-05T10:20:00+08:00"
    assert article.published_raw == "2024-01-05 10:20"
    assert article.source == "呼伦贝尔日报"
    assert article.editor == "高娃"
    assert article.authors == ["朝鲁"]
    assert article.section == "新闻中心 > 本地要闻"
    assert article.body is not None
    assert article.body.startswith("第二十届呼伦贝尔冰雪节")
    assert "分享到" not in article.body
    assert article.warnings == []


def test_a_selector_that_finds_nothing_falls_back_to_the_generic_result() -> None:
    class Stale(Profile):
        headline = "h1.gone"
        published = "#gone"
        source = ".gone"

    article = extract(PAGE.encode("utf-8"), site=Stale, fetched_at=datetime(2024, 1, 6))
    assert article.headline == "呼伦贝尔冰雪节开幕"
    assert article.published_at == "2024-01-05T10:20:00+08:00"
    assert article.source == "呼伦贝尔日报"


def test_a_missing_body_node_is_reported() -> None:
    class Moved(Profile):
        body = "#article-body"

    article = extract(PAGE.encode("utf-8"), site=Moved)
    assert "profile-miss: body" in article.warnings
    assert article.body is not None and "冰雪大世界" in article.body


def test_xpath_functions_at_the_top_level_are_xpath() -> None:
    doc = parse_html(PAGE)
    assert site_text(doc, ("substring-after(//span[@class='src'], '来源：')",)) == "呼伦贝尔日报"
    assert site_text(doc, ("normalize-space(//div[@class='tt'])",)) == "呼伦贝尔冰雪节开幕"
    assert site_text(doc, ("string(//p[@class='ed'])",)) == "责任编辑：高娃"


def test_a_section_selector_matching_several_nodes_joins_them() -> None:
    page = PAGE.replace(
        '<div class="crumb">首页 &gt; 新闻中心 &gt; 本地要闻</div>',
        '<div class="crumb"><a href="/">首页</a><a href="/xw/">新闻中心</a>'
        '<a href="/bd/">本地要闻</a></div>',
    )

    class Crumbs(Profile):
        section = "div.crumb a"

    article = extract(page.encode("utf-8"), "http://www.example.cn/1.html", site=Crumbs)
    assert article.section == "新闻中心 > 本地要闻"
