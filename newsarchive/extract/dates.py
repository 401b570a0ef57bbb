"""Publication dates: cut the date out of a short text with regexes, then build it.

dateparser alone fails on the common Chinese meta lines (``发布时间：2024-04-24 08:15``
returns None, ``04-23 08:15`` becomes the year 2004), so every common numeric form
is recognised here by plain code; dateparser is only the last resort for a short
labelled string nothing else understood.

A parsed date keeps the granularity shown: ``YYYY-MM-DD`` when the page shows no
time, ``YYYY-MM-DDTHH:MM:SS+08:00`` when it does. Dates without a year take it
from the URL or the fetch time; relative dates (``3小时前``, ``昨天 08:15``) need the
fetch time. A date later than the fetch time is never returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from lxml import etree

DEFAULT_TZ = ZoneInfo("Asia/Shanghai")

_TIME = r"""
(?:
  (?:\s*(?:[Tt]|\s|&nbsp;|[-–—|]\s)\s*|(?<=[日号]))
  (?:(?:星期|週|周)[一二三四五六日天]\s*)?
  (?P<ap1>上午|下午|早上|早晨|晚上|凌晨|中午|傍晚)?\s*
  (?P<H>[01]?\d|2[0-3])\s*(?:[:：]|时|點|点)\s*(?P<M>[0-5]\d)
  (?:\s*(?:[:：]|分)\s*(?P<S>[0-5]\d)(?:\.\d+)?)?
  (?:\s*分)?
  (?:\s*(?P<ap2>[AaPp]\.?\s?[Mm]\b\.?))?
  (?P<tz>Z|[+-]\d{2}:?\d{2}(?!\d))?
)?
"""
_WEEKDAY = r"(?:\s*[(（]?(?:星期|週|周)[一二三四五六日天][)）]?)?"
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"

# (kind, pattern, marks): a form is only tried on a text that has one of its marks,
# characters it cannot match without (every form but "day" also needs a digit).
_FORMS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (kind, re.compile(pattern, re.VERBOSE | re.IGNORECASE), marks)
    for kind, pattern, marks in (
        # 2011-10-14 15:44, 11-10-14 15:44, 2011/10/14, 2011.10.14, 2024-05-09T22:27:02+08:00
        (
            "ymd",
            r"(?<![\d./-])(?P<y>\d{4}|\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
            r"(?![\d])" + _TIME,
            ("-", "/", "."),
        ),
        # 2011年10月14日15:44, 2024年5月22日週三 上午8:21
        (
            "ymd",
            r"(?<!\d)(?P<y>\d{4}|\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
            + _WEEKDAY
            + _TIME,
            ("年",),
        ),
        # 7/5/2005 9:23:57 PM (US, month first) or 06/02/2022 - 13:48 (day first)
        ("dmy", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\d)" + _TIME, ("/",)),
        # September 10th, 2005 10:56 am
        (
            "en",
            r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)" + _TIME,
            (),
        ),
        # 10 September 2005
        ("en", r"(?<!\d)(?P<d>\d{1,2})\s+" + _MON + r",?\s+(?P<y>\d{4})(?!\d)" + _TIME, ()),
        # 10月14日 15:44 (year inferred)
        (
            "md",
            r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]" + _WEEKDAY + _TIME,
            ("月",),
        ),
        # 10-14 15:44 (year inferred; only with a time, a bare 10-14 is too ambiguous)
        (
            "md",
            r"(?<![\d./:-])(?P<m>\d{1,2})-(?P<d>\d{1,2})\s+(?P<ap1>)(?P<H>[01]?\d|2[0-3])[:：]"
            r"(?P<M>[0-5]\d)(?:[:：](?P<S>[0-5]\d))?(?![\d])(?P<ap2>)(?P<tz>)",
            ("-",),
        ),
        # 3小时前, 5分钟前, 2天前
        ("ago", r"(?P<n>\d{1,3})\s*(?P<unit>秒钟?|分钟|小时|天|日)前", ("前",)),
        # 昨天 08:15, 前天, 今天 10:00, 刚刚
        ("day", r"(?P<day>今天|昨天|前天|刚刚)" + _TIME, ("今天", "昨天", "前天", "刚刚")),
    )
)

_DIGIT = re.compile(r"\d")

# Labels that announce the publication time, and those that announce another time.
_PUBLISH_LABEL = re.compile(
    r"(发布时间|发表时间|发布日期|发稿时间|发表日期|出版日期|日期|时间|发表于|发布于|发布|"
    r"posted\s*(?:on|@|at)?|published|\bdate)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_OTHER_AFTER = re.compile(r"\s*(?:更新|修改|最后更新|（京港台时间）|\(京港台时间\))")
_OTHER_LABEL = re.compile(
    r"(?:(更新|修改|编辑于|编辑时间|最后|浏览|访问|今天是|今日|当前|现在|update[ds]?)[^\d]{0,4}"
    # 最新推荐文章于 …: the time of the newest related post, not of this one.
    r"|最新[^\d\s]{0,8}\s*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedDate:
    """A publication date found on the page."""

    value: str
    """ISO 8601: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS+08:00``."""
    raw: str | None
    """The substring as the page shows it; None for a date only the URL shows."""
    warnings: tuple[str, ...] = ()
    labelled: bool = False
    """True when a 发布时间-like label announced it."""
    future: bool = False
    """True when it is later than the fetch time (never stored as the publication time)."""
    other: bool = False
    """True when announced as another time: an update, a visit, today's date."""


