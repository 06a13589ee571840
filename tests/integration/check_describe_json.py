"""Second reader of `homecare describe --json`: valid JSON, every parameter, and the same defaults,
types and ranges as the text of `homecare describe` (whose defaults are YAML, read with PyYAML).

Usage: /usr/bin/python3 check_describe_json.py HOMECARE_BINARY     (exit 1 and the problems)
"""
import datetime
import json
import math
import subprocess
import sys

import yaml

TYPES = {"number", "integer", "boolean", "date", "choice", "schedule", "ward map", "count list"}
KINDS = {"run", "policy", "assumption", "calibrated"}


def text_table(binary):
    """key -> {type, unit, kind, default (YAML text), range} from `homecare describe`."""
    out = subprocess.run([binary, "describe"], check=True, capture_output=True, text=True).stdout
    table, key = {}, None
    for line in out.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            key = line
            table[key] = {}
            continue
        for part in line.strip().split("    "):
            name, _, value = part.partition(": ")
            table[key][name] = value
    return table


def as_json_value(value):
    """A default read from YAML, in the shape describe --json gives it."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [{k: as_json_value(v) for k, v in step.items()} for step in value]
    return value


def main(binary):
    problems = []
    doc = json.loads(subprocess.run([binary, "describe", "--json"], check=True, capture_output=True,
                                    text=True).stdout)
    text = text_table(binary)
    if doc.get("format") != 1 or not isinstance(doc.get("engine_version"), str):
        problems.append(f"format/engine_version: {doc.get('format')!r} {doc.get('engine_version')!r}")
    pack = doc.get("pack", {})
    if pack.get("name") != "brent" or len(pack.get("wards", [])) != 21:
        problems.append(f"pack: name {pack.get('name')!r}, {len(pack.get('wards', []))} wards")
    for w in pack.get("wards", []):
        if not (w["code"].startswith("E05") and 500000 < w["easting"] < 540000 and 170000 < w["northing"] < 200000
                and w["area_ha"] > 0):
            problems.append(f"pack ward {w}")
    targets = pack.get("targets", [])
    if [t["id"] for t in targets] != [f"C{i}" for i in range(1, 15)]:
        problems.append(f"pack targets: {[t['id'] for t in targets]}")
    for t in targets:
        if not (t["low"] <= t["value"] <= t["high"]) or t["tag"] not in ("sourced", "estimate", "assumption"):
            problems.append(f"pack target {t}")
    if pack.get("calibration_from") != "2016-04-01" or pack.get("calibration_to") != "2017-03-31":
        problems.append(f"pack calibration period {pack.get('calibration_from')} {pack.get('calibration_to')}")
    params = doc.get("parameters", [])
    by_key = {p["key"]: p for p in params}
    for d in pack.get("defaults", []):
        if d["key"] not in by_key or by_key[d["key"]]["default"] != d["value"] or not d["source"]:
            problems.append(f"pack default {d} is not the parameter's default")
        elif not by_key[d["key"]]["source"].startswith("borough pack brent (defaults, "):
            problems.append(f"{d['key']}: source {by_key[d['key']]['source']!r} does not name the pack")
    keys = [p["key"] for p in params]
    if keys != list(text):
        problems.append(f"keys differ from describe's: {set(keys) ^ set(text)} (or their order)")
    for p in params:
        key, t = p["key"], text.get(p["key"], {})
        if p["type"] not in TYPES or p["kind"] not in KINDS:
            problems.append(f"{key}: type {p['type']!r} kind {p['kind']!r}")
        for field in ("type", "unit", "kind"):
            if t.get(field) != p[field]:
                problems.append(f"{key}: {field} {p[field]!r} in JSON, {t.get(field)!r} in text")
        # PyYAML reads YAML 1.1, where 6e-04 (no dot) is text: numbers are converted here.
        expected = as_json_value(yaml.safe_load(t.get("default", "")))
        if p["type"] == "number":
            expected = float(t.get("default", "nan"))
        got = p["default"]
        if p["type"] == "number":
            ok = isinstance(got, float) and got == expected
        elif p["type"] == "integer":
            ok = isinstance(got, int) and not isinstance(got, bool) and got == expected
        elif p["type"] == "boolean":
            ok = isinstance(got, bool) and got == expected
        else:
            ok = got == expected
        if not ok:
            problems.append(f"{key}: default {got!r} in JSON, {expected!r} in text")
        if p["type"] in ("number", "integer", "schedule", "count list"):
            # A count list's range bounds each count: "[1, 60] per patch".
            text_range = t.get("range", "[,]").removesuffix(" per patch")
            lo, hi = (float(x.replace(".inf", "inf")) for x in text_range.strip("[]").split(", "))
            for name, j, y in (("min", p["min"], lo), ("max", p["max"], hi)):
                if not (j == y or (j is None and math.isinf(y))):
                    problems.append(f"{key}: {name} {j!r} in JSON, {y!r} in text")
        elif p["min"] is not None or p["max"] is not None:
            problems.append(f"{key}: a {p['type']} has no numeric range")
        if p["type"] == "choice" and " | ".join(p.get("choices", [])) != t.get("range"):
            problems.append(f"{key}: choices {p.get('choices')!r}, text {t.get('range')!r}")
        if p["type"] == "schedule" and not p.get("value_field"):
            problems.append(f"{key}: a schedule without value_field")
        for field in ("meaning", "source"):
            if not isinstance(p[field], str) or p[field] != t.get(field):
                problems.append(f"{key}: {field} differs")
    for line in problems:
        print(line)
    if not problems:
        print(f"describe --json: {len(params)} parameters, same as describe")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
