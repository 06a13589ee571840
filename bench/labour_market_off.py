#!/usr/bin/python3
"""Does the model with the labour market switched off reproduce the build before it, bit for bit?

  /usr/bin/python3 bench/labour_market_off.py [OLD] [NEW] [--replicates 2] [--scenarios brent-baseline.yaml ...]

OLD (default f2fa048, the last commit before issue 15's labour market) and NEW (default HEAD) are
built as compare_datasets.py builds them. OLD runs each scenario as it is; NEW runs it extended by
the settings that switch the labour market's mechanisms off (an unlimited supply of applicants,
the outside option NLW x (1 + workforce.outside_premium), no benefit-limited workers, guaranteed
hours that cost nothing), and by OLD's calibrated values (OLD's scenarios/calibration/*.yaml, since
the labour market was calibrated again). Every dataset OLD wrote must be bit-identical in NEW's file; the datasets
NEW adds (the labour market's metrics) are listed. The resolved YAML differs by construction (new
keys) and is not compared. Exits 1 if any dataset differs. Never run in CI.
"""
import argparse
import sys
import tempfile
from pathlib import Path

import h5py
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_datasets import build, run, same_array  # noqa: E402

OFF = """labour_market:
  pool: false
  weight_retail: 0
  weight_nhs_band2: 0
  weight_care_elsewhere: 0
  weight_nlw: 1
workforce:
  share_benefit_limited: 0
  guaranteed_share_of_hours: 0
"""


def number(v):
    """A value as YAML 1.1 may read it: '2.7e-05' (no dot) is text to PyYAML, a number to the engine."""
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            return v
    return v


def datasets(f: h5py.File) -> dict[str, h5py.Dataset]:
    out = {}
    f["variants"].visititems(lambda p, o: out.__setitem__(p, o) if isinstance(o, h5py.Dataset) else None)
    return {p: d for p, d in out.items() if "/parameters/" not in "/" + p}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("old", nargs="?", default="f2fa048")
    ap.add_argument("new", nargs="?", default="HEAD")
    ap.add_argument("--replicates", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20181001)
    ap.add_argument("--scenarios", nargs="*", default=["brent-baseline.yaml", "llw-phased.yaml"])
    a = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="homecare-lm-off-"))
    old_bin, _ = build(a.old, work)
    new_bin, _ = build(a.new, work)
    failed = 0
    for name in a.scenarios:
        old_scen = old_bin.parents[3] / "scenarios" / name
        new_dir = new_bin.parents[3] / "scenarios"
        overlay = new_dir / f"_labour_market_off_{name}"
        stem = name.removesuffix(".yaml")
        # OLD's calibrated values, then the switches.
        settings: dict = {}
        for cal in sorted((old_bin.parents[3] / "scenarios" / "calibration").glob("*.yaml")):
            for group, values in (yaml.safe_load(cal.read_text()) or {}).items():
                if isinstance(values, dict):
                    settings.setdefault(group, {}).update({k: number(v) for k, v in values.items()})
        for group, values in yaml.safe_load(OFF).items():
            settings.setdefault(group, {}).update(values)
        overlay.write_text(f"extends: {name}\nname: {stem}\n" + yaml.safe_dump(settings, sort_keys=True))
        try:
            run(old_bin, old_scen, work / f"old-{name}.h5", a.replicates, a.seed)
            run(new_bin, overlay, work / f"new-{name}.h5", a.replicates, a.seed)
        finally:
            overlay.unlink()
        with h5py.File(work / f"old-{name}.h5", "r") as fo, h5py.File(work / f"new-{name}.h5", "r") as fn:
            do, dn = datasets(fo), datasets(fn)
            diff = [p for p in do if p not in dn or not same_array(do[p][()], dn[p][()])]
            added = sorted({p.split("/")[-1] for p in dn.keys() - do.keys()})
        failed += bool(diff)
        print(f"{name}: {len(do) - len(diff)} of {len(do)} datasets bit-identical; added: {', '.join(added) or 'none'}")
        for p in diff[:20]:
            print(f"  differs: {p}")
    print(f"results under {work}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
