"""Write a fake results file in the CONTRACT.md HDF5 layout, for developing and testing the report.

The numbers are invented (plausible levels, made-up policy effects) and carry no meaning. Random
draws are common across variants per replicate, as in the engine, so paired differences are tight.
Schema 2 adds (output/README.md) root attributes ``random_scheme`` and ``sweep``,
``/parameter_table`` and each variant's typed ``parameters`` group; schema 3 (the default) adds the
``/borough`` group (the place: the Brent pack read from ``boroughs/brent`` on disk, or
:func:`synthetic_place`) and names the calibration year's summary metrics ``calibration_*``, with
the old ``fy2016_*`` names as soft links (schema 2 has only ``fy2016_*``).

    python3 tests/python/make_fake_results.py OUT.h5 [--replicates 20] [--seed 1]
        [--variants brent-baseline,llw-phased,...] [--fixed-strings] [--drop METRIC,...]
        [--no-geography] [--schema 1|2|3] [--synthetic-place]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import zlib
from pathlib import Path

import h5py
import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))
from homecare_report import borough as borough_module  # noqa: E402
from homecare_report.borough import Borough, Venue, Ward  # noqa: E402

#: The pack the fake files simulate unless told otherwise: Brent, read from disk.
BRENT_DIR = REPO / "boroughs" / "brent"

MONTHLY = ("active_users", "waiting_users", "new_users", "reablement_users", "direct_payment_users",
           "care_workers", "leavers", "turnover_rate_12m", "vacancy_rate", "mean_hourly_wage",
           "share_paid_llw", "share_trained_l2", "hours_delivered", "hours_unmet", "travel_share",
           "late_visit_share", "missed_visit_share", "distinct_workers_per_user",
           "complaints_continuity", "complaints_lateness", "complaints_missed",
           "complaints_to_council", "providers_active", "provider_exits", "packages_handed_back",
           "mean_price_per_hour", "council_spend", "council_budget")
SUMMARY = ("turnover_rate", "complaints_per_100_packages", "council_spend_total",
           "council_overspend_total", "late_visit_share", "distinct_workers_per_user",
           "hours_unmet_share", "provider_exits")
UNITS = {"turnover_rate_12m": "share", "vacancy_rate": "share", "share_paid_llw": "share",
         "share_trained_l2": "share", "travel_share": "share", "late_visit_share": "share",
         "missed_visit_share": "share", "mean_hourly_wage": "GBP per hour",
         "mean_price_per_hour": "GBP per hour", "council_spend": "GBP", "council_budget": "GBP",
         "distinct_workers_per_user": "workers per user per month", "turnover_rate": "share per year",
         "council_spend_total": "GBP", "council_overspend_total": "GBP",
         "hours_unmet_share": "share", "complaints_per_100_packages": "per 100 packages per year"}

DEFAULT_VARIANTS = ("brent-baseline", "llw-phased", "training-minimum", "patches-2", "patches-3",
                    "patches-4", "patches-6", "patches-8")

RESOLVED_YAML = """\
name: {name}
run:
  start: 2016-04-01
  end: 2021-09-30
  seed: {seed}
commissioning:
  model: {model}
  switch_date: 2018-10-01
patches:
  count: {patches}
  method: balanced
  wards: {{}}
wages:
  llw:
    phasing: [{{from: 2019-04-01, share: 0.5}}, {{from: 2020-04-01, share: 1.0}}]
    who_pays: council
training:
  minimum_level2_share: 0.5
  deadline: 2020-04-01
budget:
  growth_per_year: 1500000.0
demand:
  growth_65plus: 0.035
