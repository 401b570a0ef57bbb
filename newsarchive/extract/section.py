"""The breadcrumb above the headline: "您当前的位置 :专题 > 时政会议专题 > …"."""

from __future__ import annotations

import re

from newsarchive.extract.lines import Line

_PREFIX = re.compile(
    r"^.{0,12}?(?:当前位置|您的位置|所在位置|现在的位置|当前的位置|位置|您在这里)\s*[:：]?\s*"
)
_SEPARATOR = re.compile(r"\s*(?:-{1,2}>|>{1,2}|»|＞|›|→|/|\||｜)\s*|\s+[-—–]\s+")
_CRUMB_HINT = re.compile(r"crumb|position|location|path|weizhi|dqwz|current|daohang|local", re.I)
_HOME = frozenset({"首页", "主页", "网站首页", "home", "Home", "HOME", "返回首页"})
# A crumb that is only separators: "南方网 > - > 新闻" once its links are joined.
_ONLY_SEPARATORS = re.compile(r"[-—–>»＞›→/|｜·\s]+")
_ARROW = re.compile(r">|»|＞|›|→")
_LAST = frozenset({"正文", "内容", "详情", "正文内容", "阅读文章"})


def find_section(lines: list[Line], headline_index: int | None, headline: str | None) -> str | None:
    """The breadcrumb trail joined by " > ", home and "正文" dropped; None when none."""
    if headline_index is None:
        return None
    for i in range(headline_index - 1, max(-1, headline_index - 15), -1):
        line = lines[i]
        text = line.text
        if len(text) > 150:
            continue
        hint = f"{line.el.get('class') or ''} {line.el.get('id') or ''}"
        labelled = _PREFIX.match(text)
        parts = _SEPARATOR.split(_PREFIX.sub("", text))
        if labelled and len(parts) == 1:
            parts = parts[0].split()  # links separated only by spaces or images
        hinted = _CRUMB_HINT.search(hint) and len(parts) >= 2
        arrows = len(parts) >= 3 and _ARROW.search(text)
        if not (labelled or hinted or arrows):
            continue
        trail = _trail(parts, headline)
        if trail:
            return trail
    return None


def trail_of(text: str, headline: str | None = None) -> str | None:
    """A breadcrumb text (a profile's section node) as a " > " trail."""
    return _trail(_SEPARATOR.split(_PREFIX.sub("", text)), headline)


def _trail(parts: list[str], headline: str | None) -> str | None:
    parts = [p.strip(" :：") for p in parts if not _ONLY_SEPARATORS.fullmatch(p)]
    for i, part in enumerate(parts):
        if part.startswith("正文"):  # 正文, or 正文 followed by page furniture
            parts = parts[:i]
            break
        if part.endswith(" 正文"):
            parts = [*parts[:i], part[: -len(" 正文")].strip()]
            break
    parts = [p for p in parts if p and p not in _HOME and not p.endswith("首页")]
    while parts and parts[-1] in _LAST:
        parts.pop()
    if parts and headline and parts[-1] == headline:
        parts.pop()
    if not parts or any(len(p) > 30 for p in parts):
        return None
    return " > ".join(parts)
