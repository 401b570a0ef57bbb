"""parse_html and find_content on small hand-written pages (text invented for the tests)."""

from __future__ import annotations

import re

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.extract.blocks import clean_text
from newsarchive.extract.boilerplate import is_copyright_line, is_pager_line, is_widget_line
from newsarchive.extract.content import find_content
from newsarchive.extract.dom import flatten_deep, parse_html

P1 = (
    "今年以来，锡林郭勒盟把草原生态保护放在首位，全盟累计落实禁牧和草畜平衡面积两亿七千万亩，"
    "牧民人均转移性收入同比增长百分之九。"
)
SUB = "牧民当上草原管护员"
P2 = (
    "在正蓝旗上都镇，四十二岁的牧民巴特尔去年成为一名草原管护员。他每周骑摩托车巡查两次，"
    "发现乱开滥挖和非法占用草原的行为及时上报，每月还能领到一千二百元补贴。"
)
P3 = (
    "盟林草局有关负责人介绍，下一步将继续完善草原生态补奖政策，探索建立草原碳汇交易机制，"
    "让保护草原的牧民得到更多实惠。"
)
REPORTER = "(记者张云龙)"
HEADLINE = "锡林郭勒盟草原生态保护见成效"

TABLE_PAGE = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{HEADLINE}_草原新闻网</title></head>
<body>
<table width="960"><tr><td class="nav_white"><a href="/">首页</a>
 - <a href="/nmg/">内蒙古新闻</a> - <a href="/gn/">国内</a> - <a href="/gj/">国际</a>
 - <a href="/wh/">文化</a> - <a href="/ty/">体育</a>
</td></tr></table>
<table width="960"><tr>
<td width="680" valign="top">
  <table><tr><td>您当前的位置 :<a href="/zt/">专题</a> &gt;
    <a href="/zt/st/">生态专题</a> 正文</td></tr></table>
  <div id="div2">{HEADLINE}</div>
  <div id="div3">草原新闻网&nbsp;&nbsp;11-10-14 15:44 【字体:<a href="#">大</a> <a href="#">中</a>
    <a href="#">小</a>】&nbsp;&nbsp;来源: 新华网</div>
  <div>转播到腾讯微博</div>
  <div id="div_content">
    <p>　　{P1}</p>
    <p>　　{SUB}</p>
    <p>　　{P2}</p>
    <p>　　{P3}{REPORTER}</p>
  </div>
  <div>[责任编辑 赵静 ]</div>
  <table><tr><td>相关新闻：</td></tr>
    <tr><td><a href="/a1.shtml">·呼伦贝尔草原迎来打草季</a></td></tr>
    <tr><td><a href="/a2.shtml">·鄂尔多斯治沙成果通过验收</a></td></tr>
    <tr><td><a href="/a3.shtml">·阿拉善盟梭梭林面积持续扩大</a></td></tr>
  </table>
  <div><a href="#">打印本页</a> <a href="#">关闭窗口</a></div>
</td>
<td width="280" valign="top">
  <div>热点排行</div>
  <ul><li><a href="/h1.shtml">自治区召开全区经济工作会议</a></li>
  <li><a href="/h2.shtml">呼和浩特地铁二号线开通试运营</a></li>
  <li><a href="/h3.shtml">包头钢铁集团稀土新材料项目投产</a></li></ul>
</td></tr></table>
<table width="960"><tr><td align="center">
版权所有 草原新闻网 未经授权不得转载、摘编或建立镜像<br>
免责声明：本网转载稿件仅出于传递信息之目的，并不代表本网观点<br>
蒙ICP备00000000号</td></tr></table>
</body></html>"""

DIV_PAGE = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{HEADLINE} - 草原新闻网</title></head>
<body>
<header class="site-header"><nav><a href="/">首页</a><a href="/news/">新闻</a>
<a href="/pic/">图片</a></nav></header>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/news/">新闻中心</a> &gt; 正文</div>
<div class="main">
  <div class="article">
    <h1>{HEADLINE}</h1>
    <div class="info"><span>发布时间：2024-04-24 08:15</span> <span>来源：内蒙古日报</span>
      <span>作者：张云龙</span></div>
    <div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="article-content">
      <p>{P1}</p>
      <p style="text-align:center"><img src="/img/2024/04/grassland.jpg" alt="正蓝旗草原"></p>
      <p><strong>{SUB}</strong></p>
      <p>{P2}</p>
      <p>{P3}</p>
      <p>{REPORTER}</p>
      <p>责任编辑：王芳</p>
      <div class="pages"><a href="#">上一页</a> <a href="#">1</a> <a href="#">2</a>
        <a href="#">下一页</a></div>
    </div>
    <div class="related"><h3>相关阅读</h3><ul>
      <li><a href="/n/1.html">呼伦贝尔草原迎来打草季，牧民忙着储备冬季饲草</a></li>
      <li><a href="/n/2.html">鄂尔多斯治沙成果通过验收，沙区植被覆盖率明显提高</a></li>
      <li><a href="/n/3.html">阿拉善盟梭梭林面积持续扩大，肉苁蓉产业带动增收</a></li>
    </ul></div>
    <div id="comment-box"><p>网友评论：草原越来越美了，希望继续保持，我们牧民有信心！</p>
      <p>网友评论：管护员制度很好，建议在全区推广，让更多牧民参与保护。</p></div>
  </div>
  <aside class="sidebar"><h3>热门文章</h3><ul><li><a href="/h/1.html">全区春播进度过半</a></li>
  </ul></aside>
</div>
<footer><p>Copyright © 2024 草原新闻网 版权所有</p><p>蒙ICP备00000000号</p></footer>
</body></html>"""


