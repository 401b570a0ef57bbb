"""A misbehaving web server on 127.0.0.1 for the hardening tests.

Routes are plain functions of the request handler, registered by path; the
helpers below build the hostile ones: decompression bombs (gzip, deflate, br),
an endless body, a server that hangs after the headers, a 1 byte/s trickle,
503-then-200, a short Content-Length, redirects anywhere. Every request is
counted by path, and every connection's lifetime is recorded, so a test can
tell what a crawl fetched and how long it held on.

The article text is invented here, like every fixture of the project.
"""

from __future__ import annotations

import gzip
import select
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import brotli

Route = Callable[[BaseHTTPRequestHandler], None]

PARAGRAPHS = (
    "记者从市农牧局获悉，今年全市新建高标准农田二十三万亩，配套建设机井、节水灌溉管网和田间道路，"
    "预计每亩可增产粮食六十公斤左右。",
    "据介绍，项目区推行“先建后补”方式，由村集体组织农户参与施工和管护，工程质量由第三方机构全程监督，"
    "竣工验收合格后按标准拨付补助资金。",
    "市农牧局有关负责人表示，下一步将加快推进黑土地保护利用和盐碱地改良，"
    "同步开展农业社会化服务，帮助农户降低生产成本、提高种粮收益。",
)


def article_html(n: int, *, body: bool = True) -> bytes:
    """An article page (UTF-8) the ad-hoc crawl recognises: headline, date line, paragraphs."""
    paragraphs = "".join(f"<p>{p}第{n}批项目同步推进。</p>" for p in PARAGRAPHS) if body else ""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>全市新建高标准农田项目第{n}批通过验收_新闻中心</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/news/'>新闻中心</a></div>"
        f"<h1>全市新建高标准农田项目第{n}批通过验收</h1>"
        "<div class='info'>2024-05-12 09:30 来源：市农牧局</div>"
        f"<div id='content'>{paragraphs}</div>"
        "<div class='editor'>[责任编辑：王海燕]</div>"
        "</body></html>"
    ).encode()


def list_html(links: list[str]) -> bytes:
    title = "全市新建高标准农田项目验收情况通报"
    items = "".join(f"<li><a href='{href}'>{title}</a></li>" for href in links)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>新闻中心</title></head>"
        f"<body><h2>新闻中心</h2><ul>{items}</ul></body></html>"
    ).encode()


# -- route builders ---------------------------------------------------------------------


def send(
    status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str
) -> Route:
    """A fixed answer; ``headers`` use underscores for dashes (Content_Encoding=...)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        for name, value in headers.items():
            h.send_header(name.replace("_", "-"), value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return route


def page(body: bytes) -> Route:
    return send(200, body)


def redirect(location: str, status: int = 302) -> Route:
    return send(status, b"", Location=location)


def meta_refresh(location: str) -> Route:
    html = f"<html><head><meta http-equiv='refresh' content='0;url={location}'></head></html>"
    return page(html.encode())


@cache
def bomb(encoding: str, size: int) -> bytes:
    """``size`` bytes of HTML-ish filler, compressed with ``encoding`` (gzip, deflate, br)."""
    chunk = b"<p>" + b"\x20" * (1024 * 1024 - 7) + b"</p>\n"
    if encoding == "br":
        compressor = brotli.Compressor(quality=5)
        out = [compressor.process(chunk) for _ in range(size // len(chunk))]
        return b"".join(out) + compressor.finish()
    if encoding == "gzip":
        zipper = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    else:  # deflate: the zlib format, as HTTP's "deflate" means
        zipper = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS)
    out = [zipper.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(out) + zipper.flush()


def compressed(encoding: str, size: int) -> Route:
    return send(200, bomb(encoding, size), Content_Encoding=encoding)


def endless() -> Route:
    """A 200 text/html answer without a length whose body never ends."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.end_headers()
        filler = b"<p>" + "没有尽头的页面。".encode() * 4000 + b"</p>\n"
        while not h.server.stopping.is_set():  # type: ignore[attr-defined]
            h.wfile.write(filler)  # raises once the client has gone

    return route


