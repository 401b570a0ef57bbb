"""Search speed on a generated archive: ``python -m newsarchive.search.benchmark [N]``.

Builds N synthetic articles (random sentences from a fixed vocabulary of
Chinese words, about 600 characters each) through the real schema and
triggers, then times typical queries: 2-character terms (LIKE scan), 4+
character terms (trigram index), mixtures, and a filter-only listing. Prints
figures (best of 3; CPU time too, as wall time suffers on a busy machine);
asserts nothing. The archive is written to a temporary directory.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from newsarchive.search import Filters, iter_articles, search
from newsarchive.storage import open_db

SITES = ["nmgnews", "cqnews", "dahe", "rednet", "dbw"]
SOURCES = ["新华社", "新华网", "人民网", "内蒙古日报", "重庆日报", "河南日报", None]
QUERIES = [
    ("2 characters, frequent", "防汛", Filters()),
    ("2 characters, rare", "麦收", Filters()),
    ("2 characters + site + year", "防汛", Filters(sites=("cqnews",), since="2023", until="2023")),
    ("4 characters (index)", "防汛抗旱", Filters()),
    ("phrase of 6 (index)", '"草原生态保护"', Filters()),
    ("long AND short", "草原生态 牧民", Filters()),
    ("OR mixing short and long", "防汛 OR 草原生态", Filters()),
    ("long with exclusion", "防汛抗旱 -黄河流域", Filters()),
    ("filters only", "", Filters(sites=("dahe",), source="新华")),
]


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    common = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]
    words = [
        "".join(rng.choice(common) for _ in range(rng.choice((2, 2, 3, 4)))) for _ in range(size)
    ]
    # Real topic words at realistic frequencies, so queries have answers.
    return words + ["防汛", "防汛抗旱", "草原生态", "牧民", "黄河流域", "草原生态保护", "麦收"]


def article(rng: random.Random, words: list[str], n: int) -> dict:
    weights = [1.0] * (len(words) - 7) + [8.0, 2.0, 2.0, 4.0, 2.0, 0.5, 0.05]
    body = "".join(
        "".join(rng.choices(words, weights, k=rng.randint(6, 14))) + "。" for _ in range(25)
    )
    year = rng.choice((2011, 2015, 2019, 2023, 2024))
    url = f"https://news.example.cn/{n}.html"
    return {
        "canonical_url": url,
        "url": url,
        "site": rng.choice(SITES),
        "headline": "".join(rng.choices(words, weights, k=6)),
        "body": body,
        "source": rng.choice(SOURCES),
        "published_at": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00+08:00",
        "content_hash": str(n),
    }


def main(n: int) -> None:
    rng = random.Random(5)
    words = vocabulary(rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        db = open_db(path)
        records = [article(rng, words, i) for i in range(n)]
        started, cpu = time.perf_counter(), time.process_time()
        with db.atomic():
            db["articles"].insert_all(records, batch_size=1000)
        load, load_cpu = time.perf_counter() - started, time.process_time() - cpu
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        chars = db.execute("SELECT sum(length(body)) FROM articles").fetchone()[0]
        fts_pages = db.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
        ).fetchone()[0]
        print(f"{n} articles, {chars / n:.0f} characters of body each")
        print(
            f"insert with the index triggers: {load:.1f} s wall, {load_cpu:.1f} s CPU "
            f"({n / load_cpu:.0f} articles per CPU second)"
        )
        size = path.stat().st_size / 2**20
        print(f"database {size:.0f} MiB, of which the index {fts_pages / 2**20:.0f} MiB")
        print(f"{'query (top 20, ranked)':<30} {'matches':>8} {'ms wall':>8} {'ms CPU':>8}")
        for label, query, filters in QUERIES:
            times, cpus = [], []
            for _ in range(3):
                t, c = time.perf_counter(), time.process_time()
                hits = search(db, query, filters, limit=20)
                times.append(time.perf_counter() - t)
                cpus.append(time.process_time() - c)
            assert len(hits) <= 20
            matches = sum(1 for _ in iter_articles(db, query, filters))
            wall, cpu_ms = min(times) * 1000, min(cpus) * 1000
            print(f"{label:<30} {matches:>8} {wall:>8.0f} {cpu_ms:>8.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
