"""Layout-drift alarms: per-run field fill rates, a recent baseline, a degraded verdict.

Sites change their templates without telling anyone. When they do, extraction
rarely fails outright: the editor line is simply no longer found, or the body
selector now matches a teaser. So every crawl run records, per site, how often
each field was found on the article pages it extracted (``crawl_quality``), and
compares that with the site's recent past.

The rules (the thresholds below, documented in docs/adding-a-site.md):

- **Enough pages.** A run with fewer than ``min_articles`` extracted article
  pages is too small to judge its fill rates, and too small to be a baseline.
- **Baseline.** The median of the site's last ``BASELINE_RUNS`` good runs (status
  ``finished``, not degraded) before this one; at least ``MIN_BASELINE_RUNS``
  are needed, else there is no verdict yet.
- **A fill rate drops** (headline, published_at, source, editor, authors) when it
  falls below half its baseline *and* by at least ``MIN_DROP`` (25 points):
  editor on 95% of pages before and 40% now is an alarm; 30% → 10% is noise.
- **Bodies shrink** when the median body length falls below half its baseline.
- **List pages go dry** when the article links found on list pages fall below a
  quarter of their baseline, where that baseline was at least ``min_articles``
  (a list page that "used to yield many"). This is judged even on runs that
  fetched few articles: on a rerun most links are already archived.

A degraded run gets status ``degraded`` and its fields in
``crawl_runs.degraded_fields``; it never joins a baseline, so the alarm repeats
until the profile is fixed. To accept a new normal (the site really stopped
showing editors), set those runs' status back to ``finished``.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

FILL_FIELDS: tuple[str, ...] = ("headline", "published_at", "source", "editor", "authors")
"""Fields whose fill rate (share of article pages where it was found) is recorded."""

BASELINE_RUNS = 5
MIN_BASELINE_RUNS = 3
MIN_ARTICLES = 10
"""Default of the ``NEWSARCHIVE_DRIFT_MIN_ARTICLES`` setting."""
MIN_DROP = 0.25
FILL_FACTOR = 0.5
BODY_FACTOR = 0.5
LINKS_FACTOR = 0.25

migrations = Migrations("newsarchive.quality")


@migrations()
def create_crawl_quality(db: Database) -> None:
    db["crawl_quality"].create(
        {
            "run_id": int,  # crawl_runs.id
            "site": str,
            "articles": int,  # article pages extracted in the run
            "list_links": int,  # article links found on list pages
            "headline": float,  # fill rates, 0.0-1.0 (None: no articles)
            "published_at": float,
            "source": float,
            "editor": float,
            "authors": float,
            "body_mean": float,  # body length in characters
            "body_median": float,
            "verdict": str,  # ok / degraded / too-few-articles / no-baseline / not-judged
            "drops": str,  # JSON list of Drop
        },
        pk="run_id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db["crawl_quality"].create_index(["site", "run_id"])
    db["crawl_runs"].add_column("degraded_fields", str)


# -- measuring one run -----------------------------------------------------------------


def _found(record: Mapping[str, Any], name: str) -> bool:
    value = record.get(name)
    if isinstance(value, str):
        return bool(value.strip())
    return bool(value)


@dataclass
class RunQuality:
    """What one run extracted from one site."""

    site: str
    articles: int = 0
    list_links: int = 0
    fill: dict[str, float | None] = field(default_factory=dict)
    body_mean: float | None = None
    body_median: float | None = None


@dataclass
class QualityCounter:
    """Accumulates the records one crawl extracted, per site."""

    found: dict[str, dict[str, int]] = field(default_factory=dict)
    body_lengths: dict[str, list[int]] = field(default_factory=dict)

    def add(self, record: Mapping[str, Any]) -> None:
        site = str(record.get("site"))
        counts = self.found.setdefault(site, dict.fromkeys(FILL_FIELDS, 0))
        for name in FILL_FIELDS:
            counts[name] += _found(record, name)
        self.body_lengths.setdefault(site, []).append(len((record.get("body") or "").strip()))

    def sites(self) -> list[str]:
        return sorted(self.body_lengths)

    def quality(self, site: str, list_links: int = 0) -> RunQuality:
        lengths = self.body_lengths.get(site, [])
        if not lengths:
            return RunQuality(site, 0, list_links, dict.fromkeys(FILL_FIELDS))
        counts = self.found[site]
        return RunQuality(
            site=site,
            articles=len(lengths),
            list_links=list_links,
            fill={name: round(counts[name] / len(lengths), 4) for name in FILL_FIELDS},
            body_mean=round(statistics.fmean(lengths), 1),
            body_median=float(statistics.median(lengths)),
        )


# -- judging it against the baseline ----------------------------------------------------


@dataclass
class Drop:
    """One field that fell clearly below the site's baseline."""

    field: str  # a FILL_FIELDS name, body_length or list_links
    baseline: float
    now: float

    def describe(self) -> str:
        if self.field == "body_length":
            return f"median body {self.now:.0f} characters (baseline {self.baseline:.0f})"
        if self.field == "list_links":
            return f"{self.now:.0f} article links on list pages (baseline {self.baseline:.0f})"
        return f"{self.field} found on {self.now:.0%} of pages (baseline {self.baseline:.0%})"


