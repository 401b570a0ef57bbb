"""Aligned tables for people: CJK text counts two columns, numbers align right."""

from newsarchive.cli.tables import table, width


def test_cjk_characters_take_two_columns() -> None:
    assert width("nmgnews") == 7
    assert width("内蒙古") == 6
    assert width("包头2024") == 8


def test_columns_line_up_under_cjk_text_and_numbers_align_right() -> None:
    lines = table(["site", "articles"], [["内蒙古新闻网", 7], ["dzwww", 1234]]).splitlines()
    assert lines == [
        "site          articles",
        "------------  --------",
        "内蒙古新闻网         7",
        "dzwww             1234",
    ]