def body(html: str, url: str | None = None) -> list[str]:
    return find_content(parse_html(html), url).paragraphs


def test_table_layout_exact_paragraphs() -> None:
    assert body(TABLE_PAGE) == [P1, SUB, P2, P3 + REPORTER]


def test_div_layout_exact_paragraphs_and_image() -> None:
    content = find_content(parse_html(DIV_PAGE), "http://news.example.cn/a/2024/1.html")
    assert content.paragraphs == [P1, SUB, P2, P3, REPORTER]
    assert content.node is not None
    assert content.node.xpath("descendant-or-self::div[@class='article-content']")
    assert not content.node.xpath(".//footer|.//aside|self::body")
    assert [(i.url, i.caption) for i in content.images] == [
        ("http://news.example.cn/img/2024/04/grassland.jpg", "正蓝旗草原")
    ]


def test_br_separated_text_in_a_cell() -> None:
    html = f"""<html><body><table>
    <tr><td class="nav"><a href="/">首页</a> <a href="/x">新闻</a></td></tr>
    <tr><td>　　{P1}<br><br>　　{SUB}<br>　　{P2}<br><br>　　{P3}<br>{REPORTER}<br>
    责任编辑：王芳</td></tr></table></body></html>"""
    assert body(html) == [P1, SUB, P2, P3, REPORTER]


BOILERPLATE = [
    "【字体：大 中 小】",
    "【字号 大 中 小】",
    "字号：T|T",
    "打印本页 关闭窗口",
    "【打印】【关闭】",
    "分享到：微信 微博 QQ空间",
    "转播到腾讯微博",
    "上一页 1 2 3 下一页",
    "共3页 第1页",
    "来源：新华网 发布时间：2024-04-24 08:15",
    "2024年04月24日 08:15 来源：人民网",
    "责任编辑：王芳",
    "[责任编辑 赵静 ]",
    "（编辑：李明）",
    "版权所有 草原新闻网 未经授权不得转载",
    "免责声明：本文仅代表作者个人观点，与本网无关。",
    "Copyright © 2024 草原新闻网 All Rights Reserved",
]


@pytest.mark.parametrize("junk", BOILERPLATE)
def test_each_kind_of_boilerplate_is_dropped(junk: str) -> None:
    html = f"""<html><body><div id="c"><p>{junk}</p><p>{P1}</p><p>{junk}</p><p>{SUB}</p>
    <p>{P2}</p><p>{P3}</p><p>{junk}</p></div></body></html>"""
    assert body(html) == [P1, SUB, P2, P3]


def test_everything_after_a_late_disclaimer_or_comments_heading_is_cut() -> None:
    for heading in ("免责声明：本网转载稿件仅出于传递信息之目的。", "热门评论", "反侵权公告："):
        html = f"""<html><body><div id="c"><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{heading}</p>
        <p>网友甲：这篇报道写得很好，草原确实越来越美了，我们都很高兴。</p>
        <p>网友乙：希望管护员补贴能再提高一些，让牧民更有积极性。</p></div></body></html>"""
        assert body(html) == [P1, P2, P3], heading


def test_bracketed_editor_and_print_edition_lines_are_dropped() -> None:
    html = f"""<html><body><div id="c"><p>【草原走基层】</p><p>{P1}</p><p>{P2}</p>
    <p>《内蒙古日报》（ 2022年02月13日 02版）</p>
    <p>（草原新闻网编辑 孙桂芳）</p></div></body></html>"""
    assert body(html) == [P1, P2]


