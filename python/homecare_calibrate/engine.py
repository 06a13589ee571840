"""Runs the real homecare binary on a scenario with parameter overrides and reads the means."""

import os
import subprocess
import tempfile
from pathlib import Path

import h5py
import numpy as np

REPO = Path(__file__).resolve().parents[2]


def binary() -> Path:
    return Path(os.environ.get("HOMECARE_BIN", REPO / "build" / "release" / "engine" / "homecare"))


def nested_yaml(values: dict) -> str:
    """Flat key paths -> nested YAML text (numbers written exactly)."""
    tree: dict = {}
    for path, v in values.items():
        node = tree
        parts = path.split(".")
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = v
    lines = []

    def emit(node, indent):
        for k, v in node.items():
            if isinstance(v, dict):
                lines.append(" " * indent + f"{k}:")
                emit(v, indent + 2)
            else:
                lines.append(" " * indent + f"{k}: {repr(float(v)) if isinstance(v, float) else v}")

    emit(tree, 0)
    return "\n".join(lines) + "\n"


def run(base: Path, overrides: dict, replicates: int, seed: int, end: str, threads: int = 0) -> dict:
    """Mean and standard error of every summary metric over `replicates` runs of `base` with
    `overrides` (flat key paths), simulated to `end`."""
    with tempfile.TemporaryDirectory() as tmp:
        scen = Path(tmp) / "calibrate.yaml"
        text = f"extends: {base.resolve()}\nname: calibrate\n" + nested_yaml({**overrides, "run.end": end})
        scen.write_text(text)
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
