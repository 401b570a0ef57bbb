"""Turning a parsed query into SQL: FTS5 MATCH where it can, a substring scan where it must.

The trigram index only answers terms of 3+ characters; a 1–2 character term
(防汛, 5G) matches nothing there. So each part of the tree goes where it works:

- the largest conjunction of "long" parts becomes one FTS5 MATCH expression
  (every term quoted, so nothing a person types is FTS5 syntax) and gives the
  bm25 ranking;
- the rest (short terms, and ORs mixing short and long terms) becomes a plain SQL
  condition: a substring scan (``instr``, or ``LIKE`` when the term has ASCII
  letters) for short terms, ``rowid IN (… MATCH …)`` for long ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsarchive.search.query import And, Node, Not, Or, Term, terms
from newsarchive.search.schema import FTS_TABLE

MIN_FTS_CHARS = 3
"""The trigram tokenizer indexes 3-character sequences: shorter terms cannot use it."""

MAX_TERMS = 100
"""More terms than this is not a query a person typed; refuse it clearly."""

HEADLINE_WEIGHT = 5.0
"""bm25 weight of a headline hit relative to a body hit."""


class QueryError(ValueError):
    """The query cannot be run (one sentence for the user)."""


@dataclass
class Plan:
    """The SQL pieces for one query."""

    match: str | None = None
    """An FTS5 MATCH expression, when part of the query can use the index."""
    where: str = "1"
    """A condition on ``articles AS a``."""
    params: list[str] = field(default_factory=list)
    rank_terms: list[str] = field(default_factory=list)
    """Terms that must match, for ranking without bm25 and for highlighting."""


def fts_quote(term: Term) -> str:
    """A term as a quoted FTS5 phrase, restricted to its column if it has one."""
    phrase = '"' + term.text.replace('"', '""') + '"'
    return f"{{{term.column}}} : {phrase}" if term.column else phrase


def is_long(term: Term) -> bool:
    """Whether the trigram index can find this term (3+ characters)."""
    return len(term.text) >= MIN_FTS_CHARS


def fts_expr(node: Node) -> str | None:
    """``node`` as an FTS5 expression, or None when some part cannot use the index.

    FTS5's NOT is binary (``a NOT b``), so a negation needs a positive sibling.
    """
    if isinstance(node, Term):
        return fts_quote(node) if is_long(node) else None
    if isinstance(node, Not):
        return None
    if isinstance(node, Or):
        parts = [fts_expr(c) for c in node.children]
        if any(p is None for p in parts):
            return None
        return " OR ".join(
            f"({p})" if isinstance(c, And) else p for c, p in zip(node.children, parts, strict=True)
        )
    positives = [c for c in node.children if not isinstance(c, Not)]
    negatives = [c.child for c in node.children if isinstance(c, Not)]
    pos = [fts_expr(c) for c in positives]
    neg = [fts_expr(c) for c in negatives]
    if not pos or any(p is None for p in pos + neg):
        return None
    text = " AND ".join(
        f"({p})" if isinstance(c, Or) else p for c, p in zip(positives, pos, strict=True)
    )
    if neg:
        text = f"({text})" if len(pos) > 1 else text
        text += "".join(f" NOT ({n})" for n in neg)
    return text


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def sql_expr(node: Node, params: list[str]) -> str:
    """``node`` as a SQL condition on ``articles AS a`` (appending its parameters)."""
    if not isinstance(node, Not):
        match = fts_expr(node)
        if match is not None:
            params.append(match)
            return f"a.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)"
    if isinstance(node, Term):
        columns = [node.column] if node.column else ["headline", "body"]
        if any(ch.isascii() and ch.isalpha() for ch in node.text):
            # LIKE folds ASCII case, as the trigram index does (5g finds 5G).
            params.extend(_like(node.text) for _ in columns)
            tests = [f"ifnull(a.{c}, '') LIKE ? ESCAPE '\\'" for c in columns]
        else:  # instr is a plain substring scan, about a quarter faster than LIKE
            params.extend(node.text for _ in columns)
            tests = [f"instr(ifnull(a.{c}, ''), ?) > 0" for c in columns]
        return "(" + " OR ".join(tests) + ")"
    if isinstance(node, Not):
        return f"NOT ({sql_expr(node.child, params)})"
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(sql_expr(c, params) for c in node.children) + ")"


def plan(node: Node | None) -> Plan:
    """How to run the query: one MATCH for what the index can answer, SQL for the rest."""
    out = Plan()
    if node is None:
        return out
    if len(terms(node)) + len(terms(node, negated=True)) > MAX_TERMS:
        raise QueryError(f"the query has more than {MAX_TERMS} terms")
    out.rank_terms = list(dict.fromkeys(t.text for t in terms(node)))
    children = node.children if isinstance(node, And) else (node,)
    indexed = [c for c in children if fts_expr(c.child if isinstance(c, Not) else c)]
    if any(not isinstance(c, Not) for c in indexed):
        out.match = fts_expr(And(tuple(indexed)) if len(indexed) > 1 else indexed[0])
        rest = [c for c in children if c not in indexed]
    else:
        rest = list(children)
    if rest:
        out.where = " AND ".join(sql_expr(c, out.params) for c in rest)
    return out
