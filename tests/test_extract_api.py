"""extract() end to end on a hand-written page in the nmgnews layout (GBK, tables)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsarchive.extract as extract_module
from newsarchive.extract import EXTRACTOR_VERSION, extract
from newsarchive.record import Article
from newsarchive.sites import get_site

URL = "http://inews.nmgnews.com.cn/system/2024/03/15/013456789.shtml"
FETCHED = datetime(2024, 3, 16, 8, 0)  # naive: China time

BODY = [
    "今年以来，乌兰察布市察哈尔右翼前旗把发展设施农业作为牧民增收的重要抓手，"
    "新建日光温室四百余座，带动周边两千多户群众在家门口就业。",
    "在巴音塔拉镇的蔬菜基地，种植户李桂兰正忙着给番茄秧苗搭架。她说，温室里一年能种三茬，"
    "每座大棚的纯收入超过两万元，比过去种玉米强多了。",
    "旗农牧局负责人介绍，下一步将引进冷链仓储和电商销售，让“菜篮子”产品走出草原。(记者苏日娜)",
]

PAGE = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>察右前旗设施农业鼓起牧民钱袋子_内蒙古新闻网</title>
</head><body>
<table width="950" align="center"><tr>
<td><a href="http://www.nmgnews.com.cn/">首页</a> - <a href="/nmgxw/">内蒙古新闻</a> -
<a href="/gn/">国内</a> - <a href="/gj/">国际</a> - <a href="/wh/">文化</a>
<a href="#">加入收藏</a> | <a href="#">设为首页</a></td></tr></table>
<table width="950" align="center"><tr><td class="wz">您当前的位置 :<a href="/xw/">新闻</a> &gt;
<a href="/nmgxw/">内蒙古新闻</a> &gt; <a href="/shxw/">社会新闻</a> 正文</td>
<td><a href="#">转播到腾讯微博</a></td></tr></table>
<table width="950" align="center"><tr><td>
<div id="div2">察右前旗设施农业鼓起牧民钱袋子</div>
<div id="div3">内蒙古新闻网&nbsp;&nbsp;24-03-15 09:30 【字体:<a href="#">大</a> <a href="#">中</a>
<a href="#">小</a>】&nbsp;&nbsp;&nbsp;&nbsp;来源: 北方新报&nbsp;&nbsp;</div>
<div id="div_content">
<p>&nbsp;&nbsp;{BODY[0]}</p>
<p>&nbsp;&nbsp;{BODY[1]}</p>
<p>&nbsp;&nbsp;{BODY[2]}</p>
</div>
<div class="bj">[责任编辑 王海燕 ]</div>
</td></tr></table>
<table width="950" align="center"><tr><td>
<p>内蒙古新闻网版权与免责声明:</p>
<p>凡本网注明“来源:内蒙古新闻网”的所有作品，版权均属于内蒙古新闻网，未经本网授权不得转载。</p>
<p><a href="#">网站介绍</a> | <a href="#">广告服务</a> | <a href="#">联系方式</a></p>
<p>Copyright &copy; 2005-2024 内蒙古新闻网 All Rights Reserved.</p>
</td></tr></table></body></html>"""

RAW = PAGE.encode("gbk")
# Through the registry: importing the site module directly would register only it.
NmgNews = get_site("nmgnews")


def check_record(article: Article) -> None:
    assert article.url == URL
    assert article.headline == "察右前旗设施农业鼓起牧民钱袋子"
    assert article.subtitle is None
    assert article.published_at == "2024-03-15T09:30:00+08:00"
    assert article.published_raw == "24-03-15 09:30"
    assert article.source == "北方新报"
    assert article.editor == "王海燕"
    assert article.authors == ["苏日娜"]
    assert article.section == "新闻 > 内蒙古新闻 > 社会新闻"
    assert article.body == "\n".join(BODY)
    assert article.encoding in ("gbk", "gb18030", "gb2312")
    assert article.extractor_version == EXTRACTOR_VERSION
    assert article.fetched_at == "2024-03-16T08:00:00+08:00"
    assert article.warnings == []


def test_nmgnews_page_with_its_profile() -> None:
    check_record(extract(RAW, url=URL, fetched_at=FETCHED, site=NmgNews))


def test_nmgnews_page_with_the_generic_extractor() -> None:
    check_record(extract(RAW, url=URL, fetched_at=FETCHED))


