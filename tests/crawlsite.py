"""A generated news site on 127.0.0.1 for crawl tests: as many articles as asked.

It stands for 内蒙古新闻网 (the registered ``nmgnews`` profile): the same hosts,
URL scheme (``/nmgxw/<section>/index_N.shtml`` list pages with a 下一页 link,
``/system/YYYY/MM/DD/NNNNNNNNN.shtml`` articles), table layout and GBK bytes.
The text is generated here from a few invented phrases; no real article.

The server is an HTTP forward proxy, like the demo web: the crawler reaches it
through ``NEWSARCHIVE_PROXY`` and keeps the real-looking URLs. It answers
conditional GETs (ETag / Last-Modified → 304) and counts every hit, so tests
can tell exactly which pages a crawl fetched.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

HOST = "inews.nmgnews.com.cn"
SECTIONS = (("szxw", "时政新闻"), ("shxw", "社会新闻"))
CST = timezone(timedelta(hours=8))

PLACES = (
    "呼和浩特市", "包头市", "鄂尔多斯市", "赤峰市", "通辽市", "呼伦贝尔市",
    "乌兰察布市", "巴彦淖尔市", "锡林郭勒盟", "兴安盟", "阿拉善盟", "乌海市",
)  # fmt: skip
TOPICS = (
    ("冬季供暖", "供热管网改造", "换热站"),
    ("春耕备耕", "农资储备", "农机具"),
    ("草原生态保护", "禁牧休牧", "补播改良"),
    ("社区便民服务", "一刻钟便民生活圈", "服务网点"),
    ("冰雪旅游", "冬季旅游线路", "景区"),
    ("农村饮水安全", "集中供水工程", "水源地"),
    ("物流园区建设", "公铁联运", "仓储设施"),
    ("老旧小区改造", "加装电梯", "楼院"),
)
SOURCES = ("内蒙古日报", "内蒙古新闻网", "北方新报", "正北方网")
EDITORS = ("赵静", "王海燕", "李文博", "张晓梅")
REPORTERS = ("张云龙", "刘佳", "高峰", "其其格", "苏日娜")


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Article:
    n: int
    url: str
    section: int
    published: datetime
    headline: str
    paragraphs: list[str]
    modified: datetime


def _text(n: int) -> tuple[str, list[str]]:
    """Headline and paragraphs of article ``n``: unique by their figures."""
    place = PLACES[n % len(PLACES)]
    topic, measure, facility = TOPICS[(n // len(PLACES)) % len(TOPICS)]
    reporter = REPORTERS[n % len(REPORTERS)]
    headline = f"{place}扎实推进{topic}工作 已完成{measure}{n + 12}项"
    paragraphs = [
        f"记者从{place}有关部门获悉，今年以来，{place}把{topic}作为重点民生工作来抓，"
        f"截至目前已完成{measure}{n + 12}项，涉及{facility}{(n * 7) % 90 + 10}处。",
        f"据介绍，{place}在推进过程中坚持问需于民，先后组织{(n * 3) % 40 + 5}场座谈会，"
        f"收集群众意见建议{(n * 11) % 300 + 60}条，逐条建立台账、明确责任单位和完成时限。",
        f"下一步，{place}将继续加大投入，计划再安排资金{(n * 13) % 5000 + 800}万元，"
        f"确保{topic}各项任务按期完成，让群众切实感受到变化。",
        f"（记者{reporter}）",
    ]
    return headline, paragraphs


class GeneratedSite:
    """``articles`` articles over the two sections, ``per_page`` links per list page.

    The first ``moved`` articles are linked from the lists by an old URL that
    answers 301 to the article's current URL.
    """

    def __init__(
        self, articles: int, per_page: int = 20, newest: datetime | None = None, moved: int = 0
    ) -> None:
        newest = newest or datetime.now(CST).replace(second=0, microsecond=0) - timedelta(hours=1)
        self.per_page = per_page
        self.articles: dict[str, Article] = {}
        self.sections: list[list[Article]] = [[] for _ in SECTIONS]
        for n in range(articles):
            published = newest - timedelta(hours=n)
            number = 13_500_000 + n
            url = f"http://{HOST}/system/{published:%Y/%m/%d}/{number:09d}.shtml"
            headline, paragraphs = _text(n)
            art = Article(n, url, n % len(SECTIONS), published, headline, paragraphs, published)
            self.articles[url] = art
            self.sections[art.section].append(art)
        self.moved = {
            url.replace("/0135", "/0999"): url for url in list(self.articles)[:moved]
        }  # old URL -> current URL
        self.links = {new: old for old, new in self.moved.items()}
        self.missing: set[str] = set()  # article URLs answering 404 for now
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.not_modified = 0

    # -- what a test asks ---------------------------------------------------------

    def article_urls(self) -> list[str]:
        return list(self.articles)

    def article_hits(self) -> int:
        with self.lock:
            return sum(n for url, n in self.hits.items() if url in self.articles)

    def reset_hits(self) -> None:
        with self.lock:
            self.hits.clear()
            self.not_modified = 0

    def edit(self, url: str, paragraph: str) -> None:
        """The newsroom corrects an article: new text, new ETag and Last-Modified."""
        art = self.articles[url]
        art.paragraphs = [*art.paragraphs[:-1], paragraph, art.paragraphs[-1]]
        art.modified = datetime.now(CST).replace(microsecond=0)

    # -- pages --------------------------------------------------------------------

    def answer(self, url: str, request_headers: dict[str, str]) -> Page:
        parts = urlsplit(url)
        with self.lock:
            self.hits[url] += 1
        if parts.hostname != HOST:
            return Page(404, {"Content-Type": "text/html"}, b"<html>Not Found</html>")
        if parts.path == "/robots.txt":
            return Page(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n")
        here = f"http://{HOST}{parts.path}"
        if here in self.moved:
            return Page(301, {"Location": self.moved[here], "Content-Type": "text/html"}, b"")
        art = self.articles.get(here)
        if art is not None and here in self.missing:
            return Page(404, {"Content-Type": "text/html"}, b"<html>Not Found</html>")
        if art is not None:
            return self._article(art, request_headers)
        for index, (slug, _) in enumerate(SECTIONS):
            prefix = f"/nmgxw/{slug}/"
            if parts.path.startswith(prefix):
                page = _list_number(parts.path[len(prefix) :])
                if page is not None and page * self.per_page < len(self.sections[index]):
                    return self._html(self.list_page(index, page))
        return Page(404, {"Content-Type": "text/html"}, b"<html>Not Found</html>")

    def _html(self, text: str, extra: dict[str, str] | None = None) -> Page:
        headers = {"Content-Type": "text/html", **(extra or {})}
        return Page(200, headers, text.encode("gbk"))

    def _article(self, art: Article, request_headers: dict[str, str]) -> Page:
        body = self.article_page(art).encode("gbk")
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        modified = format_datetime(art.modified.astimezone(UTC), usegmt=True)
        validators = {"ETag": etag, "Last-Modified": modified}
        headers = {k.lower(): v for k, v in request_headers.items()}
        if _not_modified(headers, etag, art.modified):
            with self.lock:
                self.not_modified += 1
            return Page(304, validators, b"")
        return Page(200, {"Content-Type": "text/html", **validators}, body)

    def list_page(self, section: int, page: int) -> str:
        slug, name = SECTIONS[section]
        items = self.sections[section][page * self.per_page : (page + 1) * self.per_page]
        rows = "\n".join(
            f'<tr><td class="list_title">·<a href="{self.links.get(a.url, a.url)}" '
            f'target="_blank">{a.headline}</a></td>'
            f'<td class="list_date" width="90">{a.published:%Y-%m-%d}</td></tr>'
            for a in items
        )
        pages = -(-len(self.sections[section]) // self.per_page)
        nav = f"共{pages}页&nbsp;&nbsp;"
        if page + 1 < pages:
            nav += f'<a href="index_{page + 1}.shtml">下一页</a>&nbsp;&nbsp;'
        nav += f'<a href="index_{pages - 1}.shtml">尾页</a>' if pages > 1 else ""
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{name}_内蒙古新闻_内蒙古新闻网</title></head>
<body>
<table width="960" align="center" class="nav_bg"><tr><td class="nav_white">
<a href="http://www.nmgnews.com.cn/">首页</a> - <a href="http://{HOST}/">内蒙古新闻</a> -
<a href="http://{HOST}/nmgxw/szxw/">时政新闻</a> - <a href="http://{HOST}/nmgxw/shxw/">社会新闻</a>
</td></tr></table>
<table width="960" align="center"><tr><td class="weizhi">您当前的位置 :
<a href="http://{HOST}/">内蒙古新闻</a> &gt; {name}</td></tr></table>
<table width="680" class="list">
{rows}
</table>
<div class="page" align="center">{nav}</div>
<table width="960" align="center" class="foot"><tr><td>Copyright &copy; 2005-2024 内蒙古新闻网
All Rights Reserved.</td></tr></table>
</body></html>
"""

    def article_page(self, art: Article) -> str:
        slug, name = SECTIONS[art.section]
        source = SOURCES[art.n % len(SOURCES)]
        editor = EDITORS[art.n % len(EDITORS)]
        paragraphs = "\n".join(f"<p>　　{p}</p>" for p in art.paragraphs)
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>{art.headline}_内蒙古新闻网</title></head>
<body>
<table width="960" align="center" class="nav_bg"><tr><td class="nav_white">
<a href="http://www.nmgnews.com.cn/">首页</a> - <a href="http://{HOST}/">内蒙古新闻</a> -
<a href="http://{HOST}/nmgxw/szxw/">时政新闻</a> - <a href="http://{HOST}/nmgxw/shxw/">社会新闻</a>
</td></tr></table>
<table width="960" align="center"><tr><td class="weizhi">您当前的位置 :
<a href="http://{HOST}/">内蒙古新闻</a> &gt; <a href="http://{HOST}/nmgxw/{slug}/">{name}</a> 正文
</td></tr></table>
<table width="960" align="center"><tr><td width="680" valign="top" class="bk_content">
<div id="div2">{art.headline}</div>
<div id="div3">内蒙古新闻网&nbsp;&nbsp;{art.published:%y-%m-%d %H:%M} 【字体: 大 中 小】
&nbsp;&nbsp;来源: {source}&nbsp;&nbsp;</div>
<div id="div_content">
{paragraphs}
</div>
<div align="right">[责任编辑 {editor} ]</div>
<div class="shengming"><p>凡本网注明“来源:内蒙古新闻网”的所有作品，版权均属于内蒙古新闻网，
未经授权不得转载。</p></div>
</td></tr></table>
<table width="960" align="center" class="foot"><tr><td>Copyright &copy; 2005-2024 内蒙古新闻网
All Rights Reserved.</td></tr></table>
</body></html>
"""


def _list_number(rest: str) -> int | None:
    """``""``/``index.shtml`` → 0, ``index_3.shtml`` → 3, anything else → None."""
    if rest in ("", "index.shtml", "index.html"):
        return 0
    if rest.startswith("index_") and rest.endswith(".shtml") and rest[6:-6].isdigit():
        return int(rest[6:-6])
    return None


def _not_modified(headers: dict[str, str], etag: str, modified: datetime) -> bool:
    if "if-none-match" in headers:
        return etag in [t.strip() for t in headers["if-none-match"].split(",")]
    if "if-modified-since" in headers:
        try:
            since = parsedate_to_datetime(headers["if-modified-since"])
        except (TypeError, ValueError):
            return False
        return modified.replace(microsecond=0) <= since
    return False


class _Server(ThreadingHTTPServer):
    # A crawl opens 16 connections at once: the default backlog of 5 refuses some.
    request_queue_size = 128
    daemon_threads = True


class SiteServer:
    """The generated site behind an HTTP forward proxy on a free port of 127.0.0.1."""

    def __init__(self, site: GeneratedSite) -> None:
        self.site = site

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                url = (
                    self.path if "://" in self.path else f"http://{self.headers['Host']}{self.path}"
                )
                page = site.answer(url, dict(self.headers.items()))
                self.send_response(page.status)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                self.wfile.write(page.body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def proxy_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


ROOT = Path(__file__).resolve().parents[1]
# Local and fast: no delay, no AutoThrottle, many requests at once.
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "WARNING",
    "NEWSARCHIVE_PROGRESS": "False",
}


def command(*args: str) -> list[str]:
    """``newsarchive ARGS`` as a fresh process (Scrapy's reactor runs once per process)."""
    code = "import sys; from newsarchive.cli import main; sys.exit(main())"
    return [sys.executable, "-c", code, *args]


def crawl_command(server: SiteServer, db: Path, **settings: str) -> list[str]:
    """``newsarchive crawl nmgnews`` through the generated site's proxy."""
    options = {**FAST, "NEWSARCHIVE_PROXY": server.proxy_url, **settings}
    pairs = [arg for name, value in options.items() for arg in ("-s", f"{name}={value}")]
    return command("crawl", "nmgnews", "--db", str(db), *pairs)


def crawl(server: SiteServer, db: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """Run one crawl to its end; fail the test with its stderr if it fails."""
    result = subprocess.run(
        crawl_command(server, db, **settings), cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@dataclass
class Archived:
    """A finished crawl of a small generated site, to copy per test."""

    site: GeneratedSite
    db: Path

    def copy(self, to: Path) -> Path:
        """A private copy of the archive (with its WAL, if any) at ``to``."""
        for suffix in ("", "-wal"):
            src = Path(f"{self.db}{suffix}")
            if src.exists():
                shutil.copyfile(src, f"{to}{suffix}")
        return to


_ARCHIVED: dict[int, Archived] = {}


def archived(tmp_root: Path, articles: int = 40, moved: int = 3) -> Archived:
    """Crawl a generated site once per test session and keep the archive."""
    if articles not in _ARCHIVED:
        site = GeneratedSite(articles, per_page=10, moved=moved)
        db = tmp_root / f"archived-{articles}.db"
        with SiteServer(site) as server:
            crawl(server, db)
        _ARCHIVED[articles] = Archived(site, db)
    return _ARCHIVED[articles]


@dataclass
class Census:
    """What an archive holds after a crash test: every article once, every page once."""

    urls: list[str]
    missing: set[str]
    duplicate_rows: int
    duplicate_pages: int
    extra_versions: int
    integrity: str

    def line(self, expected: int) -> str:
        return (
            f"articles: {len(self.urls)} of {expected}, missing {len(self.missing)}, duplicate "
            f"rows {self.duplicate_rows}, duplicate raw pages {self.duplicate_pages}, extra "
            f"versions {self.extra_versions}, integrity_check {self.integrity}"
        )


def census(db: Path, expected_urls: Iterable[str]) -> Census:
    """Count the archive's articles, duplicates and versions against the URLs it must hold."""
    conn = sqlite3.connect(db)
    try:
        urls = [r[0] for r in conn.execute("select canonical_url from articles")]
        duplicate_pages = conn.execute(
            "select count(*) from (select canonical_url from pages group by canonical_url "
            "having count(*) > 1)"
        ).fetchone()[0]
        extra_versions = conn.execute(
            "select count(*) from article_versions where version > 1"
        ).fetchone()[0]
        integrity = conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()
    return Census(
        urls=urls,
        missing=set(expected_urls) - set(urls),
        duplicate_rows=len(urls) - len(set(urls)),
        duplicate_pages=duplicate_pages,
        extra_versions=extra_versions,
        integrity=integrity,
    )
