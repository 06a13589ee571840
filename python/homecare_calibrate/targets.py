"""The calibration targets of a borough pack: what its baseline must reproduce in the pack's
calibration year, and the parameter each target steers.

The targets are not written here: they live in the pack's ``targets.yaml`` (boroughs/README.md)
and are read as the engine loaded them, from ``homecare describe --pack NAME --json`` (the
``pack`` object's ``targets``), so that the engine's checks of the file (tags, sources, known
metrics and parameters) apply to what the calibration uses.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

#: The steering modes a target may name (boroughs/README.md, ``targets.yaml``).
MODES = ("ratio", "inverse", "shift", "negshift", "entries", "inflow")
#: The summary metric of the people receiving care at any one time; ``entries`` steers the
#: year's new entries, the distinct users minus this stock.
STOCK_METRIC = "calibration_active_users"


@dataclass(frozen=True)
class Target:
    row: str              # the target's id in the pack (C1, ...)
    quantity: str
    metric: str           # summary metric in the results file
    target: float
    low: float            # tolerance band, inclusive
    high: float
    parameter: Optional[str] = None  # the parameter that steers it (None: checked only)
    # ratio: x *= (target/value)^gain; inverse: x *= (value/target)^gain; shift: x += gain (target - value);
    # negshift: x -= gain (target - value); entries: ratio on the year's entries (distinct - stock);
    # inflow: x *= (1 + target - value)^gain (an inflow raised by the growth a year it lacks)
    mode: str = "ratio"
    gain: float = 0.8
    tag: str = ""
    source: str = ""
    month: Optional[str] = None      # YYYY-MM: a monthly series read in that month (None: a summary metric)
    known_gap: Optional[str] = None  # why the model is known not to reach it (None: it must)

    @property
    def key(self) -> str:
        """Where the target's model value is found in a run's results (``engine.run``): the
        summary metric, or ``metric@YYYY-MM`` for a monthly series in a month."""
        return f"{self.metric}@{self.month}" if self.month else self.metric


def _number(row: dict, key: str, where: str) -> float:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuntimeError(f"{where}: `{key}` is {value!r}, not a number")
    return float(value)


def from_describe(pack: dict) -> list[Target]:
    """The targets of the ``pack`` object of ``homecare describe --json``, in the pack's order.
    Raises RuntimeError when a target lacks a field this package needs."""
    rows = pack.get("targets")
    if not isinstance(rows, list) or not rows:
        raise RuntimeError(f"pack {pack.get('name', '?')!r} lists no calibration targets "
                           f"(targets file: {pack.get('targets_file', 'none')})")
    out = []
    for i, row in enumerate(rows):
        where = f"pack {pack.get('name', '?')}, target {row.get('id', i + 1)}"
        for key in ("id", "quantity", "metric"):
            if not isinstance(row.get(key), str) or not row[key]:
                raise RuntimeError(f"{where}: `{key}` is missing")
        parameter = row.get("parameter") or None
        mode = row.get("mode") or "ratio"
        if parameter and mode not in MODES:
            raise RuntimeError(f"{where}: steering mode {mode!r} is not one of {', '.join(MODES)}")
        gain = row.get("gain")
        out.append(Target(row["id"], row["quantity"], row["metric"], _number(row, "value", where),
                          _number(row, "low", where), _number(row, "high", where), parameter,
                          mode, 0.8 if gain is None else _number(row, "gain", where),
                          str(row.get("tag") or ""), str(row.get("source") or ""),
                          row.get("month") or None, row.get("known_gap") or None))
    return out


def year_label(start: str, end: str) -> str:
    """The calibration period in words: a financial year April-March as ``2016/17``, any other
    period as ``2016-04-01 to 2017-03-31``."""
    try:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except (TypeError, ValueError):
        return f"{start} to {end}"
    if (a.month, a.day, b.month, b.day) == (4, 1, 3, 31) and b.year == a.year + 1:
        return f"{a.year}/{b.year % 100:02d}"
    return f"{a.isoformat()} to {b.isoformat()}"
