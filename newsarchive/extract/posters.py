"""Writers of blog and platform posts, named without a byline label.

Blogs and self-media platforms name the writer by markup (``class="author"``,
``up-name``, ``id="author_baidu"``), in the post line (``posted @ 2024-05-09 14:45 X``,
``X 于 2024-05-06 15:47 发布``, ``X 发表于 …``) or in the footer (``Copyright © X``,
``本文版权归 X 所有``). Pen names there are handles (``好看的hk``, ``A-肖老师``), not
only Chinese personal names. These are read only when no byline named anyone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from lxml import etree

from newsarchive.extract.bylines import NON_NAMES, is_surname_name
from newsarchive.extract.dates import find_dates
from newsarchive.extract.lines import Line, fold

# Not "nickname": a WeChat post's nickname is the public account, mostly an outlet.
_AUTHOR_HINT = re.compile(r"author|writer|byline|zuozhe|up-?name|user-?name", re.I)
# Comment, "recent posts" and ad widgets name commenters, other writers and advertisers.
_OTHER_HINT = re.compile(
    r"comment|reply|cmt|review|recent|list|rec|hot|(?:^|[\s_-])ad(?:[\s_-]|$)|advert|sponsor|promo",
    re.I,
)
_LABEL = re.compile(r"^(?:作者|发布者|博主|昵称|楼主|up主|by)\s*[:：]?\s*", re.I)
_HANDLE = re.compile(r"[\w\u4e00-\u9fff·~\-－.]{2,20}")
_OUTLET_END = re.compile(
    r"(?:社|报|网|台|刊|站|局|厅|委|院|部|中心|集团|公司|新闻|杂志|频道|传媒|媒体|平台|出版社|编辑部)$"
)
_NOT_HANDLE = re.compile(
    r"^[\d\W_]+$|https?|www\.|\.(?:com|cn|net|org)\b|"
    # An outlet's name with a desk: 香港電台-財經, 某某日报-要闻.
    r"电台|電台|电视|電視|卫视|衛視|新闻|新聞|日报|日報|晚报|晚報|时报|時報|财经|財經|官方|"
    # A title without a name (本报评论员) is not a pen name either.
    r"记者|评论员|通讯员|编辑|本报|本刊|本网|本台"
)
_HANDLE_WORD_LIST = (
    "匿名 游客 管理员 网友 作者 原作者 本站 本网 本文 编辑 小编 佚名 admin Admin 关注 粉丝 "
    "首页 登录 注册 私信 主页 更多"
)
_HANDLE_WORDS = frozenset(_HANDLE_WORD_LIST.split())
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_MAX_DESCENDANTS = 30
"""Inline elements looked at inside one meta line (the line's element may be a container)."""


def handle(text: str) -> str | None:
    """``text`` as one pen name or handle, or None when it is anything else."""
    text = _LABEL.sub("", fold(text))
    if not _HANDLE.fullmatch(text) or _NOT_HANDLE.search(text):
        return None
    if text in _HANDLE_WORDS or text in NON_NAMES or find_dates(text):
        return None
    if _CJK_ONLY.fullmatch(text) and _OUTLET_END.search(text):
        return None  # 新华社; a handle mixing scripts or dashes (A-肖老师-某学院) is a user's
    return text


def _hinted(el: etree._Element) -> bool:
    if not el.attrib:  # most elements: no attribute to look up
        return False
    return _author_hint(f"{el.get('class') or ''} {el.get('id') or ''}")


@lru_cache(maxsize=1024)
def _author_hint(hint: str) -> bool:
    return bool(_AUTHOR_HINT.search(hint)) and not _OTHER_HINT.search(hint)


def by_markup(lines: list[Line]) -> list[str]:
    """A handle alone in an element marked as the author: ``<span id="author_baidu">王帆``."""
    # A line's element often holds the next lines' elements too. The set keeps the proxies
    # alive: a live proxy is the one lxml returns for its element again.
    seen: set[etree._Element] = set()
    for line in lines:
        if len(line.text) > 100:
            continue
        for el in islice(line.el.iter(), _MAX_DESCENDANTS):
            if el in seen:
                continue  # looked at already, without a name
            seen.add(el)
            if el.tag.__class__ is str and _hinted(el):
                # Spaced, so that a name and its "关注" button do not run together.
                name = handle(" ".join(el.itertext()))
                if name:
                    return [name]
    return []


_POSTED_AT = re.compile(r"^posted\s*(?:@|on|at)?\s*", re.I)
_NAME_THEN_DATE = re.compile(r"^(?P<name>\S{2,24})\s+(?:于|发表于|发布于|posted\s+(?:on|at|@)?)\s*")
_AFTER_DATE = re.compile(r"^\s*(?:by\s+)?(?P<name>\S{2,24})(?=\s|$)", re.I)


def by_post_line(text: str) -> list[str]:
    """The writer in a post line: ``posted @ 2024-05-09 14:45 X`` or ``X 于 2024-05-06 发布``."""
    if len(text) > 100:
        return []
    m = _POSTED_AT.match(text)
    if m:
        rest = text[m.end() :]
        found = find_dates(rest)
        if found and found[0].raw and rest.startswith(found[0].raw):
            after = _AFTER_DATE.match(rest[len(found[0].raw) :])
            name = handle(after["name"]) if after else None
            return [name] if name else []
        return []
    m = _NAME_THEN_DATE.match(text)
    if m:
        found = find_dates(text[m.end() :])
        if found and found[0].raw and text[m.end() :].startswith(found[0].raw):
            name = handle(m["name"])
            return [name] if name else []
    return []


_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<name>[^\s@]+)(?:@\S+)?$",
    re.I,
)
_OWNED_BY = re.compile(r"版权归\s*(?P<name>\S{2,20}?)\s*所有")


_UPPER = re.compile("[A-Z]")


def _owner(name: str) -> str | None:
    """A copyright holder that is a person: a Chinese name, or a handle (not 中国科协, Tencent)."""
    found = handle(name)
    if found is None or _UPPER.search(found):
        return None
    if _CJK_ONLY.fullmatch(found) and not is_surname_name(found):
        return None
    return found


def by_copyright(footer: list[str], tail: list[str]) -> list[str]:
    """A personal site's owner: ``Copyright © 李建忠`` closing the page, ``本文版权归 X 所有``."""
    for text in tail:
        m = _OWNED_BY.search(text) if len(text) <= 100 else None
        name = _owner(m["name"]) if m else None
        if name:
            return [name]
    for text in footer:
        m = _COPYRIGHT.match(text.strip())
        name = _owner(m["name"]) if m else None
        if name:
            return [name]
    return []