@dataclass
class Baseline:
    """Medians of the site's recent good runs (None where too few runs to tell)."""

    fill: dict[str, float] | None
    body_median: float | None
    list_links: float | None


def _median(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return float(statistics.median(known)) if known else None


def baseline(db: Database, site: str, before_run: int, min_articles: int) -> Baseline:
    """The baseline of a site from its good runs older than ``before_run``."""
    rows = list(
        db.query(
            "SELECT q.* FROM crawl_quality q JOIN crawl_runs r ON r.id = q.run_id "
            "WHERE q.site = ? AND q.run_id < ? AND r.status = 'finished' "
            "AND q.verdict != 'not-judged' "
            "ORDER BY q.run_id DESC LIMIT 50",
            [site, before_run],
        )
    )
    links = rows[:BASELINE_RUNS]
    full = [r for r in rows if r["articles"] >= min_articles][:BASELINE_RUNS]
    fill = body = None
    if len(full) >= MIN_BASELINE_RUNS:
        fill = {name: _median(r[name] for r in full) or 0.0 for name in FILL_FIELDS}
        body = _median(r["body_median"] for r in full)
    link_base = _median(r["list_links"] for r in links) if len(links) >= MIN_BASELINE_RUNS else None
    return Baseline(fill, body, link_base)


def drops(now: RunQuality, base: Baseline, min_articles: int) -> list[Drop]:
    """The fields of this run that fell clearly below the baseline (the rules above)."""
    found = []
    if now.articles >= min_articles and base.fill is not None:
        for name in FILL_FIELDS:
            was, rate = base.fill[name], now.fill.get(name) or 0.0
            if rate < was * FILL_FACTOR and was - rate >= MIN_DROP:
                found.append(Drop(name, was, rate))
        if base.body_median and (now.body_median or 0) < base.body_median * BODY_FACTOR:
            found.append(Drop("body_length", base.body_median, now.body_median or 0.0))
    links_were_many = base.list_links is not None and base.list_links >= min_articles
    if links_were_many and now.list_links < (base.list_links or 0) * LINKS_FACTOR:
        found.append(Drop("list_links", base.list_links, float(now.list_links)))
    return found


def verdict(now: RunQuality, base: Baseline, found: list[Drop], min_articles: int) -> str:
    """The run's verdict: degraded, no-baseline, too-few-articles or ok."""
    if found:
        return "degraded"
    if base.fill is None and base.list_links is None:
        return "no-baseline"
    if now.articles < min_articles:
        return "too-few-articles"
    return "ok"


# -- recording ---------------------------------------------------------------------------


def judge_run(
    db: Database,
    run_id: int,
    now: RunQuality,
    min_articles: int = MIN_ARTICLES,
    finished: bool = True,
) -> list[Drop]:
    """Record one run's quality and verdict; mark the run degraded on drops.

    A run whose crawl did not finish (``finished`` false: killed, closed by a
    page limit; or its status says so) is recorded but neither judged nor used
    as a baseline: a crawl stopped early finds fewer links. Returns the drops
    found (empty when none or not judged).
    """
    run = db["crawl_runs"].get(run_id)
    if finished and run["status"] == "finished":
        base = baseline(db, now.site, run_id, min_articles)
        found = drops(now, base, min_articles)
        result = verdict(now, base, found, min_articles)
    else:
        found, result = [], "not-judged"
    row = {
        "run_id": run_id,
        "site": now.site,
        "articles": now.articles,
        "list_links": now.list_links,
        **{name: now.fill.get(name) for name in FILL_FIELDS},
        "body_mean": now.body_mean,
        "body_median": now.body_median,
        "verdict": result,
        "drops": json.dumps([asdict(d) for d in found]),
    }
    with db.conn:
        db["crawl_quality"].upsert(row, pk="run_id")
        if found:
            fields = ",".join(d.field for d in found)
            db["crawl_runs"].update(run_id, {"status": "degraded", "degraded_fields": fields})
    return found


def alarms(db: Database, sites: Iterable[str]) -> list[str]:
    """One warning line per drop of the latest run of each site, when that run is degraded."""
    lines = []
    for site in sites:
        row = next(
            db.query(
                "SELECT r.id, r.status, q.drops FROM crawl_runs r "
                "LEFT JOIN crawl_quality q ON q.run_id = r.id "
                "WHERE r.site = ? ORDER BY r.id DESC LIMIT 1",
                [site],
            ),
            None,
        )
        if row and row["status"] == "degraded":
            for d in json.loads(row["drops"] or "[]"):
                lines.append(f"layout drift? {site}: {d['field']}: {Drop(**d).describe()}")
    return lines
