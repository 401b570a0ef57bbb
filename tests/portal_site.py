"""A generated, unprofiled news portal on 127.0.0.1, and a server that counts requests.

The portal imitates a Chinese regional news site nobody wrote a profile for: a
home page with a navigation bar, section list pages paginated with 下一页, and
article pages whose URLs follow the common schemes (``/2024/05/12/10001.html``,
``/202405/t20240512_2001.html``, ``content_3001.htm``) or none at all
(``/economy/story-1.html``). The article text is invented here. The server
counts every request by (host, path), so a test can prove what was fetched.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Answer = tuple[int, str, bytes]  # status, content type, body

NAV = (
    '<div class="nav"><a href="/">首页</a> | <a href="/news/">要闻</a> | '
    '<a href="/economy/list_1.html">经济</a> | <a href="/about.html">关于我们</a> | '
    '<a href="/img/logo.png">台标</a></div>'
)
FOOTER = (
    '<div class="footer"><p>版权所有 示例新闻网 未经授权禁止转载</p>'
    "<p>违法和不良信息举报电话：0000-0000000</p></div>"
)
TOWNS = ["青山镇", "白杨乡", "红柳村", "沙河镇", "北湖街道", "东坡社区", "西岭乡", "南屯村"]
TOPICS = ["小麦秋播", "冬季供暖", "道路改造", "农村电商", "河道清淤", "社区食堂", "校舍修缮"]


def page(title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{title}_示例新闻网</title></head><body>{NAV}{body}{FOOTER}</body></html>"
    ).encode()


def article_text(n: int) -> list[str]:
    """Four invented paragraphs, different for every ``n``."""
    town, topic = TOWNS[n % len(TOWNS)], TOPICS[n % len(TOPICS)]
    return [
        f"本网讯 近日，{town}围绕{topic}工作召开第{n}次专题推进会，"
        f"镇村两级干部和群众代表{20 + n % 30}人参加会议，逐项梳理了当前存在的困难。",
        f"会上，相关负责人介绍，今年以来{town}累计投入资金{100 + n}万元，"
        f"完成{topic}相关项目{3 + n % 9}个，惠及群众{1200 + 7 * n}户，群众满意度明显提升。",
        f"与会代表结合各自实际提出意见建议{5 + n % 11}条，会议要求各责任单位细化任务清单，"
        "明确时间节点，确保各项工作在年底前全部落实到位，不留尾巴。",
        f"据了解，下一步{town}还将建立{topic}工作台账，每月通报一次进展情况，"
        "并邀请群众代表参与监督，切实把好事办好、实事办实。",
    ]


def headline(n: int) -> str:
    return f"{TOWNS[n % 8]}召开{TOPICS[n % 7]}推进会"


def article_page(n: int, related: list[str]) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in article_text(n))
    links = "".join(
        f'<li><a href="{u}">{headline(i)}（相关）</a></li>' for i, u in enumerate(related)
    )
    body = (
        f'<div class="article"><h1>{headline(n)}（第{n}期）</h1>'
        f'<div class="info">2024-05-{10 + n % 18:02d} 09:{n % 60:02d} 来源：示例新闻网 '
        f"记者 王{n % 10}明</div>"
        f'<div class="content">{paragraphs}<p>（责任编辑：李娜）</p></div></div>'
        f'<div class="related"><h3>相关新闻</h3><ul>{links}</ul></div>'
    )
    return page(headline(n), body)


def list_page(title: str, items: list[tuple[str, str]], next_url: str | None) -> bytes:
    lis = "".join(
        f'<li><a href="{url}">{text}</a><span>2024-05-{10 + i % 18:02d}</span></li>'
        for i, (url, text) in enumerate(items)
    )
    pager = f'<div class="pager"><a href="{next_url}">下一页</a></div>' if next_url else ""
    return page(title, f'<div class="list"><h2>{title}</h2><ul>{lis}</ul></div>{pager}')


class Portal:
    """The pages of the generated portal (host 127.0.0.1) and its partner page (localhost)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.pages: dict[str, bytes] = {}
        self.article_paths: list[str] = []
        news = [f"/news/2024/05/{12 + i % 3:02d}/{10001 + i}.html" for i in range(12)]
        econ_1 = [f"/economy/202405/t2024051{i % 9}_{2001 + i}.html" for i in range(6)]
        econ_1 += [f"/economy/content_{3001 + i}.htm" for i in range(3)]
        econ_2 = [f"/economy/story-{i}.html" for i in range(1, 4)]  # no article-like URL
        for n, path in enumerate(news + econ_1 + econ_2, start=1):
            self.pages[path] = article_page(n, related=[news[(n + 1) % 12], econ_1[n % 9]])
            self.article_paths.append(path)
        self.partner_url = f"http://localhost:{port}/partner/2024/05/12/90001.html"
        self.pages["/"] = list_page(
            "示例新闻网首页",
            [
                (news[0], headline(1)),
                (self.partner_url, "合作媒体：北湖街道新闻"),
                ("/about.html", "关于我们的介绍页面"),
            ],
            None,
        )
        self.pages["/news/"] = list_page("要闻", self.titled(news[:8]), "/news/index_2.html")
        self.pages["/news/index_2.html"] = list_page("要闻", self.titled(news[8:]), None)
        self.pages["/economy/list_1.html"] = list_page(
            "经济", self.titled(econ_1), "/economy/list_2.html"
        )
        self.pages["/economy/list_2.html"] = list_page("经济", self.titled(econ_2), None)
        self.pages["/about.html"] = page("关于我们", "<p>示例新闻网是一家虚构的地方新闻网站。</p>")
        self.partner_page = article_page(99, related=[])

    def titled(self, paths: list[str]) -> list[tuple[str, str]]:
        return [(p, headline(i)) for i, p in enumerate(paths)]

    def answer(self, host: str, path: str) -> Answer:
        if path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nDisallow: /private/\n"
        if host == "localhost" and path.startswith("/partner/"):
            return 200, "text/html; charset=utf-8", self.partner_page
        if host == "127.0.0.1" and path in self.pages:
            return 200, "text/html; charset=utf-8", self.pages[path]
        return 404, "text/html", b"<html><body>not found</body></html>"


class CountingServer:
    """Serve ``answer(host, path)`` on a free port of 127.0.0.1, counting requests."""

    def __init__(self, answer: Callable[[str, str], Answer] | None = None) -> None:
        self.hits: Counter[tuple[str, str]] = Counter()
        self.user_agents: set[str] = set()
        self.answer = answer or (lambda host, path: (404, "text/plain", b""))
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                host = (self.headers.get("Host") or "").split(":")[0]
                server.hits[(host, self.path)] += 1
                server.user_agents.add(self.headers.get("User-Agent") or "")
                status, ctype, body = server.answer(host, self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port: int = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self, host: str) -> set[str]:
        """Paths requested on one host."""
        return {p for h, p in self.hits if h == host}

    def __enter__(self) -> CountingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
