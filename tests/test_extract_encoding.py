"""decode_html: the bytes decide, labels (header, <meta>, BOM) are only hints."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.extract.encoding import decode_html, labels, normalise_label

SIMPLIFIED = (
    "呼和浩特市今年新建改建城市道路四十二条，新增公交线路十一条，"
    "市民出行更加便捷。市交通局负责人表示，明年将继续推进老旧小区停车场建设。"
)
# 𠮷 exists only in GB18030 (four-byte form), not in GBK.
GB18030_ONLY = SIMPLIFIED + "吉祥的“𠮷”字。"
TRADITIONAL = (
    "臺北市政府今日宣布，明年起擴大公共運輸補助，並增設自行車道與無障礙設施，"
    "市民對於交通改善計畫普遍表示支持。"
)

TEXTS = {"utf-8": SIMPLIFIED, "gbk": SIMPLIFIED, "gb18030": GB18030_ONLY, "big5": TRADITIONAL}
EXPECTED_CODEC = {"utf-8": "utf-8", "gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs"}


def page(text: str, head: str = "") -> str:
    return (
        f"<html><head>{head}<title>News</title></head>"
        f"<body><div id='content'><p>{text}</p></div></body></html>"
    )


def placements(charset: str) -> dict[str, tuple[str, str | None, bytes]]:
    """label placement -> (<head> markup, Content-Type header, BOM)."""
    return {
        "header": ("", f"text/html; charset={charset}", b""),
        "meta-charset": (f'<meta charset="{charset}">', None, b""),
        "meta-http-equiv": (
            f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
            None,
            b"",
        ),
        "nowhere": ("", None, b""),
    }


CASES = [
    (enc, where)
    for enc in TEXTS
    for where in ("header", "meta-charset", "meta-http-equiv", "nowhere")
]


@pytest.mark.parametrize(("enc", "where"), CASES)
def test_matrix_label_or_bytes_right(enc: str, where: str) -> None:
    text = TEXTS[enc]
    head, content_type, bom = placements(enc)[where]
    data = bom + page(text, head).encode(enc)
    decoded = decode_html(data, content_type)
    assert text in decoded.text
    assert "\ufffd" not in decoded.text
    assert decoded.encoding == EXPECTED_CODEC[enc]
    assert decoded.bad is False


def test_utf8_bom_wins_over_a_wrong_meta() -> None:
    data = codecs.BOM_UTF8 + page(SIMPLIFIED, '<meta charset="gbk">').encode("utf-8")
    decoded = decode_html(data, "text/html; charset=big5")
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith("<html>")
    assert SIMPLIFIED in decoded.text


@pytest.mark.parametrize("bom_codec", ["utf-16-le", "utf-16-be"])
def test_utf16_bom(bom_codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if bom_codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode_html(bom + page(SIMPLIFIED).encode(bom_codec))
    assert SIMPLIFIED in decoded.text
    assert not decoded.bad


@pytest.mark.parametrize(
    ("enc", "header", "meta"),
    [
        ("gbk", "utf-8", None),  # GBK served as UTF-8 (Scrapy would produce U+FFFD)
        ("gbk", None, "utf-8"),
        ("gbk", "utf-8", "utf-8"),
        ("utf-8", None, "gb2312"),  # UTF-8 page still declaring gb2312
        ("utf-8", "gbk", "gb2312"),
        ("gb18030", "utf-8", "iso-8859-1"),
        ("gbk", "iso-8859-1", None),  # Western label on a Chinese page
        ("big5", "utf-8", None),
        ("utf-8", "big5", None),
        ("gbk", "utf-8", "gbk"),  # header and meta disagree: the one that decodes wins
    ],
)
def test_contradicting_labels(enc: str, header: str | None, meta: str | None) -> None:
    text = TEXTS[enc]
    head = f'<meta charset="{meta}">' if meta else ""
    content_type = f"text/html; charset={header}" if header else None
    decoded = decode_html(page(text, head).encode(enc), content_type)
    assert text in decoded.text
    assert "\ufffd" not in decoded.text
    assert decoded.encoding == EXPECTED_CODEC[enc]
    assert not decoded.bad


def test_crawl_wrapper_encoding_attribute_is_a_hint() -> None:
    data = f'<text id="http://example.cn/a.html" title="t" encoding="big5">\n{page(TRADITIONAL)}'
    decoded = decode_html(data.encode("big5"))
    assert TRADITIONAL in decoded.text
    assert decoded.encoding == "big5hkscs"


def test_xml_declaration_encoding() -> None:
    data = '<?xml version="1.0" encoding="gb2312"?>' + page(SIMPLIFIED)
    decoded = decode_html(data.encode("gbk"))
    assert SIMPLIFIED in decoded.text
    assert decoded.encoding == "gb18030"


def test_a_truncated_gbk_page_is_not_bad() -> None:
    # A fetch cut off in the middle of a two-byte character.
    data = ("<html><body><p>" + SIMPLIFIED * 5).encode("gbk") + "市".encode("gbk")[:1]
    decoded = decode_html(data)
    assert decoded.encoding == "gb18030"
    assert SIMPLIFIED in decoded.text
    assert not decoded.bad


def test_mojibake_is_flagged_bad() -> None:
    # GBK text with a 0xFF byte (invalid in UTF-8 and GB18030) every three bytes.
    gbk = (SIMPLIFIED * 3).encode("gbk")
    data = b"<html><body><p>" + b"".join(gbk[i : i + 3] + b"\xff" for i in range(0, len(gbk), 3))
    decoded = decode_html(data, "text/html; charset=utf-8")
    assert decoded.bad


def test_ascii_page() -> None:
    decoded = decode_html(b"<html><body><p>plain</p></body></html>")
    assert decoded.text.endswith("</html>")
    assert decoded.encoding == "utf-8"
    assert not decoded.bad


def test_labels_are_normalised_to_superset_codecs() -> None:
    assert normalise_label("GB2312") == "gb18030"
    assert normalise_label("x-gbk") == "gb18030"
    assert normalise_label("'utf8'") == "utf-8"
    assert normalise_label("no-such-charset") is None
    data = b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    assert labels(data, "text/html; charset=UTF-8") == ["utf-8", "gb18030"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([None, "text/html; charset=utf-8", "x; charset="]))
def test_never_raises(data: bytes, content_type: str | None) -> None:
    decoded = decode_html(data, content_type)
    assert isinstance(decoded.text, str)
