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


def close(a, b):
    return np.allclose(a, b, rtol=1e-9, atol=1e-12)


def check_places(f, g, name, replicates):
    """Schema 5: by_ward [replicates, wards] in /borough/wards' order, adding up to the summaries'
    shares; under patch commissioning by_patch [replicates, patches], its wards' sums."""
    problems = []
    wards = [w.decode() for w in g["wards"][()]]
    if wards != [w.decode() for w in f["borough/wards/name"][()]]:
        problems.append(f"{name}: wards {wards} are not /borough/wards/name")
    groups = [("by_ward", len(wards))]
    if "by_patch" in g:
        patches = [p.decode() for p in g["patches"][()]]
        groups.append(("by_patch", len(patches)))
        ward_patch = g["geography/ward_patch"][()].astype(int) - 1
        if sorted(set(ward_patch)) != list(range(len(patches))):
            problems.append(f"{name}: geography/ward_patch does not name every patch once or more")
        for metric, d in g["by_ward"].items():
            sums = np.stack([d[()][:, ward_patch == k].sum(axis=1) for k in range(len(patches))], axis=1)
            if not close(g["by_patch"][metric][()], sums):
                problems.append(f"{name}/by_patch/{metric}: not the sum of its wards")
        bp = {m: g["by_patch"][m][()] for m in g["by_patch"]}
        if not close(bp["late_visit_share"], np.where(bp["visits_due"] > 0, bp["late_visits"] / np.maximum(bp["visits_due"], 1), 0)):
            problems.append(f"{name}/by_patch/late_visit_share: not late_visits over visits_due")
    elif "patches" in g:
        problems.append(f"{name}: patches without by_patch")
    for group, width in groups:
        for metric, d in g[group].items():
            if d.shape != (replicates, width) or d.dtype != np.float64 or not np.all(np.isfinite(d[()])):
                problems.append(f"{name}/{group}/{metric}: shape {d.shape}, dtype {d.dtype}, or non-finite")
            for a in ("units", "description"):
                if a not in d.attrs:
                    problems.append(f"{name}/{group}/{metric}: attribute {a} missing")
            if g[f"stats/{group}"][metric].shape != (7, width):
                problems.append(f"{name}/stats/{group}/{metric}: shape {g[f'stats/{group}'][metric].shape}")
    # The wards add up to the borough: pooled shares are the summaries'.
    w = {m: g["by_ward"][m][()].sum(axis=1) for m in g["by_ward"]}
    s = g["summary"]
    for metric, value in (("late_visit_share", w["late_visits"] / w["visits_due"]),
                          ("hours_unmet_share", w["hours_unmet"] / (w["hours_unmet"] + w["hours_delivered"])),
                          ("travel_share", w["travel_hours"] / (w["travel_hours"] + w["contact_hours"])),
                          ("distinct_workers_per_user", w["workers_seen"] / w["user_months"])):
        if not close(value, s[metric][()]):
            problems.append(f"{name}: by_ward pools to {metric} {value}, the summary says {s[metric][()]}")
    total = s["complaints_continuity_total"][()] + s["complaints_lateness_total"][()]
    if np.any(w["complaints"] < total):
        problems.append(f"{name}: by_ward complaints {w['complaints']} below continuity and lateness ones {total}")
    return problems


def check_yearly(g, name, months, replicates):
    """Schema 4's figures per financial year: one column per year the run touches, the months of
    each adding up to the run's, and the yearly spend adding up to the monthly."""
    problems = []
    years = [y.decode() if isinstance(y, bytes) else y for y in g["years"][()]]
    fy = sorted({int(m[:4]) if int(m[5:]) >= 4 else int(m[:4]) - 1 for m in months})
    if years != [f"{y}/{(y + 1) % 100:02d}" for y in fy]:
        problems.append(f"{name}: years {years} for months {months[0]}..{months[-1]}")
    for metric, d in g["yearly"].items():
        if d.shape != (replicates, len(years)) or d.dtype != np.float64:
            problems.append(f"{name}/yearly/{metric}: shape {d.shape}")
        st = g["stats/yearly"][metric]
        if st.shape != (7, len(years)):
            problems.append(f"{name}/stats/yearly/{metric}: shape {st.shape}")
    if int(g["yearly/months"][0].sum()) != len(months):
        problems.append(f"{name}: the years' months add up to {g['yearly/months'][0].sum()}, not {len(months)}")
    spend_y = g["yearly/council_spend"][()].sum(axis=1)
    spend_m = g["monthly/council_spend"][()].sum(axis=1)
    if not np.allclose(spend_y, spend_m, rtol=1e-12):
        problems.append(f"{name}: yearly spend {spend_y} is not the monthly {spend_m}")
    return problems


def check_borough(f):
    """The /borough group: the place, its wards (with polygons that hold their centroids), its files."""
    problems = []
    if "borough" not in f:
        return ["no /borough group"]
    b = f["borough"]
    for a in ("name", "display_name", "ons_code", "living_wage", "pack_hash", "tables_hash", "calibration_from",
              "calibration_to", "crs"):
        if a not in b.attrs:
            problems.append(f"/borough attribute {a} missing")
    for a in ("pack_hash", "tables_hash"):
        if not re.fullmatch(r"[0-9a-f]{64}", str(b.attrs.get(a, ""))):
            problems.append(f"/borough {a} is not a SHA-256")
    w = b["wards"]
    n = len(w["code"])
    for d in ("name", "locality", "easting", "northing", "area_ha", "boundary_wkt"):
        if d not in w or len(w[d]) != n:
            problems.append(f"/borough/wards/{d}: missing or not {n} long")
    box = b["bounding_box"][()]
    for i, wkt in enumerate(w["boundary_wkt"][()]):
        wkt = wkt.decode() if isinstance(wkt, bytes) else wkt
        if not wkt.startswith(("POLYGON", "MULTIPOLYGON")):
            problems.append(f"/borough/wards/boundary_wkt[{i}] is not a polygon")
        xs = [float(t) for t in re.findall(r"[-\d.]+", wkt)][0::2]
        if xs and not (box[0] - 1000 <= min(xs) and max(xs) <= box[2] + 1000):
            problems.append(f"/borough/wards/boundary_wkt[{i}] lies outside the bounding box")
    names = [x.decode() if isinstance(x, bytes) else x for x in b["files/name"][()]]
    if "pack.yaml" not in names or not any(x.endswith("wage_floors.yaml") for x in names):
        problems.append(f"/borough/files: {names}")
    return problems


def main(path, replicates):
    problems = []
    with h5py.File(path, "r") as f:
        for a in ROOT_ATTRS:
            if a not in f.attrs:
                problems.append(f"root attribute {a} missing")
        if f.attrs.get("schema_version") != 5:
            problems.append(f"schema_version {f.attrs.get('schema_version')!r}, expected 5")
        problems += check_borough(f)
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
            problems += check_yearly(g, name, months, replicates)
            problems += check_places(f, g, name, replicates)
            # Schema 2's names of the calibration metrics are links to schema 3's.
            for group in ("summary", "stats/summary"):
                for metric in list(g[group]):
                    link = g[group].get(metric, getlink=True)
                    if metric.startswith("fy2016_"):
                        target = "calibration_" + metric[len("fy2016_"):]
                        if not isinstance(link, h5py.SoftLink) or link.path.split("/")[-1] != target:
                            problems.append(f"{name}/{group}/{metric}: not a soft link to {target}")
                    elif metric.startswith("calibration_") and "fy2016_" + metric[len("calibration_"):] not in g[group]:
                        problems.append(f"{name}/{group}/{metric}: no fy2016_ link")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
