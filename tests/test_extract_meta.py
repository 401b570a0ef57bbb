import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.extract.bylines import (
    authors_bracketed,
    authors_closing_group,
    authors_dateline_group,
    authors_from_groups,
    authors_from_lines,
    parse_names,
)
from newsarchive.extract.meta import find_editors, find_source, indexes_with

# --- source ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("内蒙古新闻网  11-10-14 15:44 【字体:    来源: 新华网", "新华网"),
        ("发布时间：2024-03-02 09:10 来源：内蒙古日报", "内蒙古日报"),
        ("2024年3月2日 09:10 来源：[ 北方新报 ]", "北方新报"),
        ("来源:【正北方网】 作者:李娜", "正北方网"),
        ("稿源：鄂尔多斯日报 编辑：王芳", "鄂尔多斯日报"),
        ("(来源：赤峰日报）", "赤峰日报"),
        ("来源 | 包头晚报、草原云", "包头晚报、草原云"),
        ("出自[内蒙古人民出版社]", "内蒙古人民出版社"),
        ("本文来源于通辽日报 2024-03-02 09:10:00", "通辽日报"),
        ("来源：人民网－内蒙古频道2024-03-02 09:10", "人民网－内蒙古频道"),
        ("来源：《北疆》杂志 时间：2024-03-02", "《北疆》杂志"),
        ("原创：锡林郭勒日报2024-03-02 10:00:00", "锡林郭勒日报"),
        ("【作者】陈枫 【来源】南方日报 【时间】2011-10-14 07:08", "南方日报"),
        ("来源：正北方网（内蒙古日报网） 作者：李娜", "正北方网（内蒙古日报网）"),
    ],
)
def test_labelled_source(line: str, source: str) -> None:
    assert find_source([line], []) == source


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("2024-03-02 09:10 呼和浩特日报", "呼和浩特日报"),
        ("http://www.example.cn 2024年03月02日09:10 《乌海晚报》", "《乌海晚报》"),
        ("2024-03-02 09:10·新华社", "新华社"),
        ("2024年03月02日 10:02 兴安日报作者：兴安日报", "兴安日报"),
    ],
)
def test_outlet_right_after_the_date(line: str, source: str) -> None:
    assert find_source([line], []) == source


@pytest.mark.parametrize(
    "line",
    [
        "2024-03-02 阅读：1234",
        "2024-03-02 09:10 来自内蒙古自治区",
        "图片来源：视觉中国",
        "凡本网注明“来源：内蒙古新闻网”的所有作品，版权均属于内蒙古新闻网",
        "2024-03-02 09:10:00",
    ],
)
def test_not_a_source(line: str) -> None:
    assert find_source([line], []) is None


def test_placeholder_source_gives_way_to_a_real_one() -> None:
    assert find_source(["2024-03-02 06:40更新 来源：转载文章"], ["来源：北方新报"]) == "北方新报"
    assert find_source(["2024-03-02 06:40更新 来源：转载文章"], []) == "转载文章"


def test_agency_dateline_is_the_last_resort() -> None:
    head = ["新华社呼和浩特3月2日电（记者 格日勒）草原上的春天来得晚。"]
    assert find_source([], [], head=head) == "新华社"
    assert find_source([], [], head=["本报讯（记者 王芳）今年以来……"]) is None


def test_bracketed_dateline_names_the_outlet() -> None:
    head = ["【敕勒川周刊2024年03月02日报道】开春以后，土默川上的农户忙着备耕。"]
    assert find_source([], [], head=head) == "敕勒川周刊"
    assert find_source([], [], head=["（北疆网5月9日讯）记者从自治区获悉……"]) == "北疆网"
    assert find_source([], [], head=["【本报2024年03月02日讯】今年以来……"]) is None
    assert find_source([], [], head=["【图片新闻】开春以后……"]) is None


# --- editor ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "editors"),
    [
        ("[责任编辑 赵静 ]", ["赵静"]),
        ("【责任编辑：王晓燕】", ["王晓燕"]),
        ("(责编：苏和、李娜)", ["苏和", "李娜"]),
        ("责任编辑：张海 NM0231", ["张海"]),
        ("编辑：刘畅（ABC123）", ["刘畅"]),
        ("责任编辑：高原_NN2587", ["高原"]),
        ("编辑/乌兰 ｜ 排版 高娃", ["乌兰"]),
        ("本版编辑:Giki", ["Giki"]),
        ("审核：巴图", ["巴图"]),
        ("[作者: 刘满仓 责任编辑: 杨丹宇 ]", ["杨丹宇"]),
        ("2024-05-13 12:03:10 作者：曹磊 来源:东方网 选稿：曾炟", ["曾炟"]),
        ("【编辑】刘波", ["刘波"]),
    ],
)
def test_editor_lines(line: str, editors: list[str]) -> None:
    assert find_editors([line]) == editors


