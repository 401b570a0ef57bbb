"""Source (来源/稿源) and editor (责任编辑/编辑/责编) from the meta and tail regions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate

from lxml import etree

from newsarchive.extract.bylines import parse_names
from newsarchive.extract.dates import find_dates
from newsarchive.extract.lines import Line, fold

_CJK = "\u4e00-\u9fff"
# 图片来源/数据来源 credit a picture or a figure, not the story.
_SOURCE_LABEL = re.compile(
    r"(?<![图片素材数据资料视频音频])(?:信息|文章|本文|新闻|稿件)?"
    r"(?:(?:来源于|转自)\s*[:：]?\s*"
    r"|(?:来源|稿源|出处|来自|出自)(?:\s*[:：|｜\]】]\s*|\s+|(?=[\[【(（《]))"
    r"|原创\s*[:：]\s*)"
)
_NEXT_LABEL = (
    r"作者|编辑|责任编辑|责编|记者|通讯员|时间|日期|发布|发表|点击|浏览|阅读|评论|字号|字体|"
    r"分享|打印|收藏|举报|更新|http|www\.|北京时间"
)
_SOURCE_VALUE = re.compile(
    r"[\[【(（]?\s*(?P<v>[^\s\[\]【】()（）|｜,，;；:：\"“”'<>]{2,40}?)\s*"
    rf"(?=$|[\s\[\]【】()（）|｜,，;；:：]|{_NEXT_LABEL}|\d{{2,4}}[-年/.]\d)"
)
_ASIDE = re.compile(r"[（(][^\s()（）]{2,20}[）)](?=$|[\s　|｜]|[【\[])")
_PLACEHOLDERS = frozenset(
    {"转载文章", "未知", "佚名", "本站", "本网", "网络", "不详", "暂无", "楼主"}
)
_NOT_SOURCE = re.compile(rf"^(?:{_NEXT_LABEL}|来源|来自)|^[\d.:-]+$|^[-—.·]+$")
_COPYRIGHT = re.compile(r"凡本网|版权|注明|转载请|未经|授权|声明")
# Words every source label holds (来源于 holds 来源): a line without one has no label.
_SOURCE_WORD = re.compile(r"来源|稿源|出处|来自|出自|转自|原创")


def indexes_with(texts: Sequence[str], words: re.Pattern[str]) -> Iterator[int]:
    """Indexes of the texts in which ``words`` finds something, in order.

    One search over the texts joined by newlines instead of one call per text;
    ``words`` must never match a newline (literal words), so a match lies in one text.
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:  # a text holds a newline: by lengths
        ends = list(accumulate(len(text) + 1 for text in texts))  # where the next text starts
        pos = 0
        while (m := words.search(joined, pos)) is not None:
            i = bisect_right(ends, m.start())
            yield i
            pos = ends[i]
        return
    pos = i = 0  # text i starts at pos
    while (m := words.search(joined, pos)) is not None:
        i += joined.count("\n", pos, m.start())  # in C: no Python work per text
        yield i
        pos = joined.find("\n", m.start()) + 1
        if pos == 0:
            return
        i += 1


_LABEL_MARK = re.compile(r"[:：|｜】\]]")


def _labelled_source(line: str) -> str | None:
    if _COPYRIGHT.search(line):
        return None
    for m in _SOURCE_LABEL.finditer(line):
        label = m.group(0)
        value = _SOURCE_VALUE.match(line, m.end())
        if not value:
            continue
        v = value["v"].strip("-—·.。")
        aside = _ASIDE.match(line, value.end("v"))
        if aside:
            v += aside.group(0)  # 荆楚网（湖北日报网）: the outlet's own qualifier
        if label.startswith("来自") and not _LABEL_MARK.search(label):
            continue  # 来自北京市: the poster's location, not a source
        if len(v) >= 2 and not _NOT_SOURCE.search(v):
            return v
    return None


