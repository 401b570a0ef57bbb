"""CPU and wall time of ``reparse`` and ``export-warc`` on a crawled archive.

Crawls the generated test site (tests/crawlsite.py: the 内蒙古新闻网 URL scheme,
served on 127.0.0.1) into a temporary archive, then times a full reparse and a
WARC export of it. Prints figures; asserts nothing.

    PYTHONPATH=. python benchmarks/reparse_speed.py [ARTICLES]   # default 1000
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsarchive.reparse import reparse
from newsarchive.storage import open_db
from newsarchive.warc import export_warc
from tests.crawlsite import archived


def timed(label: str, work: Callable[[], Any]) -> Any:
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{label}: {cpu:.1f} s CPU, {wall:.1f} s wall")
    return result


def main(articles: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        crawled = timed(f"crawl of {articles} articles", lambda: archived(Path(tmp), articles))
        db = open_db(crawled.db)
        summary = timed("reparse", lambda: reparse(db))
        print(f"  pages reparsed: {summary.pages}  outcomes: {summary.counts}")
        out = Path(tmp) / "warc"
        files = timed("export-warc", lambda: export_warc(db, out))
        size = sum(f.stat().st_size for f in out.iterdir())
        print(f"  {len(files)} WARC file(s), {size / 1e6:.1f} MB")
        db.close()
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}, CPUs: {os.cpu_count()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
