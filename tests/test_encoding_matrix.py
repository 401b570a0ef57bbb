"""The encoding matrix, as stored: charset in header / meta / BOM / nowhere × UTF-8 / GBK /
GB18030 / Big5, labels right, wrong and contradicting each other.

tests/test_extract_encoding.py checks ``decode_html`` on its own; this goes
through what a crawl does with a page (extract pipeline, then validate) and
looks at the stored record: wherever a label or the bytes themselves are
right, the stored text is the text written, with 0 U+FFFD. Bytes no codec
reads are flagged (``bad-encoding``) and dropped, never stored.
"""

from __future__ import annotations

import codecs
import itertools
from pathlib import Path
from typing import Any

import pytest

from newsarchive.article_record import page_record
from newsarchive.items import PageItem
from pipelines.validate import NotAnArticle, ValidatePipeline
from tests.pipeline_helpers import make_crawler

HEADLINE = {
    "simplified": "乌兰察布市新建改建农村公路一千二百公里",
    "traditional": "臺中市擴大公共運輸補助",
}
TEXT = {
    "simplified": (
        "记者从乌兰察布市交通运输局获悉，今年全市新建改建农村公路一千二百公里，"
        "新增通客车建制村三十六个，群众出行条件明显改善。交通部门表示，明年将继续实施"
        "农村公路提质改造工程，重点解决偏远牧区道路通行问题。"
    ),
    # 𠮷 exists only in GB18030 (four bytes), not in GBK.
    "gb18030-only": (
        "记者从乌兰察布市交通运输局获悉，“𠮷”字路牌已更换完毕，今年新建农村公路一千二百公里，"
        "新增通客车建制村三十六个，群众出行条件明显改善。"
    ),
    "traditional": (
        "臺中市政府今日宣布，明年起擴大公共運輸補助，並增設自行車道與無障礙設施，"
        "市民對於交通改善計畫普遍表示支持。交通局表示，將持續檢討公車路線與班次。"
    ),
}
ENCODINGS = {"utf-8": "simplified", "gbk": "simplified", "gb18030": "gb18030-only"}
ENCODINGS["big5"] = "traditional"
BOMS = {"utf-8": codecs.BOM_UTF8, "gb18030": "\ufeff".encode("gb18030")}
WRONG = {"utf-8": "gbk", "gbk": "utf-8", "gb18030": "big5", "big5": "gbk"}
URL = "http://www.example.cn/2024/05/10/1001.html"


def page(enc: str, meta: str | None) -> bytes:
    kind = ENCODINGS[enc]
    headline = HEADLINE["traditional" if kind == "traditional" else "simplified"]
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    html = (
        f"<html><head>{head}<title>{headline}</title></head><body><h1>{headline}</h1>"
        f"<div class='info'>2024-05-10 08:30</div><div id='content'><p>{TEXT[kind]}</p>"
        f"<p>{TEXT[kind]}</p></div></body></html>"
    )
    return html.encode(enc)


def cases() -> list[tuple[str, str | None, str | None, str | None]]:
    """(bytes' encoding, header label, meta label, BOM's encoding) combinations."""
    found = []
    for enc in ENCODINGS:
        right, wrong = enc, WRONG[enc]
        for header, meta in itertools.product((None, right, wrong), repeat=2):
            found.append((enc, header, meta, None))
        if enc in BOMS:
            found += [(enc, None, None, enc), (enc, wrong, wrong, enc)]
    # A UTF-8 BOM left in front of legacy bytes (a template saved as UTF-8 with BOM).
    found += [(enc, None, None, "utf-8") for enc in ("gbk", "big5")]
    return found


@pytest.fixture(scope="module")
def validate(tmp_path_factory) -> ValidatePipeline:
    return ValidatePipeline(make_crawler(Path(tmp_path_factory.mktemp("enc")) / "news.db"))


def store(
    validate: ValidatePipeline, data: bytes, header: str | None
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """(stored record or None when dropped, the extracted record)."""
    content_type = f"text/html; charset={header}" if header else "text/html"
    page_item = PageItem("example", URL, 200, {"Content-Type": content_type}, data, "2024-05-12")
    record = page_record(page_item)
    try:
        return validate.process_item(dict(record)), record
    except NotAnArticle:
        return None, record


@pytest.mark.parametrize(("enc", "header", "meta", "bom"), cases())
def test_stored_text_is_the_text_written(
    validate, enc: str, header: str | None, meta: str | None, bom: str | None
) -> None:
    data = (BOMS[bom] if bom else b"") + page(enc, meta)
    stored, record = store(validate, data, header)
    assert stored is not None, record["warnings"]
    assert "\ufffd" not in stored["body"] + stored["headline"]
    assert stored["body"].splitlines() == [TEXT[ENCODINGS[enc]]] * 2


def mixed_halves() -> bytes:
    """A page whose first half is GBK and second half UTF-8: no single codec reads it."""
    text = TEXT["simplified"] * 3
    return page("gbk", None)[:400] + text.encode("gbk") + text.encode("utf-8") + b"</p></body>"


def sprinkled() -> bytes:
    """GBK text with a 0xFF byte (invalid everywhere) every three bytes."""
    gbk = (TEXT["simplified"] * 3).encode("gbk")
    return b"<html><body><h1>x</h1><p>" + b"".join(
        gbk[i : i + 3] + b"\xff" for i in range(0, len(gbk), 3)
    )


@pytest.mark.parametrize("data", [mixed_halves(), sprinkled()], ids=["mixed-halves", "sprinkled"])
@pytest.mark.parametrize("header", [None, "utf-8", "gbk"])
def test_bytes_no_codec_reads_are_flagged_not_stored(
    validate, data: bytes, header: str | None
) -> None:
    stored, record = store(validate, data, header)
    if stored is not None:  # read cleanly after all: then without damage
        assert "\ufffd" not in stored["body"]
    else:
        assert "bad-encoding" in record["warnings"]
