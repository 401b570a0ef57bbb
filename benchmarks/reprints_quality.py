"""Precision and recall of reprint clustering on a generated reprint set.

    python benchmarks/reprints_quality.py [--articles 600] [--seed 7] [--tune-seed 1]

A seeded generator writes Chinese regional news stories on a few topics from
templates and vocabulary written for this benchmark (no real article text), then
republishes some of them on other sites with 0-20% edits: word and sentence
substitutions, dropped and added paragraphs, added editor/reporter/source lines,
headline punctuation changes, left-over navigation and share widgets, and
sometimes a new headline. Different stories on the same topic, some sharing a
whole background paragraph with an earlier story, are the hard negatives.

It prints:
1. the separation of true reprint pairs from same-topic pairs under each
   shingle size (on the tuning corpus), which is how the defaults were chosen;
2. pairwise and cluster-level precision/recall, and origin accuracy, of the full
   pipeline (LSH + verification + union-find + origin) with the default
   ``Params`` on a separate test corpus.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from newsarchive.reprints.build import Story, find_reprints, story_texts
from newsarchive.reprints.minhash import Params, overlap, shingle_hashes

# ---------------------------------------------------------------- vocabulary


def pool(text: str) -> list[str]:
    """Phrases separated by "|"."""
    return text.split("|")


def names(text: str) -> list[str]:
    """Words separated by spaces."""
    return text.split()


SITES = {
    "nmgnews": "内蒙古新闻网",
    "cnhubei": "荆楚网",
    "cqnews": "华龙网",
    "dahe": "大河网",
    "dbw": "东北网",
    "rednet": "红网",
    "xinhua": "新华网",
    "chinanews": "中国新闻网",
}
WIRES = {"xinhua": "新华社", "chinanews": "中国新闻社"}
REGIONAL = [s for s in SITES if s not in WIRES]
LOCAL_PAPERS = {
    "nmgnews": "内蒙古日报",
    "cnhubei": "湖北日报",
    "cqnews": "重庆日报",
    "dahe": "河南日报",
    "dbw": "黑龙江日报",
    "rednet": "湖南日报",
}

PLACES = names(
    "呼和浩特市 包头市 鄂尔多斯市 赤峰市 通辽市 呼伦贝尔市 巴彦淖尔市 乌兰察布市 锡林郭勒盟 "
    "兴安盟 阿拉善盟 乌海市 武汉市 宜昌市 襄阳市 荆州市 十堰市 郑州市 洛阳市 开封市 南阳市 "
    "哈尔滨市 齐齐哈尔市 牡丹江市 长沙市 株洲市 岳阳市 常德市 重庆市万州区 重庆市涪陵区"
)
COUNTIES = names(
    "土默特左旗 达拉特旗 准格尔旗 科尔沁区 扎鲁特旗 阿荣旗 五原县 凉城县 正蓝旗 突泉县 "
    "秭归县 远安县 谷城县 监利市 竹山县 新郑市 栾川县 兰考县 西峡县 宾县 讷河市 宁安市 "
    "浏阳市 醴陵市 平江县 桃源县 巫山县 武隆区"
)
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯"
    "邓曹彭曾萧田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华文玉兰红建国志宏海燕春梅晓东亮鹏飞雪岩峰"
TITLES = names("局长 副局长 主任 副主任 站长 负责人 党委书记 副县长 副旗长 总工程师 科长 院长")
MONTHS = range(1, 13)

# Sentences are composed from phrase pools (a skeleton, then one phrase per slot),
# so two stories on one topic share phrases, as real ones do, but rarely sentences.
SKELETONS = [
    "{when}，{who}{did}，{result}。",
    "{who}{did}，{what}。",
    "{where}，{who}{did}，{what}。",
    "{when}{where}{who}{did}，{what}，{result}。",
    "据{who}介绍，{what}，{result}。",
    "{who}表示，{when}{did}，{result}。",
    "{when}，{what}，{who}{did}。",
]
POOLS_GENERIC = {
    "when": "今年以来|近年来|近日|{month}月{day}日|截至{month}月底|入夏以来|连日来|"
    "上半年|今年上半年|"
    "{month}月上旬|国庆假期期间|春节前后|今年前{n3}个月|过去一周|近一段时间|"
    "去年以来|眼下|日前|{month}月中旬|此前|本周以来|从{month}月开始",
    "where": "在{county}|在{place}|在{county}{village}村|走进{county}|在{place}城区|{county}境内|"
    "在{village}村|在{county}{village}社区",
    "who": "当地干部群众|{place}{org}|{county}|{org}工作人员|{person}|村民{person}|"
    "{org}{title}{person}|不少企业|基层党员|志愿服务队|{county}{org}|有关部门|"
    "{village}村党支部|{county}{village}村村委会|驻村第一书记{person}|{place}各级党组织|"
    "{org}党员突击队|网格员{person}|{county}融媒体中心|{place}相关部门负责人",
    "result": "确保了群众生命财产安全|为下一步工作打下了坚实基础|各项工作有序推进|受到当地群众欢迎|"
    "取得了明显成效|群众的获得感不断增强|相关经验在全{unit}推广|工作效率大幅提高|"
    "有关情况将及时向社会公布|目前进展顺利|赢得了群众的一致好评|为高质量发展注入了动力|"
    "基层治理能力明显提升|相关做法被写入工作简报|不少群众专门打来电话表示感谢|"
    "整体进度比往年提前了{n3}天|这在当地还是第一次|下一步还将扩大覆盖范围|"
    "问题整改率达到{pct}%|群众满意度达到{pct}%",
}
VILLAGES = names("红旗 新民 团结 东风 幸福 前进 和平 光明 永兴 太平 长青 胜利 民主 青山 白塔")

TOPICS: dict[str, dict[str, list[str]]] = {
    "flood": {
        "did": pool(
            "加紧巡查{item}|连夜转移受威胁群众|全力抢修受损{item}|"
            "提前预置抢险物资|开展拉网式隐患排查|加密雨情水情监测|"
            "组织抢险队伍集结待命|及时发布预警信息|对{item}实行分段包保|"
            "加固险工险段|清理排水管网淤泥|开展防汛应急演练|落实汛期值班值守制度|"
            "调度排涝设备"
        ),
        "what": pool(
            "累计排查隐患{n2}处|转移群众{n1}人|出动抢险人员{n2}人次|"
            "储备编织袋{n1}条|{item}水位已回落{n3}十厘米|"
            "受灾农田{n1}亩得到及时排水|{n2}处险情全部得到处置|"
            "降雨量最大达到{n2}毫米|预置冲锋舟{n3}十艘|"
            "修复水毁道路{n2}公里"
        ),
        "org": ["防汛抗旱指挥部", "水利局", "应急管理局", "气象局"],
        "item": ["堤防", "水库", "排涝泵站", "山洪沟", "河道"],
        "head": [
            "{place}全面进入主汛期 {n3}支抢险队伍待命",
            "{county}加固{item}迎战强降雨",
            "{place}启动防汛四级应急响应",
            "汛期将至 {place}排查{item}隐患{n2}处",
        ],
        "sent": [
            "受强降雨影响，{county}境内多条河流水位持续上涨，部分{item}出现险情。",
            "{place}{org}第一时间启动应急响应，组织{n2}名干部群众连夜巡查{item}。",
            "气象部门预计，未来三天{place}仍有中到大雨，局地暴雨。",
            "目前，全{unit}共储备编织袋{n1}条、救生衣{n2}件，抢险物资充足。",
            "{county}对辖区内{n2}座{item}逐一建立责任清单，明确到人。",
            "抢险人员冒雨奋战{n3}个小时，成功排除了{item}渗漏险情。",
            "为保障群众安全，当地提前转移受威胁群众{n1}人。",
            "{org}提醒，雨天请尽量减少外出，远离河道和低洼地带。",
            "今年汛期，{place}将实行二十四小时值班和领导带班制度。",
            "截至目前，全{unit}{item}运行平稳，未发生人员伤亡。",
            "水文监测站每小时报送一次数据，为科学调度提供依据。",
            "{person}连续多日驻守在{item}一线，嗓子都喊哑了。",
        ],
    },
    "farming": {
        "did": pool(
            "抢抓农时播种{item}|组织技术人员下田指导|统一采购种子化肥|"
            "推广{item}高产栽培技术|开展测土配方施肥|建设高标准农田|"
            "调配大型农机具|组织农民参加技能培训|发放种粮补贴|推行土地托管服务|"
            "加强病虫害统防统治|收购新产{item}"
        ),
        "what": pool(
            "全{unit}播种{item}{n1}亩|亩均增产{n3}十公斤|"
            "新建高标准农田{n1}亩|投入农机具{n2}台套|培训农民{n1}人次|"
            "{item}收购价每斤上涨{n3}分|农资服务网点达到{n2}个|"
            "合作社带动农户{n2}户|粮食总产量预计达到{n2}万吨|"
            "每亩节省成本{n3}十元"
        ),
        "org": ["农牧局", "农业农村局", "农技推广中心", "供销社"],
        "item": ["玉米", "大豆", "马铃薯", "小麦", "水稻", "向日葵"],
        "head": [
            "{county}{n1}亩{item}播种进入高峰",
            "{place}春耕备耕有序推进",
            "科技助力 {county}{item}喜获丰收",
            "{place}推广{item}新品种{n3}个",
        ],
        "sent": [
            "眼下正是春耕关键时期，{county}的田间地头到处是忙碌的身影。",
            "今年全{unit}计划种植{item}{n1}亩，比去年增加{pct}%。",
            "{org}组织{n2}名技术人员深入田间，手把手指导农户科学施肥。",
            "大型播种机在田里来回穿梭，一天就能完成{n2}亩的播种任务。",
            "{person}种了{n3}十年地，他说今年的种子和化肥都提前备足了。",
            "当地推广的{item}高产栽培技术，亩均增产{n3}十公斤左右。",
            "为保障农资供应，{place}设立了{n2}个农资服务网点。",
            "合作社统一采购、统一作业，每亩地能为农户节省成本{n3}十元。",
            "{county}今年新建高标准农田{n1}亩，灌溉条件明显改善。",
            "农技专家提醒，近期气温波动较大，要注意防范倒春寒。",
            "今年{item}收购价格稳中有升，农民种植积极性很高。",
            "秋收时节，金黄的{item}堆满了晾晒场，丰收的喜悦写在脸上。",
        ],
    },
    "roads": {
        "did": pool(
            "抢抓施工黄金期|加快{item}建设进度|实行两班倒施工|完成路基填筑|"
            "推进{item}提档升级|开展{item}养护|加强施工质量监管|"
            "协调解决征地拆迁问题|铺设沥青路面|完善交通安全设施|打通断头路|"
            "开通城乡公交线路"
        ),
        "what": pool(
            "项目全长{n2}公里|总投资{n1}万元|已完成总工程量的{pct}%|"
            "新改建{item}{n2}公里|沿线{n2}个村庄直接受益|"
            "车程缩短{n3}十分钟|投入施工机械{n2}台|"
            "{n2}余名建设者坚守一线|养护里程达到{n2}公里|惠及群众{n1}人"
        ),
        "org": ["交通运输局", "公路管理局", "住建局", "发改委"],
        "item": ["高速公路", "国道", "农村公路", "跨河大桥", "隧道"],
        "head": [
            "{place}{item}建设项目全面复工",
            "{county}{item}提前{n3}个月建成通车",
            "{place}今年计划新改建{item}{n2}公里",
            "{item}通车 {county}群众出行更便捷",
        ],
        "sent": [
            "项目全长{n2}公里，总投资{n1}万元，设计时速八十公里。",
            "施工现场机械轰鸣，{n2}余名建设者正在抓紧进行路面铺设。",
            "{org}负责人介绍，该{item}建成后将大大缩短沿线群众的出行时间。",
            "为抢抓施工黄金期，项目部实行两班倒，确保工程进度。",
            "{county}今年将完成{item}养护里程{n2}公里。",
            "这条路修好后，村里的农产品运出去再也不发愁了。",
            "质监部门加强全过程监督，对关键工序实行旁站监理。",
            "截至目前，项目已完成总工程量的{pct}%。",
            "{person}家就住在{item}边上，他说以前下雨天出门一身泥。",
            "通车后，从{place}到{county}的车程将由{n3}个小时缩短到一个小时以内。",
            "沿线{n2}个村庄将直接受益，惠及群众{n1}人。",
            "交警部门提醒，施工路段请减速慢行，注意安全。",
        ],
    },
    "school": {
        "did": pool(
            "新建改扩建{item}|开展校舍安全排查|招聘补充教师|开设课后服务课程|"
            "落实学生资助政策|推进集团化办学|配备智慧教学设备|开通校车线路|"
            "加强学校食堂管理|组织教师交流轮岗|开展开学安全教育|实施营养改善计划"
        ),
        "what": pool(
            "新增学位{n1}个|新招聘教师{n2}名|开设特色课程{n2}门|"
            "资助困难学生{n1}人次|开通校车线路{n3}十条|"
            "{n2}所{item}完成改造|课后服务参与率达到{pct}%|"
            "投入资金{n1}万元改善办学条件|{n2}名教师参加交流轮岗|"
            "学生近视率下降{n3}个百分点"
        ),
        "org": ["教育局", "教育体育局", "团委", "妇联"],
        "item": ["中小学", "幼儿园", "职业学校", "寄宿制学校"],
        "head": [
            "{place}{n2}所{item}迎来新学期",
            "{county}新建{item}投入使用",
            "{place}义务教育阶段学位增加{n1}个",
            "{county}{item}课后服务实现全覆盖",
        ],
        "sent": [
            "开学第一天，{county}的校园里处处洋溢着欢声笑语。",
            "今年{place}新建改扩建{item}{n2}所，新增学位{n1}个。",
            "{org}组织专门力量，对全{unit}校舍安全进行了全面排查。",
            "新教学楼宽敞明亮，每间教室都配备了智慧黑板。",
            "{person}老师在这所学校教了{n3}十年书，见证了学校的巨大变化。",
            "学校食堂实行明厨亮灶，家长可以随时通过手机查看后厨情况。",
            "今年全{unit}新招聘教师{n2}名，重点充实农村学校。",
            "课后服务开设了书法、足球、科技制作等{n2}门特色课程。",
            "家长{person}说，孩子放学后能在学校写完作业，自己安心多了。",
            "针对偏远地区学生，当地开通了{n3}十条校车线路。",
            "学校还为家庭困难学生落实了各项资助政策。",
            "{org}要求各校严格落实作业管理规定，切实减轻学生负担。",
        ],
    },
    "health": {
        "did": pool(
            "开展{item}服务|组建家庭医生团队|推进紧密型医共体建设|"
            "下沉优质医疗资源|开展免费体检|完善基层医疗设备|推行一站式结算|"
            "开展健康知识宣传|建立双向转诊通道|加强慢性病随访|开展送医下乡活动|"
            "扩大门诊报销范围"
        ),
        "what": pool(
            "签约居民{n1}人|组建医生团队{n2}个|接受咨询{n2}人次|"
            "发放宣传资料{n1}份|{item}覆盖率达到{pct}%|"
            "{n2}种常用药纳入报销范围|免费体检{n1}人次|"
            "基层就诊率提高{n3}个百分点|远程会诊{n2}例|"
            "配备彩超等设备{n2}台"
        ),
        "org": ["卫生健康委", "疾控中心", "医保局", "人民医院"],
        "item": ["家庭医生签约", "远程会诊", "义诊", "慢病管理", "健康体检"],
        "head": [
            "{place}推进{item}服务进社区",
            "{county}免费{item}惠及{n1}名群众",
            "{place}{item}覆盖率达{pct}%",
            "医疗专家走进{county}开展{item}",
        ],
        "sent": [
            "一大早，{county}卫生院门前就排起了长队，前来参加{item}的群众络绎不绝。",
            "{place}{org}今年将{item}作为重点民生实事来抓。",
            "专家们耐心询问病情，仔细检查身体，并给出了用药建议。",
            "全{unit}已组建家庭医生团队{n2}个，签约居民{n1}人。",
            "{person}患高血压多年，如今在家门口就能拿到常用药。",
            "通过{item}，基层群众不出远门就能享受到大医院的诊疗服务。",
            "医保部门将{n2}种常见病用药纳入门诊报销范围。",
            "乡镇卫生院配备了彩超、数字化拍片等设备，检查能力大幅提升。",
            "活动现场共发放健康宣传资料{n1}份，接受咨询{n2}人次。",
            "{org}提醒，秋冬季是呼吸道疾病高发期，要注意科学防护。",
            "当地还建立了上下转诊绿色通道，重症患者能及时转到上级医院。",
            "{person}医生说，看到乡亲们的笑脸，再累也值得。",
        ],
    },
    "ecology": {
        "did": pool(
            "实施{item}生态修复|开展植树造林|落实禁牧休牧制度|"
            "推进{item}综合治理|补播改良退化{item}|"
            "加强{item}巡护监测|打击破坏{item}违法行为|建设生态廊道|"
            "推广节水灌溉|开展河湖清四乱|实行林长制|修建围栏封育"
        ),
        "what": pool(
            "完成{item}治理{n1}亩|植被覆盖度提高到{pct}%|"
            "种植树苗{n1}株|空气质量优良天数比例达到{pct}%|"
            "观测到候鸟{n2}种|新增造林面积{n1}亩|{n2}名护林员上岗巡护|"
            "查处违法案件{n2}起|水土流失面积减少{n2}平方公里|"
            "草畜平衡区面积扩大{n1}亩"
        ),
        "org": ["林业和草原局", "生态环境局", "自然资源局", "水务局"],
        "item": ["草原", "湿地", "防护林", "沙地", "湖泊"],
        "head": [
            "{place}{item}生态修复成效明显",
            "{county}完成{item}治理{n1}亩",
            "候鸟重返{county}{item}",
            "{place}全面推行{item}保护责任制",
        ],
        "sent": [
            "站在观景台上远眺，昔日的荒滩如今已是一片绿意盎然。",
            "今年{place}共完成{item}治理任务{n1}亩，超额完成年度计划。",
            "{org}采取封育、补播、围栏等措施，让{item}休养生息。",
            "监测数据显示，{county}植被覆盖度已由过去的{n3}成提高到{pct}%。",
            "{person}当了{n3}十年护林员，每天要在{item}里巡护十几公里。",
            "随着生态环境持续改善，越来越多的野生动物在这里安家。",
            "当地严格落实禁牧休牧制度，草畜平衡区面积逐年扩大。",
            "{county}还发展起了生态旅游，不少牧民吃上了旅游饭。",
            "今年以来，全{unit}空气质量优良天数比例达到{pct}%。",
            "{org}对破坏{item}的违法行为保持高压严打态势。",
            "志愿者们扛着铁锹、提着水桶，在{item}边种下了一排排树苗。",
            "专家认为，{item}修复是一项长期工程，需要久久为功。",
        ],
    },
    "tourism": {
        "did": pool(
            "举办{item}|推出文旅惠民措施|开发特色旅游线路|提升景区服务水平|"
            "发放文旅消费券|打造夜间文旅消费集聚区|推进非遗活态传承|开展文艺演出|"
            "完善旅游厕所和停车场|开通旅游专线|推行景区预约游览|举办特色美食节"
        ),
        "what": pool(
            "接待游客{n1}人次|实现旅游收入{n2}亿元|推出文旅活动{n2}项|"
            "游客同比增长{pct}%|民宿入住率达到{pct}%|"
            "发放消费券{n1}万元|开通旅游专线{n3}条|"
            "{n2}个非遗项目参加展示|吸引外地游客占比{pct}%|"
            "带动周边就业{n1}人"
        ),
        "org": ["文化和旅游局", "文旅集团", "景区管委会", "文化馆"],
        "item": ["那达慕", "灯会", "冰雪节", "民俗文化节", "音乐节"],
        "head": [
            "{place}{item}开幕 游客纷至沓来",
            "{county}{item}吸引游客{n1}人次",
            "假期{place}接待游客同比增长{pct}%",
            "{county}打造{item}文旅品牌",
        ],
        "sent": [
            "{month}月{day}日，{place}第{n3}届{item}在{county}盛大开幕。",
            "活动现场人头攒动，精彩的表演引来游客阵阵喝彩。",
            "假期期间，{place}共接待游客{n1}人次，实现旅游收入{n2}亿元。",
            "{org}精心策划了{n2}项文旅活动，满足不同游客的需求。",
            "来自外地的游客{person}说，这是她第一次来到这里，感觉不虚此行。",
            "景区周边的民宿提前一周就被预订一空。",
            "当地把非遗展示融入{item}，让游客在游玩中感受传统文化魅力。",
            "为保障游客安全，{county}加派了{n2}名工作人员维持秩序。",
            "特色美食街上，烤全羊、奶茶等美食吸引了不少游客驻足品尝。",
            "{person}在景区门口开了一家小店，假期几天的收入顶得上平时一个月。",
            "{org}还推出了线上预约和门票优惠等便民措施。",
            "文旅融合发展正在为当地经济注入新的活力。",
        ],
    },
    "industry": {
        "did": pool(
            "集中开工{item}项目|实行项目专员制度|开展精准招商|优化营商环境|"
            "设立产业发展基金|建设标准化厂房|延伸{item}产业链|推进智能化改造|"
            "帮助企业解决融资难题|完善园区基础设施|举办项目签约活动|"
            "推行审批事项容缺受理"
        ),
        "what": pool(
            "项目总投资{n1}万元|签约项目{n2}个|年产值预计达到{n2}亿元|"
            "带动就业{n1}人|{item}产业增长{pct}%|"
            "引进上下游企业{n2}家|设立基金{n2}亿元|审批时限压缩{pct}%|"
            "新建厂房{n1}平方米|规上工业企业达到{n2}家"
        ),
        "org": ["工业和信息化局", "投资促进局", "开发区管委会", "商务局"],
        "item": ["新能源", "光伏", "稀土新材料", "装备制造", "农畜产品加工"],
        "head": [
            "{place}{item}项目集中开工",
            "{county}签约{item}项目{n2}个",
            "{place}{item}产业产值突破{n2}亿元",
            "{item}龙头企业落户{county}",
        ],
        "sent": [
            "此次集中开工的项目共{n2}个，总投资{n1}万元，涉及{item}等多个领域。",
            "{org}实行项目专员制度，为企业提供全程代办服务。",
            "走进{county}工业园区，一座座现代化厂房拔地而起。",
            "该项目投产后，预计年产值可达{n2}亿元，带动就业{n1}人。",
            "企业负责人{person}表示，看中的正是这里良好的营商环境。",
            "今年以来，{place}{item}产业保持了两位数增长。",
            "园区水电路讯等基础设施配套齐全，企业可以拎包入驻。",
            "为解决企业融资难题，当地设立了{n2}亿元产业发展基金。",
            "{county}围绕{item}产业链精准招商，引进上下游企业{n2}家。",
            "生产车间里，智能机械臂正有条不紊地进行组装作业。",
            "{org}将持续优化政务服务，让企业办事更加便捷高效。",
            "业内人士认为，{item}将成为{place}经济发展的新引擎。",
        ],
    },
}

EDITOR_LINES = [
    "（责任编辑：{person}）",
    "[责任编辑 {person} ]",
    "责任编辑：{person}",
    "编辑：{person} 校对：{person2}",
    "责编：{person}",
    "【纠错】 责任编辑：{person}",
]
REPORTER_LINES = [
    "（记者 {person}）",
    "记者：{person} {person2}",
    "（通讯员 {person} 记者 {person2}）",
]
NAV_TOP = [
    "首页 > 新闻中心 > 区内要闻",
    "网站首页 | 新闻 | 图片 | 视频 | 专题",
    "当前位置：首页 > 本地新闻",
    "字体：大 中 小",
]
NAV_BOTTOM = [
    "分享到：微信 微博 QQ空间",
    "【打印】 【关闭】",
    "扫一扫在手机打开当前页",
    "上一篇：{headline2}",
    "相关新闻",
    "返回顶部",
]
FILLER_CHARS = (
    "的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同"
    "工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二"
    "理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那"
    "社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条"
    "只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次"
    "品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几"
    "九区强放决西被干做必战先回则任取据处理"
)
SWAPS = [
    ("近日", "日前"),
    ("目前", "眼下"),
    ("群众", "居民"),
    ("表示", "说"),
    ("今年", "2024年"),
    ("记者", "笔者"),
    ("进一步", "持续"),
    ("已经", "已"),
]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def fill(template: str, rng: random.Random, topic: dict, ctx: dict) -> str:
    """A template with its slots filled; ``ctx`` fixes the story's place and county."""
    values = {
        "place": ctx["place"],
        "county": ctx["county"],
        "unit": rng.choice(("市", "区", "县", "旗", "盟")),
        "n1": rng.randint(1200, 98000),
        "n2": rng.randint(12, 480),
        "n3": rng.choice("三四五六七八九"),
        "pct": rng.randint(11, 97),
        "month": rng.choice(MONTHS),
        "day": rng.randint(1, 28),
        "person": person(rng),
        "person2": person(rng),
        "title": rng.choice(TITLES),
        "village": rng.choice(VILLAGES),
        "org": rng.choice(topic["org"]),
        "item": ctx["item"],
        "headline2": ctx.get("headline2", ""),
    }
    return template.format(**values)


