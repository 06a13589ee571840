"""Spend by category against the budget, per financial year (issue 16 point 7).

    python3 -m homecare_report budget RESULTS.h5 [MORE.h5 ...] [--baseline NAME] [-o FILE.md]

Reads each variant's ``yearly/`` spend datasets (schema 4 after issue 16; output/README.md): the
categories of ``council_spend``, the budget, the spend it covers (``spend_against_budget``), the
headroom and the savings taken from it. A cell is the **mean** over replicates with the 5th to 95th
percentile across replicates (nine in ten simulated futures fall inside). Means, not the medians
used elsewhere in the report, because means add up: the categories' means sum to the mean of
``council_spend`` and the headroom's mean is the budget's mean minus the covered spend's mean, so
the table's columns add up as a budget statement should.

Residential placements caused by unmet need are part of ``council_spend`` but charged to no home
care budget, so they are shown apart, below the headroom.

A policy's change in each category is computed as ``pairing`` allows: replicate *i* minus
replicate *i* over the common replicates when the runs share random numbers, else every replicate
of one minus every replicate of the other (the mean of those differences is still the difference
of the means). Files from before issue 16 lack the datasets: the table is left out with a note.
"""
from __future__ import annotations

from dataclasses import dataclass

import h5py
import numpy as np

from . import stats
from .loading import ResultSet, Variant, as_text
from .pairing import Pairing, pairing
from .wording import fmt_change, fmt_value

MONEY = "council_spend"  # how the cells are formatted (pounds in thousands or millions)

#: (dataset, label, role), in the order of the table. Roles: ``charged`` categories sum to
#: ``covered``; ``part`` is inside the category above it; ``apart`` is spent but not charged to
#: the budget; ``total`` is all council spend.
LINES = (
    ("spend_long_term", "Long-term home care visits", "charged"),
    ("spend_double_handed", "\u2003of which double-handed visits", "part"),
    ("spend_reablement", "Reablement", "charged"),
    ("spend_direct_payments", "Direct payments", "charged"),
    ("spend_training", "Training (the council's share)", "charged"),
    ("spend_forum", "Partnership forum", "charged"),
    ("spend_against_budget", "Spend charged to the budget", "covered"),
    ("council_budget", "Budget", "budget"),
    ("council_headroom", "Headroom: budget minus spend (negative: overspend)", "headroom"),
    ("council_savings", "Savings taken from the budget", "savings"),
    ("spend_residential_unmet", "Residential placements caused by unmet need (not charged "
                                "to the home care budget)", "apart"),
    ("council_spend", "All council spend", "total"),
)
KEYS = tuple(k for k, _, _ in LINES)
#: The categories that make up ``council_spend`` (output/README.md).
CATEGORIES = tuple(k for k, _, role in LINES if role in ("charged", "apart"))

RESIDENTIAL_NOTE = ("Residential placements caused by unmet need are part of the council's "
                    "spend but are not charged to the home care budget, so they are shown apart, "
                    "below the headroom, and only the last line includes them.")


@dataclass(frozen=True)
class Cell:
    """Mean over replicates (or replicate pairs) and the 5th to 95th percentile, in pounds."""

    mean: float
    low: float
    high: float
    n: int


def cell(samples) -> Cell:
    """The mean and 90% range of one figure per replicate (NaN ignored)."""
    x = np.asarray(samples, float).reshape(-1)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return Cell(np.nan, np.nan, np.nan, 0)
    e = stats.estimate(x)
    return Cell(float(x.mean()), e.low, e.high, int(x.size))


@dataclass
class Yearly:
    """A variant's yearly spend datasets: financial years, months covered, arrays
    [replicates, years]."""

    years: list[str]
    months: list[int]
    data: dict[str, np.ndarray]


def read(v: Variant) -> Yearly | None:
    """The variant's yearly spend datasets; None when the file lacks any of them (before
    issue 16)."""
    with h5py.File(v.source.path, "r") as f:
        g = f["variants"][v.name]
        if "years" not in g or "yearly" not in g or any(k not in g["yearly"] for k in KEYS):
            return None
        y = g["yearly"]
        data = {k: np.asarray(y[k][()], float) for k in KEYS}
        years = [as_text(s) for s in g["years"][()]]
        months = ([int(round(float(np.nanmax(m)))) for m in np.atleast_2d(y["months"][()]).T]
                  if "months" in y else [12] * len(years))
    return Yearly(years, months, data)


@dataclass
class Statement:
    """One table: a line per entry of LINES, a cell per financial year."""

    label: str
    years: list[str]
    months: list[int]
    cells: dict[str, list[Cell]]
    replicates: int
    pairing: Pairing | None = None  # for a change from the baseline: how it was compared


def statement(v: Variant, y: Yearly | None = None) -> Statement | None:
    """The variant's spend by category against the budget; None before issue 16."""
    y = y or read(v)
    if y is None:
        return None
    cells = {k: [cell(y.data[k][:, j]) for j in range(len(y.years))] for k in KEYS}
    return Statement(v.label, y.years, y.months, cells, y.data[MONEY].shape[0])


