"""Personal names in bylines: 作者/记者/通讯员/文/ lines and (记者张云龙) groups.

Titles (记者, 本报记者, 通讯员, 实习生) are stripped, organisations before a title
(新华社记者 X, 本报记者 X) are not names, photo credits (X 摄) are not authors, and a
byline inside running text ("记者了解到") is not a byline: only meta lines, short
lines and parenthesised groups are read.
"""

from __future__ import annotations

import re

_CJK = "\u4e00-\u9fff"
# Words that end a run of names (what follows a byline) or are never names.
_AFTER_NAME = (
    r"发自|报道|摄影|摄|系|供稿|责任编辑|整理|编译|综合|电|来源|编辑|责编|审核|选稿|校对|排版|美编|审校|设计|"
    r"统筹|策划|监制|出品|制作|翻译|译|等|和|与|及"
)
# An outlet may precede the title: 政能亮特约评论员 韩涵, 新华社记者 邹伟.
_AUTHOR_TITLE = re.compile(
    r"[\u4e00-\u9fff·]{0,10}?(?:本报|本刊|特约|见习|实习|首席|驻[^\s]{1,4})?"
    r"(?:记者|通讯员|实习生|作者|撰稿|撰文|评论员)\s*[:：]?\s*"
)
_EDITOR_TITLE = re.compile(r"(?:责任编辑|编辑|责编|审核|选稿)\s*[:：]?\s*")
# Words that look like names after a label but are page furniture or verbs.
_NON_NAME_WORDS = (
    "发表 收藏 举报 推荐 删除 链接 修改 评论 分享 打印 关闭 返回 顶部 "
    "登录 注册 更多 查看 点击 阅读 本报 本刊 本网 本站 转载 原创 未知 "
    "佚名 网友 不详 暂无 admin 发布 联系 简介 其他 文章 了解 了解到 "
    "获悉 近日 日前 今天 昨天 表示 介绍 来到 走访 采访 看到 发现 注意 "
    "一行 发自 报道 摄影 来源 编辑 责编 审核 排版 记者 作者 发表于 "
    "分享到 全文 摘要 组图 视频 图文 待续 完 续 原文 详情 访问 统计 "
    "访问统计 时间 日期 字号 字体 标题 正文 关键词 关键字 展开 收起 全部 关注 置顶 "
    "精选 热门 最新 官博 官微 官网 单位 楼主 "
)
_NON_NAMES = frozenset(_NON_NAME_WORDS.split())
NON_NAMES = _NON_NAMES
_NAME = re.compile(
    # Mongolian, Tibetan and Uyghur names run to six characters or carry a middle dot.
    rf"(?:(?P<cjk>[{_CJK}]{{1,6}}·[{_CJK}]{{1,8}}|[{_CJK}]{{2,6}}?)"
    rf"(?=$|[\s、,，;；/()（）\]】|｜:：。.!！?？_]|[A-Za-z]{{1,4}}\d|{_AFTER_NAME})"
    rf"|(?P<pair>[{_CJK}])\s+(?P<pair2>[{_CJK}])(?=$|[\s、,，;；/)）\]】|｜:：])"
    r"|(?P<latin>[A-Za-z][A-Za-z0-9_.-]{1,24})(?![=\w]))"
)
# 丨 (U+4E28) is a CJK character used as a bar: 文丨韩涵.
_SEP = re.compile(r"[\s、,，;；/|｜丨·]+")
_STAFF_CODE = re.compile(r"[\s_（(]*[A-Za-z]{1,4}\d{2,6}[)）]?(?![\w])")
_NOT_IN_LONG_NAMES = re.compile(r"[者的了是在供图文报社网台说从对为]")
_ORG = re.compile(r"(?:社|报|网|台|刊|站|局|厅|委|院|部|中心|集团|公司|新闻|杂志|频道|客户端)$")
_LATIN_ALIAS = re.compile(r"\s*[(（](?P<alias>[A-Z][a-z]+(?:[ .'-]+[A-Z][a-z]+)+)[)）]")
_PLACE_AFTER = re.compile(r"(?:发自|报道|电)")
_AFTER_NAME_START = re.compile(_AFTER_NAME)
# A colon after a name: a label (流泉 访问统计：), or a speaker opening a headline (王芳：).
_LABEL_COLON = re.compile(r"\s*[:：]")