_DATE_OUTLET = re.compile(
    rf"\s*[·|｜/]?\s*(?P<v>[{_CJK}A-Za-z0-9《》〈〉·\-－—]{{2,20}}?)(?=$|\s|{_NEXT_LABEL}|来自)"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_LABEL_START = re.compile(rf"(?:{_NEXT_LABEL}|来自|来源)")


def _outlet_after_date(line: str) -> str | None:
    """``2022-02-13 09:57 光明网`` or ``2024-05-09 22:30·新华社``: the outlet after the date."""
    dates = find_dates(line)
    if not dates:
        return None
    end = line.find(dates[0].raw)
    if end < 0:
        return None
    rest = line[end + len(dates[0].raw) :]
    m = _DATE_OUTLET.match(rest)
    if not m:
        return None
    v = m["v"].strip("-—－·")
    if len(v) < 2 or _NOT_SOURCE.search(v) or not _CJK_CHAR.search(v):
        return None
    tail = rest[m.end() :].strip()
    if tail and not _LABEL_START.match(tail):
        return None
    return v


# 新华社北京5月9日电, 据新华社拉萨电, 人民网北京5月9日电: the agency in the dateline.
_DATELINE = re.compile(
    rf"^\s*[（(【]?\s*据?(?P<org>[{_CJK}]{{1,8}}?(?:社|网|报|台))"
    rf"[{_CJK}]{{0,6}}(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|消息)"
)


# 【草原日报2024年03月02日讯】 / （北疆网5月9日报道）: a bracketed dateline names the
# outlet with the date, so any outlet name counts (no 社/网/报 ending needed).
_BRACKET_DATELINE = re.compile(
    rf"^\s*[【\[（(]\s*(?P<org>[{_CJK}]{{2,8}}?)\s*(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日\s*"
    r"(?:报道|讯|电)\s*[】\]）)]"
)


_OUTLET_LINE = re.compile(rf"[{_CJK}《》〈〉·\-－—]{{2,12}}")
_NOT_OUTLET = re.compile(
    r"阅读|文章|举报|反馈|正文|下载|客户端|关注|分享|播报|收藏|评论|首页|返回|打开|立即|抢先|点击|扫码"
)


def _outlet_above_date(below: list[str]) -> str | None:
    """Portal layouts put the outlet alone on the line above the date: 法新社 / 2024年5月20日."""
    for i, line in enumerate(below[:4]):
        if find_dates(line):
            if i == 0:
                return None
            above = below[i - 1].strip()
            ok = _OUTLET_LINE.fullmatch(above) and not _NOT_OUTLET.search(above)
            return above if ok else None
    return None


_LABEL_ONLY = re.compile(r"^(?:来源|稿源|出处|信息来源|发文机关|发布机构)\s*[:：]$")
_LABEL_WORD = re.compile(r"来源|稿源|出处|发文机关|发布机构")
_CITATION = re.compile(r"^[—-]{1,2}\s*(《[^》]{2,20}》)")


def label_cell(lines: list[str]) -> str | None:
    """Table layouts put the label and the value in two cells: 发文机关： | 吉林省人民政府."""
    for i in indexes_with(lines[:-1], _LABEL_WORD):
        value = lines[i + 1]
        if _LABEL_ONLY.match(lines[i]) and 2 <= len(value) <= 30 and not find_dates(value):
            return value
    return None


def _citation(lines: list[str]) -> str | None:
    """A reprint's sign-off names the publication: ——《北疆》2024年3月号."""
    for line in lines:
        m = _CITATION.match(line)
        if m and len(line) <= 40:
            return m.group(1)
    return None


_SOURCE_HINT = re.compile(r"source|laiyuan|\bfrom\b|media[-_]?name", re.I)


def source_by_markup(lines: list[Line]) -> str | None:
    """An outlet name alone in an element marked as the source (class="source")."""
    for line in lines:
        hint = f"{line.el.get('class') or ''} {line.el.get('id') or ''}"
        text = line.text.strip()
        marked = _SOURCE_HINT.search(hint)
        if marked and _OUTLET_LINE.fullmatch(text) and not _NOT_OUTLET.search(text):
            return text
    return None


def find_source(
    meta: list[str],
    tail: list[str],
    doc: etree._Element | None = None,
    head: list[str] = (),
    below: list[str] = (),
) -> str | None:
    """来源 value from the meta lines, else the outlet after the date, else the tail lines,
    else an outlet alone on the line above the date, else the agency of the body's
    dateline (新华社北京5月9日电), else <meta name=source>.

    ``below`` are the lines right under the headline. A placeholder (转载文章) is
    kept only when nothing better is shown.
    """
    placeholder = None
    for lines in (meta, None, tail):
        if lines is None:
            value = next((v for v in map(_outlet_after_date, meta[:3]) if v), None)
            if value:
                return value
            continue
        for i in indexes_with(lines, _SOURCE_WORD):
            line = lines[i]
            if len(line) > 150:
                continue
            value = _labelled_source(line)
            if value in _PLACEHOLDERS:
                placeholder = placeholder or value
            elif value:
                return value
    value = _outlet_above_date(below) or label_cell(meta) or _citation(tail)
    if value:
        return value
    for line in head:
        m = _DATELINE.match(line) or _BRACKET_DATELINE.match(line)
        if m and m["org"] not in ("本报", "本网", "本台", "本刊"):
            return m["org"]
    if doc is not None:
        for el in doc.iter("meta"):
            key = (el.get("name") or el.get("property") or "").lower()
            if key in ("source", "article:source", "og:source", "contentsource"):
                value = fold(el.get("content"))
                if value and len(value) <= 40:
                    return value
    return placeholder


# 选稿 (story selection) is the editor on several portals (eastday).
_EDITOR_LABEL = re.compile(r"(?:责任编辑|责编|编辑|审核|选稿)(?:\s*[:：/\]】]\s*|\s+)")
_EDITOR_WORD = re.compile(r"编辑|责编|审核|选稿")


def find_editors(lines: list[str], first_only: bool = False) -> list[str]:
    """Names after 责任编辑/编辑/责编/审核 labels, in order, without staff codes.

    ``first_only``: stop at the first line naming an editor (a page-wide search).
    """
    found: list[str] = []
    for i in indexes_with(lines, _EDITOR_WORD):
        line = lines[i]
        if len(line) > 120 or _COPYRIGHT.search(line):
            continue
        for m in _EDITOR_LABEL.finditer(line):
            if line[m.start() - 1 : m.start()] in ("部", "者"):  # 编辑部, 作者编辑
                continue
            for name in parse_names(line[m.end() :], editors=True):
                if name not in found:
                    found.append(name)
        if first_only and found:
            break
    return found
