"""Hostile servers, through a real crawl (``newsarchive crawl URL`` in a fresh process).

One misbehaving server on 127.0.0.1 links every hostile route from its home
page: decompression bombs (gzip, deflate, br), an endless body, a hang after the
headers, a 1 byte/s trickle, 503-then-200, a short Content-Length, HTTP errors
and an undecodable page. The crawl runs with the real DOWNLOAD_MAXSIZE (16 MB),
a 5 s DOWNLOAD_TIMEOUT and one retry. Its peak memory, how long the server was
held and what ended in ``articles`` and ``failures`` are checked.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
from scrapy import Request
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from newsarchive.failures import classify
from newsarchive.scope import OutOfScope
from newsarchive.storage import open_db
from newsarchive.storage.failures import REASON_MAX, kinds, record
from tests.hostile_server import (
    HostileServer,
    article_html,
    bomb,
    compressed,
    crawl,
    endless,
    flaky,
    gzip_page,
    hang,
    list_html,
    page,
    rows,
    send,
    short_body,
    trickle,
)

BOMB_SIZE = 256 * 1024 * 1024  # decompressed; about 250 KB on the wire
PEAK_RSS_LIMIT_MB = 300
TIMEOUT = 5  # DOWNLOAD_TIMEOUT of the crawl (tests/hostile_server.FAST)

GOOD = "/2024/05/12/10001.html"
GZIPPED = "/2024/05/12/10002.html"
FLAKY = "/2024/05/12/10003.html"
HOSTILE = {
    "/2024/05/12/20001.html": "size",  # gzip bomb
    "/2024/05/12/20002.html": "size",  # deflate bomb
    "/2024/05/12/20003.html": "size",  # br bomb
    "/2024/05/12/20004.html": "size",  # endless body
    "/2024/05/12/20005.html": "timeout",  # hangs after the headers
    "/2024/05/12/20006.html": "timeout",  # 1 byte a second
    "/2024/05/12/20007.html": "truncated",  # short Content-Length
    "/2024/05/12/20008.html": "http",  # 500 every time
    "/2024/05/12/20009.html": "http",  # 404
    "/2024/05/12/20010.html": "invalid",  # undecodable bytes: flagged bad-encoding
}


def undecodable_page() -> bytes:
    """An article whose text is GBK with a 0xFF byte every three bytes: no codec reads it."""
    good = article_html(10).decode()
    head, _, rest = good.partition("<div id='content'>")
    text = ("呼和浩特市今年新建改建城市道路四十二条，新增公交线路十一条。" * 12).encode("gbk")
    soup = b"".join(text[i : i + 3] + b"\xff" for i in range(0, len(text), 3))
    return head.encode() + b"<div id='content'><p>" + soup + b"</p>" + rest.encode()


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    encodings = ("gzip", "deflate", "br")
    with ThreadPoolExecutor(3) as pool:  # zlib and brotli release the GIL
        list(pool.map(lambda e: bomb(e, BOMB_SIZE), encodings))
    paths = iter(HOSTILE)
    routes = {
        "/": page(list_html([GOOD, GZIPPED, FLAKY, *HOSTILE])),
        GOOD: page(article_html(1)),
        GZIPPED: send(200, gzip_page(article_html(2)), Content_Encoding="gzip"),
        FLAKY: flaky(page(article_html(3))),
        **{next(paths): compressed(e, BOMB_SIZE) for e in encodings},
        next(paths): endless(),
        next(paths): hang(),
        next(paths): trickle(article_html(6)),
        next(paths): short_body(article_html(7)),
        next(paths): send(500, b"<html><body>Internal Server Error</body></html>"),
        next(paths): send(404, b"<html><body>Not Found</body></html>"),
        next(paths): send(200, undecodable_page(), "text/html; charset=utf-8"),
    }
    db = tmp_path_factory.mktemp("hostile") / "news.db"
    with HostileServer(routes) as server:
        result = crawl(server.url("/", host="localhost"), "--db", str(db))
    return server, db, result


def test_crawl_survives(hostile_crawl) -> None:
    _, _, result = hostile_crawl
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.slow
def test_bombs_and_endless_bodies_stay_under_the_memory_limit(hostile_crawl) -> None:
    _, _, result = hostile_crawl
    print(f"\npeak RSS of the crawl: {result.peak_rss_mb:.0f} MB; crawl {result.seconds:.1f} s")
    assert 0 < result.peak_rss_mb < PEAK_RSS_LIMIT_MB


def test_good_pages_are_stored_and_503_is_retried(hostile_crawl) -> None:
    server, db, _ = hostile_crawl
    stored = {urlsplit(url).path for (url,) in rows(db, "select url from articles")}
    assert stored == {GOOD, GZIPPED, FLAKY}
    assert server.hits[FLAKY] == 2  # 503, then 200


def test_every_hostile_page_is_a_recorded_failure(hostile_crawl) -> None:
    server, db, _ = hostile_crawl
    found = {}
    for url, kind, reason in rows(db, "select url, kind, reason from failures"):
        path = urlsplit(url).path
        found.setdefault(path, []).append((kind, reason))
    for path, kind in HOSTILE.items():
        assert path in found, f"{path} ({kind}) failed silently"
        assert {k for k, _ in found[path]} == {kind}, (path, found[path])
    assert set(found) == set(HOSTILE)  # nothing else failed
    with open_db(db) as conn:
        nothing = conn.execute(
            "select count(*) from articles where url like '%/2024/05/12/200%'"
        ).fetchone()[0]
    assert nothing == 0  # a truncated or undecodable page is never an article


def test_slow_servers_are_abandoned_within_the_timeout(hostile_crawl) -> None:
    server, _, _ = hostile_crawl
    for path in ("/2024/05/12/20005.html", "/2024/05/12/20006.html"):
        held = server.held(path)
        print(f"\n{path}: connections held {[round(s, 1) for s in held]} s")
        assert len(held) == 2  # the request and its one retry
        # The server would hold on for a minute (hang) or 2,000+ s (trickle); the
        # bound is generous against scheduling noise, not a speed measurement.
        assert max(held) < TIMEOUT + 5


# -- how failures are classified ---------------------------------------------------------


def http_error(status: int, **headers: str) -> HttpError:
    request = Request("http://www.example.cn/a.html")
    return HttpError(Response(request.url, status=status, headers=headers, request=request), "x")


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (http_error(503), "http"),
        (OutOfScope("out of scope: host 127.0.0.1 is a loopback address"), "scope"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots"),
        (IgnoreRequest("body exceeded DOWNLOAD_MAXSIZE (16 B) during decompression"), "size"),
        (DownloadCancelledError("Received 17 bytes, larger than download max size"), "size"),
        (DownloadTimeoutError("Getting x took longer than 3 seconds."), "timeout"),
        (ResponseDataLossError(), "truncated"),
        (DownloadConnectionRefusedError(), "connection"),
        (ValueError("odd"), "error"),
    ],
)
def test_failure_kinds(exc: BaseException, kind: str) -> None:
    assert classify(exc)[0] == kind


def test_a_refused_redirect_says_where_it_pointed() -> None:
    kind, reason, status = classify(http_error(302, Location="file:///etc/passwd"))
    assert (kind, status) == ("http", 302)
    assert reason == "HTTP 302 to file:///etc/passwd (not followed)"


def test_a_hostile_reason_is_cut(tmp_path) -> None:
    db = open_db(tmp_path / "news.db")
    record(db, "example", "http://www.example.cn/a.html", "error", "x" * 100_000)
    assert rows(tmp_path / "news.db", "select length(reason) from failures") == [(REASON_MAX,)]
    assert kinds(db) == {"error": 1}