def parse_names(text: str, editors: bool = False) -> list[str]:
    """The names at the start of ``text`` (after its label), up to the first non-name.

    ``王乐文 方 敏`` gives 王乐文, 方敏; ``实习记者 樊亮 记者惠禾`` gives 樊亮, 惠禾;
    staff codes (``支全明 SF099``, ``李曦_NN2587``) are dropped. ``editors``
    switches the titles skipped between names from 记者/通讯员 to 编辑/责编.
    """
    title_re = _EDITOR_TITLE if editors else _AUTHOR_TITLE
    names: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        sep = _SEP.match(text, pos)
        if sep:
            pos = sep.end()
            continue
        title = title_re.match(text, pos)
        if title:
            pos = title.end()
            continue
        code = _STAFF_CODE.match(text, pos)
        if code and names:
            pos = code.end()
            continue
        m = _NAME.match(text, pos)
        if not m:
            break
        name = m["cjk"] or (m["pair"] + m["pair2"] if m["pair"] else m["latin"])
        if name in _NON_NAMES or name[:2] in _NON_NAMES or _ORG.search(name):
            break  # furniture, or an outlet (新华社): outlets are sources, never authors
        if len(name) > 4 and "·" not in name and _NOT_IN_LONG_NAMES.search(name):
            break  # 文受访者供图: words, not a long (Mongolian, Tibetan) name
        if (names or len(name) >= 4) and not name.isascii() and _PLACE_AFTER.match(text, m.end()):
            if not names and _two_run_together(name):
                names += [name[:2], name[2:]]  # 本报记者罗科苏盈发自北京: two names, no space
            break  # 彭冲 包头报道, 山东冠县报道: a place, not a name
        if names and _LABEL_COLON.match(text, m.end()):
            break  # 流泉 访问统计：…: a label, not a second name
        pos = m.end()
        alias = _LATIN_ALIAS.match(text, pos) if m["cjk"] else None
        if alias:
            name = f"{name} ({alias['alias']})"  # 周思博 (Joel Spolsky): a translated writer
            pos = alias.end()
        names.append(name)
        rest = _SEP.sub("", text[pos : pos + 8])
        if _AFTER_NAME_START.match(rest) and not title_re.match(rest):
            break
    return names


_BYLINE_LABEL = re.compile(
    r"(?:(?:见习|实习|特约|首席|本报|本刊)?(?:记者|评论员)|通讯员|实习生|作者|撰稿|撰文|执笔人?"
    r"|文\s*[/｜|丨]|文图\s*[/｜|丨])(?P<sep>\s*[:：\]】]?\s*)"
)
# Words every byline label holds (撰文 and 文图 hold 文): a cheap test before the label regex,
# which has no fixed first character and is tried at every position.
_BYLINE_WORD = re.compile(r"记者|评论员|通讯员|实习生|作者|撰稿|执笔|文")
_GROUP = re.compile(r"[(（]([^()（）]{2,60})[)）]")
_COLON_MARK = re.compile("[:：]")
_PHOTO_CREDIT = re.compile(rf"^[{_CJK}\s、,，]{{2,24}}?\s*摄(?![{_CJK}])")


def _is_photo_credit(rest: str) -> bool:
    return bool(_PHOTO_CREDIT.match(rest))