def test_gbk_bytes_served_as_utf8_are_decoded_right() -> None:
    headers = {"Content-Type": "text/html; charset=utf-8"}
    article = extract(RAW, url=URL, fetched_at=FETCHED, headers=headers, site=NmgNews)
    assert article.headline == "察右前旗设施农业鼓起牧民钱袋子"
    assert article.body is not None and "\ufffd" not in article.body


def test_fetch_time_keeps_an_explicit_offset() -> None:
    utc = datetime(2024, 3, 16, 0, 0, tzinfo=UTC)
    assert extract(RAW, fetched_at=utc).fetched_at == "2024-03-16T00:00:00+00:00"
    cst = datetime(2024, 3, 16, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    assert extract(RAW, fetched_at=cst).fetched_at == "2024-03-16T08:00:00+08:00"


def test_a_date_after_the_fetch_time_is_not_stored() -> None:
    article = extract(RAW, url=URL, fetched_at=datetime(2024, 3, 1), site=NmgNews)
    assert article.published_at is None
    assert "future-date" in article.warnings and "no-date" in article.warnings


def test_missing_fields_are_null_with_warnings() -> None:
    article = extract(b"<html><body><div><a href='/'>home</a></div></body></html>")
    assert article.headline is None and article.body is None and article.published_at is None
    assert article.source is None and article.editor is None and article.authors == []
    assert {"empty-body", "no-headline", "no-date"} <= set(article.warnings)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\xff\xfe\x81\x40garbage",
        b"<html",
        b"<div>" * 5000 + "深层嵌套".encode() + b"</div>" * 5000,
        "<html><body><p>只有一段话。</p></body></html>".encode("utf-16"),
        RAW[: len(RAW) // 2],
    ],
)
def test_never_raises(data: bytes) -> None:
    article = extract(data, url=URL)
    assert isinstance(article, Article)
    assert article.extractor_version == EXTRACTOR_VERSION


def test_an_internal_failure_becomes_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract_module, "find_headline", boom)
    article = extract(RAW, url=URL, fetched_at=FETCHED)
    assert article.url == URL
    assert article.body == "\n".join(BODY)
    assert "error: RuntimeError: boom" in article.warnings


def test_a_day_only_meta_line_takes_the_time_shown_further_down() -> None:
    page = """<html><head><title>满洲里口岸货运量创新高_北疆网</title></head><body>
    <h1>满洲里口岸货运量创新高</h1><div class="info">2024-03-15 阅读：1024 来源:北疆网</div>
    <div class="text"><p>今年前两个月，满洲里口岸进出境货运量同比增长一成以上，
    中欧班列开行数量稳步增加。</p>
    <p>口岸管理部门表示，将继续优化通关流程，提升查验效率。</p></div>
    <div class="foot">发布于：2024-03-15 11:34 编辑：其木格</div></body></html>"""
    article = extract(page.encode("utf-8"), fetched_at=FETCHED)
    assert article.published_at == "2024-03-15T11:34:00+08:00"
    assert article.published_raw == "2024-03-15 11:34"
    assert article.editor == "其木格"


_PIECES = st.sampled_from(
    [
        "<html>",
        "<head>",
        "<title>标题_网站</title>",
        "<body>",
        "<h1>",
        "</h1>",
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<br>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<a href='/'>",
        "</a>",
        "来源：",
        "责任编辑：",
        "记者",
        "（记者 王芳）",
        "2024-03-15 09:30",
        "24-03-15",
        "3小时前",
        "10月14日",
        "您当前的位置 :新闻 > ",
        "草原上的春天来得晚。",
        "\ufffd",
        "<script>var a=1;</script>",
        "<!-- c -->",
        "<![CDATA[x]]>",
        "&nbsp;",
        "\x00",
    ]
)


# Control characters other than \t \n \r: see test_control_character_after_a_script.
_NOISE = st.binary(max_size=40).map(lambda b: bytes(c for c in b if c >= 0x20 or c in b"\t\n\r"))


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=60), _NOISE)
def test_no_internal_error_on_arbitrary_markup(pieces: list[str], noise: bytes) -> None:
    data = "".join(pieces).encode("utf-8") + noise
    article = extract(data, url=URL, fetched_at=FETCHED)
    assert not [w for w in article.warnings if w.startswith("error:")]