# ---------------------------------------------------------------- stories


@dataclass
class Synth:
    """A generated article with its ground truth."""

    story: Story
    story_id: int
    topic: str
    true_time: datetime
    """When it was really published (the page may show only the date)."""
    edit_rate: float
    """Share of the original's text the generator set out to edit (0 for the original)."""
    edited: float
    """Share of the text that really differs from the original (1 - difflib ratio)."""


def new_sentence(rng: random.Random, topic_name: str, ctx: dict) -> str:
    """One sentence: a whole topic sentence now and then, else a composed one."""
    topic = TOPICS[topic_name]
    if rng.random() < 0.2:
        return fill(rng.choice(topic["sent"]), rng, topic, ctx)
    parts = {
        "when": rng.choice(pool(POOLS_GENERIC["when"])),
        "where": rng.choice(pool(POOLS_GENERIC["where"])),
        "who": rng.choice(pool(POOLS_GENERIC["who"])),
        "result": rng.choice(pool(POOLS_GENERIC["result"])),
        "did": rng.choice(topic["did"]),
        "what": rng.choice(topic["what"]),
    }
    return fill(rng.choice(SKELETONS).format(**parts), rng, topic, ctx)


def write_story(rng: random.Random, topic_name: str, ctx: dict, shared: list[str]) -> list[str]:
    """Paragraphs of a new story; ``shared`` paragraphs (a sibling's background) are reused."""
    sentences = [new_sentence(rng, topic_name, ctx) for _ in range(rng.randint(9, 20))]
    paragraphs, i = [], 0
    while i < len(sentences):
        n = rng.randint(2, 4)
        paragraphs.append("".join(sentences[i : i + n]))
        i += n
    for p in shared:
        paragraphs.insert(rng.randint(1, len(paragraphs)), p)
    return paragraphs