@pytest.mark.parametrize(
    "line",
    [
        "编辑推荐：草原旅游季开启",
        "给编辑写信",
        "稿事编辑部",
        "作者:abc 阅读(10) 编辑 发表",
        "责任编辑：",
    ],
)
def test_not_an_editor(line: str) -> None:
    assert find_editors([line]) == []


def test_editors_of_several_lines_are_joined_in_order() -> None:
    assert find_editors(["编辑/王芳", "责任编辑：李娜_NN0001"]) == ["王芳", "李娜"]


# --- authors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("王乐文 方 敏", ["王乐文", "方敏"]),
        ("实习记者 樊亮 张明超 记者惠禾", ["樊亮", "张明超", "惠禾"]),
        ("张云龙)", ["张云龙"]),
        ("韩涵系自治区社科院研究员", ["韩涵"]),
        ("彭冲 包头报道", ["彭冲"]),
        ("邹多为、唐诗凝、丁乐", ["邹多为", "唐诗凝", "丁乐"]),
        ("格桑边觉", ["格桑边觉"]),
        ("赵 培：自治区物流学会", ["赵培"]),
        ("罗科苏盈发自北京", ["罗科", "苏盈"]),
        ("山东冠县报道", []),
        ("孟和巴特尔", ["孟和巴特尔"]),
        ("阿依努尔·买买提）", ["阿依努尔·买买提"]),
        ("娜仁其木格 通讯员 白音", ["娜仁其木格", "白音"]),
        ("马俊峰/文受访者供图", ["马俊峰"]),
    ],
)
def test_parse_names(text: str, names: list[str]) -> None:
    assert parse_names(text) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("作者：苏日娜", ["苏日娜"]),
        ("作者:宋怡 杨志华", ["宋怡", "杨志华"]),
        ("本报记者 王燕平 方云凤", ["王燕平", "方云凤"]),
        ("新华社记者邹多为、唐诗凝", ["邹多为", "唐诗凝"]),
        ("记者 刘涛 通讯员 白音", ["刘涛", "白音"]),
        ("文/栗思", ["栗思"]),
        ("北方新报·正北方网记者 徐睿翔", ["徐睿翔"]),
        ("执笔人：闵乐夫 赵兰波", ["闵乐夫", "赵兰波"]),
        ("【作者】陈枫 黄应来 【来源】南方日报", ["陈枫", "黄应来"]),
        ("文丨北疆网特约评论员 韩涵", ["韩涵"]),
        # An outlet is an author only when the page labels it so (LABELING.md's rule).
        ("作者：新华社", ["新华社"]),
        ("2024年03月02日 09:10 北方新报作者：北方新报", ["北方新报"]),
        ("作者：内蒙古日报 记者 王芳", ["王芳"]),
        ("新华社记者 王芳", ["王芳"]),
        # The writer's affiliation and titles before the name.
        ("作者：内蒙古大学经济管理学院副院长、教授乌日娜", ["乌日娜"]),
        ("作者：自治区发展研究中心研究员", []),
        # A translated writer keeps the original name shown beside the Chinese one.
        ("作者： 高德明 (Gordon Miller)", ["高德明 (Gordon Miller)"]),
        ("作者：王芳（CCTV）", ["王芳"]),
    ],
)
def test_byline_lines(line: str, names: list[str]) -> None:
    assert authors_from_lines([line], anywhere=False) == names


@pytest.mark.parametrize(
    "line",
    [
        "记者了解到，今年全区牧民收入稳步增长",
        "——作者手记",
        "新华社记者 李梦馨 摄",
        "本报记者 惠禾 摄",
        "原创标注系作者主动申请",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert authors_from_lines([line], anywhere=False) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("本报讯 （实习记者 樊亮 张明超 记者惠禾）13岁的她", ["樊亮", "张明超", "惠禾"]),
        ("……形成长效机制。(记者张云龙)", ["张云龙"]),
        ("据新华社拉萨电（记者 格桑边觉）记者近日从自治区获悉", ["格桑边觉"]),
        ("……起到推动作用。（总台记者 张倩）", ["张倩"]),
        ("新华社发（刘满仓摄）", []),
    ],
)
def test_parenthesised_bylines(text: str, names: list[str]) -> None:
    assert authors_from_groups(text) == names


def test_bare_name_group_closing_the_body() -> None:
    assert authors_closing_group("过一个廉洁之年。（常书香 马丹阳 ）") == ["常书香", "马丹阳"]
    assert authors_closing_group("普京接受新华社专访（全文）") == []
    assert authors_closing_group("这是一个问题（见下图）") == []


def test_closing_group_with_the_filing_place() -> None:
    assert authors_closing_group("这是必然的过程。”（姚峰 包头报道）") == ["姚峰"]