def names_after_labels(text: str, anywhere: bool, in_group: bool = False) -> list[str]:
    """Names following each byline label in ``text``.

    With ``anywhere`` False the label must open the text or a clause (after an
    organisation name like 新华社/本报, or a dateline like 北京5月9日电).
    """
    found: list[str] = []
    if not _BYLINE_WORD.search(text):
        return found
    for m in _BYLINE_LABEL.finditer(text):
        before = text[: m.start()]
        if not anywhere and not _opens_byline(before):
            continue
        rest = text[m.end() :]
        if _is_photo_credit(rest):
            continue
        names = parse_names(rest)
        if not names and "作者" in m.group(0) and _COLON_MARK.search(m["sep"]):
            names = _described_writer(rest) or _outlet_as_author(rest)
        bare = not m["sep"] and not m.group(0).startswith("文") and not in_group
        if names and bare and not is_surname_name(names[0]):
            # 记者了解到 / 作者手记: with nothing between label and word, only a real
            # surname makes it a byline.
            continue
        found.extend(n for n in names if n not in found)
    return found


# 作者：某某中心研究部部长、研究员徐占忱: the writer's affiliation and titles come first.
_TITLE_BEFORE_NAME = re.compile(
    r"(?:研究员|教授|讲师|博士|主任|院长|所长|部长|处长|会长|理事长|秘书长|总监|经理|分析师|"
    rf"经济学家|律师|医师|主编)(?P<name>[{_CJK}]{{2,3}})(?=$|[\s）)，,。；;])"
)
# 作者：新京报: an outlet the page explicitly names as the writer.
_OUTLET_WRITER = re.compile(rf"(?P<org>[{_CJK}]{{2,10}}?(?:社|报|网|台))(?=$|[\s|｜,，;；])")
_CLOSE_PAREN = re.compile(r"[)）]")
_OPENER = re.compile(rf"(?:^|[\s（(【\[|｜·,，、])[{_CJK}A-Za-z·]{{0,12}}\s*$")


def _described_writer(rest: str) -> list[str]:
    """The name closing a 作者 description: ``…研究部部长、研究员徐占忱）``."""
    clause = _CLOSE_PAREN.split(rest[:100], maxsplit=1)[0]
    found = [m["name"] for m in _TITLE_BEFORE_NAME.finditer(clause)]
    return found[-1:] if found and is_surname_name(found[-1]) else []


def _outlet_as_author(rest: str) -> list[str]:
    m = _OUTLET_WRITER.match(rest.strip())
    if not m or _BYLINE_LABEL.search(rest.strip()[m.end() :]):
        return []  # 作者：内蒙古日报 记者 王芳: the outlet of the named reporter
    return [m["org"]]


def _opens_byline(before: str) -> bool:
    """Only an organisation, a dateline or punctuation precedes the label."""
    tail = before[-24:]
    if not tail.strip(" \u3000□■●◆"):
        return True
    return bool(_OPENER.search(tail))


def authors_from_lines(lines: list[str], anywhere: bool = True) -> list[str]:
    """Authors named in short meta or byline lines."""
    found: list[str] = []
    for line in lines:
        if len(line) > 60 and not anywhere:
            continue
        for name in names_after_labels(line, anywhere):
            if name not in found:
                found.append(name)
    return found


def authors_from_groups(text: str) -> list[str]:
    """Authors in parenthesised bylines: 本报讯（记者 叶婉）, ……（记者张云龙）."""
    found: list[str] = []
    for m in _GROUP.finditer(text):
        group = m.group(1)
        if not _BYLINE_LABEL.search(group):
            continue
        for name in names_after_labels(group, anywhere=False, in_group=True):
            if name not in found:
                found.append(name)
    return found


