"""Measure the generic extractor against hand-labelled real pages, beside trafilatura and GNE.

    python benchmarks/eval_extract.py [--eval-dir ../shared/eval/dev] [--only newsarchive]
                                      [--per-page] [--out DIR] [--repeat N] [--stages]

Every ``<eval-dir>/pages/*.html`` goes through each extractor as raw bytes, without
URL or site profile. Predictions are written as JSON Lines to ``--out`` and scored
with ``<eval-dir>/../score.py``; trafilatura and GNE run through the reference
``baselines.py`` functions when those libraries are installed.

Timing: each page goes through an extractor ``--repeat`` times in a row (files are
read beforehand); its time is the median of those runs, as process CPU time and as
wall time. The machine is shared: wall time grows with whatever else runs, CPU
time much less, so both are printed with the load average. ``--stages`` adds the
CPU time of each stage of newsarchive's ``extract()``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval" / "dev"
EXTRACTORS = ("newsarchive", "trafilatura", "gne")
sys.path.insert(0, str(ROOT))
from newsarchive.cli.extract import OUTPUT_KEYS  # noqa: E402

# The fields of ``newsarchive extract``'s contract that the scorer reads.
PRED_KEYS = tuple(key for key in OUTPUT_KEYS if key not in ("path", "url"))

Extractor = Callable[[bytes], dict[str, Any]]


def load_module(path: Path) -> ModuleType:
    """Import a script (score.py, baselines.py) by path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def newsarchive_extractor() -> Extractor:
    from newsarchive.extract import extract

    def run(raw: bytes) -> dict[str, Any]:
        article = extract(raw)
        return {key: getattr(article, key) for key in PRED_KEYS}

    return run


def baseline_extractor(name: str, baselines: ModuleType) -> Extractor | None:
    """trafilatura / GNE exactly as the reference ``baselines.py`` calls them, if installed."""
    if importlib.util.find_spec(name) is None:
        return None
    fn = {"trafilatura": baselines.run_trafilatura, "gne": baselines.run_gne}[name]
    return lambda raw: fn(raw, None)