def test_bare_names_after_the_dateline() -> None:
    text = "新华社呼和浩特5月19日电（刘艺、杨吉）自治区科技厅19日介绍"
    assert authors_dateline_group(text) == ["刘艺", "杨吉"]
    assert authors_dateline_group("新华社北京5月19日电（全文）") == []


def test_bracketed_name_in_the_meta_line() -> None:
    line = "NEWS.EXAMPLE.CN 2024年7月16日08:19 [ 黄宇 ] 来源：[ 北方新报 ]"
    assert authors_bracketed(line) == ["黄宇"]
    assert authors_bracketed("[责任编辑 赵静 ]") == []
    assert authors_bracketed("【作者】陈枫　【来源】南方日报　【时间】2011-10-14") == []


# --- section --------------------------------------------------------------------------


def section_of(html: str, headline: str) -> str | None:
    from newsarchive.extract.dom import parse_html
    from newsarchive.extract.lines import text_lines
    from newsarchive.extract.section import find_section

    lines = text_lines(parse_html(html))
    index = next(i for i, line in enumerate(lines) if line.text == headline)
    return find_section(lines, index, headline)


@pytest.mark.parametrize(
    ("crumb", "section"),
    [
        (
            "您当前的位置 :专题 > 时政会议专题 > 创先争优进行时 正文",
            "专题 > 时政会议专题 > 创先争优进行时",
        ),
        ("当前位置：首页 > 草原新闻 > 社会 > 正文", "草原新闻 > 社会"),
        ("您的位置：主页>>内蒙古新闻>>盟市", "内蒙古新闻 > 盟市"),
        ("首页 -> 新闻中心 -> 经济", "新闻中心 > 经济"),
        ("当前位置：首页｜专题｜人物专访", "专题 > 人物专访"),
        ("您所在的位置 首页 专题频道 新春走基层", "专题频道 > 新春走基层"),
        ("网易首页 > 新闻中心 > 正文 申请入驻", "新闻中心"),
        ("当前位置：首页 > 草原新闻 > 牧民合作社分红", "草原新闻"),
        ("当前位置：北疆网 - 新闻 - 盟市新闻", "北疆网 > 新闻 > 盟市新闻"),
        # Crumbs that are only separators, and a separator inside one crumb's text.
        ("当前位置：北疆网 > - > 新闻 > - > 盟市新闻", "北疆网 > 新闻 > 盟市新闻"),
        ("当前位置：北疆网 > | > 新闻»盟市新闻", "北疆网 > 新闻 > 盟市新闻"),
    ],
)
def test_breadcrumb(crumb: str, section: str) -> None:
    html = f"<html><body><div>{crumb}</div><h1>牧民合作社分红</h1><p>正文内容。</p></body></html>"
    assert section_of(html, "牧民合作社分红") == section


def test_no_breadcrumb() -> None:
    html = "<html><body><div>欢迎访问</div><h1>牧民合作社分红</h1><p>正文。</p></body></html>"
    assert section_of(html, "牧民合作社分红") is None


def test_a_name_alone_under_the_headline() -> None:
    from newsarchive.extract.bylines import author_alone

    assert author_alone("胡平") == ["胡平"]
    assert author_alone("展开") == []
    assert author_alone("草原") == []
    assert author_alone("胡平 文") == []


def test_a_pen_name_under_the_headline_that_opens_it() -> None:
    from newsarchive.extract.bylines import headline_writer

    assert headline_writer("沙枣", "沙枣：我的第一个牧场") == ["沙枣"]
    assert headline_writer("沙枣", "我的第一个牧场") == []
    assert headline_writer("我的第一个牧场", "沙枣：我的第一个牧场") == []


def test_outlet_alone_above_the_date_line() -> None:
    below = ["阅读整篇文章", "法新社", "2024年5月20日週一 下午2:05"]
    assert find_source([], [], below=below) == "法新社"
    assert find_source([], [], below=["下载客户端", "2024-05-20 13:09"]) is None
    assert find_source([], [], below=["2024-05-20 13:09", "呼和浩特"]) is None


def test_source_in_a_table_cell_after_its_label() -> None:
    from newsarchive.extract.meta import label_cell

    assert label_cell(["索引号：", "11220000", "发文机关：", "内蒙古自治区人民政府"]) == (
        "内蒙古自治区人民政府"
    )
    assert label_cell(["来源：", "2024-03-02"]) is None


def test_source_from_a_reprint_sign_off() -> None:
    assert find_source([], ["全文完。", "——《北疆》2024年3月号"]) == "《北疆》"


_WORDS = re.compile(r"编辑|来源|记者")


@given(st.lists(st.text(alphabet="编辑来源记者\n :：ab", max_size=8), max_size=12))
def test_indexes_with_is_a_search_per_text(texts: list[str]) -> None:
    """One search over the joined texts finds the same texts as one search per text."""
    expected = [i for i, text in enumerate(texts) if _WORDS.search(text)]
    assert list(indexes_with(texts, _WORDS)) == expected
