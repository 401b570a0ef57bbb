"""The one page walk (lines.walk_page): lines and content scores computed together."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from newsarchive.extract.dom import parse_html
from newsarchive.extract.encoding import decode_html
from newsarchive.extract.lines import text_lines, walk_page
from newsarchive.extract.scoring import text_stats

FIXTURES = sorted(Path(__file__).parent.joinpath("fixtures").rglob("*.html"))

# Furniture by class (share), by tag (nav) and by id (footer), holding comments, a
# processing instruction, a script, a select and nested inline text.
FURNITURE_PAGE = """<html><body>
<div class="share">a<!-- a comment -->after the comment<script>var x = 1;</script>after
<select><option>one</option><option>two</option></select>x<?pi data?>pi tail
<span>inner<b>bold</b>bold tail</span>span tail</div>
<p>这是一段正文，说明了事情的经过。这是一段正文，说明了事情的经过。</p>
<nav>n1<!--c-->n2<p>paragraph in nav</p></nav>
<div id="footer"><textarea>typed</textarea>版权所有 footer</div></body></html>"""


def _weighted_length(el: etree._Element) -> int:
    text = "".join(el.xpath("string(.)").split())
    return text_stats(text)[0] if text else 0


@pytest.mark.parametrize("keep_comments", [False, True])
def test_known_furniture_scores_its_whole_text(keep_comments: bool) -> None:
    # The walk measures furniture from the pieces it reads for the lines; that must be
    # the element's whole text (XPath string(.)), comments and PIs not included.
    parser = etree.HTMLParser(remove_comments=not keep_comments, remove_pis=not keep_comments)
    doc = etree.fromstring(FURNITURE_PAGE, parser)
    _, scores = walk_page(doc, scores=True)
    assert scores is not None
    frames = scores[0]
    found = 0
    for el in doc.iter("div", "nav"):
        if el.get("class") == "share" or el.get("id") == "footer" or el.tag == "nav":
            found += 1
            assert frames[el][4] == _weighted_length(el) > 0
            assert frames[el][0] == -float(frames[el][4])
    assert found == 3


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scores_do_not_change_the_lines(path: Path) -> None:
    decoded = decode_html(path.read_bytes())
    doc = parse_html(decoded.text, decoded.utf8)
    with_scores, scores = walk_page(doc, scores=True)
    assert scores is not None
    assert [(line.text, line.el) for line in with_scores] == [
        (line.text, line.el) for line in text_lines(doc)
    ]


def test_the_article_container_scores_above_zero_and_a_link_box_below() -> None:
    doc = lxml.html.fromstring(
        "<html><body><div id='main'>"
        + "<p>今天上午，市里召开会议，部署下一步的工作安排。会议要求各部门抓好落实。</p>" * 4
        + "</div><div class='side'><a href='/1'>其他新闻一</a><a href='/2'>其他新闻二</a>"
        "</div><ul><li><a href='/3'>链接</a></li></ul></body></html>"
    )
    _, scores = walk_page(doc, scores=True)
    assert scores is not None
    frames, own, banned = scores
    main = doc.get_element_by_id("main")
    assert frames[main][0] > 0
    assert main in own and main not in banned
    side = doc.find_class("side")[0]
    assert frames[side][0] < 0
