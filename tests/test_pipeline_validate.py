from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from newsarchive.article_record import problems
from pipelines.validate import ValidatePipeline
from tests.pipeline_helpers import make_crawler, stat

GOOD = {
    "site": "nmgnews",
    "url": "http://x/1",
    "headline": "标题",
    "body": "正文。",
    "warnings": [],
}


def test_good_record_passes(tmp_path: Path) -> None:
    crawler = make_crawler(tmp_path / "n.db")
    assert ValidatePipeline(crawler).process_item(dict(GOOD)) == GOOD
    assert stat(crawler, "nmgnews", "failures") == 0


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"body": ""}, "empty body"),
        ({"body": " \n "}, "empty body"),
        ({"headline": None}, "no headline"),
        ({"warnings": ["bad-encoding"]}, "bad-encoding"),
    ],
)
def test_unusable_records_are_dropped_and_counted(
    tmp_path: Path, change: dict, reason: str
) -> None:
    crawler = make_crawler(tmp_path / "n.db")
    record = GOOD | change
    assert reason in problems(record)
    with pytest.raises(DropItem, match=reason):
        ValidatePipeline(crawler).process_item(record)
    assert stat(crawler, "nmgnews", "failures") == 1