def headline_variant(rng: random.Random, headline: str, topic_name: str, ctx: dict) -> str:
    """The same headline with other punctuation, or (rarely) a new headline."""
    r = rng.random()
    if r < 0.1:
        return fill(rng.choice(TOPICS[topic_name]["head"]), rng, TOPICS[topic_name], ctx)
    if r < 0.3:
        return headline.replace(" ", "：", 1)
    if r < 0.45:
        return headline.replace(" ", "——", 1)
    if r < 0.6:
        return f"“{headline}”" if rng.random() < 0.5 else headline + "！"
    if r < 0.7:
        return headline.replace(" ", "，")
    return headline


def edit_body(
    rng: random.Random, paragraphs: list[str], rate: float, topic: str, ctx: dict
) -> list[str]:
    """Word/sentence substitutions, paragraph drops/additions worth ``rate`` of the text."""
    paras = list(paragraphs)
    budget = rate * sum(len(p) for p in paras)
    spent = 0.0
    while spent < budget:
        op = rng.choices(("word", "sentence", "drop", "add"), (0.35, 0.3, 0.15, 0.2))[0]
        i = rng.randrange(len(paras))
        if op == "word":
            old, new = rng.choice(SWAPS)
            if old in paras[i]:
                paras[i] = paras[i].replace(old, new, 1)
            else:
                pos = rng.randrange(len(paras[i]))
                new = "".join(rng.choice(FILLER_CHARS) for _ in range(rng.randint(1, 3)))
                paras[i] = paras[i][:pos] + new + paras[i][pos + len(new) :]
            spent += len(new)
        elif op == "sentence":
            sentences = [s + "。" for s in paras[i].split("。") if s]
            if not sentences:
                continue
            j = rng.randrange(len(sentences))
            spent += len(sentences[j])
            sentences[j] = new_sentence(rng, topic, ctx)
            paras[i] = "".join(sentences)
        elif op == "drop" and len(paras) > 3 and len(paras[i]) <= budget - spent + 20:
            spent += len(paras.pop(i))
        elif op == "add":
            added = "".join(new_sentence(rng, topic, ctx) for _ in range(rng.randint(1, 2)))
            if len(added) <= budget - spent + 20:
                paras.insert(i + 1, added)
                spent += len(added)
    return paras


