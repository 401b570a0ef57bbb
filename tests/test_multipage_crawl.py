"""A multi-page article (N.shtml → N_2.shtml by 下一页) becomes one record when crawled."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsarchive.demo.web import DemoServer, DemoWeb
from newsarchive.fixtures import load_fixtures

FIRST = "http://heilongjiang.dbw.cn/system/2012/05/18/053987654.shtml"
LIST_PAGE = f"""<html><head><meta charset="utf-8"><title>黑龙江新闻</title></head><body>
<ul><li><a href="{FIRST}">百年老建筑修缮工程启动</a></li></ul></body></html>"""


def test_pages_of_one_article_are_merged_into_one_record(tmp_path: Path) -> None:
    static = tmp_path / "web" / "demo" / "heilongjiang.dbw.cn"
    static.mkdir(parents=True)
    (static / "index.html").write_text(LIST_PAGE, encoding="utf-8")
    db = tmp_path / "news.db"
    with DemoServer(DemoWeb(tmp_path / "web")) as server:
        done = subprocess.run(
            [sys.executable, "-m", "newsarchive", "crawl", "http://heilongjiang.dbw.cn/"]
            + ["--db", str(db), "-s", f"NEWSARCHIVE_PROXY={server.proxy_url}"]
            + ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        hits = list(server.hits)
    assert done.returncode == 0, done.stderr
    assert FIRST.replace(".shtml", "_2.shtml") in hits

    rows = sqlite3.connect(db).execute("select site, url, body, authors from articles").fetchall()
    assert len(rows) == 1
    site, url, body, authors = rows[0]
    assert (site, url) == ("dbw", FIRST)
    pages = {fx.name: fx.expected for fx in load_fixtures("dbw")}
    first, second = pages["2012-old-buildings-p1"], pages["2012-old-buildings-p2"]
    assert body == first["body"] + "\n" + second["body"]
    assert json.loads(authors) == first["authors"]
