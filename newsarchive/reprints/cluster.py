"""Grouping reprints: MinHash LSH proposes pairs, exact shingle overlap confirms them.

1. Stories with the very same normalised text are grouped at once; one of them
   stands for the group in the index (a story reprinted 50 times verbatim must
   not make 1,225 candidate pairs).
2. datasketch's MinHashLSH proposes the pairs that share a bucket, tuned to
   ``Params.lsh_threshold`` (it only decides what gets checked, so it sits below
   the Jaccard of real reprints).
3. Each proposed pair is checked on the real shingle sets: containment over the
   smaller story, so a reprint that dropped or added a paragraph still matches,
   and Jaccard over the union, so a short story made of a long one's stock
   phrases (确保群众生命财产安全) does not.
4. Union-find joins confirmed pairs into clusters; singletons are not clusters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from itertools import combinations

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsarchive.reprints.minhash import Params, Signer, overlap, shingle_hashes

Key = str  # a canonical URL (or any string id)


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


def candidate_pairs(signatures: Mapping[Key, MinHash], params: Params) -> set[tuple[Key, Key]]:
    """Pairs of keys the LSH index puts in a common bucket (each pair once)."""
    lsh = MinHashLSH(threshold=params.lsh_threshold, num_perm=params.num_perm)
    with lsh.insertion_session() as session:
        for key, m in signatures.items():
            session.insert(key, m, check_duplication=False)
    # Reading the buckets directly gives the same pairs as querying every key, at
    # half the cost: each band's buckets are walked once. Pairs are (smaller, larger).
    pairs: set[tuple[Key, Key]] = set()
    for table in lsh.hashtables:
        for bucket in table:  # the bucket keys
            keys = table.get(bucket)
            if len(keys) > 1:
                pairs.update(combinations(sorted(keys), 2))
    return pairs


# Three standard deviations of a 128-permutation MinHash estimate near J = 0.3.
ESTIMATE_MARGIN = 0.12


Overlap = Callable[[Key, Key], tuple[float, float]]
"""(Jaccard, containment) of two stories' shingle sets."""


def confirmed_pairs(
    pairs: Iterable[tuple[Key, Key]],
    overlap_of: Overlap,
    params: Params,
    signatures: Mapping[Key, MinHash] | None = None,
) -> list[tuple[Key, Key, float]]:
    """The pairs whose real shingle overlap reaches both thresholds, with their containment.

    With ``signatures``, pairs whose MinHash estimate of Jaccard is far below
    ``params.min_jaccard`` are dropped before the exact (costlier) check.
    """
    floor = params.min_jaccard - ESTIMATE_MARGIN
    out = []
    for a, b in pairs:
        if signatures is not None and floor > 0:
            agree = np.count_nonzero(signatures[a].hashvalues == signatures[b].hashvalues)
            if agree < floor * params.num_perm:
                continue
        jaccard, containment = overlap_of(a, b)
        if containment >= params.min_containment and jaccard >= params.min_jaccard:
            out.append((a, b, containment))
    return out


class ShingleCache:
    """Shingle sets computed on demand from the texts, each once."""

    def overlap(self, a: Key, b: Key) -> tuple[float, float]:
        return overlap(self(a), self(b))

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


def cluster_signatures(
    signatures: Mapping[Key, MinHash],
    text_ids: Mapping[Key, Hashable],
    overlap_of: Overlap,
    params: Params,
) -> list[list[Key]]:
    """Groups (two or more keys) of reprints of one story.

    ``signatures`` holds every story long enough to judge; ``text_ids`` tells which
    of them have the very same normalised text (the text or a hash of it);
    ``overlap_of`` gives the exact overlap of a pair, asked only for proposed pairs.
    """
    identical: dict[Hashable, list[Key]] = {}
    for key in sorted(signatures):
        identical.setdefault(text_ids[key], []).append(key)
    uf = UnionFind()
    for keys in identical.values():
        for other in keys[1:]:
            uf.union(keys[0], other)
    representatives = {keys[0]: signatures[keys[0]] for keys in identical.values()}
    pairs = candidate_pairs(representatives, params)
    for a, b, _ in confirmed_pairs(pairs, overlap_of, params, representatives):
        uf.union(a, b)
    return uf.groups()


def cluster_texts(
    texts: Mapping[Key, str],
    params: Params,
    signatures: Mapping[Key, MinHash] | None = None,
    shingles: ShingleCache | None = None,
) -> list[list[Key]]:
    """Groups of reprints among normalised story texts (``normalize.story_text``).

    Texts shorter than ``params.min_chars`` are left out; ``signatures`` are
    computed when not given.
    """
    usable = {k: t for k, t in texts.items() if len(t) >= params.min_chars}
    if signatures is None:
        signatures = compute_signatures(usable, params)
    shingles = shingles or ShingleCache(usable, params.shingle)
    return cluster_signatures({k: signatures[k] for k in usable}, usable, shingles.overlap, params)
