"""Line-level cleaning of a content container: what a reader would not call article text.

The container found by ``content.detect`` usually still carries the headline, the
meta line (来源/发布时间), share widgets, 责任编辑 lines, 相关新闻 lists, page
numbers and the copyright footer. These rules drop them and keep the text, in-text
subheadings and a trailing reporter line such as "(记者张云龙)".
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple


class Line(NamedTuple):
    text: str
    """Whitespace-normalised text of one block or <br>-separated line."""
    link: int
    """How many of its characters sit inside links."""


_DATE = (
    r"(?:\d{4}|\d{2})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_DATE_RE = re.compile(_DATE)
_META_LABEL_RE = re.compile(
    r"(?:来源|稿源|出处|发布时间|发布日期|发表时间|发稿时间|更新时间|时间|日期|作者|编辑|责任编辑|"
    r"点击(?:数|量|率)?|浏览(?:次数|量)?|阅读(?:次数|量)?|字号|评论)\s*(?:[:：]|[|｜](?=\s*\S))"
)
_EDITOR_RE = re.compile(
    r"^[\[【(（]?\s*(?:责任编辑|责编|编辑|审核|校对|编审|值班编辑|实习编辑|网络编辑|终审|初审|复审)"
    r"\s*[:：\s]"
)
_BRACKET_EDITOR_RE = re.compile(
    r"^[\[【(（][^)）\]】]{0,12}(?:责任编辑|编辑|责编|审核|校对)[^)）\]】]{0,16}[)）\]】]$"
)
# The print edition a story comes from: 《光明日报》（ 2022年02月13日 02版）
_EDITION_RE = re.compile(
    r"^《[^》]{1,20}》\s*[(（]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^)）]{0,20}[)）]$"
)
# Two regexes, not one with re.I: a case-insensitive search over a Chinese line tried
# every position (~8x slower); the English phrases are matched on the lowercased line.
_COPYRIGHT_RE = re.compile(
    r"版权所有|版权声明|免责声明|未经(?:本网)?(?:书面)?授权|不得转载|禁止转载|严禁转载|转载请注明|"
    r"©|互联网新闻信息服务许可|违法和不良信息举报|"
    r"仅提供信息存储|不代表本(?:站|网|平台|报)|仅代表作者(?:个人)?观点|如有侵权|侵权公告|"
    r"未经(?:本网|本报|本站)?(?:书面)?许可"
)
_COPYRIGHT_LOWER_RE = re.compile(
    r"copyright|icp(?:备|证)|all rights reserved|the content above|is uploaded and posted by"
)
# Every alternative starts with a fixed character, so the search skips ahead quickly;
# the font-size line with its own anchors is a separate full match.
_WIDGET_RE = re.compile(
    r"字[体号]\s*[:：]?\s*[【\[]?\s*[大中小]|打印本页|打印此页|打印文章|关闭窗口|关闭本页|"
    r"【\s*(?:打印|关闭|收藏|纠错|返回顶部)\s*】|返回顶部|返回首页|分享到|转播到|一键分享|"
    r"分享至|扫码分享|收藏本文|推荐给(?:朋友|好友)|发表评论|我要评论|查看评论|网友评论|扫一扫|二维码|"
    r"设为首页|加入收藏|网站地图|联系我们|广告服务"
)
_FONT_SIZE_LINE_RE = re.compile(r"[【\[]?\s*字[体号]\s*[:：].{0,12}")
_RELATED_RE = re.compile(
    r"^[【\[]?\s*(?:相关(?:新闻|阅读|链接|文章|报道|专题|稿件)|延伸阅读|推荐阅读|热点推荐|热门(?:文章|新闻|推荐)|"
    r"猜你喜欢|更多(?:新闻|阅读)|往期回顾|精彩推荐|热点新闻|图片新闻|最新新闻)\s*[】\]]?\s*[:：]?\s*$"
)
# Headings after which a page has only comments or more stories.
_TAIL_HEADING_RE = re.compile(
    r"^[【\[]?\s*(?:热门评论|最新评论|网友评论|全部评论|评论区|发表评论|我要评论|精彩评论|"
    r"反侵权公告|版权声明|免责声明)\s*[】\]]?\s*[:：]?\s*(?:\(\d+\)|（\d+）)?$"
)
# ``\d++`` (possessive), not ``\d{1,3}``: a repeated ``\d{1,3}`` could split a long
# number (索引号 11220000013544357T) in exponentially many ways before failing, ~10 ms
# per line. No other item starts or ends with a digit, so the same lines match.
_PAGER_RE = re.compile(
    r"(?:上一页|下一页|上页|下页|首页|尾页|末页|前一页|后一页|\d++|[\[【(]\d{1,3}[\]】)]|"
    r"共\s*\d+\s*页|第\s*\d+\s*页|[|｜>»«<…\s])+"
)
# Short control labels of share bars and reaction widgets, alone on their line.
_CONTROL_RE = re.compile(
    r"^(?:举报|不喜欢|点赞|收藏|评论|分享|打印|关闭|返回|更多|顶|踩|赞|复制链接|微信|微博|QQ|QQ空间|"
    r"\+?\s*关注|查看原图(?:\s*\d+K)?|(?:来自|IP属地[:：]?|发布于[:：])\s*\S{2,8}|"
    r"(?:关键[字词]|标签|Tags?)\s*[:：].{0,40})$",
    re.I,
)
_SENTENCE_END = "。！？!?…”」』"


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def is_meta_line(text: str) -> bool:
    """The 来源/发布时间/作者 line under a headline (short, labelled, usually dated)."""
    if len(text) > 120:
        return False
    labels = _label_count(text)
    dated = _DATE_RE.search(text) is not None
    if labels >= 2 or (labels and dated):
        return True
    if labels and text.rstrip()[-1:] not in _SENTENCE_END and len(text) <= 40:
        return text.lstrip()[:2] in ("来源", "稿源", "出处", "作者", "时间", "日期", "发布")
    # A bare date line, maybe with the site name: "内蒙古新闻网 11-10-14 15:44".
    return dated and len(_DATE_RE.sub("", text).strip()) <= 20 and "，" not in text


def is_labelled_meta_line(text: str) -> bool:
    """A 来源/发布时间 line anywhere in the text (a bare date only counts at the top)."""
    if len(text) > 120:
        return False
    if _EDITION_RE.match(text):
        return True
    labels = _label_count(text)
    if labels >= 2 or (labels and _DATE_RE.search(text)):
        return True
    return bool(labels) and len(text) <= 30 and text.lstrip()[:2] in ("来源", "稿源", "出处")


def _label_count(text: str) -> int:
    """How many 来源:/时间:/作者:... labels the text holds."""
    # Each label ends with a colon or a bar: a line with neither is not searched.
    if "：" in text or ":" in text or "|" in text or "｜" in text:
        return len(_META_LABEL_RE.findall(text))
    return 0


def is_editor_line(text: str) -> bool:
    """责任编辑/编辑 lines, also bracketed with the outlet first: （松花江网编辑 孙桂芳）."""
    # Every label of both regexes holds 编, 审 or 校: most lines are not searched.
    return (
        len(text) <= 40
        and ("编" in text or "审" in text or "校" in text)
        and (_EDITOR_RE.search(text) is not None or _BRACKET_EDITOR_RE.match(text) is not None)
    )


def is_widget_line(text: str) -> bool:
    return len(text) <= 60 and (
        _WIDGET_RE.search(text) is not None
        or _FONT_SIZE_LINE_RE.fullmatch(text) is not None
        or _CONTROL_RE.match(text) is not None
    )


def is_copyright_line(text: str) -> bool:
    if len(text) > 300:
        return False
    if _COPYRIGHT_RE.search(text) is not None:
        return True
    # Each English phrase holds a c or a d, and only C and D lowercase to them: a line
    # with neither is not lowercased (lower() costs more than the searches).
    return ("c" in text or "d" in text or "C" in text or "D" in text) and (
        _COPYRIGHT_LOWER_RE.search(text.lower()) is not None
    )


def is_pager_line(text: str) -> bool:
    """Page-number links: 上一页 1 2 3 下一页, [1] [2], 共3页."""
    if _PAGER_RE.fullmatch(text) is None:
        return False
    return "页" in text or len(re.findall(r"\d+", text)) >= 2


def is_link_line(line: Line) -> bool:
    """A line that is mostly a link and no sentence (an item of a link list), or all link."""
    n = len(line.text)
    return line.link * 2 > n and (line.text[-1:] not in _SENTENCE_END or line.link * 10 >= n * 9)


def clean_lines(lines: list[Line], headlines: list[str] = ()) -> list[str]:
    """Drop the furniture lines of a content container; return the article paragraphs."""
    heads = {_norm(h) for h in headlines if h}
    kept: list[Line] = []
    in_related = False
    for line in lines:
        text = line.text
        if in_related:
            if is_link_line(line) or len(text) <= 4:
                continue
            in_related = False
        if _RELATED_RE.match(text):
            in_related = True
            continue
        if (
            is_editor_line(text)
            or is_widget_line(text)
            or is_pager_line(text)
            or is_link_line(line)
        ):
            continue
        kept.append(line)
    kept = _drop_head(kept, heads)
    kept = _drop_footer(kept)
    return [line.text for line in kept]


def _drop_head(lines: list[Line], heads: set[str]) -> list[Line]:
    """Drop the title block at the top (headline, kicker, meta line) and meta lines anywhere.

    The title block ends at the last headline/meta line seen before the first line that
    reads like article text; what sits above it (a share bar, a caption) goes with it.
    """
    cut = 0
    for i, line in enumerate(lines[:_HEAD_LINES]):
        text = line.text
        if (
            is_meta_line(text)
            or _FIELD_LABEL_RE.match(text)
            or _COLUMN_TAG_RE.match(text)
            or _is_headline_line(text, heads)
        ):
            cut = i + 1
        elif _reads_like_text(text):
            break
    return [line for line in lines[cut:] if not is_labelled_meta_line(line.text)]


_HEAD_LINES = 30
# A field label alone on its line, as in the metadata table of government notices
# (标 题： / 发文字号： / 索 引 号：).
_FIELD_LABEL_RE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,6}[:：]$")
# A column tag above the text: 【新春走基层】
_COLUMN_TAG_RE = re.compile(r"^【[^】]{2,12}】$")


def _reads_like_text(text: str) -> bool:
    """A finished sentence or a long line: article text, not a title, caption or widget."""
    return len(text) >= 60 or (len(text) >= 20 and text[-1:] in _SENTENCE_END)


def _is_headline_line(text: str, heads: set[str]) -> bool:
    # Normalised only when asked: NFKC is the costliest step of the head loop.
    if not heads:
        return False
    norm = _norm(text)
    return bool(norm) and any(_is_headline_variant(norm, h) for h in heads)


def _is_headline_variant(norm: str, head: str) -> bool:
    """The headline, a part of it, or it with a kicker (引题——headline), as a title line."""
    if norm == head or (len(norm) >= 6 and norm in head):
        return True
    return (
        len(head) >= 6
        and head in norm
        and len(norm) <= len(head) + 40
        and norm[-1:] not in _SENTENCE_END
    )


def _drop_footer(lines: list[Line]) -> list[Line]:
    """Cut at a copyright/disclaimer line or a comments heading in the last part of the
    text, with everything after it; drop copyright lines elsewhere."""
    total = sum(len(line.text) for line in lines) or 1
    copyright = [is_copyright_line(line.text) for line in lines]
    seen = 0
    for i, line in enumerate(lines):
        if seen * 10 >= total * 6 and (copyright[i] or _TAIL_HEADING_RE.match(line.text)):
            lines, copyright = lines[:i], copyright[:i]
            break
        seen += len(line.text)
    return [
        line
        for line, flag in zip(lines, copyright, strict=True)
        if not (flag and len(line.text) < 200)
    ]