def hang(content_length: int = 5000) -> Route:
    """Headers promising a body, then nothing until the client gives up."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(content_length))
        h.end_headers()
        h.wfile.flush()
        wait_for_close(h)

    return route


def trickle(body: bytes) -> Route:
    """The whole length announced, then one byte a second."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        for i in range(len(body)):
            if h.server.stopping.wait(1.0):  # type: ignore[attr-defined]
                return
            h.wfile.write(body[i : i + 1])
            h.wfile.flush()

    return route


def short_body(body: bytes) -> Route:
    """Content-Length of the whole page, then only half of it and the connection closed."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[: len(body) // 2])
        h.wfile.flush()
        h.close_connection = True

    return route


def flaky(then: Route, failures: int = 1, status: int = 503) -> Route:
    """``status`` for the first ``failures`` requests, then ``then``."""
    seen = Counter[str]()
    lock = threading.Lock()

    def route(h: BaseHTTPRequestHandler) -> None:
        with lock:
            seen["n"] += 1
            n = seen["n"]
        if n <= failures:
            send(status, b"<html><body>Service Unavailable</body></html>", Retry_After="0")(h)
        else:
            then(h)

    return route


def wait_for_close(h: BaseHTTPRequestHandler, limit: float = 60.0) -> None:
    """Block until the client closes the connection (or the server stops)."""
    deadline = time.monotonic() + limit
    sock = h.connection
    while time.monotonic() < deadline and not h.server.stopping.is_set():  # type: ignore[attr-defined]
        readable, _, _ = select.select([sock], [], [], 0.1)
        if readable:
            try:
                if not sock.recv(1024):
                    return
            except OSError:
                return


# -- the server -------------------------------------------------------------------------


class HostileServer:
    """A threaded HTTP server on a free port of 127.0.0.1 answering from ``routes``.

    Unknown paths get 404 (robots.txt included). ``hits`` counts requests by
    path, ``connections`` holds (path, seconds the connection was held) once
    each handler is done.
    """

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: Counter[str] = Counter()
        self.connections: list[tuple[str, float]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                path = urlsplit(self.path).path or "/"  # also when asked as a proxy
                server.hits[path] += 1
                started = time.monotonic()
                route = server.routes.get(path) or send(404, b"<html><body>404</body></html>")
                try:
                    route(self)
                except (TimeoutError, BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up: what these routes wait for
                finally:
                    server.connections.append((path, time.monotonic() - started))

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.stopping = threading.Event()  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def held(self, path: str) -> list[float]:
        """Seconds each finished connection for ``path`` was held open."""
        return [seconds for p, seconds in self.connections if p == path]

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.stopping.set()  # type: ignore[attr-defined]
        self.httpd.shutdown()
        self.httpd.server_close()


def gzip_page(body: bytes) -> bytes:
    """An honest gzip-compressed page (a control for the bombs)."""
    return gzip.compress(body)


# -- running a crawl against it ---------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
# Local and fast; a small timeout and one retry so hostile routes cost seconds, not minutes.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "NEWSARCHIVE_PROGRESS": "False",
    # Short enough for the hang and trickle routes, long enough for a good page on a
    # loaded machine while bombs are being inflated (3 s proved flaky).
    "DOWNLOAD_TIMEOUT": "5",
    "RETRY_TIMES": "1",
}


@dataclass
class Crawl:
    returncode: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    """Peak resident memory of the crawl process (its VmHWM; 0 when it could not tell)."""
    seconds: float


# The crawl process reports its own peak RSS (VmHWM: reset by exec, unlike wait4's
# ru_maxrss, which keeps the forking pytest process's size).
PEAK_RSS = (
    "import atexit, sys; out = sys.argv.pop(1); "
    "atexit.register(lambda: open(out, 'w').write("
    "next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')).split()[1])); "
    "from newsarchive.cli import main; sys.exit(main())"
)


def crawl(*args: str, timeout: float = 180, **settings: str) -> Crawl:
    """``newsarchive crawl ARGS`` in a fresh process with FAST settings and ``settings``."""
    options = {**FAST, **settings}
    pairs = [arg for name, value in options.items() for arg in ("-s", f"{name}={value}")]
    with tempfile.TemporaryDirectory() as tmp:
        peak = Path(tmp) / "peak"
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-c", PEAK_RSS, str(peak), "crawl", *args, *pairs],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        seconds = time.monotonic() - started
        peak_kib = int(peak.read_text()) if peak.exists() else 0
    return Crawl(result.returncode, result.stdout, result.stderr, peak_kib / 1024, seconds)


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()
