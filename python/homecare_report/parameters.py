"""The typed parameters of a results file of schema 2: the parameter table and each variant's values.

Layout (``output/README.md``): ``/parameter_table`` is a compound dataset with one row per
parameter (``key``, ``type``, ``unit``, ``kind``); ``/variants/<name>/parameters`` holds the
variant's resolved values, scalars as attributes named by their key path, schedules and ward maps
as small compound datasets. They are read into the same flat ``{key path: typed value}`` mapping
that ``scenario.parameters`` makes from YAML text: dates as ``datetime.date``, booleans as
``bool``, a schedule as a list of ``{"from": date, <value field>: number}``, a ward map as
``{ward: patch}`` (``{network: patch}`` for ``patches.networks``), a count list as a list of
whole numbers. Reading never raises on odd content: what cannot be read is left out with a
note.
"""
from __future__ import annotations

from dataclasses import dataclass

import h5py
import numpy as np

from .scenario import as_date

#: Kinds of parameter (``kind`` column): run settings, council levers, behavioural or data
#: assumptions, values fitted to calibration targets.
KINDS = ("run", "policy", "assumption", "calibrated")


@dataclass(frozen=True)
class ParamInfo:
    """One row of ``/parameter_table``."""

    key: str
    type: str   # number, integer, boolean, date, choice, schedule, ward map, count list
    unit: str
    kind: str   # run, policy, assumption, calibrated


def _text(value) -> str:
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def read_table(f: h5py.File, notes: list[str], where: str) -> dict[str, ParamInfo]:
    """``/parameter_table`` as ``{key: ParamInfo}`` in table order; ``{}`` when absent."""
    ds = f.get("parameter_table")
    if ds is None:
        return {}
    try:
        rows = ds[()]
        names = rows.dtype.names or ()
        missing = [n for n in ("key", "type", "unit", "kind") if n not in names]
        if missing:
            notes.append(f"{where}:/parameter_table lacks the field(s) {', '.join(missing)}; "
                         "parameter kinds are unknown.")
            return {}
        table = {}
        for row in np.asarray(rows).reshape(-1):
            info = ParamInfo(*(_text(row[n]).strip() for n in ("key", "type", "unit", "kind")))
            table[info.key] = info
        return table
    except (TypeError, ValueError, OSError) as exc:
        notes.append(f"{where}:/parameter_table could not be read ({exc}); parameter kinds are "
                     "unknown.")
        return {}


def _scalar(value, info: ParamInfo | None):
    """An attribute value as a typed Python value, by the table's type when known."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(-1)[0]
    kind = info.type if info else ""
    if isinstance(value, (bytes, np.bytes_, str, np.str_)):
        text = _text(value)
        if kind == "date" or (not kind and as_date(text)):
            return as_date(text) or text
        return text
    if isinstance(value, (bool, np.bool_)) or kind == "boolean":
        return bool(value)
    if isinstance(value, np.integer) or kind == "integer":
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        return [_scalar(v, None) for v in value.reshape(-1)]
    return value


def _rows(ds: h5py.Dataset, info: ParamInfo | None):
    """A schedule (list of rows), a ward map (``{ward: patch}``; ``patches.networks`` keys its
    map by ``network``) or a count list (``[count, ...]``) from a compound dataset."""
    data = np.asarray(ds[()]).reshape(-1)
    names = data.dtype.names or ()
    if (info and info.type == "ward map") or ("patch" in names and ("ward" in names or "network" in names)):
        key = "network" if "network" in names else "ward"
        return {_text(r[key]).strip(): int(r["patch"]) for r in data}
    if (info and info.type == "count list") or names == ("count",):
        return [int(r["count"]) for r in data]
    out = []
    for r in data:
        row = {}
        for n in names:
            v = r[n]
            row[n] = (as_date(_text(v)) or _text(v)) if n == "from" else _scalar(v, None)
        out.append(row)
    return out


def read_variant(group: h5py.Group, table: dict[str, ParamInfo], notes: list[str],
                 where: str) -> dict | None:
    """The variant's ``parameters`` group as a flat typed mapping, ordered as the table; None
    when the group is absent."""
    g = group.get("parameters")
    if not isinstance(g, h5py.Group):
        return None
    values: dict = {}
    for key, value in g.attrs.items():
        try:
            values[key] = _scalar(value, table.get(key))
        except (TypeError, ValueError) as exc:
            notes.append(f"{where}/parameters attribute {key} could not be read ({exc}).")
    for key, ds in g.items():
        if not isinstance(ds, h5py.Dataset):
            continue
        try:
            values[key] = _rows(ds, table.get(key))
        except (TypeError, ValueError, KeyError) as exc:
            notes.append(f"{where}/parameters/{key} could not be read ({exc}).")
    order = {k: i for i, k in enumerate(table)}
    return dict(sorted(values.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
