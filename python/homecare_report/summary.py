"""The headline table: for the baseline and each policy, turnover, complaints, late visits and
spend against budget, with the change from the baseline (marked when it compares distributions
of separate runs rather than pairs of replicates)."""
from __future__ import annotations

from dataclasses import dataclass

from . import metrics, stats
from .loading import ResultSet, Variant
from .wording import fmt_change, fmt_interval, fmt_param, fmt_value, param_name, sure_interval

#: (summary metric, column heading) in table order.
COLUMNS = (("turnover_rate", "Care worker turnover (a year)"),
           ("complaints_per_100_packages", "Complaints per 100 packages (a year)"),
           ("late_visit_share", "Visits that start late"),
           ("council_overspend_total", "Spend against budget (policy period)"))


#: How a change computed from separate runs (not pairs of replicates) is marked in a cell.
UNPAIRED = "separate runs"


@dataclass
class Cell:
    """One table cell: the median, its 90% interval, and the change from the baseline."""

    value: str
    interval: str = ""
    change: str = ""
    verdict: str = ""  # "better", "worse" or "" (no clear change, or no direction)


def _value_words(key: str, e: stats.Estimate) -> tuple[str, str]:
    if key == "council_overspend_total":
        word = "over" if e.median > 0 else "under"
        return f"{fmt_value(key, abs(e.median))} {word}", sure_interval(key, e.low, e.high)
    return fmt_value(key, e.median, unit=False), fmt_interval(key, e.low, e.high, unit=False)


def cell(results: ResultSet, v: Variant, key: str) -> Cell:
    """The cell for variant ``v`` and metric ``key``; ``n/a`` when the results lack it."""
    values = stats.period_values(v, key)
    if values is None:
        return Cell("n/a")
    e = stats.estimate(values[0])
    value, interval = _value_words(key, e)
    if v is results.baseline:
        return Cell(value, interval)
    d = stats.difference(v, results.baseline, key)
    if d is None:
        return Cell(value, interval)
    de = d.estimate
    how = "" if d.paired else f" ({UNPAIRED})"
    if not de.clear:
        return Cell(value, interval, f"no clear change from baseline{how}")
    better = metrics.info(key).lower_is_better
    verdict = "" if better is None else ("better" if (de.median < 0) == better else "worse")
    change = fmt_change(key, de.median, signed=True, unit=metrics.info(key).kind == "share")
    return Cell(value, interval, f"{change} vs baseline{how}", verdict)


def rows(results: ResultSet) -> list[tuple[Variant, list[Cell]]]:
    """The baseline's and each policy's row of cells, baseline first (points of a sensitivity
    design have their own section)."""
    return [(v, [cell(results, v, key) for key, _ in COLUMNS]) for v in results.compared]


def describe_params(v: Variant) -> str:
    """``Patches count: 4`` for a variant's settings that differ from the base scenario, values
    rounded for reading."""
    return "; ".join(f"{param_name(k)}: {fmt_param(v.parameters.get(k, val))}"
                     for k, val in v.params.items())
