"""Second reader: checks with h5py that a results file has every path CONTRACT.md promises.

Usage: /usr/bin/python3 check_layout.py RESULTS.h5 REPLICATES
Exit 0 when the layout holds; prints every problem and exits 1 otherwise.
"""
import re
import sys
import warnings

import h5py
import numpy as np

ROOT_ATTRS = ["schema_version", "engine_version", "seed", "created_utc", "scenario_yaml", "resolved_yaml"]


STAT_ROWS = "mean,sd,q05,q25,q50,q75,q95"


def check_stats(g, name, kind, metric, raw):
    """stats/<kind>/<metric> holds numpy's NaN-aware statistics of the raw replicates."""
    where = f"{name}/stats/{kind}/{metric}"
    if f"stats/{kind}/{metric}" not in g:
        return [f"{where} missing"]
    d = g[f"stats/{kind}/{metric}"]
    rows = d.attrs.get("rows")
    rows = rows.decode() if isinstance(rows, bytes) else rows
    if rows != STAT_ROWS:
        return [f"{where}: attribute rows is {rows!r}"]
    if d.shape != (7,) + raw.shape[1:]:
        return [f"{where}: shape {d.shape}"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: NaN, as expected
        n = np.sum(~np.isnan(raw), axis=0)
        sd = np.nanstd(raw, axis=0, ddof=1) if raw.shape[0] > 1 else np.full(raw.shape[1:], np.nan)
        expect = np.stack([np.nanmean(raw, axis=0), np.where(n > 1, sd, np.nan),
                           *np.nanquantile(raw, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)])
    if not np.allclose(d[()], expect, rtol=1e-9, atol=0, equal_nan=True):
        return [f"{where}: differs from numpy's nanmean/nanstd/nanquantile"]
    return []


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
                    problems += check_stats(g, name, kind, metric, d[()])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