"""


#: The kind of each section's parameters in the fake parameter table.
SECTION_KINDS = {"run": "run", "demand": "assumption", "workforce": "assumption"}
SCHEDULE_VALUE = "share"
RANDOM_SCHEME = "fake-philox4x32-v1"


def _type_of(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "schedule"
    if isinstance(value, dict):
        return "ward map"
    return "choice"


def flat(node: dict, prefix: str = "") -> dict:
    """Nested settings as ``{key path: value}``; schedules and ward maps stay whole."""
    out = {}
    for k, v in node.items():
        path = f"{prefix}.{k}" if prefix else k
        if isinstance(v, dict) and v and path != "patches.wards":
            out.update(flat(v, path))
        else:
            out[path] = v
    return out


def resolved_parameters(scenario_name: str, seed: int) -> dict:
    """The fake scenario's resolved settings, typed, as the engine would store them."""
    text = RESOLVED_YAML.format(name=scenario_name, seed=seed, model="patch", patches=4)
    params = flat(yaml.safe_load(text))
    params.pop("name", None)
    return params


def parameter_table(params: dict) -> np.ndarray:
    """Rows of ``/parameter_table`` for these settings (kinds by section)."""
    s = h5py.string_dtype()
    dtype = np.dtype([("key", s), ("type", s), ("unit", s), ("kind", s)])
    rows = [(k, _type_of(v), "fake unit", SECTION_KINDS.get(k.split(".")[0], "policy"))
            for k, v in params.items()]
    return np.array(rows, dtype=dtype)


def write_parameters(group: h5py.Group, params: dict) -> None:
    """A variant's typed ``parameters`` group (output/README.md, schema 2)."""
    g = group.create_group("parameters")
    s = h5py.string_dtype()
    for key, value in params.items():
        if isinstance(value, list):
            dtype = np.dtype([("from", s), (SCHEDULE_VALUE, "f8")])
            g.create_dataset(key, data=np.array(
                [(str(step["from"]), float(step[SCHEDULE_VALUE])) for step in value], dtype=dtype))
        elif isinstance(value, dict):
            dtype = np.dtype([("ward", s), ("patch", "i8")])
            g.create_dataset(key, data=np.array(list(value.items()), dtype=dtype))
        elif isinstance(value, bool):
            g.attrs[key] = np.bool_(value)
        elif isinstance(value, int):
            g.attrs[key] = np.int64(value)
        elif isinstance(value, float):
            g.attrs[key] = np.float64(value)
        else:
            g.attrs.create(key, str(value), dtype=s)


def months() -> list[str]:
    """2016-04 .. 2021-09."""
    out, y, m = [], 2016, 4
    while (y, m) <= (2021, 9):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def brent_place() -> tuple[Borough, dict[str, str]]:
    """The Brent pack from disk, and its files' texts (what the engine records in /borough)."""
    place = borough_module.from_pack_dir(BRENT_DIR)
    files = {name: (BRENT_DIR / name).read_text(encoding="utf-8")
             for name in ("pack.yaml", "wards.csv", "boundaries.wkt", "targets.yaml")}
    place.pack_hash = "fake-" + format(zlib.crc32(files["pack.yaml"].encode()), "08x")
    place.origin = "results"
    return place, files


