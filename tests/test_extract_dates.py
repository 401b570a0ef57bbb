from datetime import date, datetime, timedelta, timezone

import pytest

from newsarchive.extract.dates import find_dates, parse_date, pick_date, url_date, url_year

CST = timezone(timedelta(hours=8))
FETCHED = datetime(2024, 6, 20, 12, 0, tzinfo=CST)


@pytest.mark.parametrize(
    ("text", "value", "raw"),
    [
        ("2011-10-14 15:44", "2011-10-14T15:44:00+08:00", "2011-10-14 15:44"),
        ("内蒙古新闻网  11-10-14 15:44 【字体:", "2011-10-14T15:44:00+08:00", "11-10-14 15:44"),
        ("2011年10月14日15:44", "2011-10-14T15:44:00+08:00", "2011年10月14日15:44"),
        ("2011年10月14日 15:44:09", "2011-10-14T15:44:09+08:00", "2011年10月14日 15:44:09"),
        ("2011/10/14", "2011-10-14", "2011/10/14"),
        ("2011.10.14", "2011-10-14", "2011.10.14"),
        ("2022.01.20 16:31", "2022-01-20T16:31:00+08:00", "2022.01.20 16:31"),
        ("2021-1-29 13:18", "2021-01-29T13:18:00+08:00", "2021-1-29 13:18"),
        ("发布时间：2024-04-24 08:15", "2024-04-24T08:15:00+08:00", "2024-04-24 08:15"),
        ("2024年4月24日 08:15 来源：人民网", "2024-04-24T08:15:00+08:00", "2024年4月24日 08:15"),
        ("2024年5月22日週三 上午8:21", "2024-05-22T08:21:00+08:00", "2024年5月22日週三 上午8:21"),
        (
            "2024年5月20日 星期一 下午2:05",
            "2024-05-20T14:05:00+08:00",
            "2024年5月20日 星期一 下午2:05",
        ),
        ("2005年09月07日 11:57 PM", "2005-09-07T23:57:00+08:00", "2005年09月07日 11:57 PM"),
        ("7/5/2005 9:23:57 PM", "2005-07-05T21:23:57+08:00", "7/5/2005 9:23:57 PM"),
        ("06/02/2022 - 13:48", "2022-02-06T13:48:00+08:00", "06/02/2022 - 13:48"),
        (
            "Saturday, September 10th, 2005 10:56 am",
            "2005-09-10T10:56:00+08:00",
            "September 10th, 2005 10:56 am",
        ),
        ("2024-05-09T22:27:02+08:00", "2024-05-09T22:27:02+08:00", "2024-05-09T22:27:02+08:00"),
        ("2024-05-09T14:27:02Z", "2024-05-09T22:27:02+08:00", "2024-05-09T14:27:02Z"),
    ],
)
def test_numeric_and_written_forms(text: str, value: str, raw: str) -> None:
    found = pick_date(text, FETCHED)
    assert found is not None
    assert (found.value, found.raw) == (value, raw)


def test_dateparser_misreadings_are_avoided() -> None:
    # dateparser reads "04-23 08:15" as 2004; the year comes from the fetch time instead.
    found = pick_date("04-23 08:15", FETCHED)
    assert found is not None and found.value == "2024-04-23T08:15:00+08:00"


def test_month_day_takes_the_url_year_first() -> None:
    found = pick_date("10月14日 15:44", FETCHED, url_year=2011)
    assert found is not None and found.value == "2011-10-14T15:44:00+08:00"


def test_month_day_after_fetch_time_is_last_year() -> None:
    found = pick_date("12月25日", FETCHED)
    assert found is not None
    assert found.value == "2023-12-25"
    assert "date-year-adjusted" in found.warnings


def test_month_day_without_any_year_is_none() -> None:
    assert pick_date("10月14日", None) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3小时前", "2024-06-20T09:00:00+08:00"),
        ("5分钟前", "2024-06-20T11:55:00+08:00"),
        ("2天前", "2024-06-18T12:00:00+08:00"),
        ("昨天 08:15", "2024-06-19T08:15:00+08:00"),
        ("前天", "2024-06-18"),
        ("今天 07:30", "2024-06-20T07:30:00+08:00"),
    ],
)
def test_relative_dates_use_the_fetch_time(text: str, value: str) -> None:
    found = pick_date(text, FETCHED)
    assert found is not None and found.value == value and found.raw == text


def test_relative_dates_need_a_fetch_time() -> None:
    assert pick_date("3小时前", None) is None


def test_naive_fetch_time_is_china_time() -> None:
    found = pick_date("1小时前", datetime(2024, 6, 20, 12, 0))
    assert found is not None and found.value == "2024-06-20T11:00:00+08:00"


def test_future_date_is_flagged() -> None:
    found = pick_date("2025-01-01 10:00", FETCHED)
    assert found is not None and found.future and "future-date" in found.warnings


def test_future_date_loses_to_a_past_one() -> None:
    found = pick_date("2030-01-01 2024-01-01", FETCHED)
    assert found is not None and found.value == "2024-01-01"


def test_labelled_publication_time_beats_update_time() -> None:
    found = pick_date("更新时间：2024-05-01 10:00 发布时间：2024-04-30 09:00", FETCHED)
    assert found is not None and found.value == "2024-04-30T09:00:00+08:00"


def test_todays_date_header_is_not_a_publication_date() -> None:
    assert pick_date("今天是2024年6月20日 星期四", FETCHED) is None


def test_the_newest_related_post_time_is_not_a_publication_date() -> None:
    assert pick_date("最新推荐文章于 2024-06-01 09:12:40 发布", FETCHED) is None
    assert pick_date("最新文章 2024-06-01", FETCHED) is None


def test_phone_numbers_and_versions_are_not_dates() -> None:
    assert find_dates("联系电话：0471-6659743 版本 3.2.1", FETCHED) == []


def test_parse_date_falls_back_to_dateparser() -> None:
    found = parse_date("20 June, 2024", FETCHED)
    assert found is not None and found.value == "2024-06-20"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://inews.nmgnews.com.cn/system/2011/10/14/010653817.shtml", date(2011, 10, 14)),
        ("https://news.youth.cn/gn/202405/t20240513_15249693.htm", date(2024, 5, 13)),
        ("https://news.sina.com.cn/c/2024-05-10/doc-inausehc.shtml", date(2024, 5, 10)),
        ("http://www.news.cn/politics/20240509/3dd6e33c/c.html", date(2024, 5, 9)),
        ("https://www.example.cn/about.html", None),
    ],
)
def test_url_date(url: str, day: date | None) -> None:
    assert url_date(url) == day


def test_url_year_from_month_folder() -> None:
    assert url_year("http://www.example.cn/201110/12345.html") == 2011
