"""Writing articles out as JSON Lines, CSV or Parquet, streamed row by row."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

FORMATS = ("jsonl", "csv", "parquet")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Spreadsheets run a cell starting with these as a formula (CSV injection)."""
PARQUET_BATCH = 1000


class MissingDependency(RuntimeError):
    """An optional package the chosen format needs is not installed."""


def cell(key: str, value: Any, guard: bool = True) -> Any:
    """One CSV cell: lists as readable text, formula-looking text neutralised with a '."""
    if key == "images" and isinstance(value, list):
        # One image per line: "URL caption" (URLs hold no spaces, so this splits cleanly).
        value = "\n".join(
            " ".join(x for x in (img.get("url"), img.get("caption")) if x) for img in value
        )
    elif key == "authors" and isinstance(value, list):
        value = "、".join(value)
    elif isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if guard and isinstance(value, str) and value.startswith(FORMULA_START):
        value = "'" + value
    return value


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """One JSON object per line, lists as JSON lists. Returns the number of records."""
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(
    records: Iterable[dict[str, Any]],
    out: IO[str],
    columns: list[str],
    *,
    bom: bool = False,
    guard: bool = True,
) -> int:
    """CSV with a header row; ``out`` must be opened with ``newline=""``.

    ``bom`` writes a UTF-8 byte order mark first: Excel needs it to read UTF-8
    (without it, Chinese text shows as mojibake when the file is double-clicked).
    """
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow({k: cell(k, v, guard) for k, v in record.items()})
        n += 1
    return n


def require_pyarrow() -> tuple[Any, Any]:
    """``(pyarrow, pyarrow.parquet)``; MissingDependency when pyarrow is not installed."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependency(
            "Parquet export needs pyarrow: pip install 'newsarchive[parquet]'"
        ) from None
    return pa, pq


def parquet_schema(columns: dict[str, type]) -> Any:
    """Columns typed as in SQLite; the JSON list columns as real Parquet lists."""
    pa, _ = require_pyarrow()
    lists = {
        "authors": pa.list_(pa.string()),
        "warnings": pa.list_(pa.string()),
        "images": pa.list_(pa.struct([("url", pa.string()), ("caption", pa.string())])),
    }
    scalars = {int: pa.int64(), float: pa.float64(), bytes: pa.binary()}
    return pa.schema(
        [(c, lists.get(c) or scalars.get(kind, pa.string())) for c, kind in columns.items()]
    )


def _batches(records: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(
    records: Iterable[dict[str, Any]], path: str | Path, columns: dict[str, type]
) -> int:
    """A Parquet file written in batches (memory stays flat on large archives)."""
    pa, pq = require_pyarrow()
    schema = parquet_schema(columns)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in _batches(iter(records), PARQUET_BATCH):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
