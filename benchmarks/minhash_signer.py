"""Our numpy MinHash signer against datasketch's ``update_batch``, CPU time per article.

    python benchmarks/minhash_signer.py [ARTICLES]   # default 2000

Signs the normalised texts of generated articles (the generator of
``reprints_quality.py``) both ways, checks the signatures are equal, and prints
the CPU time per article and the mean number of shingles. Prints figures only.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from datasketch import MinHash

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reprints_quality import generate_corpus  # noqa: E402

from newsarchive.reprints.build import story_texts  # noqa: E402
from newsarchive.reprints.minhash import Params, Signer, shingle_hashes  # noqa: E402


def main(articles: int) -> None:
    params = Params()
    stories = [s.story for s in generate_corpus(articles, seed=1, measure_edits=False)]
    texts = [t for t in story_texts(stories).values() if t]
    hashes = [shingle_hashes(t, params.shingle) for t in texts]
    signer = Signer(params)

    start = time.process_time()
    ours = [signer.minhash(h) for h in hashes]
    ours_ms = (time.process_time() - start) * 1000 / len(hashes)

    # The fair reference shares one set of permutations too (making them is the slow part).
    template = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=int)
    start = time.process_time()
    reference = []
    for h in hashes:
        m = MinHash(
            num_perm=params.num_perm,
            seed=params.seed,
            hashfunc=int,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        m.update_batch(h.tolist())
        reference.append(m)
    ref_ms = (time.process_time() - start) * 1000 / len(hashes)

    pairs = zip(ours, reference, strict=True)
    equal = all(np.array_equal(a.hashvalues, b.hashvalues) for a, b in pairs)
    shingles = sum(h.size for h in hashes) / len(hashes)
    print(f"{len(hashes)} articles, {shingles:.0f} shingles each on average")
    print(f"numpy signer: {ours_ms:.3f} ms CPU per article")
    print(f"datasketch update_batch: {ref_ms:.3f} ms CPU per article ({ref_ms / ours_ms:.1f}x)")
    print(f"signatures equal: {equal}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
