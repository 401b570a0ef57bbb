"""Reprint clustering: normalisation, signatures, clusters, origin (no database)."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import numpy as np
from datasketch import MinHash

from benchmarks.reprints_quality import generate_corpus, true_groups
from newsarchive.reprints.build import find_reprints
from newsarchive.reprints.cluster import UnionFind, cluster_texts
from newsarchive.reprints.minhash import Params, Signer, _identity, overlap, shingle_hashes
from newsarchive.reprints.normalize import is_credit_or_widget, story_text
from newsarchive.reprints.origin import Member, choose_origin, named_source, publication_order
from tests.reprint_samples import SITE_NAMES, reprint_set


def test_story_text_drops_credits_widgets_and_punctuation():
    a = story_text("五原县：加固堤防，迎战强降雨！", "全县共转移群众 1200 人。\n[责任编辑 赵静 ]")
    b = story_text(
        "“五原县加固堤防迎战强降雨”", "全县共转移群众１２００人。（记者 张云龙）\n责编：王芳"
    )
    assert a == b == "五原县加固堤防迎战强降雨全县共转移群众1200人"


def test_credit_lines_and_prose():
    for line in ("（记者 张云龙）", "来源：新华社", "编辑：王芳 校对：李明", "分享到：微信 微博"):
        assert is_credit_or_widget(line), line
    prose = "记者 近日从自治区水利厅了解到，今年全区将新建和改造一批小型水库，总投资超过十亿元。"
    assert not is_credit_or_widget(prose)
    assert not is_credit_or_widget("文化活动丰富多彩")


def test_signer_equals_datasketch_update_batch():
    params = Params()
    hashes = shingle_hashes(story_text("标题", "内蒙古创先争优活动激活基层党组织建设。" * 3), 5)
    reference = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=_identity)
    reference.update_batch(hashes.tolist())
    signer = Signer(params)
    ours = signer.minhash(hashes)
    assert np.array_equal(ours.hashvalues, reference.hashvalues)
    assert np.array_equal(signer.from_bytes(Signer.to_bytes(ours)).hashvalues, ours.hashvalues)


def test_shingles_and_overlap():
    a = shingle_hashes("一二三四五六七八九十", 5)
    assert a.size == 6 and np.all(np.diff(a.astype(np.int64)) > 0)
    assert shingle_hashes("", 5).size == 0
    assert overlap(a, a) == (1.0, 1.0)
    j, c = overlap(a, shingle_hashes("一二三四五六", 5))
    assert c == 1.0 and 0 < j < 1


def test_union_find_groups_only_sets_of_two_or_more():
    uf = UnionFind()
    uf.union("a", "b")
    uf.union("c", "b")
    uf.find("lonely")
    assert sorted(map(sorted, uf.groups())) == [["a", "b", "c"]]


def test_reprints_cluster_and_same_topic_story_stays_apart():
    clusters = find_reprints(reprint_set(), site_name=SITE_NAMES.get)
    assert len(clusters) == 1
    assert sorted(clusters[0].urls) == [f"https://{x}.example/1" for x in "abcd"]
    assert "https://e.example/1" not in clusters[0].urls


def test_origin_is_the_named_site_and_members_score_against_it():
    [cluster] = find_reprints(reprint_set(), site_name=SITE_NAMES.get)
    assert cluster.origin_url == "https://a.example/1"
    assert cluster.members[0] == ("https://a.example/1", 1.0)
    assert all(0.5 <= sim <= 1.0 for _, sim in cluster.members)
    assert cluster.named_source == "内蒙古新闻网"


def test_short_texts_are_not_compared():
    stories = [replace(s, body="暴雨。") for s in reprint_set()]
    assert find_reprints(stories, site_name=SITE_NAMES.get) == []


def test_identical_texts_cluster_without_lsh():
    texts = {f"u{i}": "同一篇通稿的全文内容在多个网站原样转载" * 5 for i in range(30)}
    texts["other"] = "另一篇完全不同的报道讲述了草原生态修复的进展情况" * 5
    [group] = cluster_texts(texts, Params())
    assert sorted(group) == sorted(f"u{i}" for i in range(30))


def test_generated_set_precision_and_recall():
    corpus = generate_corpus(200, seed=11)
    truth = true_groups(corpus)
    found = [c.urls for c in find_reprints([s.story for s in corpus], site_name=lambda _: None)]

    def pairs(groups):
        return {frozenset(p) for g in groups for p in combinations(g, 2)}

    hit = pairs(found) & pairs(truth)
    assert len(truth) >= 30  # the set has reprints and hard negatives to tell apart
    assert len(hit) / len(pairs(found)) >= 0.95
    assert len(hit) / len(pairs(truth)) >= 0.95
    story_of = {s.story.canonical_url: s.story_id for s in corpus}
    pure = [g for g in found if len({story_of[u] for u in g}) == 1]
    assert len(pure) / len(found) >= 0.95


def m(url, site="x", published=None, fetched=None, source=None):
    return Member(url, site, published, fetched, source)


def test_origin_earliest_publication_then_fetch():
    members = [
        m("b", published="2024-03-02T10:00:00+08:00"),
        m("a", published="2024-03-01T18:00:00+08:00"),
        m("c", published=None, fetched="2024-01-01T00:00:00+08:00"),
    ]
    assert choose_origin(members, lambda _: None).canonical_url == "a"
    tie = [
        m("x", published="2024-03-01T18:00:00+08:00", fetched="2024-03-02T09:00:00+08:00"),
        m("y", published="2024-03-01T18:00:00+08:00", fetched="2024-03-01T19:00:00+08:00"),
    ]
    assert choose_origin(tie, lambda _: None).canonical_url == "y"


def test_origin_date_only_sorts_after_real_times_that_day():
    assert publication_order("2024-04-24T00:00:00+08:00") > publication_order(
        "2024-04-24T08:15:00+08:00"
    )
    assert publication_order("2024-04-24T00:00:00+08:00") < publication_order(
        "2024-04-25T08:15:00+08:00"
    )
    members = [
        m("date-only", published="2024-04-24T00:00:00+08:00"),
        m("timed", published="2024-04-24T08:15:00+08:00"),
    ]
    assert choose_origin(members, lambda _: None).canonical_url == "timed"


def test_origin_named_source_beats_an_earlier_clock():
    names = {"nmgnews": "内蒙古新闻网", "dahe": "大河网"}.get
    members = [
        m("reprint", "dahe", "2024-05-01T07:00:00+08:00", source="内蒙古新闻网"),
        m("original", "nmgnews", "2024-05-01T09:00:00+08:00", source="内蒙古日报"),
    ]
    assert choose_origin(members, names).canonical_url == "original"


def test_named_source_is_the_most_credited_outlet():
    members = [
        m("a", published="2024-01-01T08:00:00+08:00", source="新华网"),
        m("b", published="2024-01-01T09:00:00+08:00", source="新华社"),
        m("c", published="2024-01-01T10:00:00+08:00", source="新华社"),
        m("d", source=None),
    ]
    assert named_source(members) == "新华社"
    assert named_source([m("e")]) is None