def _year(text: str, fetched: datetime | None) -> int:
    y = int(text)
    if len(text) == 2:
        # Two-digit years on news pages are this century unless that is in the future.
        now = fetched.year if fetched is not None else date.today().year
        y += 2000 if y <= (now % 100) + 1 else 1900
    return y


def _hour(h: int, ap: str) -> int:
    ap = ap.lower().replace(".", "").replace(" ", "")
    if ap in ("下午", "晚上", "傍晚", "pm") and h < 12:
        return h + 12
    if ap == "中午" and h < 11:
        return h + 12
    if ap in ("凌晨", "上午", "早上", "早晨", "am") and h == 12:
        return 0
    return h


def _to_local(moment: datetime, tz: tzinfo) -> datetime:
    return moment.astimezone(tz) if moment.tzinfo else moment.replace(tzinfo=tz)


def _build(
    m: re.Match[str],
    kind: str,
    tz: tzinfo,
    fetched: datetime | None,
    year_hint: int | None,
) -> tuple[date | datetime, bool, tuple[str, ...]] | None:
    """The moment a match stands for, whether it has a time, and warnings; None if invalid."""
    g = m.groupdict()
    warnings: list[str] = []
    inferred_year = False
    if kind == "ago":
        if fetched is None:
            return None
        n, unit = int(g["n"]), g["unit"]
        step = {"秒": timedelta(seconds=n), "分": timedelta(minutes=n), "小": timedelta(hours=n)}
        delta = step.get(unit[0], timedelta(days=n))
        return (fetched - delta).replace(second=0, microsecond=0), True, ()
    if kind == "day":
        if fetched is None:
            return None
        back = {"今天": 0, "刚刚": 0, "昨天": 1, "前天": 2}[g["day"]]
        day = (fetched - timedelta(days=back)).date()
        if g["day"] == "刚刚":
            return fetched.replace(second=0, microsecond=0), True, ()
        y, mo, d = day.year, day.month, day.day
    elif kind == "dmy":
        a, b = int(g["a"]), int(g["b"])
        us = bool(g.get("ap2")) or b > 12
        mo, d = (a, b) if us and a <= 12 else (b, a)
        y = int(g["y"])
    elif kind == "en":
        mo, d, y = _MONTHS[g["mon"][:3].lower()], int(g["d"]), int(g["y"])
    elif kind == "md":
        mo, d = int(g["m"]), int(g["d"])
        if year_hint is not None:
            y = year_hint
        elif fetched is not None:
            y = fetched.year
        else:
            return None
        inferred_year = True
    else:
        y, mo, d = _year(g["y"], fetched), int(g["m"]), int(g["d"])
    if not 1970 <= y <= 2100:
        return None
    try:
        day_only = date(y, mo, d)
    except ValueError:
        return None
    if g.get("H") is None:
        moment: date | datetime = day_only
        has_time = False
    else:
        hour = _hour(int(g["H"]), g.get("ap1") or g.get("ap2") or "")
        if hour > 23:
            return None
        moment = datetime(y, mo, d, hour, int(g["M"]), int(g["S"] or 0))
        if g.get("tz"):
            off = g["tz"].upper().replace(":", "")
            offset = timedelta(0)
            if off != "Z":
                offset = timedelta(hours=int(off[:3]), minutes=int(off[0] + off[3:]))
            moment = _to_local(moment.replace(tzinfo=timezone(offset)), tz)
        else:
            moment = moment.replace(tzinfo=tz)
        has_time = True
    if fetched is not None and _later(moment, fetched):
        if inferred_year:
            moment = moment.replace(year=moment.year - 1)
            warnings.append("date-year-adjusted")
        else:
            warnings.append("future-date")
    return moment, has_time, tuple(warnings)