def dress(rng: random.Random, paras: list[str], ctx: dict, source: str | None, topic: str) -> str:
    """The body as a site shows it: credits, widgets and navigation left over."""
    lines = list(paras)
    t = TOPICS[topic]
    if rng.random() < 0.4:
        lines.insert(0, fill(rng.choice(NAV_TOP), rng, t, ctx))
    if rng.random() < 0.5:
        lines.append(fill(rng.choice(REPORTER_LINES), rng, t, ctx))
    if source and rng.random() < 0.5:
        lines.append(f"来源：{source}")
    if rng.random() < 0.8:
        lines.append(fill(rng.choice(EDITOR_LINES), rng, t, ctx))
    for _ in range(rng.choice((0, 0, 1, 2))):
        lines.append(fill(rng.choice(NAV_BOTTOM), rng, t, ctx))
    return "\n".join(lines)


def shown_time(rng: random.Random, t: datetime, date_only_rate: float) -> str | None:
    """What the page shows: a full time, only the date (read as 00:00), or nothing."""
    r = rng.random()
    if r < 0.04:
        return None
    if r < 0.04 + date_only_rate:
        return t.replace(hour=0, minute=0).isoformat()
    return t.isoformat()


def generate_corpus(articles: int, seed: int, measure_edits: bool = True) -> list[Synth]:
    """At least ``articles`` generated articles (originals, reprints, hard negatives).

    ``measure_edits`` computes ``Synth.edited`` with difflib (slow on big corpora).
    """
    rng = random.Random(seed)
    out: list[Synth] = []
    by_topic: dict[str, list[tuple[dict, list[str]]]] = defaultdict(list)
    start = datetime.fromisoformat("2024-01-01T08:00:00+08:00")
    story_id = 0
    while len(out) < articles:
        story_id += 1
        topic = rng.choice(list(TOPICS))
        earlier = by_topic[topic]
        shared: list[str] = []
        if earlier and rng.random() < 0.3:  # a sibling: same place, one shared paragraph
            ctx0, paras0 = rng.choice(earlier)
            ctx = dict(ctx0)
            shared = [rng.choice(paras0)]
        else:
            ctx = {
                "place": rng.choice(PLACES),
                "county": rng.choice(COUNTIES),
                "item": rng.choice(TOPICS[topic]["item"]),
            }
        ctx["headline2"] = fill(rng.choice(TOPICS[topic]["head"]), rng, TOPICS[topic], ctx)
        headline = fill(rng.choice(TOPICS[topic]["head"]), rng, TOPICS[topic], ctx)
        paragraphs = write_story(rng, topic, ctx, shared)
        earlier.append((ctx, paragraphs))
        t0 = start + timedelta(minutes=rng.randint(0, 360 * 24 * 60))
        t0 = t0.replace(hour=rng.randint(6, 22))  # originals carry a real time of day
        home = rng.choice(list(SITES)) if rng.random() < 0.35 else rng.choice(REGIONAL)
        wire = WIRES.get(home)
        own_source = wire or rng.choice((SITES[home], LOCAL_PAPERS.get(home), None))
        credited = wire or SITES[home]
        n_reprints = rng.choices((0, 1, 2, 3, 4, 5), (0.35, 0.2, 0.15, 0.12, 0.1, 0.08))[0]
        hosts = rng.sample([s for s in REGIONAL if s != home], n_reprints)
        versions = [(home, headline, paragraphs, own_source, t0, 0.2, 0.0)]
        for host in hosts:
            t = t0 + timedelta(minutes=rng.randint(20, 36 * 60))
            rate = rng.uniform(0.0, 0.2)
            paras = edit_body(rng, paragraphs, rate, topic, ctx)
            head = headline_variant(rng, headline, topic, ctx)
            src = credited if rng.random() < 0.85 else None
            versions.append((host, head, paras, src, t, 0.25, rate))
        if wire and n_reprints and rng.random() < 0.3:
            versions = versions[1:]  # the wire's own page is not in the archive
        original = "".join(paragraphs)
        for host, head, paras, src, t, date_only, rate in versions:
            url = f"https://{host}.example/{t:%Y%m}/{story_id}-{host}.html"
            fetched = t + timedelta(hours=rng.randint(1, 72))
            story = Story(
                canonical_url=url,
                site=host,
                headline=head,
                body=dress(rng, paras, ctx, src, topic),
                published_at=shown_time(rng, t, date_only),
                fetched_at=fetched.isoformat(),
                source=src,
            )
            edited = 0.0
            if measure_edits and rate:
                matcher = SequenceMatcher(None, original, "".join(paras), autojunk=False)
                edited = 1 - matcher.ratio()
            out.append(Synth(story, story_id, topic, t, rate, edited))
    return out


