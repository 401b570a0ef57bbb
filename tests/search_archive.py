"""A small archive of invented regional news for the search, export, stats and Datasette tests.

The text is ours (plausible regional news written for the tests), stored through
the real ``open_db`` + ``save_article`` path so triggers and migrations run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

from newsarchive.storage import open_db
from newsarchive.storage.articles import save_article
from newsarchive.storage.runs import finish_run, start_run


def record(site: str, slug: str, **fields: Any) -> dict[str, Any]:
    url = f"https://www.{site}.example.cn/news/{slug}.html"
    base = {
        "url": url,
        "canonical_url": url,
        "site": site,
        "content_hash": slug,
        "fetched_at": "2024-08-01T10:00:00+08:00",
        "extractor_version": "test",
        "authors": [],
        "images": [],
        "warnings": [],
    }
    return {**base, **fields}


ARTICLES = [
    record(
        "nmgnews",
        "flood-meeting",
        headline="自治区部署今年防汛抗旱工作",
        published_at="2024-06-12T09:30:00+08:00",
        published_raw="2024-06-12 09:30",
        source="内蒙古日报",
        editor="赵静",
        authors=["张云龙"],
        section="新闻 > 本网原创",
        body="6月11日，自治区召开全区防汛抗旱工作电视电话会议。\n"
        "会议要求，黄河沿线各盟市要压实责任，做好汛期值班值守。\n（记者张云龙）",
        images=[{"url": "https://www.nmgnews.example.cn/img/meeting.jpg", "caption": "会议现场"}],
    ),
    record(
        "nmgnews",
        "metro-line-2",
        headline="呼和浩特地铁二号线客流创新高",
        published_at="2024-07-03T18:05:00+08:00",
        published_raw="24-07-03 18:05",
        source="新华社",
        editor="王海燕、李明",
        section="新闻 > 城市",
        body="记者从呼和浩特市轨道交通集团获悉，地铁二号线单日客流首次突破十万人次。\n"
        "暑期出行高峰到来，运营方加密了早晚高峰班次。",
    ),
    record(
        "nmgnews",
        "grassland-subsidy",
        headline="锡林郭勒草原生态保护补助资金发放到户",
        published_at="2023-11-20T10:00:00+08:00",
        published_raw="2023年11月20日 10:00",
        source="内蒙古新闻网",
        editor="赵静",
        authors=["巴特尔", "乌云"],
        section="新闻 > 盟市",
        body="今年的草原生态保护补助奖励资金已全部发放到牧民手中。\n"
        "牧民们表示，禁牧和草畜平衡政策让草场一年比一年好。",
    ),
    record(
        "cqnews",
        "flood-response",
        headline="重庆启动防汛四级应急响应",
        published_at="2024-06-20T21:40:00+08:00",
        published_raw="2024-06-20 21:40",
        source="重庆日报",
        editor="陈晓",
        section="重庆 > 时政",
        body="受强降雨影响，长江重庆段水位持续上涨。\n"
        "市防汛抗旱指挥部决定启动防汛四级应急响应，各区县加强巡查。",
    ),
    record(
        "cqnews",
        "corridor-trains",
        headline="西部陆海新通道班列开行量同比增长",
        published_at="2024-05-08T08:00:00+08:00",
        published_raw="2024-05-08 08:00",
        source="新华网",
        editor="周琳",
        section="重庆 > 经济",
        body="今年前四个月，西部陆海新通道铁海联运班列开行量同比增长一成以上，"
        "货物通达全球一百多个国家和地区。",
    ),
    record(
        "dahe",
        "wheat-harvest",
        headline="河南麦收进度过半",
        published_at="2024-06-05T07:15:00+08:00",
        published_raw="2024年06月05日07:15",
        source="河南日报",
        editor="刘洋",
        section="河南 > 三农",
        body="眼下正值三夏大忙，全省小麦机收进度已经超过一半。\n农机手们抢抓晴好天气，日夜作业。",
    ),
    record(
        "dahe",
        "yellow-river-forum",
        headline="黄河流域生态保护座谈会在郑州召开",
        published_at="2023-12-01T16:20:00+08:00",
        published_raw="2023-12-01 16:20",
        source="新华社",
        editor="刘洋",
        section="河南 > 时政",
        body="座谈会围绕黄河流域生态保护和高质量发展展开讨论，沿黄各地代表交流了经验。",
    ),
    record(
        "dahe",
        "5g-villages",
        headline="5G信号覆盖全省行政村",
        published_at=None,
        published_raw=None,
        source=None,
        editor=None,
        section=None,
        body="通信管理部门介绍，全省行政村已全部通上5G网络，农村电商随之加快发展。",
    ),
]


def build_archive(path: Path, articles: list[dict[str, Any]] | None = None) -> Database:
    """A fresh archive at ``path`` holding ``articles`` (default ARTICLES) and two crawl runs."""
    db = open_db(path)
    for article in ARTICLES if articles is None else articles:
        save_article(db, article)
    for site, pages in (("nmgnews", 12), ("cqnews", 7)):
        run = start_run(db, site)
        finish_run(db, run, {"pages_fetched": pages, "articles_new": 3}, "finished", "finished")
    return db


def slugs(rows: list[dict[str, Any]]) -> list[str]:
    """The slug of each article URL, to compare results briefly."""
    return [r["canonical_url"].rsplit("/", 1)[1].removesuffix(".html") for r in rows]
