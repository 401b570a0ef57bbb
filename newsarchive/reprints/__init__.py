"""Reprint clusters: the same story republished across sites, grouped with MinHash LSH.

``normalize`` (what is compared), ``minhash`` (shingles, signatures, exact overlap),
``cluster`` (LSH candidates, verification, union-find), ``origin`` (which member is
the likely origin), ``build`` (articles in, clusters out), ``schema`` and ``store``
(the ``reprint_*`` tables, incremental rebuild, listing).

This package's ``__init__`` imports nothing heavy: ``storage.db`` imports ``schema``.
"""
