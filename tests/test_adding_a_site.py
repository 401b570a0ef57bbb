"""docs/adding-a-site.md, followed: the template registers a site, and a page of it
becomes a passing fixture with ``fixtures add`` and ``fixtures check``.

Runs in a subprocess: registering the template's example site must not leak
into the registry the other tests see.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "site_template.py"
URL = "http://news.xinwen.example/system/2023/11/02/000123456.shtml"

# A page of the template's made-up site, written for this test.
PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>河湾社区开出第一家“共享厨房”_示例新闻网</title></head>
<body>
<div class="topnav"><a href="/">首页</a> <a href="/bendi/">本地</a> <a href="/tiyu/">体育</a></div>
<div class="crumb"><a href="/">首页</a> &gt; <a href="/bendi/">本地新闻</a> &gt; 正文</div>
<div class="article">
  <h1 class="title">河湾社区开出第一家“共享厨房”</h1>
  <div class="info"><span id="pubtime">2023-11-02 09:30</span>
    <span id="source">来源：示例日报</span></div>
  <div id="article_content">
    <p>11月1日，河湾社区第一家“共享厨房”在社区服务中心一楼开门迎客，独居老人和附近的上班族都可以在这里按时段预约灶台。</p>
    <p>厨房配有四个灶位、两台烤箱和一面贴满菜谱的墙，社区志愿者每天上午轮流值班，帮助老人备菜、清洗碗筷。</p>
    <p>“以前一个人懒得开火，现在和邻居一起做饭，热闹多了。”72岁的居民周桂兰说。</p>
    <p>（记者 林晓川 通讯员 高鹏）</p>
  </div>
  <div class="editor">责任编辑：许静</div>
  <div class="share">分享到：微信 微博</div>
</div>
<div class="footer">示例新闻网版权所有 未经授权禁止转载</div>
</body>
</html>
"""

SCRIPT = """
import json, os, runpy, sys

from newsarchive.cli import main
from newsarchive.sites import all_sites, get_site

template, root, page, url = sys.argv[1:]
all_sites()  # the registered sites first, then the new one
runpy.run_path(template)
os.environ["NEWSARCHIVE_FIXTURES"] = root
site = get_site("example")
added = main(["fixtures", "add", "example", page, "--url", url, "--name", "2023-current-layout",
              "--header", "Content-Type: text/html; charset=utf-8",
              "--fetched-at", "2023-11-02T10:15:00+08:00"])
checked = main(["fixtures", "check", "example"])
print(json.dumps({
    "added": added, "checked": checked, "owns": site.owns(url),
    "is_article": site.is_article(url),
    "tracked_is_article": site.is_article(url + "?utm_source=weixin"),
    "start_urls_are_lists": all(site.is_list(u) and not site.is_article(u)
                                for u in site.start_urls),
}))
"""


def test_the_template_and_the_commands_give_a_passing_fixture(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    root = tmp_path / "fixtures"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(TEMPLATE), str(root), str(page), URL],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    *output, result = done.stdout.splitlines()
    assert json.loads(result) == {
        "added": 0,
        "checked": 0,
        "owns": True,
        "is_article": True,
        "tracked_is_article": True,
        "start_urls_are_lists": True,
    }
    assert any("review every field before committing" in line for line in output)
    assert output[-1] == "checked 1 fixture of 1 site: every field as expected"

    # The review: every field is what a careful reader sees on the page.
    fixture = root / "sites" / "example" / "2023-current-layout"
    expected = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
    assert expected["headline"] == "河湾社区开出第一家“共享厨房”"
    assert expected["published_at"] == "2023-11-02T09:30:00+08:00"
    assert (expected["source"], expected["editor"]) == ("示例日报", "许静")
    assert expected["authors"] == ["林晓川", "高鹏"]
    assert expected["section"] == "本地新闻"
    assert expected["body"].startswith("11月1日，河湾社区")
    assert expected["body"].endswith("（记者 林晓川 通讯员 高鹏）")
    assert "分享到" not in expected["body"] and "版权所有" not in expected["body"]
