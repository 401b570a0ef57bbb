from pathlib import Path

from newsarchive.fingerprint import content_hash
from newsarchive.items import PageItem
from pipelines.extract import ExtractPipeline
from tests.pipeline_helpers import make_crawler

PAGE = """<html><head><title>旗县推广节水灌溉_内蒙古新闻网</title></head><body>
<div id="div2">旗县推广节水灌溉</div>
<div id="div3">内蒙古新闻网 23-05-06 09:30 来源: 内蒙古日报</div>
<div id="div_content"><p>今年春播以来，旗里推广滴灌技术的农田面积继续扩大。</p>
<p>农技人员在田间地头讲解设备的使用和维护方法，帮助农户算清节水账。</p>{more}</div>
<div>[责任编辑 李华 ]</div></body></html>"""
URL = "http://inews.nmgnews.com.cn/system/2023/05/06/013456789.shtml"


def page(url: str, more: str = "") -> bytes:
    return PAGE.replace("{more}", more).encode("gb18030")


def test_page_becomes_record(tmp_path: Path) -> None:
    item = PageItem(
        site="nmgnews",
        url=URL + "?utm_source=feed",
        status=200,
        headers={"Content-Type": "text/html"},
        body=page(URL),
        fetched_at="2023-05-06T12:00:00+08:00",
    )
    record = ExtractPipeline(make_crawler(tmp_path / "n.db")).process_item(item)
    assert record["site"] == "nmgnews"
    assert record["canonical_url"] == URL
    assert record["headline"] == "旗县推广节水灌溉"
    assert record["published_at"] == "2023-05-06T09:30:00+08:00"
    assert record["fetched_at"] == "2023-05-06T12:00:00+08:00"
    assert record["content_hash"] == content_hash(record["body"])
    assert record["body"].startswith("今年春播以来")
    assert record["_page"] is item


def test_continuation_pages_are_merged(tmp_path: Path) -> None:
    second = page(URL, "<p>第二页的内容讲述了合作社的做法。</p>")
    item = PageItem(
        site="nmgnews",
        url=URL,
        status=200,
        headers={},
        body=page(URL),
        fetched_at="2023-05-06T12:00:00+08:00",
        continuation=[(URL.replace(".shtml", "_2.shtml"), second, {})],
    )
    record = ExtractPipeline(make_crawler(tmp_path / "n.db")).process_item(item)
    assert record["body"].startswith("今年春播以来")
    assert record["body"].rstrip().endswith("第二页的内容讲述了合作社的做法。")


def test_other_items_pass_through(tmp_path: Path) -> None:
    other = {"canonical_url": "x"}
    assert ExtractPipeline(make_crawler(tmp_path / "n.db")).process_item(other) is other
