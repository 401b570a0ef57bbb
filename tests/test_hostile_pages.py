"""A hostile-page corpus, generated here: each page goes through extraction and validation.

What must hold: a usable page gives its article; an unusable one is dropped by
the validate pipeline with its reason (an empty body is never stored as a
success); nothing raises. The pages stand for a regional news site; their text
is invented.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsarchive.article_record import page_record
from newsarchive.fingerprint import content_hash
from newsarchive.items import PageItem
from pipelines.validate import NotAnArticle, ValidatePipeline
from tests.pipeline_helpers import make_crawler

URL = "http://www.example.cn/news/2024/05/10/1001.html"
FETCHED = "2024-05-12T12:00:00+08:00"
HEADLINE = "巴彦淖尔市河套灌区春灌工作全面展开"
PARAGRAPHS = [
    "记者从巴彦淖尔市水利部门获悉，河套灌区今年春灌工作已于近日全面展开，"
    "计划引水量比去年同期增加一成，灌溉面积达到六百余万亩。",
    "为保障春灌顺利进行，灌区各级管理单位提前检修闸门和渠道，清理淤积，"
    "并组织技术人员深入田间地头，指导农户科学节水灌溉。",
    "灌区管理部门负责人表示，今年将继续推广高效节水技术，"
    "力争在保障粮食生产用水的同时，进一步减少黄河水的用量。",
]
META = "2024-05-10 08:30 来源：巴彦淖尔日报"


def html(
    body: str | None = None,
    meta: str = META,
    *,
    wrap: bool = True,
    headline: str = HEADLINE,
) -> str:
    """An article page (or, ``wrap=False``, its markup without <html>/<head>/<body>)."""
    if body is None:
        body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    inner = (
        f"<h1>{headline}</h1><div class='info'>{meta}</div>"
        f"<div id='content'>{body}</div><div class='editor'>责任编辑：王海燕</div>"
    )
    if not wrap:
        return inner
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{headline}</title></head>"
        f"<body><div class='nav'><a href='/'>首页</a> <a href='/news/'>新闻</a></div>"
        f"{inner}<div class='footer'>版权所有 2004-2024</div></body></html>"
    )


@pytest.fixture
def validate(tmp_path: Path) -> ValidatePipeline:
    return ValidatePipeline(make_crawler(tmp_path / "news.db", sites="nmgnews"))


def archive(
    validate: ValidatePipeline,
    data: bytes,
    content_type: str = "text/html; charset=utf-8",
    url: str = URL,
) -> tuple[dict[str, Any] | None, list[str]]:
    """(stored record or None, the drop reasons) of one fetched page."""
    page = PageItem(
        site="example", url=url, status=200, headers={"Content-Type": content_type},
        body=data, fetched_at=FETCHED,
    )  # fmt: skip
    record = page_record(page)
    assert not [w for w in record["warnings"] if w.startswith("error:")], record["warnings"]
    try:
        return validate.process_item(record), []
    except NotAnArticle as dropped:
        assert dropped.reasons
        return None, dropped.reasons


def stored_ok(record: dict[str, Any] | None) -> dict[str, Any]:
    assert record is not None
    assert record["headline"] == HEADLINE
    assert record["body"].splitlines() == PARAGRAPHS
    return record


def test_a_clean_page_is_stored(validate) -> None:
    stored_ok(archive(validate, html().encode())[0])


@pytest.mark.parametrize("where", ["<p>", "的", "</div>", "责任编辑"])
def test_truncated_html(validate, where: str) -> None:
    data = html().encode()
    # Cut right after the first paragraph's opening, mid-text, mid-tag or near the end.
    at = data.index(where.encode()) + len(where.encode()) // 2 + 1
    record, reasons = archive(validate, data[:at] if where != "<p>" else data[: at - 1])
    if record is None:
        assert reasons  # the cut left no article: dropped, with the reason
    else:
        assert record["headline"] == HEADLINE
        assert PARAGRAPHS[0][:20] in record["body"]


def test_cut_in_the_middle_of_a_character(validate) -> None:
    data = html().encode("gbk").replace(b"utf-8", b"gbk")
    at = data.index("引水量".encode("gbk")) + 1  # inside a two-byte character
    record, _ = archive(validate, data[:at], "text/html; charset=gbk")
    assert record is not None and "\ufffd" not in record["body"]
    assert record["body"].startswith(PARAGRAPHS[0][:20])


def test_no_html_head_or_body(validate) -> None:
    stored_ok(archive(validate, html(wrap=False).encode())[0])


def test_nesting_5000_deep_keeps_the_text(validate) -> None:
    deep = "<div>" * 5000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 5000
    stored_ok(archive(validate, html(deep).encode())[0])


def test_nesting_5000_deep_without_text_is_never_stored(validate) -> None:
    deep = "<div>" * 5000 + "<span></span>" + "</div>" * 5000
    record, reasons = archive(validate, html(deep).encode())
    assert record is None and "empty body" in reasons


def test_unclosed_nesting_5000_deep(validate) -> None:
    deep = "<div><table><tr><td>" * 1250 + "".join(f"<p>{p}" for p in PARAGRAPHS)
    record, _ = archive(validate, html(deep).encode())
    assert record is not None and PARAGRAPHS[2][:20] in record["body"]


@pytest.mark.slow
def test_a_20_mb_text_node(validate) -> None:
    sentence = "灌区各级管理单位提前检修闸门和渠道，确保春灌用水及时到田。"
    node = sentence * (20 * 1024 * 1024 // len(sentence.encode()))
    data = html(f"<p>{PARAGRAPHS[0]}</p><p>{node}</p>").encode()
    assert len(data) > 20 * 1024 * 1024
    started = time.perf_counter()
    record, _ = archive(validate, data)
    print(f"\n20 MB text node: {time.perf_counter() - started:.1f} s")
    assert record is not None and record["headline"] == HEADLINE
    assert len(record["body"]) > len(node) - 10  # the text is kept, whole


def test_malformed_urls_in_the_page(validate) -> None:
    # urljoin raises ValueError on "http://[x": one bad src must not cost the article.
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "<img src='http://[::1/a.jpg' width=400>"
    page = html(body).replace("<head>", "<head><base href='http://[x'>")
    stored_ok(archive(validate, page.encode())[0])


def test_nul_bytes(validate) -> None:
    data = html().encode().replace("，".encode(), "，".encode() + b"\x00")
    data = data.replace(b"<h1>", b"<h1>\x00")
    record = stored_ok(archive(validate, data)[0])
    assert not any("\x00" in str(value) for value in record.values())


@pytest.mark.parametrize("kind", ["png", "zip", "random"])
def test_binary_served_as_text_html(validate, kind: str) -> None:
    noise = os.urandom(20_000)
    data = {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise,
        "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + noise,
        "random": noise,
    }[kind]
    record, reasons = archive(validate, data)
    assert record is None, record and record["headline"]
    assert reasons


def test_utf16_without_a_bom_served_as_utf8_is_read(validate) -> None:
    # Not binary: full of NUL bytes, but the bytes are right.
    stored_ok(archive(validate, html().encode("utf-16-le"))[0])


def test_zero_width_and_nbsp_soup_hash_like_the_clean_text(validate) -> None:
    soup = [
        p.replace("，", "，&nbsp;\u200b").replace("。", "。\u3000&#8203;&nbsp;") for p in PARAGRAPHS
    ]
    body = "".join(f"<p>&nbsp;&nbsp;\ufeff{p}\u200d&#160;</p>" for p in soup)
    clean, _ = archive(validate, html().encode())
    dirty, _ = archive(validate, html(body).encode())
    assert clean is not None and dirty is not None
    assert dirty["content_hash"] == clean["content_hash"] == content_hash("\n".join(PARAGRAPHS))


def test_several_dates_the_meta_line_wins(validate) -> None:
    body = (
        f"<p>{PARAGRAPHS[0]}</p><p>据2023年5月10日的统计，去年同期引水量较少。</p>"
        f"<p>{PARAGRAPHS[1]}</p><ul class='related'><li><a href='/2024/04/01/9.html'>"
        "灌区冬灌工作结束</a> 2024-04-01</li></ul>"
    )
    record, _ = archive(validate, html(body).encode())
    assert record is not None
    assert record["published_at"] == "2024-05-10T08:30:00+08:00"
    assert record["published_raw"] == "2024-05-10 08:30"


@pytest.mark.parametrize("shown", ["2024-05-13 08:30", "2099-01-01 00:00", "2024年12月31日"])
@pytest.mark.parametrize("url", [URL, "http://www.example.cn/news/show.php?id=1001"])
def test_a_future_date_is_never_stored(validate, shown: str, url: str) -> None:
    page = html(meta=f"{shown} 来源：巴彦淖尔日报").encode()
    record, _ = archive(validate, page, url=url)
    assert record is not None
    fetched = datetime.fromisoformat(FETCHED)
    if record["published_at"] is not None:
        published = datetime.fromisoformat(record["published_at"])
        if published.tzinfo is None:
            published = published.replace(tzinfo=fetched.tzinfo)
        assert published <= fetched
    if url == URL:  # the date in the URL is the fallback
        assert record["published_at"] == "2024-05-10" and "date-from-url" in record["warnings"]
    else:
        assert record["published_at"] is None and "future-date" in record["warnings"]
