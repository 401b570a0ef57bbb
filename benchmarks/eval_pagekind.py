"""Measure the ad-hoc crawl's article-vs-list decision on labelled pages.

    python benchmarks/eval_pagekind.py [--eval-dir ../shared/eval/dev] [--per-page]

Every ``<eval-dir>/pages/*.html`` goes through ``newsarchive.adhoc.page_kind``
(raw bytes, the labelled URL when known) and is compared with the label's
``is_article``. The labelled set holds news articles and non-news pages with
prose (forum threads, encyclopedia entries, poems); the decision only separates
pages with running text from link lists, so the figure that matters here is how
many news articles are taken as articles. List pages are covered by the tests
(the demo web's list pages and a generated portal).

Also prints the same decision over the repository's own fixture articles and
demo list pages.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsarchive.adhoc import page_evidence, page_kind  # noqa: E402
from newsarchive.fixtures import fixtures_root, load_fixtures  # noqa: E402

DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
NO_URL = "http://unknown.invalid/page"


def labelled(eval_dir: Path, per_page: bool) -> Counter[tuple[bool, str]]:
    counts: Counter[tuple[bool, str]] = Counter()
    for line in (eval_dir / "labels.jsonl").read_text("utf-8").splitlines():
        label = json.loads(line)
        evidence = page_evidence((eval_dir / label["html"]).read_bytes())
        kind = page_kind(label.get("url") or NO_URL, evidence)
        counts[(bool(label["is_article"]), kind)] += 1
        if per_page and (kind == "article") != label["is_article"]:
            wanted = label["is_article"]
            print(f"  {label['id']}: labelled is_article={wanted}, got {kind}: {evidence}")
    return counts


def own_pages() -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for fx in load_fixtures():
        evidence = page_evidence(fx.body, fx.headers.get("Content-Type"))
        counts[("fixture article", page_kind(fx.url, evidence))] += 1
    demo = fixtures_root() / "demo"
    for file in sorted(demo.rglob("index*.*htm*")):
        url = "http://" + file.relative_to(demo).as_posix().replace("index.html", "")
        counts[("demo list page", page_kind(url, page_evidence(file.read_bytes())))] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--per-page", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    if (args.eval_dir / "labels.jsonl").exists():
        counts = labelled(args.eval_dir, args.per_page)
        news = counts[(True, "article")] + counts[(True, "list")]
        other = counts[(False, "article")] + counts[(False, "list")]
        print(f"labelled pages ({args.eval_dir}):")
        print(f"  news articles taken as articles: {counts[(True, 'article')]}/{news}")
        print(f"  non-news pages taken as articles: {counts[(False, 'article')]}/{other}")
    for (what, kind), n in sorted(own_pages().items()):
        print(f"{what} -> {kind}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
