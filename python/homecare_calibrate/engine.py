"""Runs the real homecare binary: a borough pack and the parameter table (``describe --pack
NAME --json``), and a scenario with parameter overrides, reading the means of the summary metrics.

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


def describe_json(pack: str | None = None) -> dict:
    """The whole document ``homecare describe [--pack PACK] --json`` prints (``format``,
    ``engine_version``, ``pack``, ``parameters``); ``pack`` None: the engine's default pack.
    Raises RuntimeError when the output is not the format this package knows."""
    key = (str(binary()), pack)
    if key not in _DESCRIBED:
        cmd = [str(binary()), "describe", "--json"] + (["--pack", str(pack)] if pack else [])
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"`{' '.join(cmd)}` failed (exit {proc.returncode}): "
                               f"{proc.stderr.strip()}")
        try:
            doc = json.loads(proc.stdout)
        except json.JSONDecodeError as exc:
            raise RuntimeError(f"`homecare describe --json` did not print JSON: {exc}") from exc
        if not isinstance(doc, dict) or doc.get("format") != DESCRIBE_FORMAT:
            raise RuntimeError("`homecare describe --json` printed format "
                               f"{doc.get('format') if isinstance(doc, dict) else '?'}, "
                               f"not {DESCRIBE_FORMAT}")
        _DESCRIBED[key] = doc
    return _DESCRIBED[key]


_DESCRIBED: dict = {}


def describe(pack: str | None = None) -> dict:
    """The engine's parameter table from ``homecare describe --json``: ``{key: row}``, each row
    with ``type``, ``unit``, ``kind``, ``default`` (typed; a pack's defaults included),
    ``min``, ``max``, ``meaning``, ``source``."""
    return {row["key"]: row for row in describe_json(pack)["parameters"]}


def pack_info(pack: str | None = None) -> dict:
    """The borough pack as the engine loaded it (``describe --json``'s ``pack`` object: name,
    dir, display_name, calibration_from/to, targets, defaults, ...). Raises RuntimeError when the
    engine prints none (it predates borough packs)."""
    doc = describe_json(pack)
    info = doc.get("pack")
    if not isinstance(info, dict) or not info.get("name"):
        raise RuntimeError("`homecare describe --json` prints no borough pack; this engine "
                           f"({doc.get('engine_version', '?')}) predates borough packs")
    return info


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


def override_scenario(base: Path, overrides: dict, end: str, borough: str | None = None) -> str:
    """The text of a scenario that extends ``base`` with ``overrides`` (flat key paths) and runs
    to ``end`` (``YYYY-MM-DD``); with ``borough`` (a pack's name or folder), on that pack."""
    values = {**overrides, "run.end": dt.date.fromisoformat(end)}
    head = {"extends": str(base.resolve()), "name": "calibrate"}
    if borough:
        head["borough"] = str(borough)
    return dump_yaml({**head, **nested(values)})


#: Summary metrics of the calibration year were named after 2016/17 before borough packs; files
#: of schema 3 keep the old names as links. Old name prefix -> new.
LEGACY_PREFIX = ("fy2016_", "calibration_")


def run(base: Path, overrides: dict, replicates: int, seed: int, end: str, threads: int = 0,
        borough: str | None = None, monthly: tuple = ()) -> dict:
    """Mean and standard error of every summary metric over `replicates` runs of `base` with
    `overrides` (flat key paths), simulated to `end` (on the pack `borough` when given). The
    calibration year's metrics are keyed ``calibration_*`` (an engine that still writes
    ``fy2016_*`` has them renamed); the links schema 3 keeps under the old names are skipped.
    ``monthly`` names monthly series in months, ``(metric, "YYYY-MM")``: each is keyed
    ``metric@YYYY-MM``. Raises ValueError when the run does not reach such a month."""
    with tempfile.TemporaryDirectory() as tmp:
        scen = Path(tmp) / "calibrate.yaml"
        scen.write_text(override_scenario(base, overrides, end, borough))
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
                if isinstance(g.get(name, getlink=True), h5py.SoftLink):
                    continue  # an old name of a metric read under its own
                x = g[name][()]
                x = x[np.isfinite(x)]
                old, new = LEGACY_PREFIX
                key = new + name[len(old):] if name.startswith(old) and new + name[len(old):] not in g else name
                if len(x):
                    result[key] = _mean_se(x)
            months = [m.decode() if isinstance(m, bytes) else str(m)
                      for m in f["variants/calibrate/months"][()]] if monthly else []
            for metric, month in monthly:
                if month not in months:
                    raise ValueError(f"the runs cover {months[0]} to {months[-1]}, not {month} "
                                     f"(the month of a {metric} target): simulate further with --end")
                x = f[f"variants/calibrate/monthly/{metric}"][:, months.index(month)]
                x = x[np.isfinite(x)]
                if len(x):
                    result[f"{metric}@{month}"] = _mean_se(x)
        return result


def _mean_se(x: np.ndarray) -> tuple[float, float]:
    return float(x.mean()), float(x.std(ddof=1) / np.sqrt(len(x))) if len(x) > 1 else 0.0
