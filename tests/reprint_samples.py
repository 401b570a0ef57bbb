"""Small hand-written reprint sets for the reprint tests (invented text)."""

from __future__ import annotations

from newsarchive.reprints.build import Story

HEADLINE = "五原县加固堤防迎战强降雨"
PARAGRAPHS = [
    "受连日强降雨影响，五原县境内多条河流水位持续上涨，部分堤防出现渗水险情。",
    "县防汛抗旱指挥部第一时间启动应急响应，组织三百余名干部群众连夜巡查堤防，"
    "对重点地段实行分段包保，确保险情早发现、早处置。",
    "截至二十日上午，全县共转移受威胁群众一千二百余人，储备编织袋五万条、"
    "救生衣两千件，抢险物资全部运抵一线。",
    "气象部门预计，未来三天当地仍有中到大雨，局地暴雨，防汛形势依然严峻。",
    "县水利局负责人表示，将继续加密雨情水情监测，及时发布预警信息，全力保障人民群众生命财产安全。",
]
# Same topic, same county, different story: shares vocabulary, not sentences.
OTHER_HEADLINE = "五原县开展汛前水库安全大检查"
OTHER_PARAGRAPHS = [
    "入汛以来，五原县水利局组织技术人员对全县十二座小型水库开展安全大检查。",
    "检查组逐一查看大坝、溢洪道和放水设施，详细询问管护人员值守情况，"
    "对发现的六处隐患当场下达整改通知。",
    "县防汛抗旱指挥部要求，各乡镇要落实水库安全责任人，汛期严格执行二十四小时值班制度。",
    "目前，全县水库运行平稳，防汛物资储备充足，各项准备工作已基本就绪。",
]


def story(
    url: str,
    site: str,
    *,
    headline: str = HEADLINE,
    paragraphs: list[str] | None = None,
    extra: tuple[str, ...] = (),
    published_at: str | None = "2024-07-20T09:30:00+08:00",
    fetched_at: str | None = "2024-07-20T12:00:00+08:00",
    source: str | None = None,
) -> Story:
    body = "\n".join([*(PARAGRAPHS if paragraphs is None else paragraphs), *extra])
    return Story(
        canonical_url=url,
        site=site,
        headline=headline,
        body=body,
        published_at=published_at,
        fetched_at=fetched_at,
        source=source,
    )


def reprint_set() -> list[Story]:
    """An original, three edited reprints, and a same-topic story that is no reprint."""
    edited = list(PARAGRAPHS)
    edited[1] = edited[1].replace("三百余名", "300多名")
    return [
        story("https://a.example/1", "nmgnews", source="内蒙古日报"),
        story(
            "https://b.example/1",
            "dahe",
            headline="五原县：加固堤防，迎战强降雨！",
            extra=("（记者 张云龙）", "[责任编辑 赵静 ]"),
            published_at="2024-07-20T11:02:00+08:00",
            source="内蒙古新闻网",
        ),
        story(
            "https://c.example/1",
            "rednet",
            headline="“五原县加固堤防迎战强降雨”",
            paragraphs=edited[:-1],  # last paragraph dropped
            extra=("分享到：微信 微博", "责编：王芳"),
            published_at="2024-07-20T00:00:00+08:00",  # the site shows only the date
            source="内蒙古新闻网",
        ),
        story(
            "https://d.example/1",
            "cqnews",
            paragraphs=["首页 > 新闻中心 > 区内要闻", *edited],
            published_at="2024-07-21T08:00:00+08:00",
            source=None,
        ),
        story(
            "https://e.example/1",
            "nmgnews",
            headline=OTHER_HEADLINE,
            paragraphs=OTHER_PARAGRAPHS,
            published_at="2024-07-19T10:00:00+08:00",
            source="内蒙古日报",
        ),
    ]


SITE_NAMES = {"nmgnews": "内蒙古新闻网", "dahe": "大河网", "rednet": "红网", "cqnews": "华龙网"}
