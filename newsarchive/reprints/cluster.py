"""Grouping reprints: MinHash LSH proposes pairs, exact shingle overlap confirms them.

1. Stories with the very same normalised text are grouped at once; one of them
   stands for the group in the index (a story reprinted 50 times verbatim must
   not make 1,225 candidate pairs).
2. datasketch's MinHashLSH proposes pairs whose estimated Jaccard may exceed
   ``Params.lsh_threshold`` (set low: it only decides what gets checked).
3. Each proposed pair is checked on the real shingle sets: containment over the
   smaller story, so a reprint that dropped or added a paragraph still matches,
   and Jaccard over the union, so a short story made of a long one's stock
   phrases (确保群众生命财产安全) does not.
4. Union-find joins confirmed pairs into clusters; singletons are not clusters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsarchive.reprints.minhash import Params, Signer, overlap, shingle_hashes

Key = Hashable


class UnionFind:
    """Disjoint sets with path halving and union by size."""

    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}
        self.size: dict[Key, int] = {}

    def find(self, x: Key) -> Key:
        parent = self.parent
        if x not in parent:
            parent[x] = x
            self.size[x] = 1
            return x
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: Key, b: Key) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def groups(self) -> list[list[Key]]:
        """Sets with two or more members."""
        out: dict[Key, list[Key]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return [g for g in out.values() if len(g) > 1]


def group_identical(texts: Mapping[Key, str]) -> dict[Key, list[Key]]:
    """Representative key -> every key with the same text (representative first)."""
    by_text: dict[str, list[Key]] = {}
    for key, text in texts.items():
        by_text.setdefault(text, []).append(key)
    return {keys[0]: keys for keys in by_text.values()}


def candidate_pairs(signatures: Mapping[Key, MinHash], params: Params) -> set[tuple[Key, Key]]:
    """Pairs of keys the LSH index puts in a common bucket (each pair once)."""
    lsh = MinHashLSH(threshold=params.lsh_threshold, num_perm=params.num_perm)
    order = {key: i for i, key in enumerate(signatures)}
    with lsh.insertion_session() as session:
        for key, m in signatures.items():
            session.insert(key, m, check_duplication=False)
    pairs: set[tuple[Key, Key]] = set()
    for key, m in signatures.items():
        for other in lsh.query(m):
            if order[other] > order[key]:
                pairs.add((key, other))
    return pairs


def confirmed_pairs(
    pairs: Iterable[tuple[Key, Key]], shingles: Callable[[Key], np.ndarray], params: Params
) -> list[tuple[Key, Key, float]]:
    """The pairs whose real shingle overlap reaches both thresholds, with their containment."""
    out = []
    for a, b in pairs:
        jaccard, containment = overlap(shingles(a), shingles(b))
        if containment >= params.min_containment and jaccard >= params.min_jaccard:
            out.append((a, b, containment))
    return out


class ShingleCache:
    """Shingle sets computed on demand from the texts, each once."""

    def __init__(self, texts: Mapping[Key, str], k: int) -> None:
        self.texts = texts
        self.k = k
        self._cache: dict[Key, np.ndarray] = {}

    def __call__(self, key: Key) -> np.ndarray:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = shingle_hashes(self.texts[key], self.k)
        return found


def compute_signatures(
    texts: Mapping[Key, str], params: Params, known: Mapping[Key, MinHash] | None = None
) -> dict[Key, MinHash]:
    """MinHash of every text long enough to judge, reusing the ``known`` ones."""
    known = known or {}
    signer = Signer(params)
    out: dict[Key, MinHash] = {}
    for key, text in texts.items():
        if len(text) < params.min_chars:
            continue
        found = known.get(key)
        out[key] = (
            found if found is not None else signer.minhash(shingle_hashes(text, params.shingle))
        )
    return out


def cluster_texts(
    texts: Mapping[Key, str],
    params: Params,
    signatures: Mapping[Key, MinHash] | None = None,
    shingles: Callable[[Key], np.ndarray] | None = None,
) -> list[list[Key]]:
    """Groups (two or more keys) of texts that are reprints of one story.

    ``texts`` are normalised story texts (``normalize.story_text``); texts shorter
    than ``params.min_chars`` are left out. ``signatures`` (from
    ``compute_signatures``, perhaps stored by an earlier run) are computed when
    not given.
    """
    usable = {k: t for k, t in texts.items() if len(t) >= params.min_chars}
    if signatures is None:
        signatures = compute_signatures(usable, params)
    shingles = shingles or ShingleCache(usable, params.shingle)
    identical = group_identical(usable)
    uf = UnionFind()
    for keys in identical.values():
        for other in keys[1:]:
            uf.union(keys[0], other)
    representatives = {key: signatures[key] for key in identical}
    for a, b, _ in confirmed_pairs(candidate_pairs(representatives, params), shingles, params):
        uf.union(a, b)
    return uf.groups()
