"""Measure the generic extractor against hand-labelled real pages, beside trafilatura and GNE.

    python benchmarks/eval_extract.py [--eval-dir ../shared/eval/dev] [--only newsarchive]
                                      [--per-page] [--out DIR]

Every ``<eval-dir>/pages/*.html`` goes through each extractor as raw bytes, without
URL or site profile. Predictions are written as JSON Lines to ``--out`` and scored
with ``<eval-dir>/../score.py``; trafilatura and GNE run through the reference
``baselines.py`` functions when those libraries are installed. Wall time per page
is measured around the extractor call only (files are read beforehand).
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
PRED_KEYS = (
    "headline",
    "subtitle",
    "published_at",
    "published_raw",
    "source",
    "editor",
    "authors",
    "section",
    "body",
)

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
    sys.path.insert(0, str(ROOT))
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


def run_pages(fn: Extractor, pages: dict[str, bytes]) -> tuple[list[dict], list[float]]:
    """Predictions and per-page wall times (ms); a crash is an empty prediction."""
    rows, times = [], []
    for pid, raw in pages.items():
        t0 = time.perf_counter()
        try:
            pred = fn(raw)
        except Exception as exc:  # one page failing must not stop the measurement
            pred = {"error": repr(exc)}
        times.append(1000 * (time.perf_counter() - t0))
        rows.append({"id": pid, **pred})
    return rows, times


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
        ("median ms/page", lambda s: s["median_ms"]),
        ("p95 ms/page", lambda s: s["p95_ms"]),
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
    args = ap.parse_args(argv)

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
        preds, times = run_pages(fn, pages)
        out = args.out / f"{name}.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            for pred in preds:
                fh.write(json.dumps(pred, ensure_ascii=False, default=str) + "\n")
        errors = sum(1 for p in preds if "error" in p)
        if errors:
            print(f"{name}: {errors} pages raised", file=sys.stderr)
        summary, rows = scorer.score(labels, scorer.load(str(out)))
        summary["median_ms"] = round(statistics.median(times), 2)
        summary["p95_ms"] = round(p95(times), 2)
        results[name] = summary
        if args.per_page:
            per_page_report(name, rows, labels, {p["id"]: p for p in preds})
    print()
    print(table(results))
    # Wall times grow with whatever else runs on the machine: say how busy it was.
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n(load average {load:.1f} on {os.cpu_count()} CPUs during the run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
