"""Text normalisation before shingling: what stays equal when a story is reprinted.

A reprint keeps the sentences but changes everything around them: the editor
line (责任编辑), the reporter and source lines, share/print widgets left in the
body, punctuation and spacing of the headline. Those are dropped here so that
only the story's own words are compared.
"""

from __future__ import annotations

import re
import unicodedata

# Words that open a credit line: editor, reporter, source, photo credits.
_CREDIT = (
    r"责任编辑|值班编辑|网络编辑|编辑|责编|校对|审核|审校|终审|监制|统筹|策划|制作|"
    r"记者|见习记者|特约记者|通讯员|作者|撰稿|来源|稿源|本文来源|原标题|图片来源|摄影|摄|图|文"
)
_OPEN = r"[\[【（(〔<《]"
_CLOSE = r"[\]】）)〕>》]"

# A whole line that is only a credit, with or without brackets:
# "[责任编辑 赵静 ]", "（记者 张云龙）", "来源：新华社", "编辑：王芳 校对：李明".
_CREDIT_LINE = re.compile(rf"^\s*{_OPEN}?\s*(?:{_CREDIT})\s*[:：\s|｜]")
# A bracketed credit inside a paragraph: "……表示。（记者 张云龙 通讯员 王强）".
_CREDIT_INLINE = re.compile(
    rf"{_OPEN}\s*(?:{_CREDIT})\s*[:：\s][^\[\]【】（）()〔〕]{{0,40}}{_CLOSE}"
)
# Page furniture that survives extraction on some sites: share, print, font size.
_WIDGET_LINE = re.compile(
    r"^\s*[【\[]?\s*(?:分享到|分享|打印|关闭|关闭窗口|纠错|收藏|字体|扫一扫|返回顶部|"
    r"上一篇|下一篇|相关新闻|相关阅读|点击进入|手机看新闻|网站首页|首页)"
)


# Long lines, and sentences, that start like a credit are prose ("记者 近日从……了解到。").
_MAX_CREDIT_LINE = 50
_SENTENCE_END = ("。", "！", "？", "!", "?")


def is_credit_or_widget(line: str) -> bool:
    """True for an editor/reporter/source line or a left-over page widget."""
    line = line.strip()
    if len(line) > _MAX_CREDIT_LINE or line.endswith(_SENTENCE_END):
        return False
    line = unicodedata.normalize("NFKC", line)
    return bool(_CREDIT_LINE.match(line) or _WIDGET_LINE.match(line))


# Everything but letters and digits: spacing, punctuation, symbols, and "_".
_NOT_ALNUM = re.compile(r"[\W_]+")


def story_text(headline: str | None, body: str | None) -> str:
    """The story's own words: headline and body without credit and widget lines.

    The result keeps only letters and digits (NFKC, Latin lower-cased): spacing,
    punctuation and symbols differ between reprints and say nothing about the story.
    """
    kept = [headline or ""]
    for line in (body or "").splitlines():
        if not is_credit_or_widget(line):
            kept.append(_CREDIT_INLINE.sub("", line))
    # Strip first, normalise what is left: NFKC over whole CJK bodies is the slow part.
    text = _NOT_ALNUM.sub("", "".join(kept))
    if not unicodedata.is_normalized("NFKC", text):
        text = _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text))
    return text.lower()
