"""Coverage-guided fuzzing of the extractor with atheris (libFuzzer), seeded by the fixtures.

Not part of the test run (tests/test_fuzz_extract.py is, with hypothesis). Needs
``pip install atheris``. An internal error (an ``error:`` warning from
``extract()``) or an unusable record without its reason is reported as a crash,
with the input saved by libFuzzer.

    python benchmarks/fuzz_extract_atheris.py -runs=20000 -artifact_prefix=/tmp/
    python benchmarks/fuzz_extract_atheris.py -max_total_time=600 -max_len=100000 \
        -artifact_prefix=/tmp/

(``-artifact_prefix`` keeps crash inputs out of the working tree.)

Each new slowest input is printed (CPU seconds) as it is found.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    from newsarchive.extract import extract

from newsarchive.article_record import problems  # noqa: E402
from newsarchive.fixtures import load_fixtures  # noqa: E402

FETCHED = datetime.fromisoformat("2024-05-12T12:00:00+08:00")
URL = "http://www.example.cn/2024/05/12/1.html"
NAMED = {"no headline": "no-headline", "empty body": "empty-body"}
slowest = [0.0, 0]  # CPU seconds, inputs seen


def one_input(data: bytes) -> None:
    started = time.process_time()
    article = extract(data, URL, FETCHED, {"Content-Type": "text/html"})
    spent = time.process_time() - started
    slowest[1] += 1
    if spent > slowest[0]:  # printed as found: libFuzzer ends the process without atexit
        slowest[0] = spent
        print(f"input {slowest[1]}: slowest so far {spent:.3f} s CPU", file=sys.stderr)
    errors = [w for w in article.warnings if w.startswith("error:")]
    if errors:
        raise RuntimeError(errors[0])
    for problem in problems(article.to_dict()):
        if NAMED.get(problem, problem) not in article.warnings:
            raise RuntimeError(f"{problem} without a warning: {article.warnings}")


def main() -> None:
    seeds = Path(tempfile.mkdtemp(prefix="fuzz-seeds-"))
    for fx in load_fixtures():
        (seeds / fx.id.replace("/", "_")).write_bytes(fx.body)
    atheris.Setup([sys.argv[0], *sys.argv[1:], str(seeds)], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