def synthetic_place(name: str = "testshire", display_name: str = "Testshire",
                    side: int = 3) -> tuple[Borough, dict[str, str]]:
    """An invented borough of side x side square wards 1 km across, without boundaries or
    venues, with two localities and an older population per ward."""
    wards = []
    for i in range(side * side):
        x, y = 400000 + 1000 * (i % side) + 500, 200000 + 1000 * (i // side) + 500
        wards.append(Ward(f"X{i + 1:02d}", f"Ward {chr(65 + i)}", "North" if y > 201000 else "South",
                          float(x), float(y), 100.0, float(1000 + 100 * i)))
    csv_text = "code,name,easting,northing,area_ha,locality,pop_65plus_2020\n" + "".join(
        f"{w.code},{w.name},{w.easting:.0f},{w.northing:.0f},{w.area_ha},{w.locality},{w.pop65:.0f}\n"
        for w in wards)
    pack_yaml = (f"name: {name}\ndisplay_name: {display_name}\nlocalities: [North, South]\n"
                 "wards: wards.csv\ndemand: {pop65: pop_65plus_2020}\n"
                 "population:\n  columns:\n    pop_65plus_2020: {tag: assumption, source: invented}\n")
    place = Borough(name=name, display_name=display_name, pack_hash=f"fake-{name}",
                    ons_code="X00000000", living_wage="uk_real_living_wage",
                    calibration_from="2016-04-01", calibration_to="2017-03-31",
                    bounding_box=(400000.0, 200000.0, 400000.0 + 1000 * side,
                                  200000.0 + 1000 * side),
                    wards=wards, localities=["North", "South"])
    return place, {"pack.yaml": pack_yaml, "wards.csv": csv_text}


def to_wkt(polygons) -> str:
    """Polygons (lists of rings) as WKT, whole metres."""
    def ring(r):
        return "(" + ", ".join(f"{x:.0f} {y:.0f}" for x, y in r) + ")"
    def poly(p):
        return "(" + ", ".join(ring(r) for r in p) + ")"
    if not polygons:
        return ""
    if len(polygons) == 1:
        return "POLYGON " + poly(polygons[0])
    return "MULTIPOLYGON (" + ", ".join(poly(p) for p in polygons) + ")"


def write_borough(f: h5py.File, place: Borough, files: dict[str, str], strings) -> None:
    """The /borough group as the engine writes it (engine/results/results_file.cpp)."""
    g = f.create_group("borough")
    for key in ("name", "display_name", "ons_code", "living_wage", "pack_hash", "tables_hash",
                "calibration_from", "calibration_to", "crs"):
        g.attrs[key] = str(getattr(place, key) or "")
    if place.bounding_box:
        g.create_dataset("bounding_box", data=np.array(place.bounding_box, dtype=float))
    w = g.create_group("wards")
    w.create_dataset("code", data=strings([x.code for x in place.wards]))
    w.create_dataset("name", data=strings([x.name for x in place.wards]))
    w.create_dataset("locality", data=strings([x.locality for x in place.wards]))
    for key in ("easting", "northing", "area_ha"):
        w.create_dataset(key, data=np.array([getattr(x, key) for x in place.wards], dtype=float))
    w.create_dataset("boundary_wkt", data=strings([to_wkt(x.polygons) for x in place.wards]))
    if place.venues:
        v = g.create_group("venues")
        v.create_dataset("name", data=strings([x.name for x in place.venues]))
        v.create_dataset("easting", data=np.array([x.easting for x in place.venues]))
        v.create_dataset("northing", data=np.array([x.northing for x in place.venues]))
    fg = g.create_group("files")
    fg.create_dataset("name", data=strings(list(files)))
    fg.create_dataset("text", data=strings(list(files.values())))


def ward_patch(k: int, wards: list[Ward] | None = None) -> np.ndarray:
    """A contiguous-ish split of the wards into k patches, by angle around the borough centre."""
    wards = wards if wards is not None else brent_place()[0].wards
    e = np.array([w.easting for w in wards])
    n = np.array([w.northing for w in wards])
    angle = np.arctan2(n - n.mean(), e - e.mean())
    order = np.argsort(angle)
    patch = np.empty(len(wards), dtype=np.int32)
    for p, chunk in enumerate(np.array_split(order, k)):
        patch[chunk] = p
    return patch


def simulate(name: str, reps: int, seed: int, mon: list[str]) -> dict[str, np.ndarray]:
    """Invented monthly series [reps, M] for one variant."""
    m_count = len(mon)
    t = np.arange(m_count) / 12.0
    policy = np.array([m >= "2018-10" for m in mon], float)
    llw_on = np.array([0.5 * (m >= "2019-04") + 0.5 * (m >= "2020-04") for m in mon])
    k = int(name.split("-")[1]) if name.startswith("patches-") else 0
    llw = name.startswith("llw") or name == "combined"
    train = name.startswith("training") or name == "combined"
    out = {}
    rng_common = [np.random.default_rng([seed, r]) for r in range(reps)]
    common = np.stack([g.normal(size=(12, m_count)) for g in rng_common])  # [reps, 12, M]
    salt = zlib.crc32(name.encode())
    own = np.stack([np.random.default_rng([seed, r, salt]).normal(size=(12, m_count))
                    for r in range(reps)]) * 0.3

    def noise(i, scale):
        z = common[:, i, :] + own[:, i, :]
        walk = np.cumsum(z, axis=1) / np.sqrt(np.arange(1, m_count + 1))
        return scale * 0.5 * (walk + z)

    active = 1800 * (1.03 ** t) + noise(0, 25)
    out["active_users"] = active
    out["waiting_users"] = np.clip(40 + noise(1, 8) - 10 * policy * (k > 0), 0, None)
    out["new_users"] = 215 * (1.03 ** t) + noise(2, 12)
    out["reablement_users"] = 75 + noise(3, 6)
    out["direct_payment_users"] = 300 + 20 * t + noise(4, 5)
    patch_travel = -0.05 * (1 - 2.0 / max(k, 2)) * policy if k else 0.0
    turnover = (0.29 - 0.06 * llw_on * llw - 0.02 * policy * train + 0.015 * policy * (k > 0)
                + noise(5, 0.008))
    out["turnover_rate_12m"] = turnover
    out["care_workers"] = 1730 * (1.025 ** t) + noise(6, 15)
    out["leavers"] = np.clip(out["care_workers"] * turnover / 12 + noise(7, 4), 0, None)
    out["vacancy_rate"] = np.clip(0.07 - 0.02 * llw_on * llw + noise(8, 0.004), 0, 1)
    wage = 8.32 * (1.035 ** t) + (10.55 - 8.9) * llw_on * llw
    out["mean_hourly_wage"] = wage + noise(9, 0.03)
    out["share_paid_llw"] = np.clip(0.05 + 0.9 * llw_on * llw + noise(10, 0.01), 0, 1)
    out["share_trained_l2"] = np.clip(0.45 + 0.2 * policy * train * np.minimum(t - 2.5, 1).clip(0)
                                      + noise(11, 0.01), 0, 1)
    hours = active * 13 * 4.33
    out["hours_delivered"] = hours * 0.97
    out["hours_unmet"] = np.clip(hours * (0.03 - 0.01 * llw_on * llw) + noise(1, 300), 0, None)
    out["travel_share"] = np.clip(0.19 + patch_travel + noise(2, 0.006), 0, 1)
    late = np.clip(0.10 + 0.6 * patch_travel - 0.01 * llw_on * llw + noise(3, 0.004), 0, 1)
    out["late_visit_share"] = late
    out["missed_visit_share"] = np.clip(0.01 - 0.003 * llw_on * llw + noise(4, 0.001), 0, 1)
    dist = 4.5 - 0.7 * llw_on * llw - 0.3 * policy * train + 8 * patch_travel + noise(5, 0.08)
    dist += 0.8 * np.array([m in ("2018-10", "2018-11", "2018-12") for m in mon]) * (k > 0)
    out["distinct_workers_per_user"] = dist
    out["complaints_continuity"] = np.clip(active * dist / 4.5 * 0.0011 + noise(6, 0.4), 0, None)
    out["complaints_lateness"] = np.clip(active * late * 0.006 + noise(7, 0.3), 0, None)
    out["complaints_missed"] = np.clip(active * 0.0004 + noise(8, 0.15), 0, None)
    out["complaints_to_council"] = 0.3 * (out["complaints_continuity"] + out["complaints_lateness"])
    out["providers_active"] = np.where(policy > 0, 3 * max(k, 20), 60) + noise(9, 1.5)
    out["provider_exits"] = np.clip(0.5 + noise(10, 0.3), 0, None)
    out["packages_handed_back"] = np.clip(3 - 1.5 * llw_on * llw + noise(11, 0.8), 0, None)
    price = 14.38 * (1.03 ** t) + (19.47 - 15.8) * llw_on * llw
    out["mean_price_per_hour"] = price + noise(0, 0.05)
    spend = out["hours_delivered"] * price * 1.05 + 25000 * policy * train
    out["council_spend"] = spend + noise(1, 15000)
    fy = np.array([int(m[:4]) - (int(m[5:7]) < 4) - 2016 for m in mon])
    out["council_budget"] = np.broadcast_to((15.0e6 + 1.5e6 * fy) / 12, (reps, m_count)).copy()
    return out


def calibration_year(series: dict[str, np.ndarray], mon: list[str]) -> dict[str, np.ndarray]:
    """Summaries of the calibration year (April 2016 to March 2017), named without prefix."""
    y = np.array(["2016-04" <= m <= "2017-03" for m in mon])
    return {"active_users": series["active_users"][:, y].mean(axis=1),
            "turnover": series["turnover_rate_12m"][:, y][:, -1],
            "spend": series["council_spend"][:, y].sum(axis=1)}


def summarise(series: dict[str, np.ndarray], mon: list[str]) -> dict[str, np.ndarray]:
    """Whole-policy-period summaries from the monthly series."""
    p = np.array([m >= "2018-10" for m in mon])
    years = p.sum() / 12
    complaints = (series["complaints_continuity"] + series["complaints_lateness"]
                  + series["complaints_missed"])[:, p].sum(axis=1)
    hours = series["hours_delivered"][:, p].sum(axis=1)
    unmet = series["hours_unmet"][:, p].sum(axis=1)
    return {
        "turnover_rate": series["turnover_rate_12m"][:, p].mean(axis=1),
        "complaints_per_100_packages": 100 * complaints / series["active_users"][:, p].mean(axis=1)
        / years,
        "council_spend_total": series["council_spend"][:, p].sum(axis=1),
        "council_overspend_total":
            (series["council_spend"] - series["council_budget"])[:, p].sum(axis=1),
        "late_visit_share": series["late_visit_share"][:, p].mean(axis=1),
        "distinct_workers_per_user": series["distinct_workers_per_user"][:, p].mean(axis=1),
        "hours_unmet_share": unmet / (hours + unmet),
        "provider_exits": series["provider_exits"][:, p].sum(axis=1),
    }


def write(path: str | Path, variants=DEFAULT_VARIANTS, replicates: int = 20, seed: int = 1,
          fixed_strings: bool = False, drop=(), geography: bool = True,
          scenario_name: str = "fake-brent", schema: int = 3,
          random_scheme: str = RANDOM_SCHEME, sweep: str | None = None,
          overrides: dict | None = None, place: tuple[Borough, dict] | None = None) -> Path:
    """Write the fake file and return its path.

    ``overrides`` maps a variant name to the settings it overrides (default: by its name, as
    below); ``sweep`` is the schema-2 root attribute (default ``latin_hypercube`` when every
    variant is named ``lhs-N``, else ``none``); ``place`` is the borough and its files' texts
    (default :func:`brent_place`), written as ``/borough`` in schema 3. Files of schema 1 and 2
    have no ``/borough`` (they predate borough packs) but their wards are still the place's.
    """
    path = Path(path)
    mon = months()
    def strings(values: list[str]):
        """Fixed-length bytes or variable-length UTF-8, the two layouts the engine may write."""
        if fixed_strings:
            return np.array([v.encode() for v in values])
        return np.array(values, dtype=h5py.string_dtype())

    base_params = resolved_parameters(scenario_name, seed)
    place, files = place or brent_place()
    with h5py.File(path, "w") as f:
        f.attrs["schema_version"] = "1" if schema < 2 else np.int64(schema)
        if schema >= 2:
            f.attrs["random_scheme"] = random_scheme
            lhs = all(str(n).startswith("lhs-") for n in variants)
            f.attrs["sweep"] = sweep or ("latin_hypercube" if lhs else "none")
            f.create_dataset("parameter_table", data=parameter_table(base_params))
        f.attrs["engine_version"] = "fake-0.0 (tests/python/make_fake_results.py)"
        f.attrs["seed"] = np.uint64(seed)
        f.attrs["created_utc"] = "2026-11-01T00:00:00Z"
        f.attrs["scenario_yaml"] = f"name: {scenario_name}\nextends: brent-baseline.yaml\n"
        f.attrs["resolved_yaml"] = RESOLVED_YAML.format(name=scenario_name, seed=seed,
                                                        model="patch", patches=4)
        if schema >= 3:
            write_borough(f, place, files, strings)
        if geography:
            f.create_dataset("geography/ward_names", data=strings([w.name for w in place.wards]))
        for name in variants:
            g = f.create_group(f"variants/{name}")
            if overrides is not None:
                own = dict(overrides.get(name, {}))
            elif name.startswith("patches-"):
                own = {"patches.count": int(name.split("-")[1])}
            elif name.startswith("llw"):
                own = {"wages.llw.who_pays": "provider"}
            elif name.startswith("training"):
                own = {"training.minimum_level2_share": 0.6}
            else:
                own = {}
            for key, value in own.items():
                g.attrs[key] = value if not isinstance(value, int) or isinstance(value, bool) \
                    else np.int64(value)
            if schema >= 2:
                write_parameters(g, {**base_params, **own})
            g.create_dataset("months", data=strings(mon))
            series = simulate(name, replicates, seed, mon)
            for metric in MONTHLY:
                if metric in drop:
                    continue
                ds = g.create_dataset(f"monthly/{metric}", data=series[metric].astype(np.float64))
                ds.attrs["units"] = UNITS.get(metric, "count")
                ds.attrs["description"] = f"{metric.replace('_', ' ')} (fake)"
            for metric, values in summarise(series, mon).items():
                if metric in drop:
                    continue
                ds = g.create_dataset(f"summary/{metric}", data=values.astype(np.float64))
                ds.attrs["units"] = UNITS.get(metric, "count")
                ds.attrs["description"] = f"{metric.replace('_', ' ')} (fake)"
            for metric, values in calibration_year(series, mon).items():
                new, old = f"calibration_{metric}", f"fy2016_{metric}"
                if new in drop or old in drop:
                    continue
                ds = g.create_dataset(f"summary/{new if schema >= 3 else old}",
                                      data=values.astype(np.float64))
                ds.attrs["units"] = "count"
                ds.attrs["description"] = f"{metric.replace('_', ' ')} in the calibration year (fake)"
                if schema >= 3:
                    g["summary"][old] = h5py.SoftLink(new)
            g.create_dataset("stats/unused", data=np.zeros(3))  # an unknown group to be ignored
            if geography and name.startswith("patches-"):
                g.create_dataset("geography/ward_patch",
                                 data=ward_patch(int(name.split("-")[1]), place.wards))
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--replicates", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variants", default=",".join(DEFAULT_VARIANTS))
    ap.add_argument("--fixed-strings", action="store_true")
    ap.add_argument("--drop", default="")
    ap.add_argument("--no-geography", action="store_true")
    ap.add_argument("--name", default="fake-brent")
    ap.add_argument("--schema", type=int, default=3, choices=(1, 2, 3))
    ap.add_argument("--synthetic-place", action="store_true",
                    help="an invented borough of 9 square wards without boundaries, not Brent")
    a = ap.parse_args(argv)
    write(a.out, a.variants.split(","), a.replicates, a.seed, a.fixed_strings,
          [d for d in a.drop.split(",") if d], not a.no_geography, a.name, a.schema,
          place=synthetic_place() if a.synthetic_place else None)
    print(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