# ---------------------------------------------------------------- scoring


def pairs_of(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {(a, b) if a < b else (b, a) for g in groups for a, b in combinations(g, 2)}


def true_groups(corpus: list[Synth]) -> list[list[str]]:
    by_story: dict[int, list[str]] = defaultdict(list)
    for s in corpus:
        by_story[s.story_id].append(s.story.canonical_url)
    return [g for g in by_story.values() if len(g) > 1]


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def score(corpus: list[Synth], params: Params) -> dict[str, float]:
    """Pairwise and cluster-level precision/recall, and origin accuracy."""
    stories = [s.story for s in corpus]
    started = time.perf_counter()
    clusters = find_reprints(stories, params, site_name=SITES.get)
    elapsed = time.perf_counter() - started
    predicted = [c.urls for c in clusters]
    truth = true_groups(corpus)
    found, wanted = pairs_of(predicted), pairs_of(truth)
    hit = len(found & wanted)
    exact = {frozenset(g) for g in truth} & {frozenset(g) for g in predicted}
    true_time = {s.story.canonical_url: s.true_time for s in corpus}
    right_origin = sum(
        1
        for c in clusters
        if frozenset(c.urls) in exact
        and true_time[c.origin_url] == min(true_time[u] for u in c.urls)
    )
    return {
        "articles": len(corpus),
        "true_clusters": len(truth),
        "found_clusters": len(predicted),
        "pair_precision": ratio(hit, len(found)),
        "pair_recall": ratio(hit, len(wanted)),
        "cluster_precision": ratio(len(exact), len(predicted)),
        "cluster_recall": ratio(len(exact), len(truth)),
        "origin_accuracy": ratio(right_origin, len(exact)),
        "seconds": elapsed,
    }


def separation(corpus: list[Synth], k: int) -> tuple[list[tuple], list[tuple]]:
    """(Jaccard, containment) of every true reprint pair and every same-topic other pair."""
    texts = story_texts([s.story for s in corpus])
    sh = {url: shingle_hashes(t, k) for url, t in texts.items()}
    positive, negative = [], []
    by_topic: dict[str, list[Synth]] = defaultdict(list)
    for s in corpus:
        by_topic[s.topic].append(s)
    for group in by_topic.values():
        for a, b in combinations(group, 2):
            pair = overlap(sh[a.story.canonical_url], sh[b.story.canonical_url])
            (positive if a.story_id == b.story_id else negative).append(pair)
    return positive, negative


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


METRICS = ("pair_precision", "pair_recall", "cluster_precision", "cluster_recall")


def mean_score(corpora: list[list[Synth]], params: Params) -> dict[str, float]:
    scores = [score(c, params) for c in corpora]
    return {k: sum(s[k] for s in scores) / len(scores) for k in scores[0]}


def report_corpus(name: str, corpora: list[list[Synth]]) -> None:
    reprints = [s for c in corpora for s in c if s.edit_rate > 0]
    edited = [s.edited for s in reprints]
    sizes = ", ".join(str(len(c)) for c in corpora)
    print(
        f"{name}: {len(corpora)} corpora of {sizes} articles; {len(reprints)} reprints, "
        f"text really edited: median {quantile(edited, 0.5):.1%}, "
        f"90% {quantile(edited, 0.9):.1%}, max {max(edited):.1%}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=600, help="articles per corpus (600)")
    ap.add_argument("--seed", type=int, default=100, help="first seed of the test corpora")
    ap.add_argument("--tune-seed", type=int, default=1, help="first seed of the tuning corpora")
    ap.add_argument("--corpora", type=int, default=3, help="corpora per set (3)")
    args = ap.parse_args()
    defaults = Params()

    tune = [generate_corpus(args.articles, args.tune_seed + i) for i in range(args.corpora)]
    report_corpus(f"Tuning set (seeds {args.tune_seed}+)", tune)
    print("\n1. Exact overlap of true reprint pairs vs same-topic different-story pairs")
    print("   k   reprints: Jaccard min / 1%   containment min / 1%")
    print("       others:   Jaccard max / 99.9% containment max / 99.9%")
    for k in (4, 5, 6, 8):
        pos, neg = [], []
        for corpus in tune:
            p, n = separation(corpus, k)
            pos += p
            neg += n
        pj, pc = [p[0] for p in pos], [p[1] for p in pos]
        nj, nc = [n[0] for n in neg], [n[1] for n in neg]
        both = sum(1 for j, c in neg if j >= defaults.min_jaccard and c >= defaults.min_containment)
        print(
            f"   {k}   reprints: {min(pj):.3f} / {quantile(pj, 0.01):.3f}"
            f"          {min(pc):.3f} / {quantile(pc, 0.01):.3f}\n"
            f"       others:   {max(nj):.3f} / {quantile(nj, 0.999):.3f}"
            f"          {max(nc):.3f} / {quantile(nc, 0.999):.3f}"
            f"   ({len(neg)} pairs, {both} pass the default thresholds)"
        )

    print("\n2. Full pipeline on the tuning set (mean), defaults except the parameter varied:")
    print("   k  lsh   min_cont min_jacc  pair P  pair R  clus P  clus R")
    variants = [{}]
    variants += [{"shingle": k} for k in (4, 6)]
    variants += [{"lsh_threshold": t} for t in (0.3, 0.45)]
    variants += [{"min_containment": t} for t in (0.4, 0.6)]
    variants += [{"min_jaccard": t} for t in (0.0, 0.2, 0.4)]
    for change in variants:
        p = replace(defaults, **change)
        r = mean_score(tune, p)
        mark = "  <- defaults" if not change else ""
        print(
            f"   {p.shingle}  {p.lsh_threshold:.2f}  {p.min_containment:.2f}     "
            f"{p.min_jaccard:.2f}      " + "  ".join(f"{r[m]:.4f}" for m in METRICS) + mark
        )

    test = [generate_corpus(args.articles, args.seed + i) for i in range(args.corpora)]
    print()
    report_corpus(f"Test set (seeds {args.seed}+)", test)
    print(f"3. Defaults {defaults}")
    print("   seed  articles clusters found  pair P  pair R  clus P  clus R  origin  seconds")
    for i, corpus in enumerate(test):
        r = score(corpus, defaults)
        print(
            f"   {args.seed + i:<5} {r['articles']:>8} {r['true_clusters']:>8} "
            f"{r['found_clusters']:>5}  "
            + "  ".join(f"{r[m]:.4f}" for m in (*METRICS, "origin_accuracy"))
            + f"  {r['seconds']:.2f}"
        )
    r = mean_score(test, defaults)
    print(
        "   mean                          "
        + "  ".join(f"{r[m]:.4f}" for m in (*METRICS, "origin_accuracy"))
    )


if __name__ == "__main__":
    main()
