from newsarchive.extract.dom import parse_html
from newsarchive.extract.headline import find_headline, find_subtitle
from newsarchive.extract.lines import text_lines

BODY = "<p>" + "草原上的牧民今年迎来了好收成，合作社的牛羊存栏数创下新高。" * 3 + "</p>"


def headline_of(html: str, body_start: int | None = None) -> tuple[str | None, str | None]:
    doc = parse_html(html)
    lines = text_lines(doc)
    if body_start is None:
        body_start = next((i for i, line in enumerate(lines) if "好收成" in line.text), None)
    found = find_headline(doc, lines, body_start)
    if found is None:
        return None, None
    return found.text, find_subtitle(lines, found)


def test_h1_beats_the_title_with_its_site_suffix() -> None:
    html = f"""<html><head><title>锡林郭勒牧区迎来丰收季_内蒙古新闻网</title></head><body>
    <div class="nav"><a href="/">首页</a> <a href="/a">草原新闻</a></div>
    <h1>锡林郭勒牧区迎来丰收季</h1><div class="info">2024-09-01 10:00 来源：锡林郭勒日报</div>
    {BODY}</body></html>"""
    assert headline_of(html)[0] == "锡林郭勒牧区迎来丰收季"


def test_people_style_double_dash_suffix() -> None:
    html = f"""<html><head><title>包头稀土产业再提速--经济·科技--人民网</title></head><body>
    <div class="title"><b>包头稀土产业再提速</b></div><p>2024年09月01日08:15 来源：人民网</p>
    {BODY}</body></html>"""
    assert headline_of(html)[0] == "包头稀土产业再提速"


def test_title_like_line_without_h1() -> None:
    html = f"""<html><head><title>通辽新建三座冷链物流中心-通辽新闻网</title></head><body>
    <table><tr><td><a href="/x">通辽新闻网</a></td></tr>
    <tr><td class="bt">通辽新建三座冷链物流中心</td></tr>
    <tr><td>2024-09-01 来源：通辽日报</td></tr><tr><td>{BODY}</td></tr></table></body></html>"""
    assert headline_of(html)[0] == "通辽新建三座冷链物流中心"


def test_a_headline_split_by_an_inner_block_is_joined() -> None:
    html = f"""<html><head><title>自治区延续税费优惠政策预计为企业减负百亿元_政府网</title></head>
    <body><h1 class="detail_title">自治区延续税费优惠政策<div>预计为企业减负百亿元</div></h1>
    <div class="info">2024-02-11 08:52 来源：内蒙古日报</div>{BODY}</body></html>"""
    assert headline_of(html)[0] == "自治区延续税费优惠政策 预计为企业减负百亿元"


def test_related_story_links_do_not_win() -> None:
    html = f"""<html><head><title>赤峰新开通两条公交线路_赤峰新闻</title></head><body>
    <ul class="related"><li><a href="/1">赤峰新开通两条公交线路</a></li></ul>
    <h2>赤峰新开通两条公交线路</h2><p>2024-09-01 10:00</p>{BODY}</body></html>"""
    text, _ = headline_of(html)
    assert text == "赤峰新开通两条公交线路"


def test_no_title_uses_the_line_above_the_meta_line() -> None:
    html = f"""<html><body><div>更多文章</div>
    <div>阿拉善骆驼文化节开幕</div><div>作者：苏和 发布日期：2024-09-01</div>
    {BODY}</body></html>"""
    assert headline_of(html)[0] == "阿拉善骆驼文化节开幕"


def test_kicker_subtitle_from_class() -> None:
    html = f"""<html><head><title>乌兰察布马铃薯喜获丰收-乌兰察布日报</title></head><body>
    <h3 class="pre">产业链延伸带动千户增收</h3><h1>乌兰察布马铃薯喜获丰收</h1>
    <div class="info">2024-09-01 来源：乌兰察布日报</div>{BODY}</body></html>"""
    assert headline_of(html) == ("乌兰察布马铃薯喜获丰收", "产业链延伸带动千户增收")


def test_dash_subtitle_below_the_headline() -> None:
    html = f"""<html><head><title>为现代化建设凝聚智慧——祝贺政协会议开幕_市政府网</title>
    </head><body><p class="main_title">为现代化建设凝聚智慧</p>
    <div>——祝贺政协会议开幕</div><ul><li>2022-02-11 09:52</li></ul>{BODY}</body></html>"""
    assert headline_of(html) == ("为现代化建设凝聚智慧", "——祝贺政协会议开幕")


def test_no_subtitle() -> None:
    html = f"""<html><head><title>鄂尔多斯召开新闻发布会_鄂尔多斯新闻网</title></head><body>
    <h1>鄂尔多斯召开新闻发布会</h1><div>2024-09-01 来源：鄂尔多斯日报</div>{BODY}</body></html>"""
    assert headline_of(html)[1] is None


def test_json_ld_headline_is_a_hint_when_the_title_is_generic() -> None:
    html = f"""<html><head><title>新闻中心</title>
    <script type="application/ld+json">{{"@type": "NewsArticle",
    "headline": "兴安盟稻米获评地理标志产品",
    "datePublished": "2024-09-01T10:00:00+08:00"}}</script>
    </head><body><div class="nav">新闻中心</div><div><a href="/1">兴安盟新闻</a></div>
    <div class="x">兴安盟稻米获评地理标志产品</div><div>2024-09-01 来源：兴安日报</div>
    {BODY}</body></html>"""
    assert headline_of(html)[0] == "兴安盟稻米获评地理标志产品"


def test_unclassed_smaller_heading_above_the_meta_line_is_the_subtitle() -> None:
    html = f"""<html><head><title>包头改造老旧小区80个_包头新闻网</title></head><body>
    <h2>包头改造老旧小区80个</h2><h3>涉及居民两万户，年底前完工</h3>
    <div>2024-03-12 08:05 来源: 包头日报</div>{BODY}</body></html>"""
    assert headline_of(html) == ("包头改造老旧小区80个", "涉及居民两万户，年底前完工")
