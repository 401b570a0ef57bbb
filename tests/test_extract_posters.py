"""Writers of blog and platform posts: markup, post lines and footers (hand-written examples)."""

from datetime import datetime

import pytest

from newsarchive.extract import extract
from newsarchive.extract.dom import parse_html
from newsarchive.extract.lines import text_lines
from newsarchive.extract.posters import by_copyright, by_markup, by_post_line, handle

FETCHED = datetime(2024, 6, 1, 12, 0)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("草原上的风", "草原上的风"),
        ("作者：阿拉善老驼", "阿拉善老驼"),
        ("B-老苏-敕勒川工作室", "B-老苏-敕勒川工作室"),
        ("nomad_2019x", "nomad_2019x"),
        ("新华社", None),
        ("包头日报", None),
        ("内蒙古电台-新闻", None),
        ("本报评论员", None),
        ("特约记者", None),
        ("关注", None),
        ("2024-05-06 15:47", None),
        ("粉丝 12 关注 3", None),
        ("www.example.cn", None),
    ],
)
def test_handle(text: str, name: str | None) -> None:
    assert handle(text) == name


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("posted @ 2024-05-09 14:45 草原程序员 阅读(12) 评论(0) 编辑", ["草原程序员"]),
        ("Posted on 2023-11-02 08:30 by dune_walker", ["dune_walker"]),
        ("B-老苏-敕勒川工作室 于 2024-05-06 15:47:53 发布", ["B-老苏-敕勒川工作室"]),
        ("阴山行者 发表于 2023-9-15 11:46:00", ["阴山行者"]),
        # Not a post line: the newest related post, a news meta line, a comment header.
        ("最新推荐文章于 2024-05-07 22:12:13 发布", []),
        ("2024-05-09 14:45 来源：北方新报", []),
        ("# re: 秋天的大青山 2023-09-16 08:12 路过的人", []),
        ("新华社 于 2024-05-06 15:47 发布", []),
    ],
)
def test_post_lines(line: str, names: list[str]) -> None:
    assert by_post_line(line) == names


def _lines(html: str):
    return text_lines(parse_html(html))


def test_a_handle_in_an_element_marked_as_the_author() -> None:
    lines = _lines(
        '<div class="meta"><span class="time">2024-05-08 23:23</span>'
        '<span id="author_box">胡杨林里的猫</span></div>'
        '<div class="author-info"><a class="author-info__name">驼铃声声</a>'
        '<span class="btn">关注</span></div>'
    )
    assert by_markup(lines[:1]) == ["胡杨林里的猫"]
    assert by_markup(lines[1:]) == ["驼铃声声"]


def test_commenters_and_advertisers_are_not_the_author() -> None:
    lines = _lines(
        '<div><span class="comment-author">路过的人</span></div>'
        '<div><span class="ad-author">传奇游戏</span></div>'
        '<div class="author">来源：北方新报 2024-05-08</div>'
    )
    assert by_markup(lines) == []


def test_copyright_footer_and_ownership_line() -> None:
    assert by_copyright(["Copyright © 胡杨"], []) == ["胡杨"]
    assert by_copyright(["Copyright © 2024 dune_walker"], []) == ["dune_walker"]
    assert by_copyright(["Copyright © camel@阴山工作室"], []) == ["camel"]
    assert by_copyright([], ["© 本文版权归 阴山~行者 所有，转载请联系作者。"]) == ["阴山~行者"]
    # An outlet's footer or a company's is not a writer.
    assert by_copyright(["Copyright © 2005-2024 内蒙古新闻网 All Rights Reserved."], []) == []
    assert by_copyright(["Copyright © 1996-2024 EXAMPLE Corporation"], []) == []
    assert by_copyright([], ["本文版权归北方新报所有"]) == []
    assert by_copyright(["版权所有：自治区科协"], ["本文版权归自治区科协所有"]) == []
    assert by_copyright(["Copyright © Examplecorp"], []) == []


BLOG = """<html><head><title>冬天的希拉穆仁草原 - 草原程序员 - 某某博客园</title></head><body>
<h1 class="blog-title">草原程序员</h1>
<div class="post"><h2 class="postTitle">冬天的希拉穆仁草原</h2>
<div class="postBody">
<p>元旦假期开车去了一趟希拉穆仁草原，雪后的草原一片白茫茫，远处的敖包上挂满了经幡。</p>
<p>牧民家的奶茶煮得很浓，手把肉也比城里的香。晚上气温降到零下二十多度，星空却格外清楚。</p>
<p>回程路上遇到一群在雪地里刨草吃的马，停车看了好一会儿。</p>
</div>
<div class="postDesc">posted @ 2024-01-03 21:05 草原程序员 阅读(88) 评论(1) 编辑 收藏</div>
</div>
<div class="comment"><div class="comment-author">路过的人</div><p>拍得真好！</p></div>
<div class="footer">Copyright © 2024 草原程序员</div></body></html>"""


def test_a_blog_post_without_a_byline_names_its_writer() -> None:
    article = extract(BLOG.encode("utf-8"), fetched_at=FETCHED)
    assert article.authors == ["草原程序员"]


def test_a_news_byline_wins_over_the_poster_rules() -> None:
    page = BLOG.replace("<p>元旦假期", "<p>本报记者 苏和</p><p>元旦假期")
    article = extract(page.encode("utf-8"), fetched_at=FETCHED)
    assert article.authors == ["苏和"]