def change(policy: Variant, base: Variant) -> Statement | None:
    """The policy minus the baseline in each line and year (paired where ``pairing`` allows);
    None when either lacks the datasets or they cover different financial years."""
    a, b = read(policy), read(base)
    if a is None or b is None or a.years != b.years:
        return None
    p = pairing(policy, base)
    cells = {}
    for k in KEYS:
        d = stats.difference_samples(a.data[k], b.data[k], p.paired)
        cells[k] = [cell(d[:, j]) for j in range(len(a.years))]
    n = p.n if p.paired else a.data[MONEY].shape[0] * b.data[MONEY].shape[0]
    return Statement(policy.label, a.years, a.months, cells, n, p)


def year_label(year: str, months: int) -> str:
    return year if months == 12 else f"{year} ({months} months)"


def last_full_year(s: Statement) -> int:
    full = [j for j, m in enumerate(s.months) if m == 12]
    return full[-1] if full else len(s.years) - 1


def _value(x: float, signed: bool) -> str:
    return fmt_change(MONEY, x, signed=True) if signed else fmt_value(MONEY, x)


def cell_text(c: Cell, signed: bool = False, inline: bool = False) -> str:
    """``£12.3m`` over its range ``£12.1m to £12.5m`` (a line break between, or in brackets when
    ``inline``); changes signed."""
    if c.n == 0:
        return "n/a"
    if c.mean == c.low == c.high == 0:
        return "£0"  # nothing spent (or no change) in any simulated future
    mean, span = _value(c.mean, signed), f"{_value(c.low, signed)} to {_value(c.high, signed)}"
    return f"{mean} ({span})" if inline else f"{mean}\n{span}"


def rows(s: Statement, signed: bool = False,
         inline: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and rows of text for one statement."""
    header = ["" if s.pairing is None else "Change in"] + [
        year_label(y, m) for y, m in zip(s.years, s.months)]
    out = [[label] + [cell_text(c, signed, inline) for c in s.cells[k]] for k, label, _ in LINES]
    return header, out


def headroom_words(s: Statement, subject: str) -> str:
    """``In 2024/25, the baseline charges £16.0m to a budget of £15.2m: an overspend of £0.8m
    (90% interval £0.6m to £1.0m)``, for the last full year."""
    j = last_full_year(s)
    h = s.cells["council_headroom"][j]
    spend, budget = s.cells["spend_against_budget"][j], s.cells["council_budget"][j]
    if h.low > 0:
        what = (f"headroom of {fmt_value(MONEY, h.mean)} (90% interval {fmt_value(MONEY, h.low)} "
                f"to {fmt_value(MONEY, h.high)})")
    elif h.high < 0:
        what = (f"an overspend of {fmt_value(MONEY, -h.mean)} (90% interval "
                f"{fmt_value(MONEY, -h.high)} to {fmt_value(MONEY, -h.low)})")
    else:
        what = (f"{'an overspend' if h.mean < 0 else 'headroom'} of {fmt_value(MONEY, abs(h.mean))} "
                "on average, but not clearly over or under the budget (headroom's 90% interval "
                f"{fmt_change(MONEY, h.low, signed=True)} to {fmt_change(MONEY, h.high, signed=True)})")
    return (f"In {s.years[j]}, {subject} charges {fmt_value(MONEY, spend.mean)} to a budget of "
            f"{fmt_value(MONEY, budget.mean)}: {what}")


def change_words(s: Statement) -> str:
    """The category whose change is largest in the last full year, and the headroom's change."""
    j = last_full_year(s)
    k = max(CATEGORIES, key=lambda key: abs(s.cells[key][j].mean))  # charged or not
    label = dict((key, lab) for key, lab, _ in LINES)[k].split(" (")[0]
    c, h = s.cells[k][j], s.cells["council_headroom"][j]
    return (f"In {s.years[j]}, {s.label} changes spend on {label[:1].lower() + label[1:]} by "
            f"{fmt_change(MONEY, c.mean, signed=True)} and the headroom by "
            f"{fmt_change(MONEY, h.mean, signed=True)} (90% interval "
            f"{fmt_change(MONEY, h.low, signed=True)} to {fmt_change(MONEY, h.high, signed=True)}), "
            "against the baseline")


def missing_reason(v: Variant) -> str:
    return (f"the results file {v.source.path.name} ({v.label}) has no yearly spend by category "
            "(it was written before issue 16; run it again with a newer engine).")


def markdown(results: ResultSet) -> str:
    """Markdown tables: each variant's spend by category against the budget, and each policy's
    change from the baseline."""
    out = ["Spend by category against the budget, per financial year (April to March). Each cell: "
           "mean over replicates (5th to 95th percentile across replicates), £. Headroom is the "
           "budget minus the spend charged to it; negative is an overspend. "
           + RESIDENTIAL_NOTE, ""]
    for v in results.compared:
        s = statement(v)
        if s is None:
            out += [f"**{v.label}**: not shown because {missing_reason(v)}", ""]
            continue
        out += _md_table(f"**{v.label}** ({s.replicates} replicates)", s)
        if v is not results.baseline:
            d = change(v, results.baseline)
            if d is not None:
                out += _md_table(f"**Change, {v.label} minus {results.baseline.label}** "
                                 f"({d.pairing.short()}: {d.pairing.basis()})", d, signed=True)
    return "\n".join(out) + "\n"


def _md_table(title: str, s: Statement, signed: bool = False) -> list[str]:
    header, body = rows(s, signed, inline=True)
    lines = [title, "", "| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    lines += ["| " + " | ".join([r[0].strip()] + r[1:]) + " |" for r in body]
    return lines + [""]

