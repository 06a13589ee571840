#!/usr/bin/python3
"""Nothing in a shipped policy scenario acts before the new contracts (issue 14, point 3).

Every scenario of scenarios/ that extends the baseline (brent-baseline.yaml, directly or through
another file) is run with the baseline, the same seed and replicates, to a few months after the
switch. Every variant of each must then match the baseline bit for bit on

- every figure of financial year 2016/17, the calibration year (yearly/<metric>[:, 0]);
- the calibration metrics of the summary (calibration_*, changed_agency_2y);
- every monthly metric in the months before commissioning.switch_date.

A lever that acted from run.start (as the partnership forum once did in combined.yaml) would move
them: the calibration would then describe a different market in each policy scenario.

    check_calibration_year.py HOMECARE_BINARY SOURCE_DIR [--keep DIR]
"""
import argparse
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import yaml

BASELINE = "brent-baseline.yaml"
END = "2018-12-31"  # a quarter past the switch: the check is about what comes before it
REPLICATES = 2


def extends_baseline(path: pathlib.Path) -> bool:
    seen = set()
    while path not in seen:
        seen.add(path)
        doc = yaml.safe_load(path.read_text()) or {}
        parent = doc.get("extends")
        if not parent:
            return False
        if pathlib.Path(parent).name == BASELINE:
            return True
        path = (path.parent / parent).resolve()
    return False


def run(binary: str, scenario: pathlib.Path, work: pathlib.Path) -> pathlib.Path:
    """Runs `scenario` cut short at END into work/<stem>.h5, through a file that extends it."""
    short = work / f"{scenario.stem}.yaml"
    short.write_text(f"extends: {scenario}\nname: {scenario.stem}\n"
                     f"run:\n  end: {END}\n  replicates: {REPLICATES}\n")
    out = work / f"{scenario.stem}.h5"
    subprocess.run([binary, "run", str(short), "--out", str(out), "--threads", "2", "--quiet"],
                   check=True)
    return out


def same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.tobytes() == b.tobytes()


def compare(base: h5py.Group, v: h5py.Group, switch_month: int) -> list[str]:
    problems = []
    years = [y.decode() for y in base["years"][()]]
    if years[0] != "2016/17" or [y.decode() for y in v["years"][()]] != years:
        return [f"financial years {years} differ or do not start with 2016/17"]
    for m in base["yearly"]:
        if not same(base["yearly"][m][:, 0], v["yearly"][m][:, 0]):
            problems.append(f"yearly/{m} in 2016/17: {v['yearly'][m][:, 0]} vs baseline {base['yearly'][m][:, 0]}")
    for m in base["summary"]:
        if m.startswith("calibration_") or m == "changed_agency_2y":
            if not same(base["summary"][m][()], v["summary"][m][()]):
                problems.append(f"summary/{m}: {v['summary'][m][()]} vs baseline {base['summary'][m][()]}")
    for m in base["monthly"]:
        a, b = base["monthly"][m][:, :switch_month], v["monthly"][m][:, :switch_month]
        if not same(a, b):
            first = int(np.argmax(np.any(a != b, axis=0)))
            problems.append(f"monthly/{m} differs before the switch, first in month {first}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("source_dir", type=pathlib.Path)
    ap.add_argument("--keep", type=pathlib.Path, help="keep the runs in this folder")
    args = ap.parse_args()
    scenarios = args.source_dir / "scenarios"
    scenarios = scenarios.resolve()
    policies = sorted(p for p in scenarios.glob("*.yaml") if p.name != BASELINE and extends_baseline(p))
    if len(policies) < 4:
        print(f"expected the shipped policy scenarios in {scenarios}, found {[p.name for p in policies]}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or pathlib.Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        base_file = run(args.binary, scenarios / BASELINE, work)
        failures = 0
        with h5py.File(base_file) as bf:
            base = next(iter(bf["variants"].values()))
            months = [m.decode() for m in base["months"][()]]
            switch = yaml.safe_load(bf.attrs["resolved_yaml"])["commissioning"]["switch_date"]
            switch_month = months.index(str(switch)[:7])
            for policy in policies:
                with h5py.File(run(args.binary, policy, work)) as pf:
                    for name, v in pf["variants"].items():
                        problems = compare(base, v, switch_month)
                        status = "same before the switch" if not problems else "DIFFERS"
                        print(f"{policy.name} [{name}]: {status}")
                        for p in problems[:8]:
                            print(f"    {p}")
                        failures += bool(problems)
    print(f"{len(policies)} policy scenarios checked against {BASELINE}; {failures} variant(s) differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
