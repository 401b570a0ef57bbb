"""How to compress the raw pages of the archive: zlib or zstd, which level.

    PYTHONPATH=. python benchmarks/raw_compression.py [DIR ...]

Reads every ``*.html`` under the given directories (default: the site
fixtures), compresses each page on its own, as ``newsarchive.storage.pages``
does, and prints size and speed per method (best of three runs). Speeds depend
on the machine and its load; the sizes do not.
"""

from __future__ import annotations

import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from newsarchive.storage.pages import zstd

Codec = tuple[str, Callable[[bytes], bytes], Callable[[bytes], bytes]]


def codecs() -> list[Codec]:
    found: list[Codec] = [
        ("zlib-6", lambda d: zlib.compress(d, 6), zlib.decompress),
        ("zlib-9", lambda d: zlib.compress(d, 9), zlib.decompress),
    ]
    if zstd is not None:
        for level in (3, 10, 19):
            found.append(
                (f"zstd-{level}", lambda d, lv=level: zstd.compress(d, level=lv), zstd.decompress)
            )
    return found


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def measure(pages: list[bytes]) -> None:
    raw = sum(map(len, pages))
    print(f"{len(pages)} pages, {raw / 1e6:.2f} MB, mean {raw / len(pages) / 1024:.0f} KiB a page")
    print(f"{'method':9} {'% of raw':>9} {'compress MB/s':>14} {'decompress MB/s':>16}")
    for name, pack, unpack in codecs():
        packed = [pack(p) for p in pages]
        size = sum(map(len, packed))
        c = best_of(3, lambda pack=pack: [pack(p) for p in pages])
        d = best_of(3, lambda unpack=unpack, packed=packed: [unpack(p) for p in packed])
        print(f"{name:9} {size / raw * 100:8.1f}% {raw / c / 1e6:14.1f} {raw / d / 1e6:16.1f}")


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[1]
    dirs = [Path(a) for a in argv] or [root / "tests" / "fixtures" / "sites"]
    pages = [p.read_bytes() for d in dirs for p in sorted(d.rglob("*.html"))]
    if not pages:
        print("no *.html pages found", file=sys.stderr)
        return 1
    measure(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
