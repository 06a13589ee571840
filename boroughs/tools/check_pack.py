#!/usr/bin/python3
"""A quick check of a borough pack and the national tables while you build them (needs PyYAML).

The engine is the real validator (`homecare validate --pack boroughs/NAME`); this script catches the
common slips early, without a build: files that do not parse, rows without a tag or source, ward codes
that differ between wards.csv and boundaries.wkt, populations that do not add up to the stated totals,
cost lines that do not add up to the year's price, table rows out of date order.

Usage: /usr/bin/python3 boroughs/tools/check_pack.py boroughs/NAME [boroughs/tables]
Prints one line per problem and exits 1 if there was any, else prints "ok" and exits 0.
"""
import csv
import datetime
import math
import os
import re
import sys

import yaml

TAGS = {"sourced", "estimate", "assumption"}
problems = []


def problem(where, text):
    problems.append("%s: %s" % (where, text))


def load_yaml(path):
    try:
        with open(path) as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as e:
        problem(path, "cannot read: %s" % e)
        return None


def tagged(where, row):
    if row.get("tag") not in TAGS:
        problem(where, "tag must be one of sourced, estimate, assumption (got %r)" % row.get("tag"))
    if not str(row.get("source") or "").strip():
        problem(where, "source is missing or empty")


def check_tables(folder):
    for fname in ("wage_floors.yaml", "homecare_costs.yaml", "outside_options.yaml"):
        path = os.path.join(folder, fname)
        doc = load_yaml(path) or {}
        for name, table in doc.items():
            cols = table.get("columns", [])
            last = None
            for i, row in enumerate(table.get("rows", [])):
                where = "%s: %s row %d (from %s)" % (path, name, i + 1, row.get("from"))
                tagged(where, row)
                unknown = set(row) - set(cols) - {"from", "tag", "source", "announced", "payable_by"}
                if unknown:
                    problem(where, "columns not declared: %s" % sorted(unknown))
                if not isinstance(row.get("from"), datetime.date):
                    problem(where, "from must be a date YYYY-MM-DD")
                elif last and row["from"] <= last:
                    problem(where, "rows must be in date order")
                else:
                    last = row["from"]
            if last and not (isinstance(table.get("valid_until"), datetime.date) and table["valid_until"] >= last):
                problem("%s: %s" % (path, name), "valid_until must be a date on or after the last row")
        if fname == "homecare_costs.yaml" and doc:
            prices = {r["from"]: r["price"] for r in doc["minimum_price"]["rows"]}
            lines = [c for c in doc["cost_lines"]["columns"] if c != "travel_minutes_per_contact_hour"]
            for row in doc["cost_lines"]["rows"]:
                total = sum(row[c] for c in lines)
                if row["from"] not in prices or abs(total - prices[row["from"]]) > 0.02:
                    problem("%s: cost_lines %s" % (path, row["from"]),
                            "lines add up to %.2f, minimum price %s" % (total, prices.get(row["from"])))


def read_csv(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def area_centroid(ring):
    a = mx = my = 0.0
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        c = x1 * y2 - x2 * y1
        a, mx, my = a + c, mx + (x1 + x2) * c, my + (y1 + y2) * c
    return a / 2.0, mx / (3.0 * a), my / (3.0 * a)


def check_pack(folder):
    pack_path = os.path.join(folder, "pack.yaml")
    pack = load_yaml(pack_path) or {}
    if pack.get("name") != os.path.basename(os.path.normpath(folder)):
        problem(pack_path, "name must equal the folder name")
    wards_path = os.path.join(folder, pack.get("wards", "wards.csv"))
    wards = read_csv(wards_path)
    for col in ("code", "name", "easting", "northing", "area_ha", "locality"):
        if wards and col not in wards[0]:
            problem(wards_path, "column %s is missing" % col)
    for i, w in enumerate(wards):
        for k, v in w.items():
            if v is None or v == "":
                problem("%s row %d" % (wards_path, i + 1), "empty cell in column %s" % k)
        if w.get("locality") not in pack.get("localities", []):
            problem("%s row %d" % (wards_path, i + 1), "locality %r is not in pack.yaml's localities" % w.get("locality"))
    pop_cols = [c for c in (wards[0] if wards else {}) if c.startswith("pop_")]
    population = pack.get("population", {})
    for c in pop_cols:
        if c not in population.get("columns", {}):
            problem(pack_path, "population.columns has no entry (tag, source) for %s" % c)
        else:
            tagged("%s: population.columns.%s" % (pack_path, c), population["columns"][c])
    tol = population.get("tolerance", 0.0)
    for c, total in population.get("totals", {}).items():
        s = sum(float(w[c]) for w in wards)
        if abs(s - total) > tol * total:
            problem(pack_path, "population.totals.%s is %s but the wards add up to %s" % (c, total, s))
    for key, d in (pack.get("defaults") or {}).items():
        tagged("%s: defaults.%s" % (pack_path, key), d)
    for v in pack.get("venues", []):
        tagged("%s: venue %s" % (pack_path, v.get("name")), v)
        for x in v.get("extra", []):
            tagged("%s: venue %s extra %s" % (pack_path, v.get("name"), x.get("from")), x)

    targets_path = os.path.join(folder, pack.get("calibration", {}).get("targets", "targets.yaml"))
    for t in (load_yaml(targets_path) or {}).get("targets", []):
        where = "%s: %s" % (targets_path, t.get("id"))
        tagged(where, t)
        lo, hi = t.get("tolerance", [None, None])
        if not (lo <= t.get("value") <= hi):
            problem(where, "value %s outside its tolerance [%s, %s]" % (t.get("value"), lo, hi))

    if pack.get("boundaries"):
        path = os.path.join(folder, pack["boundaries"])
        by_code = {w["code"]: w for w in wards}
        seen = []
        for n, line in enumerate(open(path), 1):
            if line.startswith("#") or not line.strip():
                continue
            code, name, wkt = line.rstrip("\n").split("\t")
            seen.append(code)
            w = by_code.get(code)
            if w is None:
                problem("%s line %d" % (path, n), "ward %s is not in %s" % (code, wards_path))
                continue
            if w["name"] != name:
                problem("%s line %d" % (path, n), "name %r differs from wards.csv's %r" % (name, w["name"]))
            rings = [[tuple(map(float, p.split())) for p in r.split(",")] for r in re.findall(r"\(([^()]+)\)", wkt)]
            a = mx = my = 0.0
            for r in rings:
                if r[0] != r[-1]:
                    problem("%s line %d" % (path, n), "a ring is not closed")
                ra, cx, cy = area_centroid(r)
                a, mx, my = a + ra, mx + ra * cx, my + ra * cy
            d = math.hypot(mx / a - float(w["easting"]), my / a - float(w["northing"]))
            if d > 50:
                problem("%s line %d" % (path, n), "polygon centroid is %.0f m from wards.csv's easting/northing" % d)
        if sorted(seen) != sorted(by_code):
            problem(path, "ward codes differ from wards.csv: missing %s, extra %s" % (
                sorted(set(by_code) - set(seen)), sorted(set(seen) - set(by_code))))


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    pack = argv[1]
    tables = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(os.path.normpath(pack)), "tables")
    check_tables(tables)
    check_pack(pack)
    print("\n".join(problems) if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