def test_control_character_after_a_script() -> None:
    # parse_html used to raise ValueError here: drop_keep_tail set the control
    # character as text, which lxml refuses. parse_html now removes such characters.
    article = extract(b"<body><script>var a=1;</script>\x01", url=URL)
    assert not [w for w in article.warnings if w.startswith("error:")]


def test_a_labelled_date_anywhere_is_the_last_resort() -> None:
    page = """<html><head><title>敕勒川博客</title></head><body>
    <div class="side"><p>敕勒川博客</p><p>阴山脚下的日常</p></div>
    <div class="post"><div>[随笔]秋天的大青山</div><div>chilechuan 发表于 2023-9-15 11:46:00</div>
    <p>周末沿着大青山南麓走了一趟，山坡上的白桦已经黄了一半，羊群在坡下慢慢移动。</p>
    <p>傍晚回城时，天边的云被夕阳染成了橘红色。</p></div></body></html>"""
    article = extract(page.encode("utf-8"), fetched_at=FETCHED)
    assert article.published_at == "2023-09-15T11:46:00+08:00"
    assert article.published_raw == "2023-9-15 11:46:00"


def test_fetch_time_as_iso_text() -> None:
    assert extract(RAW, fetched_at="2024-03-16T08:00:00").fetched_at == "2024-03-16T08:00:00+08:00"
    article = extract(RAW, fetched_at="yesterday")
    assert article.fetched_at is None
    assert any(w.startswith("error: ValueError") for w in article.warnings)


def test_outlet_in_an_element_marked_as_source() -> None:
    page = """<html><head><title>草原上的冬牧场_北疆网</title></head><body>
    <h1>草原上的冬牧场</h1><div class="sourceTitleText">正北方网</div><div>下载客户端</div>
    <div class="time">2024年01月25日 18:03:35</div>
    <div class="text"><p>入冬以后，锡林郭勒的牧民赶着畜群转场到冬营盘，一路要走上百公里。</p>
    <p>牧民们说，冬牧场背风向阳，草场也提前做了围封保护。</p></div></body></html>"""
    article = extract(page.encode("utf-8"), fetched_at=FETCHED)
    assert article.source == "正北方网"


def test_scrapy_style_headers_are_read() -> None:
    headers = {b"Content-Type": [b"text/html; charset=utf-8"]}
    article = extract(RAW, url=URL, fetched_at=FETCHED, headers=headers, site=NmgNews)
    assert article.headline == "察右前旗设施农业鼓起牧民钱袋子"
    assert article.body is not None and "\ufffd" not in article.body


EPAPER = """<html><head><title>黄河日报数字报-滩区新村迎来第一个春天</title></head><body>
<table><tr><td class="logo">黄河日报</td>
<td class="date">2019年04月02日 星期二 往期回顾</td></tr></table>
<table><tr><td>第03版：综合</td></tr>
<tr><td><a href="c1.htm">滩区新村迎来第一个春天</a></td></tr></table>
<table><tr><td class="title">滩区新村迎来第一个春天</td></tr><tr><td><div id="ozoom">
<p>本报记者 杜晓河</p>
<p>清明前后，黄河滩区的搬迁新村里，家家户户忙着在新房前的小院里种菜栽花，村口的广场上孩子们追逐嬉戏。</p>
<p>村党支部书记说，过去一到汛期全村人都提心吊胆，如今住上了楼房，大家最盼的是把产业发展起来。</p>
</div></td></tr></table></body></html>"""
EPAPER_URL = "http://epaper.example.cn/hhrb/html/2019-04/02/content_1234.htm"


def test_an_e_paper_masthead_date_confirmed_by_the_url() -> None:
    article = extract(EPAPER.encode("utf-8"), url=EPAPER_URL, fetched_at=FETCHED)
    assert article.published_at == "2019-04-02"
    assert article.published_raw == "2019年04月02日 星期二"
    assert "date-from-url" not in article.warnings


def test_a_date_only_the_url_shows_has_no_raw_text() -> None:
    page = EPAPER.replace("2019年04月02日 星期二 ", "")
    article = extract(page.encode("utf-8"), url=EPAPER_URL, fetched_at=FETCHED)
    assert article.published_at == "2019-04-02"
    assert article.published_raw is None
    assert "date-from-url" in article.warnings