def test_related_list_and_its_heading_are_dropped() -> None:
    html = f"""<html><body><div id="c"><p>{P1}</p><p>{P2}</p><p>相关新闻：</p>
    <p><a href="/1.html">呼伦贝尔草原迎来打草季</a></p>
    <p><a href="/2.html">鄂尔多斯治沙成果通过验收</a></p>
    <p>{P3}</p></div></body></html>"""
    assert body(html) == [P1, P2, P3]


def test_headline_repeated_at_the_top_is_dropped() -> None:
    html = f"""<html><head><title>{HEADLINE}_草原新闻网</title></head><body><div>
    <p>{HEADLINE}</p><p>2024-04-24 08:15 来源：内蒙古日报</p>
    <p>{P1}</p><p>{P2}</p></div></body></html>"""
    assert body(html) == [P1, P2]


def test_kicker_with_the_headline_is_dropped() -> None:
    html = f"""<html><head><title>{HEADLINE}_草原新闻网</title></head><body><div>
    <p>牧民变身管护员——{HEADLINE}</p><p>{P1}</p><p>{P2}</p></div></body></html>"""
    assert body(html) == [P1, P2]


def test_whitespace_soup_is_collapsed() -> None:
    html = (
        f"<html><body><div><p>\u3000\u3000{P1}&nbsp;&nbsp;\u200b</p>"
        f"<p>  {P2}\ufeff </p></div></body></html>"
    )
    assert body(html) == [P1, P2]


def test_given_node_is_only_cleaned_and_drop_selectors_apply() -> None:
    doc = parse_html(TABLE_PAGE.replace(SUB, f'{SUB}<span class="ad">广告位招租</span>'))
    node = doc.get_element_by_id("div_content")
    content = find_content(doc, node=node, drop=(".ad", "//p[last()]"))
    assert content.node is node
    assert content.paragraphs == [P1, SUB, P2]


def test_caption_survives_a_profile_dropping_its_paragraph() -> None:
    html = f"""<html><body><div id="c"><p align="center"><img src="a.jpg"></p>
    <p align="center">正蓝旗牧民巡查草原</p><p>{P1}</p></div></body></html>"""
    doc = parse_html(html)
    node = doc.get_element_by_id("c")
    caption_only = "//p[@align='center'][not(.//img)]"
    content = find_content(doc, "http://x.cn/n/1.html", node=node, drop=(caption_only,))
    assert content.paragraphs == [P1]
    assert [(i.url, i.caption) for i in content.images] == [
        ("http://x.cn/n/a.jpg", "正蓝旗牧民巡查草原")
    ]


def test_deep_nesting_keeps_all_text() -> None:
    depth = 5000
    html = (
        "<html><body><div class='nav'><a href='/'>首页</a></div>"
        + "<div>" * depth
        + f"<p>{P1}</p><p>{P2}</p>"
        + "</div>" * depth
        + f"<p>{P3}</p></body></html>"
    )
    doc = parse_html(html)
    text = doc.text_content()
    assert P1 in text and P2 in text and P3 in text
    paragraphs = find_content(doc).paragraphs
    assert P1 in paragraphs and P2 in paragraphs


def test_flatten_deep_keeps_text_and_shallow_tags() -> None:
    html = "<div>" * 5 + "深" + "</div>" * 5
    assert flatten_deep(html, max_depth=2) == "<div><div><br><br><br>深<br><br><br></div></div>"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x00", "garbage <<<>>> &&& \ufffd", "<p>only a fragment</p>", "</html>"],
)
def test_parse_html_never_raises(text: str) -> None:
    doc = parse_html(text)
    assert doc.tag == "html"
    assert doc.find("body") is not None
    find_content(doc)  # nor does content detection on what comes out


def test_parse_html_strips_the_crawl_wrapper_and_xml_declaration() -> None:
    wrapped = f'<text id="http://x.cn/1.html" title="t" encoding="gb2312">\n{DIV_PAGE}\n</text>'
    doc = parse_html(wrapped)
    assert doc.find("head/title").text.startswith(HEADLINE)
    xml = '<?xml version="1.0" encoding="gb2312"?>' + DIV_PAGE
    assert parse_html(xml).find("head/title") is not None


def test_parse_html_removes_scripts_styles_comments_but_keeps_tails() -> None:
    doc = parse_html(
        "<html><body><p>前<script>var a=1;</script>中<!-- 注释 -->后<style>p{}</style>尾"
        "<noscript>请启用脚本</noscript></p>"
        '<script type="application/ld+json">{}</script></body></html>'
    )
    assert doc.find("body/p").text_content() == "前中后尾"
    assert [s.get("type") for s in doc.iter("script")] == ["application/ld+json"]


