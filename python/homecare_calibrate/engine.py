"""Runs the real homecare binary: its parameter table (``describe --json``), and a scenario with
parameter overrides, reading the means of the summary metrics.

Scenario files are written with Debian's ``python3-yaml`` (``yaml.safe_dump``): floats as their
shortest round-trip text, dates as YAML dates.
"""

import datetime as dt
import json
import os
import subprocess
import tempfile
from pathlib import Path

import h5py
import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[2]
#: The ``format`` of ``homecare describe --json`` this package reads.
DESCRIBE_FORMAT = 1


def binary() -> Path:
    return Path(os.environ.get("HOMECARE_BIN", REPO / "build" / "release" / "engine" / "homecare"))


def describe() -> dict:
    """The engine's parameter table from ``homecare describe --json``: ``{key: row}``, each row
    with ``type``, ``unit``, ``kind``, ``default`` (typed), ``min``, ``max``, ``meaning``,
    ``source``. Raises RuntimeError when the output is not the format this package knows."""
    out = subprocess.run([str(binary()), "describe", "--json"], check=True, capture_output=True,
                         text=True).stdout
    try:
        doc = json.loads(out)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"`homecare describe --json` did not print JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != DESCRIBE_FORMAT:
        raise RuntimeError("`homecare describe --json` printed format "
                           f"{doc.get('format') if isinstance(doc, dict) else '?'}, "
                           f"not {DESCRIBE_FORMAT}")
    return {row["key"]: row for row in doc["parameters"]}


def nested(values: dict) -> dict:
    """Flat key paths (``workforce.base_quit_hazard``) -> nested mappings, in the given order."""
    tree: dict = {}
    for path, v in values.items():
        node = tree
        parts = path.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = v
    return tree


def dump_yaml(document: dict) -> str:
    """YAML text of ``document`` in block style, keys in the given order. Floats are written as
    their shortest round-trip text, so they read back exactly; ``datetime.date`` as a date."""
    for value in _leaves(document):
        if isinstance(value, float) and not np.isfinite(value):
            raise ValueError(f"cannot write {value} as a scenario value")
    return yaml.safe_dump(document, sort_keys=False, default_flow_style=False, allow_unicode=True)


def _leaves(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _leaves(node=v)
    elif isinstance(node, list):
        for v in node:
            yield from _leaves(v)
    else:
        yield node


def override_scenario(base: Path, overrides: dict, end: str) -> str:
    """The text of a scenario that extends ``base`` with ``overrides`` (flat key paths) and runs
    to ``end`` (``YYYY-MM-DD``)."""
    values = {**overrides, "run.end": dt.date.fromisoformat(end)}
    return dump_yaml({"extends": str(base.resolve()), "name": "calibrate", **nested(values)})


def run(base: Path, overrides: dict, replicates: int, seed: int, end: str, threads: int = 0) -> dict:
    """Mean and standard error of every summary metric over `replicates` runs of `base` with
    `overrides` (flat key paths), simulated to `end`."""
    with tempfile.TemporaryDirectory() as tmp:
        scen = Path(tmp) / "calibrate.yaml"
        scen.write_text(override_scenario(base, overrides, end))
        out = Path(tmp) / "r.h5"
        cmd = [str(binary()), "run", str(scen), "--replicates", str(replicates), "--seed", str(seed),
               "--out", str(out), "--quiet"]
        if threads:
            cmd += ["--threads", str(threads)]
        subprocess.run(cmd, check=True)
        result = {}
        with h5py.File(out, "r") as f:
            g = f["variants/calibrate/summary"]
            for name in g:
                x = g[name][()]
                x = x[np.isfinite(x)]
                if len(x):
                    result[name] = (float(x.mean()), float(x.std(ddof=1) / np.sqrt(len(x))) if len(x) > 1 else 0.0)
        return result
