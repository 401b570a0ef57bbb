"""Fuzzing the extractor: random bytes, random tag soup and mutated fixture pages.

Every input must end as a record: no exception, no internal error caught by
``extract()`` (an ``error:`` warning), and a record that is not a usable
article says why in its warnings. The slowest page is printed (run with -s);
examples are derandomized so the suite is repeatable, and
``NEWSARCHIVE_FUZZ_EXAMPLES=N`` runs a longer campaign.
"""

from __future__ import annotations

import os
import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsarchive.article_record import problems
from newsarchive.extract import extract
from newsarchive.fixtures import load_fixtures
from newsarchive.record import Article
from newsarchive.sites import get_site

EXAMPLES = int(os.environ.get("NEWSARCHIVE_FUZZ_EXAMPLES", "150"))
FIXTURES = load_fixtures()
BODIES = {fx.id: fx.body for fx in FIXTURES}

# Pieces of hostile markup inserted anywhere in a page.
SOUP = (
    b"<div>", b"</div>", b"<table><tr><td>", b"</td></tr></table>", b"<p>", b"</p>", b"<br>",
    b"<h1>", b"</h1>", b"<a href='", b"'>", b"</a>", b"<!--", b"-->", b"<script>",
    b"</script>", b"<style>", b"<![CDATA[", b"]]>", b"<?xml version='1.0'?>", b"<title>",
    b"</body>", b"</html>", b"<html><body>", b"&nbsp;", b"&#0;", b"&#xD800;", b"&#65535;",
    b"\x00", b"\x01", b"\x0c", b"\xef\xbb\xbf", b"\xff\xfe", b"\xff", b"\x80", b"\r",
    b"<meta charset='big5'>", b"<meta charset='utf-16'>", b"<meta http-equiv='refresh'>",
    "\u200b\u200d\ufeff".encode(), "发布时间：2099-01-01 08:00".encode(), "责任编辑：".encode(),
    "来源：".encode(), "记者 ".encode(), b"<div>" * 300, b"<b>" * 3000,
    b"<img src='http://[::1' width='300'>", b"<a href='http://[x/'>", b"<base href='http://[x'>",
    b"<img src='//a:b:c/d.jpg'>", b"<img data-src='\x00\xff'>",
)  # fmt: skip
CONTENT_TYPES = (
    None, "text/html", "text/html; charset=utf-8", "text/html; charset=gbk",
    "text/html; charset=big5", "text/html; charset=iso-8859-1", "text/html; charset=",
    "text/html; charset=no-such-codec", "application/octet-stream",
)  # fmt: skip
FETCHED = datetime.fromisoformat("2024-05-12T12:00:00+08:00")

TIMES: list[tuple[float, float, str]] = []  # (wall s, CPU s, what)


@pytest.fixture(scope="module", autouse=True)
def report_times():
    yield
    if TIMES:
        wall, cpu, what = max(TIMES)
        print(
            f"\nfuzzed pages: {len(TIMES)}; slowest {wall:.3f} s wall / "
            f"{max(t[1] for t in TIMES):.3f} s CPU max ({what})"
        )


@st.composite
def mutated_page(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture page after 1-6 mutations: truncation, byte flips, soup, cut, repeat."""
    name = draw(st.sampled_from(sorted(BODIES)))
    data = bytearray(BODIES[name])
    kinds = st.sampled_from(["truncate", "flip", "soup", "cut", "repeat"])
    ops = draw(st.lists(kinds, min_size=1, max_size=6))
    for op in ops:
        at = draw(st.integers(0, len(data)))
        if op == "truncate":
            del data[at:]
        elif op == "flip" and data:
            i = min(at, len(data) - 1)
            data[i] ^= draw(st.integers(1, 255))
        elif op == "soup":
            data[at:at] = draw(st.sampled_from(SOUP)) * draw(st.integers(1, 4))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 400))]
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 2000))] * draw(st.integers(1, 5))
    return name, bytes(data)


def run(data: bytes, content_type: str | None, site_id: str | None, what: str) -> Article:
    headers = {"Content-Type": content_type} if content_type else {}
    site = get_site(site_id) if site_id else None
    wall, cpu = time.perf_counter(), time.process_time()
    article = extract(data, "http://www.example.cn/2024/05/12/1.html", FETCHED, headers, site)
    TIMES.append((time.perf_counter() - wall, time.process_time() - cpu, what))
    return article


def check(article: Article) -> None:
    """A record, and when it is not a usable article, the reason in its warnings."""
    errors = [w for w in article.warnings if w.startswith("error:")]
    assert not errors
    found = problems(article.to_dict())
    named = {"no headline": "no-headline", "empty body": "empty-body"}
    for problem in found:
        assert named.get(problem, problem) in article.warnings, (problem, article.warnings)
    if article.published_at:
        assert datetime.fromisoformat(article.published_at[:10]).date() <= FETCHED.date()


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(st.binary(max_size=20_000), st.sampled_from(CONTENT_TYPES))
def test_random_bytes(data: bytes, content_type: str | None) -> None:
    check(run(data, content_type, None, "random bytes"))


@FUZZ
@given(st.lists(st.sampled_from(SOUP), max_size=200), st.sampled_from(CONTENT_TYPES))
def test_random_tag_soup(pieces: list[bytes], content_type: str | None) -> None:
    check(run(b"".join(pieces), content_type, None, "tag soup"))


@FUZZ
@given(mutated_page(), st.sampled_from(CONTENT_TYPES), st.booleans())
def test_mutated_fixture_pages(
    page: tuple[str, bytes], content_type: str | None, with_profile: bool
) -> None:
    name, data = page
    site = name.split("/", 1)[0] if with_profile else None
    check(run(data, content_type, site, f"mutated {name}"))


def test_every_fixture_truncated_at_every_tenth() -> None:
    """Deterministic truncations: a fetch cut off anywhere still gives a record."""
    for name, body in BODIES.items():
        for tenth in range(1, 10):
            cut = body[: len(body) * tenth // 10]
            check(run(cut, None, name.split("/", 1)[0], f"truncated {name}"))
