"""The query parser and compiler: forgiving parsing, safe FTS5, same answers as a reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.search import Filters, search
from newsarchive.search.compile import MAX_TERMS, QueryError, fts_expr, fts_quote, plan
from newsarchive.search.query import And, Not, Or, Term, count_terms, parse_query
from tests.search_archive import ARTICLES, build_archive, record, slugs


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("防汛", Term("防汛")),
        ("防汛 抗旱", And((Term("防汛"), Term("抗旱")))),
        ("防汛 AND 抗旱", And((Term("防汛"), Term("抗旱")))),
        ("a OR b c", Or((Term("a"), And((Term("b"), Term("c")))))),
        ("(a OR b) c", And((Or((Term("a"), Term("b"))), Term("c")))),
        ("（a OR b）", Or((Term("a"), Term("b")))),
        ("a -b", And((Term("a"), Not(Term("b"))))),
        ("a NOT b", And((Term("a"), Not(Term("b"))))),
        ("NOT NOT a", Term("a")),
        ('"防汛 抗旱"', Term("防汛 抗旱")),
        ("“防汛抗旱”", Term("防汛抗旱")),
        ('"防汛抗旱', Term("防汛抗旱")),  # unbalanced quote: closed at the end
        ('标题:"防汛 抗旱"', Term("防汛 抗旱", "headline")),
        ("正文：牧民", Term("牧民", "body")),
        ("http://x.cn:8080/a", Term("http://x.cn:8080/a")),
        ("防汛*", Term("防汛")),
        ("a - b", And((Term("a"), Term("b")))),  # a lone "-" is punctuation
        ("and or", And((Term("and"), Term("or")))),  # lower case: words
        ("a AND", Term("a")),
        (")a(", Term("a")),
        ('"', None),
        ("()", None),
        ("* - OR NOT", None),
        ("", None),
    ],
)
def test_parse(text, tree):
    assert parse_query(text) == tree


def test_deep_parentheses_are_flattened():
    tree = parse_query("(" * 500 + "防汛抗旱" + ")" * 500)
    assert tree == Term("防汛抗旱")


def test_fts_expression_quotes_every_term():
    # FTS5 syntax typed by a person (NEAR, ^, column filters) becomes quoted text.
    tree = parse_query('标题:"防汛抗旱" OR ^NEAR(xyz) OR col:val')
    assert fts_expr(tree) == '{headline} : "防汛抗旱" OR ("^NEAR" AND "xyz") OR "col:val"'
    assert fts_quote(Term('a"b c')) == '"a""b c"'
    assert fts_expr(parse_query("防汛抗旱 OR 防汛")) is None  # 防汛 is too short for the index


def test_plan_sends_long_conjuncts_to_the_index_and_short_ones_to_sql():
    p = plan(parse_query("草原生态 牧民 -沙尘暴天气 (呼和浩特 OR 包头市)"))
    assert p.match == '("草原生态" AND ("呼和浩特" OR "包头市")) NOT ("沙尘暴天气")'
    assert "instr" in p.where and p.params == ["牧民", "牧民"]
    assert plan(parse_query("5g")).params == ["%5g%", "%5g%"]  # LIKE: ASCII case folded


def test_missing_headline_or_body_counts_as_empty_text(tmp_path):
    untitled = record("dahe", "untitled", headline=None, body="全市开展防汛演练。")
    bodiless = record("dahe", "bodiless", headline="图片新闻", body=None)
    db = build_archive(tmp_path / "news.db", [untitled, bodiless])
    assert sorted(slugs([h.article for h in search(db, "-防汛")])) == ["bodiless"]
    assert sorted(slugs([h.article for h in search(db, "-图片")])) == ["untitled"]
    assert sorted(slugs([h.article for h in search(db, "-5G")])) == ["bodiless", "untitled"]
    assert sorted(slugs([h.article for h in search(db, "-防汛演练")])) == ["bodiless"]


def test_like_wildcards_in_short_terms_are_literal(tmp_path):
    db = build_archive(tmp_path / "news.db")
    assert search(db, "%") == [] and search(db, "_") == [] and search(db, "\\") == []


def test_too_many_terms_is_a_clear_error():
    with pytest.raises(QueryError, match="more than"):
        plan(parse_query(" ".join(["词"] * (MAX_TERMS + 1))))


SYNTAX = list('"“”「」()（）-+*:：^\\%_ \t\u3000\x00') + ["AND", "OR", "NOT", "NEAR", "标题:"]
WORDS = ["防汛", "防汛抗旱", "黄河", "生态", "草原生态", "牧民", "5G", "长江", "汛", "新通道"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("q") / "news.db")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SYNTAX + WORDS), st.text(max_size=4)), max_size=30))
def test_any_typed_query_runs_without_error(archive, pieces):
    text = "".join(pieces)
    tree = parse_query(text)
    if count_terms(tree) > MAX_TERMS:
        return
    search(archive, text, limit=5)  # must not raise
    search(archive, text, Filters(sites=("cqnews",), since="2024"), limit=5)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_string_parses_and_runs(archive, text):
    tree = parse_query(text)
    if count_terms(tree) <= MAX_TERMS:
        search(archive, text, limit=3)


def matches(node, article) -> bool:
    """The meaning of a query tree, evaluated directly on one article (the reference)."""
    if isinstance(node, Term):
        columns = [node.column] if node.column else ["headline", "body"]
        return any(node.text.lower() in (article.get(c) or "").lower() for c in columns)
    if isinstance(node, Not):
        return not matches(node.child, article)
    results = [matches(c, article) for c in node.children]
    return all(results) if isinstance(node, And) else any(results)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(WORDS),
            st.sampled_from([" ", " OR ", " -", " NOT ", "(", ")", '"', "标题:"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_results_equal_the_reference_meaning(archive, pieces):
    text = " ".join(pieces)
    tree = parse_query(text)
    got = sorted(slugs([h.article for h in search(archive, text, limit=100)]))
    want = sorted(slugs([a for a in ARTICLES if tree is None or matches(tree, a)]))
    assert got == want, (text, tree)