def run_pages(
    fn: Extractor, pages: dict[str, bytes], repeat: int = 3
) -> tuple[list[dict], list[float], list[float]]:
    """Predictions, per-page CPU times and wall times (ms, each the median of ``repeat``
    runs); a crash is an empty prediction."""
    rows, cpu, wall = [], [], []
    for pid, raw in pages.items():
        cpu_runs, wall_runs = [], []
        for _ in range(repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            try:
                pred = fn(raw)
            except Exception as exc:  # one page failing must not stop the measurement
                pred = {"error": repr(exc)}
            wall_runs.append(1000 * (time.perf_counter() - w0))
            cpu_runs.append(1000 * (time.process_time() - c0))
        cpu.append(statistics.median(cpu_runs))
        wall.append(statistics.median(wall_runs))
        rows.append({"id": pid, **pred})
    return rows, cpu, wall


# (label, name in newsarchive.extract) of the steps extract() calls, in order.
STAGES = (
    ("decode", "decode_html"),
    ("parse", "parse_html"),
    ("page lines + scores", "walk_page"),
    ("content", "_content"),
    ("headline", "_headline"),
    ("date", "_published"),
    ("source", "_source"),
    ("editor", "_editors"),
    ("authors", "_authors"),
    ("section", "find_section"),
)


def stage_report(pages: dict[str, bytes], repeat: int) -> str:
    """CPU time per stage of extract(): the stage functions are wrapped with a timer
    for this measurement only; per page the fastest of ``repeat`` runs is kept."""
    import newsarchive.extract as nx

    spent: dict[str, float] = {}
    originals = {}

    def timed(label: str, fn: Callable) -> Callable:
        def run(*args: Any, **kwargs: Any) -> Any:
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - t0

        return run

    for label, name in STAGES:
        if hasattr(nx, name):  # a stage renamed since: left out, not an error
            originals[name] = getattr(nx, name)
            setattr(nx, name, timed(label, originals[name]))
    per_stage: dict[str, list[float]] = {label: [] for label, _ in STAGES}
    per_stage["rest of extract()"] = []
    totals = []
    try:
        for raw in pages.values():
            best: tuple[float, dict[str, float]] | None = None
            for _ in range(repeat):
                spent.clear()
                t0 = time.process_time()
                nx.extract(raw)
                took = time.process_time() - t0
                if best is None or took < best[0]:
                    best = (took, dict(spent))
            assert best is not None
            took, stages = best
            totals.append(1000 * took)
            for label, _ in STAGES:
                per_stage[label].append(1000 * stages.get(label, 0.0))
            per_stage["rest of extract()"].append(1000 * (took - sum(stages.values())))
    finally:
        for name, fn in originals.items():
            setattr(nx, name, fn)
    whole = sum(totals) or 1.0
    out = ["| stage | median CPU ms | mean CPU ms | share of CPU |", "|---|---|---|---|"]
    for label, values in per_stage.items():
        if label != "rest of extract()" and label not in {lb for lb, n in STAGES if n in originals}:
            continue
        out.append(
            f"| {label} | {statistics.median(values):.2f} | {statistics.mean(values):.2f} |"
            f" {100 * sum(values) / whole:.0f}% |"
        )
    out.append(
        f"| whole extract() | {statistics.median(totals):.2f} | {statistics.mean(totals):.2f} |"
        " 100% |"
    )
    return "\n".join(out)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def table(results: dict[str, dict[str, Any]]) -> str:
    """One markdown table: rows are the measures, columns the extractors."""
    rows = [
        ("headline accuracy", lambda s: s["headline"]["accuracy"]),
        ("published_at accuracy", lambda s: s["published_at"]["accuracy"]),
        ("body mean F1", lambda s: s["body"]["mean_f1"]),
        ("body with boilerplate share", lambda s: s["body"]["boilerplate_share"]),
        ("source F1", lambda s: s["source"]["f1"]),
        ("editor F1", lambda s: s["editor"]["f1"]),
        ("authors F1", lambda s: s["authors"]["f1"]),
        ("median CPU ms/page", lambda s: s["median_cpu_ms"]),
        ("median wall ms/page", lambda s: s["median_wall_ms"]),
        ("p95 CPU ms/page", lambda s: s["p95_cpu_ms"]),
    ]
    names = list(results)
    out = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for label, get in rows:
        cells = []
        for name in names:
            summary = results[name]
            cells.append(fmt(get(summary)) if summary else "n/a")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def per_page_report(name: str, rows: list[dict], labels: dict, preds: dict) -> None:
    """Worst pages first: body F1, failed fields, and the start of predicted vs labelled body."""
    print(f"\n## {name}: per page (worst body F1 first)")
    for row in sorted(rows, key=lambda r: r.get("body_f1", 1.0)):
        failed = [k for k, v in row.items() if v is False and k != "boilerplate"]
        pred = preds.get(row["id"], {})
        lab = labels[row["id"]]
        print(
            f"{row['id'][:16]} {lab.get('dataset', ''):12} f1={row.get('body_f1', '-')!s:6}"
            f" bp={'Y' if row.get('boilerplate') else '-'} failed={','.join(failed) or '-'}"
        )
        if "error" in pred:
            print(f"    error: {pred['error']}")
        if row.get("body_f1", 1.0) < 0.9:
            print(f"    predicted: {_snippet(pred.get('body'))}")
            print(f"    labelled:  {_snippet(lab.get('body'))}")


def _snippet(text: str | None, width: int = 90) -> str:
    text = " / ".join((text or "").split("\n"))
    return text[:width] + ("…" if len(text) > width else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    ap.add_argument("--only", action="append", choices=EXTRACTORS, help="run only these")
    ap.add_argument("--per-page", action="store_true", help="print one line per page")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "newsarchive-eval")
    ap.add_argument("--repeat", type=int, default=3, help="runs per page; the median is kept")
    ap.add_argument("--stages", action="store_true", help="CPU time of each extract() stage")
    args = ap.parse_args(argv)
    load_before = _load()

    eval_dir: Path = args.eval_dir.resolve()
    scorer = load_module(eval_dir.parent / "score.py")
    baselines = load_module(eval_dir.parent / "baselines.py")
    labels_path = eval_dir / "labels.jsonl"
    labels = scorer.load(str(labels_path))
    pages = {p.stem: p.read_bytes() for p in sorted((eval_dir / "pages").glob("*.html"))}
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"{len(pages)} pages from {eval_dir}; predictions in {args.out}", file=sys.stderr)

    results: dict[str, dict[str, Any]] = {}
    for name in args.only or EXTRACTORS:
        try:
            fn = (
                newsarchive_extractor()
                if name == "newsarchive"
                else baseline_extractor(name, baselines)
            )
        except Exception as exc:  # the extractor cannot even be imported
            print(f"{name}: unavailable ({exc!r})", file=sys.stderr)
            fn = None
        if fn is None:
            print(f"{name}: not installed, skipped", file=sys.stderr)
            results[name] = {}
            continue
        preds, cpu, wall = run_pages(fn, pages, max(1, args.repeat))
        out = args.out / f"{name}.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for pred in preds:
                fh.write(json.dumps(pred, ensure_ascii=False, default=str) + "\n")
        errors = sum(1 for p in preds if "error" in p)
        if errors:
            print(f"{name}: {errors} pages raised", file=sys.stderr)
        summary, rows = scorer.score(labels, scorer.load(str(out)))
        summary["median_cpu_ms"] = round(statistics.median(cpu), 2)
        summary["median_wall_ms"] = round(statistics.median(wall), 2)
        summary["p95_cpu_ms"] = round(p95(cpu), 2)
        results[name] = summary
        if args.per_page:
            per_page_report(name, rows, labels, {p["id"]: p for p in preds})
    print()
    print(table(results))
    if args.stages:
        print()
        print(stage_report(pages, max(1, args.repeat)))
    # Wall times grow with whatever else runs on the machine: say how busy it was.
    print(
        f"\n({len(pages)} pages, median of {max(1, args.repeat)} runs each; load average"
        f" {load_before:.1f} before, {_load():.1f} after, on {os.cpu_count()} CPUs)"
    )
    return 0


def _load() -> float:
    """1-minute load average (NaN where the OS has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


if __name__ == "__main__":
    sys.exit(main())
