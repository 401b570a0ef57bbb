"""Parsing a search query typed by a person into a small boolean tree.

The grammar is forgiving on purpose: whatever a person types (a lone ``"``,
unbalanced parentheses, ``*``, ``-``, colons) parses into *some* tree and
never raises. Words are substrings to look for, not FTS5 syntax:

- words and "quoted phrases" (also “Chinese quotes”) are terms; adjacent terms
  must all match (AND);
- ``OR`` and ``AND`` (upper case) combine terms, ``NOT x`` or ``-x`` excludes;
- ``( )`` / ``（ ）`` group; ``headline:`` / ``标题:`` and ``body:`` / ``正文:``
  restrict one term to a column;
- ``*`` at either end of a word is dropped: every term already matches inside
  longer words, because search is by substring.

Precedence is FTS5's: NOT binds tighter than AND, AND tighter than OR.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_DEPTH = 8
"""Deeper parentheses are ignored: FTS5's parser overflows on deep nesting."""

QUOTES = {'"': '"', "“": "”", "”": "“", "「": "」"}
OPEN_PARENS = "(（"
CLOSE_PARENS = ")）"
OPERATORS = ("AND", "OR", "NOT")
COLUMNS = {"headline": "headline", "标题": "headline", "body": "body", "正文": "body"}


@dataclass(frozen=True)
class Term:
    """A substring to find, in ``column`` or in headline and body."""

    text: str
    column: str | None = None


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or


def clean(text: str) -> str:
    """Drop characters SQLite cannot take: NUL and lone surrogates (from undecodable argv)."""
    text = text.replace("\x00", " ")
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


def _column_prefix(word: str) -> tuple[str | None, str]:
    for sep in (":", "："):
        name, found, rest = word.partition(sep)
        if found and name.lower() in COLUMNS:
            return COLUMNS[name.lower()], rest
    return None, word


def tokenize(text: str) -> list[tuple[str, object]]:
    """Tokens: ("term", Term), ("op", "AND"|"OR"|"NOT"), ("neg", None), ("(", None), (")", None)."""
    text = clean(text)
    tokens: list[tuple[str, object]] = []
    i, n = 0, len(text)
    column: str | None = None  # set by a bare "标题:" right before a quote
    while i < n:
        ch = text[i]
        if ch.isspace():
            i, column = i + 1, None
        elif ch in QUOTES:
            end = i + 1
            while end < n and text[end] not in QUOTES:
                end += 1
            phrase = text[i + 1 : end].strip()
            if phrase:
                tokens.append(("term", Term(phrase, column)))
            i, column = end + 1, None
        elif ch in OPEN_PARENS or ch in CLOSE_PARENS:
            tokens.append(("(" if ch in OPEN_PARENS else ")", None))
            i, column = i + 1, None
        else:
            end = i
            while end < n and not (
                text[end].isspace() or text[end] in QUOTES or text[end] in "()（）"
            ):
                end += 1
            word = text[i:end]
            i = end
            if word in OPERATORS:
                tokens.append(("op", word))
                continue
            rest = word.lstrip("-+")
            # "-x", '-"x y"', "-(…)" exclude; a "-" standing alone is just punctuation.
            if "-" in word[: len(word) - len(rest)] and (rest or (i < n and text[i] in '"“”「(（')):
                tokens.append(("neg", None))
            column, word = _column_prefix(rest)
            word = word.strip("*")
            if word:
                tokens.append(("term", Term(word, column)))
                column = None
    return _balance(tokens)


def _balance(tokens: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Drop unmatched ``)`` and parentheses nested beyond MAX_DEPTH; close the rest."""
    out: list[tuple[str, object]] = []
    depth = skipped = 0
    for kind, value in tokens:
        if kind == "(":
            if depth >= MAX_DEPTH:
                skipped += 1
                continue
            depth += 1
        elif kind == ")":
            if skipped:
                skipped -= 1
                continue
            if depth == 0:
                continue
            depth -= 1
        out.append((kind, value))
    out.extend((")", None) for _ in range(depth))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, object]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, object] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node | None:
        node = None
        while self.peek() is not None:  # a stray ")" ends or_expr early; skip it
            part = self.or_expr()
            node = _join(And, [node, part])
            if self.peek() is not None and self.peek()[0] == ")":
                self.pos += 1
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.pos += 1
            parts.append(self.and_expr())
        return _join(Or, parts)

    def and_expr(self) -> Node | None:
        parts: list[Node | None] = []
        while (tok := self.peek()) is not None and tok[0] != ")" and tok != ("op", "OR"):
            if tok == ("op", "AND"):
                self.pos += 1
                continue
            parts.append(self.unary())
        return _join(And, parts)

    def unary(self) -> Node | None:
        tok = self.peek()
        if tok is not None and (tok[0] == "neg" or tok == ("op", "NOT")):
            self.pos += 1
            child = self.unary()
            if child is None:
                return None
            return child.child if isinstance(child, Not) else Not(child)
        return self.primary()

    def primary(self) -> Node | None:
        tok = self.peek()
        if tok is None or tok[0] == ")" or tok == ("op", "OR"):
            return None  # "NOT" with nothing after it: ignore it
        kind, value = tok
        self.pos += 1
        if kind == "term":
            assert isinstance(value, Term)
            return value
        if kind == "(":
            node = self.or_expr()
            if self.peek() is not None and self.peek()[0] == ")":
                self.pos += 1
            return node
        return None  # an operator where a term was expected: ignore it


def _join(kind: type[And] | type[Or], parts: list[Node | None]) -> Node | None:
    """Combine parts, flattening nested nodes of the same kind and dropping empty ones."""
    flat: list[Node] = []
    for part in parts:
        if part is None:
            continue
        flat.extend(part.children if isinstance(part, kind) else (part,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def parse_query(text: str) -> Node | None:
    """The query as a tree, or None when it holds no term (for example a lone ``"``)."""
    return _Parser(tokenize(text)).parse()


def terms(node: Node | None, *, negated: bool = False) -> list[Term]:
    """The terms of the tree that must (or, with ``negated``, must not) match."""
    if node is None:
        return []
    if isinstance(node, Term):
        return [] if negated else [node]
    if isinstance(node, Not):
        return terms(node.child, negated=not negated)
    out: list[Term] = []
    for child in node.children:
        out.extend(terms(child, negated=negated))
    return out


def count_terms(node: Node | None) -> int:
    """How many terms, negated ones included, the query has."""
    return len(terms(node)) + len(terms(node, negated=True))
