"""The demo's offline web: several news hosts answered from tests/fixtures.

It is an HTTP forward proxy on 127.0.0.1. The crawler sends every request
through it (``NEWSARCHIVE_PROXY``), so pages keep their real URLs and the real
site profiles are used, while nothing ever leaves the machine: a URL the demo
does not know is a 404, never a fetch.

For ``http://HOST/PATH`` it answers, in order:

1. a site fixture whose ``info.json`` URL is this URL (or this URL without its
   query string): its raw bytes with its recorded status and headers;
2. a static file ``tests/fixtures/demo/HOST/PATH`` (``index.html`` for a
   path ending in ``/``), with headers from ``FILE.headers.json`` when present;
3. a redirect listed in ``tests/fixtures/demo/routes.json`` (``redirects``), or a
   mirror there (``mirrors``: this URL serves another URL's page, as a site's
   second host does);
4. ``robots.txt``: allow everything;
5. 404.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from newsarchive.fixtures import fixtures_root, load_fixtures


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class DemoWeb:
    """What the offline web answers for a URL (no sockets here)."""

    def __init__(self, root: Path | None = None) -> None:
        root = root or fixtures_root()
        self.static = root / "demo"
        self.pages: dict[str, Answer] = {}
        for fx in load_fixtures():
            self.pages[fx.url] = Answer(fx.status, fx.headers, fx.body)
        routes_file = self.static / "routes.json"
        routes = json.loads(routes_file.read_text("utf-8")) if routes_file.exists() else {}
        self.redirects: dict[str, str] = routes.get("redirects", {})
        self.mirrors: dict[str, str] = routes.get("mirrors", {})

    def answer(self, url: str) -> Answer:
        parts = urlsplit(url)
        bare = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        page = self.pages.get(url) or self.pages.get(bare)
        if page:
            return page
        static = self._static(parts.hostname or "", parts.path)
        if static:
            return static
        mirrored = self.mirrors.get(url) or self.mirrors.get(bare)
        if mirrored:
            return self.answer(mirrored)
        target = self.redirects.get(url) or self.redirects.get(bare)
        if target:
            return Answer(301, {"Location": target, "Content-Type": "text/html"}, b"")
        if parts.path == "/robots.txt":
            return Answer(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n")
        return Answer(404, {"Content-Type": "text/html"}, b"<html><body>Not Found</body></html>")

    def _static(self, host: str, path: str) -> Answer | None:
        relative = path.lstrip("/") + ("index.html" if path.endswith("/") else "")
        file = (self.static / host / relative).resolve()
        if not file.is_relative_to(self.static.resolve()) or not file.is_file():
            return None
        sidecar = file.with_name(file.name + ".headers.json")
        headers = (
            json.loads(sidecar.read_text("utf-8"))
            if sidecar.exists()
            else {"Content-Type": "text/plain" if file.suffix == ".txt" else "text/html"}
        )
        return Answer(200, headers, file.read_bytes())


class _Handler(BaseHTTPRequestHandler):
    web: DemoWeb
    hits: list[str]

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        # A proxy request carries the absolute URL; a direct one only the path.
        url = self.path if "://" in self.path else f"http://{self.headers['Host']}{self.path}"
        self.hits.append(url)
        ans = self.web.answer(url)
        self.send_response(ans.status)
        for name, value in ans.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(ans.body)))
        self.end_headers()
        self.wfile.write(ans.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class DemoServer:
    """The offline web on a free port of 127.0.0.1, in a background thread."""

    def __init__(self, web: DemoWeb | None = None) -> None:
        handler = type("Handler", (_Handler,), {"web": web or DemoWeb(), "hits": []})
        self.hits: list[str] = handler.hits
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def proxy_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> DemoServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
