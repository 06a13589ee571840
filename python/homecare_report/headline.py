"""The headline table: each policy's extra cost to the council and change in turnover, per
financial year, against the baseline, with 90% paired intervals (issue 14).

    python3 -m homecare_report headline BASELINE.h5 POLICY.h5 [MORE.h5 ...] [--from 2018/19]

Reads each variant's ``yearly/council_spend`` and ``yearly/turnover_rate`` (schema 4). A cell is
the median over replicate pairs of policy minus baseline, replicate *i* minus replicate *i*, and
the 5th to 95th percentile of those differences: nine in ten simulated futures fall inside. The
table promises paired differences, so a policy run that does not pair with the baseline (another
seed or random-number scheme; ``pairing``) is refused rather than compared as distributions.
Chance is the only doubt these intervals carry; doubt about the assumptions needs sensitivity
runs.
"""
from __future__ import annotations

from dataclasses import dataclass

import h5py
import numpy as np

from .loading import ResultSet, Variant, as_text
from .pairing import pairing
from .stats import estimate


class NotPaired(ValueError):
    """A policy run whose replicates do not share random numbers with the baseline's."""


@dataclass(frozen=True)
class Row:
    label: str
    pairs: int
    cost: list[tuple[float, float, float]]      # per year: median, low, high (GBP)
    turnover: list[tuple[float, float, float]]  # per year: percentage points


def yearly(v: Variant, metric: str) -> tuple[list[str], np.ndarray]:
    """The financial years and ``yearly/<metric>`` [replicates, years] of a variant."""
    with h5py.File(v.source.path, "r") as f:
        g = f["variants"][v.name]
        if "yearly" not in g or metric not in g["yearly"]:
            raise ValueError(f"{v.source.path}: variant {v.name!r} has no yearly/{metric} "
                             "(results of schema 4 or later are needed)")
        return [as_text(y) for y in g["years"][()]], np.asarray(g["yearly"][metric][()], float)


def paired_cells(x: np.ndarray, y: np.ndarray, n: int, scale: float) -> list[tuple[float, float, float]]:
    d = (x[:n] - y[:n]) * scale
    out = []
    for j in range(d.shape[1]):
        e = estimate(d[:, j])
        out.append((e.median, e.low, e.high))
    return out


def rows(results: ResultSet, first_year: str | None = None) -> tuple[list[str], list[Row]]:
    """The years shown and one row per policy (every variant but the baseline)."""
    base = results.baseline
    years, base_cost = yearly(base, "council_spend")
    _, base_turn = yearly(base, "turnover_rate")
    start = years.index(first_year) if first_year in years else 0
    if first_year and first_year not in years:
        raise ValueError(f"financial year {first_year} is not in the baseline's years {years[0]}..{years[-1]}")
    out = []
    for v in results.policies:
        p = pairing(v, base)
        if not p.paired:
            raise NotPaired(f"{v.source.path}: {v.label} does not pair with the baseline "
                            f"({p.why}); run it with the baseline's seed")
        v_years, cost = yearly(v, "council_spend")
        _, turn = yearly(v, "turnover_rate")
        if v_years != years:
            raise ValueError(f"{v.source.path}: {v.label} covers financial years "
                             f"{v_years[0]}..{v_years[-1]}, the baseline {years[0]}..{years[-1]}")
        n = p.n
        out.append(Row(v.label, n, paired_cells(cost, base_cost, n, 1.0)[start:],
                       paired_cells(turn, base_turn, n, 100.0)[start:]))
    return years[start:], out


def _money(m: float, lo: float, hi: float) -> str:
    return f"{m / 1e6:+.2f} ({lo / 1e6:+.2f} to {hi / 1e6:+.2f})"


def _points(m: float, lo: float, hi: float) -> str:
    return f"{m:+.1f} ({lo:+.1f} to {hi:+.1f})"


def markdown(results: ResultSet, first_year: str | None = None) -> str:
    """Two Markdown tables: extra cost (GBP million) and change in turnover (percentage points)."""
    years, table = rows(results, first_year)
    head = "| policy (replicate pairs) | " + " | ".join(years) + " |\n|---|" + "---|" * len(years) + "\n"
    lines = [f"Against {results.baseline.label}; each cell: median of the paired differences "
             "(5th to 95th percentile).", "",
             "**Extra cost to the council, £ million a year**", "", head.rstrip("\n")]
    lines += [f"| {r.label} ({r.pairs}) | " + " | ".join(_money(*c) for c in r.cost) + " |" for r in table]
    lines += ["", "**Change in care-worker turnover, percentage points**", "", head.rstrip("\n")]
    lines += [f"| {r.label} ({r.pairs}) | " + " | ".join(_points(*c) for c in r.turnover) + " |"
              for r in table]
    return "\n".join(lines) + "\n"