def test_parse_html_moves_content_stranded_in_head() -> None:
    doc = parse_html(
        f"<html><head><title>t</title><cms_include><p>{P1}</p></cms_include></head></html>"
    )
    assert P1 in doc.find("body").text_content()
    assert body(lxml.html.tostring(doc, encoding="unicode")) == [P1]


_TAGS = ["div", "p", "td", "tr", "table", "a", "span", "br", "li", "ul", "script", "h1", "img"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([f"<{t}>" for t in _TAGS] + [f"</{t}>" for t in _TAGS]),
            st.sampled_from([P1, SUB, "责任编辑：王芳", "上一页 1 2 下一页", "<<", "&nbsp;"]),
            st.text(max_size=20),
        ),
        max_size=60,
    )
)
def test_find_content_never_raises(pieces: list[str]) -> None:
    content = find_content(parse_html("".join(pieces)), "http://x.cn/a.html")
    assert all(p and p == p.strip() for p in content.paragraphs)


def test_parse_html_from_several_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pages = [TABLE_PAGE, DIV_PAGE] * 8
    with ThreadPoolExecutor(max_workers=4) as pool:
        bodies = list(pool.map(body, pages))
    assert bodies[0] == [P1, SUB, P2, P3 + REPORTER]
    assert bodies[1] == [P1, SUB, P2, P3, REPORTER]
    assert bodies == [bodies[0], bodies[1]] * 8


def test_images_resolve_against_base_href() -> None:
    html = f"""<html><head><base href="http://img.example.cn/news/"></head><body><div>
    <p>{P1}</p><p><img src="2024/a.jpg" alt="草原"></p><p>{P2}</p></div></body></html>"""
    content = find_content(parse_html(html), "http://www.example.cn/n/1.html")
    assert [i.url for i in content.images] == ["http://img.example.cn/news/2024/a.jpg"]


def test_a_short_article_among_linked_sibling_blocks_is_no_teaser() -> None:
    # Page regions as classless sibling <div>s, each with links: only the short ones
    # that repeat are a story list; the article's wrapper holds the <h1>.
    html = f"""<html><body>
    <div><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/pic/">图片</a></div>
    <div>您的位置：<a href="/">首页</a> &gt; <a href="/news/">新闻</a></div>
    <div><h1>{HEADLINE}</h1><p>{P1}</p><p><a href="/more.html">更多</a></p></div>
    <div><a href="/about.html">关于我们</a> | <a href="/contact.html">联系方式</a></div>
    </body></html>"""
    assert body(html) == [P1]


_WS_REFERENCE = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\u2060\ufeff]+")


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab 中文，。\t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2003\u2028\u3000")
            + ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
        ),
        max_size=30,
    )
)
def test_clean_text_fast_path_equals_the_regex(text: str) -> None:
    # clean_text folds with str.split() unless there is a zero-width space: the result
    # must be the one the whitespace regex gives.
    assert clean_text(text) == _WS_REFERENCE.sub(" ", text).strip()


@pytest.mark.parametrize(
    "line",
    [
        "COPYRIGHT © 2003-2024 草原新闻网",
        "copyright 2024 example.cn",
        "蒙icp备00000000号",
        "All rights reserved.",
        "本网站所刊载信息，不代表本站观点",
    ],
)
def test_copyright_lines_in_any_case(line: str) -> None:
    assert is_copyright_line(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("字号：大 中 小", True),
        ("【字体：大 中 小】", True),
        ("[字号: T|T]", True),
        ("上一页 1 2 3 下一页", False),
        ("今年以来，全区新增就业岗位两万个。", False),
    ],
)
def test_widget_lines(line: str, expected: bool) -> None:
    assert is_widget_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("上一页 1 2 3 下一页", True), ("[1] [2] [3]", True), ("共3页", True), ("2024", False)],
)
def test_pager_lines(line: str, expected: bool) -> None:
    assert is_pager_line(line) is expected


def test_a_story_grid_with_empty_items_is_still_furniture() -> None:
    # A teaser grid whose items are <li>s with links, plus a few empty <li> spacers:
    # its text must not outweigh the short article next to it.
    items = "".join(
        f'<li><a href="/n/{i}.html">第{i}条：盟市旗县基层动态汇总与工作推进情况</a></li><li></li>'
        for i in range(8)
    )
    html = f"""<html><body><div class="wrap">
    <div><h1>{HEADLINE}</h1><p>{P1}</p><p>{P2}</p></div>
    <ul>{items}</ul></div></body></html>"""
    assert body(html) == [P1, P2]
