"""Character shingles, MinHash signatures (datasketch) and the exact similarity check.

Chinese has no spaces, so a story is compared as a set of overlapping character
k-grams ("shingles") of its normalised text. Each shingle is hashed to 32 bits
with a polynomial hash computed by numpy over the whole text at once, which is
what keeps signatures cheap enough for 100,000 articles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

# Bump when normalisation or hashing changes: stored signatures become stale.
SIGNATURE_VERSION = 1

_POLY = np.uint64(0x100000001B3)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_SCHEME = "affine32"


@dataclass(frozen=True)
class Params:
    """Clustering parameters; the defaults were chosen by benchmarks/reprints_quality.py."""

    shingle: int = 5
    """Characters per shingle."""
    num_perm: int = 128
    """MinHash permutations (signature length)."""
    lsh_threshold: float = 0.35
    """Jaccard the LSH bands are tuned to (datasketch picks 32 bands of 4 rows for
    0.35 and 128 permutations): it only decides which pairs get checked."""
    min_containment: float = 0.5
    """Confirmed pairs share at least this share of the smaller story's shingles ..."""
    min_jaccard: float = 0.3
    """... and at least this share of the union (a short story built from a long
    one's stock phrases reaches the containment but not this)."""
    min_chars: int = 60
    """Stories with fewer normalised characters are too short to judge and are skipped."""
    seed: int = 1
    """Seed of the MinHash permutations."""

    def signature_key(self) -> str:
        """What a stored signature depends on; a different key means recompute."""
        return f"v{SIGNATURE_VERSION}-k{self.shingle}-p{self.num_perm}-s{self.seed}"


def shingle_hashes(text: str, k: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's character k-grams."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if codes.size == 0:
        return np.empty(0, dtype=np.uint32)
    k = min(k, codes.size)
    n = codes.size - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # uint64 arithmetic wraps: a polynomial hash mod 2**64
        h = h * _POLY + codes[j : j + n]
    h ^= h >> np.uint64(33)
    h *= _MIX
    h ^= h >> np.uint64(29)
    return np.unique((h >> np.uint64(32)).astype(np.uint32))


def _identity(value: int) -> int:
    return value


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, as datasketch's affine32 scheme applies it."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


class Signer:
    """Makes datasketch MinHashes that share one set of permutations.

    ``minhash`` gives exactly what ``MinHash(hashfunc=identity).update_batch(hashes)``
    gives, computed as one numpy operation instead of a Python call per shingle
    (benchmarks/minhash_signer.py: 0.12–0.17 instead of 0.22–0.24 ms CPU for an article of
    ~420 shingles; a test checks they are equal).
    """

    def __init__(self, params: Params) -> None:
        self.params = params
        self._template = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=_identity)
        a, b = self._template.permutations
        self._a, self._b = a.astype(np.uint32), b.astype(np.uint32)

    def minhash(self, hashes: np.ndarray) -> MinHash:
        """The MinHash of a set of 32-bit shingle hashes."""
        if hashes.size == 0:
            return self._wrap(None)
        mixed = _fmix32(hashes.astype(np.uint32))[:, None]
        with np.errstate(over="ignore"):  # arithmetic mod 2**32, as in datasketch
            values = (mixed * self._a + self._b).min(axis=0)
        return self._wrap(values)

    def from_bytes(self, data: bytes) -> MinHash:
        """A MinHash back from ``to_bytes``."""
        return self._wrap(np.frombuffer(data, dtype=np.uint32))

    @staticmethod
    def to_bytes(m: MinHash) -> bytes:
        return m.hashvalues.astype(np.uint32).tobytes()

    def _wrap(self, values: np.ndarray | None) -> MinHash:
        return MinHash(
            num_perm=self.params.num_perm,
            seed=self.params.seed,
            hashfunc=_identity,
            hashvalues=values,
            permutations=self._template.permutations,
            scheme=_SCHEME,
        )


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment) of two shingle-hash sets; containment is over the smaller set."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared), shared / min(a.size, b.size)