def _later(moment: date | datetime, fetched: datetime) -> bool:
    if isinstance(moment, datetime):
        return moment > fetched
    return moment > fetched.date()


def _iso(moment: date | datetime, has_time: bool) -> str:
    if has_time and isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.strftime("%Y-%m-%d")


def find_dates(
    text: str,
    fetched_at: datetime | None = None,
    url_year: int | None = None,
    tz: tzinfo = DEFAULT_TZ,
) -> list[ParsedDate]:
    """Every date in a short text, in the order they appear (overlaps keep the longest)."""
    fetched = _to_local(fetched_at, tz) if fetched_at else None
    spans: list[tuple[int, int, str, re.Match[str]]] = []
    digit = _DIGIT.search(text) is not None
    for kind, pattern, marks in _FORMS:
        if (not digit and kind != "day") or (marks and not any(c in text for c in marks)):
            continue
        for m in pattern.finditer(text):
            spans.append((m.start(), -(m.end() - m.start()), kind, m))
    spans.sort(key=lambda s: (s[0], s[1]))
    found: list[ParsedDate] = []
    end = -1
    for start, _, kind, m in spans:
        if start < end:
            continue
        built = _build(m, kind, tz, fetched, url_year)
        if built is None:
            continue
        moment, has_time, warnings = built
        before = text[max(0, start - 12) : start]
        other = bool(_OTHER_LABEL.search(before) or _OTHER_AFTER.match(text, m.end()))
        labelled = bool(_PUBLISH_LABEL.search(before)) and not other
        if kind == "day" and not has_time and not labelled and len(text.strip()) > 12:
            continue  # a bare 今天/昨天 in running text is not a date line
        end = m.end()
        raw = m.group(0).strip().removeprefix("&nbsp;").strip(" -|–—")
        future = "future-date" in warnings
        found.append(ParsedDate(_iso(moment, has_time), raw, warnings, labelled, future, other))
    return found


def pick_date(
    text: str,
    fetched_at: datetime | None = None,
    url_year: int | None = None,
    tz: tzinfo = DEFAULT_TZ,
) -> ParsedDate | None:
    """The publication date of a meta line: the labelled one, else the first one.

    Dates announced as an update/visit/today's date are skipped.
    """
    return choose(find_dates(text, fetched_at, url_year, tz))


