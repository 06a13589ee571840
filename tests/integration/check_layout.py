"""Second reader: checks with h5py that a results file has every path CONTRACT.md promises.

Usage: /usr/bin/python3 check_layout.py RESULTS.h5 REPLICATES
Exit 0 when the layout holds; prints every problem and exits 1 otherwise.
"""
import re
import sys

import h5py
import numpy as np

ROOT_ATTRS = ["schema_version", "engine_version", "seed", "created_utc", "scenario_yaml", "resolved_yaml"]


def main(path, replicates):
    problems = []
    with h5py.File(path, "r") as f:
        for a in ROOT_ATTRS:
            if a not in f.attrs:
                problems.append(f"root attribute {a} missing")
        if "variants" not in f:
            print("no /variants group")
            return 1
        for name, g in f["variants"].items():
            months = [m.decode() if isinstance(m, bytes) else m for m in g["months"][()]]
            if not months or not all(re.fullmatch(r"\d{4}-\d{2}", m) for m in months):
                problems.append(f"{name}: months are not YYYY-MM")
            for kind, shape in (("monthly", (replicates, len(months))), ("summary", (replicates,))):
                if kind not in g or len(g[kind]) == 0:
                    problems.append(f"{name}: no {kind} metrics")
                    continue
                for metric, d in g[kind].items():
                    if d.shape != shape or d.dtype != np.float64:
                        problems.append(f"{name}/{kind}/{metric}: shape {d.shape} dtype {d.dtype}")
                    for a in ("units", "description"):
                        if a not in d.attrs:
                            problems.append(f"{name}/{kind}/{metric}: attribute {a} missing")
                    # Monthly series are always finite; a summary is NaN when the run does not
                    # cover the period it describes (e.g. calibration figures for 2016/17).
                    if kind == "monthly" and not np.all(np.isfinite(d[()])):
                        problems.append(f"{name}/{kind}/{metric}: non-finite values")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
