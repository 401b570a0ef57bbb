"""Instructions per page of one extract() pass over the eval pages, counted by valgrind.

    python benchmarks/extract_instructions.py [--eval-dir ../shared/eval/dev]

CPU time on a shared machine moves by a third with the neighbours' load; the number of
instructions executed does not. The script runs valgrind's cachegrind (no cache
simulation) twice, once loading the pages and once loading them and extracting each
once, and prints the difference per page: the figure to compare two versions of the
extractor by. Needs valgrind (Debian package ``valgrind``); takes a minute or two.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
# Run under valgrind: argv = [pages dir, passes].
_PASS = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from newsarchive.extract import extract
pages = [p.read_bytes() for p in sorted(Path(sys.argv[1]).glob("*.html"))]
for _ in range(int(sys.argv[2])):
    for raw in pages:
        extract(raw)
"""


def instructions(pages_dir: Path, passes: int) -> int:
    """Instructions valgrind counted for loading the pages and ``passes`` extract() passes."""
    cmd = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-c",
        _PASS.format(root=str(ROOT)),
        str(pages_dir),
        str(passes),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stderr
    m = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if m is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{out[-2000:]}")
    return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt install valgrind)", file=sys.stderr)
        return 2
    pages_dir = args.eval_dir.resolve() / "pages"
    count = len(list(pages_dir.glob("*.html")))
    if count == 0:
        print(f"no pages in {pages_dir}", file=sys.stderr)
        return 2
    spent = instructions(pages_dir, 1) - instructions(pages_dir, 0)
    print(f"{count} pages: {spent / count / 1e6:.1f} M instructions per page (one extract() each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