def choose(dates: list[ParsedDate]) -> ParsedDate | None:
    """The labelled date, else the first one not announced as another time.

    A future date is returned as is (``future`` set) only when it is the sole
    candidate, so the caller can drop it with a warning.
    """
    usable = [d for d in dates if not d.future and not d.other]
    labelled = [d for d in usable if d.labelled]
    if labelled:
        return labelled[0]
    if usable:
        return usable[0]
    futures = [d for d in dates if d.future]
    return futures[0] if futures else None


def parse_date(
    raw: str,
    fetched_at: datetime | None = None,
    url_year: int | None = None,
    tz: tzinfo = DEFAULT_TZ,
) -> ParsedDate | None:
    """Parse one short date string (a meta tag value, a profile's date node).

    Falls back to dateparser when no known form matches.
    """
    text = raw.strip()
    if not text or len(text) > 200:
        return None
    found = pick_date(text, fetched_at, url_year, tz)
    if found is not None:
        return found
    return _dateparser(text, fetched_at, tz)


_HAS_TIME = re.compile(r"\d[:：时]\d")


def _dateparser(text: str, fetched_at: datetime | None, tz: tzinfo) -> ParsedDate | None:
    if not _DIGIT.search(text) or len(text) > 60:
        return None
    import dateparser  # slow to import; only needed for rare forms

    settings = {
        "TIMEZONE": str(getattr(tz, "key", "Asia/Shanghai")),
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    if fetched_at is not None:
        settings["RELATIVE_BASE"] = _to_local(fetched_at, tz).replace(tzinfo=None)
    moment = dateparser.parse(text, languages=["zh", "en"], settings=settings)
    if moment is None:
        return None
    moment = _to_local(moment, tz)
    future = fetched_at is not None and moment > fetched_at
    has_time = bool(_HAS_TIME.search(text))
    warnings = ("future-date",) if future else ()
    return ParsedDate(_iso(moment, has_time), text, warnings, False, future)


_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[-/_]?)(?P<m>0[1-9]|1[0-2])"
    r"(?:(?P=sep)|/)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
_SCHEME_HOST = re.compile(r"^[a-z]+://[^/]+")
_URL_MONTH = re.compile(r"(?<![\d])(?P<y>(?:19|20)\d{2})[-/_]?(?P<m>0[1-9]|1[0-2])(?=/)")


def url_date(url: str | None) -> date | None:
    """The date in an article URL: /2011/10/14/, /2011-10/14/, /201110/14/, t20111014_."""
    if not url:
        return None
    path = _SCHEME_HOST.sub("", url)
    for m in _URL_DATE.finditer(path):
        try:
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
    return None


def url_year(url: str | None) -> int | None:
    """The year an article URL shows (a full date, or /201110/ and /2011-10/ folders)."""
    found = url_date(url)
    if found:
        return found.year
    if url:
        path = _SCHEME_HOST.sub("", url)
        m = _URL_MONTH.search(path)
        if m:
            return int(m["y"])
    return None


# <meta> keys carrying the publication time, most specific first.
_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish_date",
    "pubdate",
    "publishtime",
    "dc.date.issued",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "og:release_date",
    "firstpublishedtime",
    "createdate",
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def metadata_date(
    doc: etree._Element,
    fetched_at: datetime | None = None,
    tz: tzinfo = DEFAULT_TZ,
) -> ParsedDate | None:
    """The publication time declared in <meta> tags or JSON-LD ``datePublished``."""
    values: dict[str, str] = {}
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _META_KEYS and key not in values and el.get("content"):
            values[key] = el.get("content", "")
    for key in _META_KEYS:
        if key in values:
            found = parse_date(values[key], fetched_at, None, tz)
            if found is not None and not found.future:
                return found
    for script in doc.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            m = _JSONLD_DATE.search(script.text or "")
            if m:
                found = parse_date(m.group(1), fetched_at, None, tz)
                if found is not None and not found.future:
                    return found
    return None