_NAME_RUN = r"((?:[\u4e00-\u9fff]{2,3}[\s、,，]*){1,4})"
# ……（常书香 马丹阳 ）/ ……（姚峰 上海报道）closing the body.
_CLOSING_GROUP = re.compile(rf"[(（]\s*{_NAME_RUN}\s*[)）]\s*$")
# 新华社北京5月19日电（刘艺、杨吉）: a bare name group right after the dateline.
_DATELINE_GROUP = re.compile(rf"电\s*[(（]\s*{_NAME_RUN}\s*[)）]")
# BUSINESS.SOHU.COM 2004年7月16日08:19 [ 黄宇 ] 来源：…: a bare bracketed name in a meta line.
# 【时间】2011-10-14 is a label: the bracket must stand alone.
_BRACKET_GROUP = re.compile(rf"(?<![:：\w])\s*[\[【]\s*{_NAME_RUN}\s*[\]】](?=\s|$)")


_RUN_SEP = re.compile(r"[\s、,，]+")
_FILED = re.compile(r"(?:报道|电)$")


def _bare_names(run: str) -> list[str]:
    names = [n for n in _RUN_SEP.split(run) if n]
    if names and _FILED.search(names[-1]):
        names.pop()  # 上海报道: where it was filed from
    ok = all(len(n) <= 3 and is_surname_name(n) and n not in _NON_NAMES for n in names)
    return names if names and ok else []


def authors_closing_group(text: str) -> list[str]:
    """A bare group of names closing the body: ……过廉洁之年。（常书香 马丹阳 ）."""
    if not text.rstrip().endswith((")", "）")):
        return []  # the group closes the text: no search through a whole paragraph
    m = _CLOSING_GROUP.search(text)
    return _bare_names(m.group(1)) if m else []


def authors_dateline_group(text: str) -> list[str]:
    """Names in a bare group after the dateline: 新华社北京5月19日电（刘艺、杨吉）."""
    m = _DATELINE_GROUP.search(text[:60])
    return _bare_names(m.group(1)) if m else []


_CJK_RUN = re.compile(rf"[{_CJK}]+")
_PEN_NAME = re.compile(rf"[{_CJK}·]+")


def author_alone(line: str) -> list[str]:
    """A line that is nothing but a personal name, as set under a headline: 胡平."""
    line = line.strip()
    ok = 2 <= len(line) <= 3 and is_surname_name(line) and line not in _NON_NAMES
    return [line] if ok and _CJK_RUN.fullmatch(line) else []


def headline_writer(line: str, headline: str) -> list[str]:
    """A pen name alone under the headline that also opens it: 沙枣：我的第一个牧场 / 沙枣.

    Any pen name (not only a surname and a name) counts: the headline confirms it.
    A quoted speaker (王芳：…) is not repeated alone on a line of its own.
    """
    line = line.strip()
    ok = 2 <= len(line) <= 4 and _PEN_NAME.fullmatch(line) and line not in _NON_NAMES
    # The headline opens with the line then a colon (no regex compiled per line).
    opens = ok and headline.startswith(line) and _LABEL_COLON.match(headline, len(line))
    return [line] if opens else []


def authors_bracketed(text: str) -> list[str]:
    """A bracketed bare name in a meta line: 2004年7月16日08:19 [ 黄宇 ] 来源：…."""
    found: list[str] = []
    for m in _BRACKET_GROUP.finditer(text):
        found.extend(n for n in _bare_names(m.group(1)) if n not in found)
    return found


# Common Chinese surnames (single and compound), for bylines written without a separator.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟"
    "艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞"
    "姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕"
    "楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣"
    "晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉"
    "银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_COMPOUND = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "轩辕",
    "呼延",
    "万俟",
)


def _two_run_together(name: str) -> bool:
    """Four characters that read as two two-character names (罗科苏盈), not one compound."""
    return (
        len(name) == 4
        and not name.startswith(_COMPOUND)
        and name[0] in _SURNAMES
        and name[2] in _SURNAMES
    )


def is_surname_name(name: str) -> bool:
    """True for a 2-4 character name starting with a common Chinese surname."""
    return 2 <= len(name) <= 4 and (name[0] in _SURNAMES or name.startswith(_COMPOUND))
