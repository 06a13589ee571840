"""How much do common random numbers buy? For each policy against the baseline, the ratio

    var(b - a) / (var(a) + var(b))

of the variance of the paired differences (replicate i of the policy minus replicate i of the
baseline) to that of the difference of two independent runs: 0 means the pairing removes all the
chance, 1 that it removes none. Printed for four whole-period outcomes: care-worker turnover,
complaints per 100 packages, council spend and late visits; and, to show where what is left of
turnover's comes from, for its part at providers that stay in the market
(`summary/turnover_rate_excluding_provider_exits`: a provider's failure puts all its staff on the
move at once, and that part is the other), or, for files written before that metric, for the
leavers of the months in which no provider left the market in either run.

  /usr/bin/python3 bench/crn_ratio.py [--replicates 12] [--seed 20181001] [--bin PATH]
                                      [--keep DIR [--reuse]] [--intervals]

--keep DIR keeps the results files; with --reuse, a file already in DIR is read instead of run
again. --intervals adds a 90% bootstrap interval to each ratio (replicates resampled in pairs,
2,000 times): with 40 replicates a ratio near 0.5 is known to about +-0.2, so read a goal missed
or met by a few hundredths as undecided.

Compared: every shipped policy scenario (scenarios/*.yaml but the baselines; each variant of a
sweep) against the baseline up its chain of `extends` (brent-baseline.yaml, brent-baseline-2026.yaml
or ealing-baseline.yaml), and one-parameter sweeps written here, each
variant against the first: a wage parameter (workforce.wage_premium_mean +£0.20, and +£0.50 as a
larger step that pushes providers into losses), a travel speed
(travel.bus_kmh 12 -> 15 km/h) and the referral rate (demand.referrals_per_1000_65plus +10%).
Every run uses the same seed and replicate count. Uses build/release/engine/homecare unless --bin.
Not run in CI (about 15 s of CPU per replicate of all of them together).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np

REPO = Path(__file__).resolve().parents[1]
OUTCOMES = (("turnover_rate", "turnover"), ("complaints_per_100_packages", "complaints"),
            ("council_spend_total", "spend"), ("late_visit_share", "late visits"))
#: An extra column: turnover at providers that stay in the market (the engine's split, issue 12),
#: which shows how much of the turnover column is providers' failures; for older files, the
#: policy period's leavers in months when no provider left the market in either run.
EXTRA = "turnover at providers that stay (older files: leavers, months without a provider exit)"
STAY = "turnover_rate_excluding_provider_exits"
#: Turnover and its two parts, for the second table: the paired differences themselves.
PARTS = ("turnover_rate", STAY, "turnover_rate_provider_exits")


def spread(a: dict, b: dict) -> list[str] | None:
    """The paired difference b - a in turnover and in each of its parts, in percentage points:
    median [5th to 95th percentile of the pairs]; None for files without the parts."""
    if not all(k in a and k in b for k in PARTS):
        return None
    out = []
    for k in PARTS:
        x = (b[k] - a[k]) * 100
        lo, hi = np.percentile(x, [5, 95])
        out.append(f"{np.median(x):+.1f} [{lo:+.1f} to {hi:+.1f}]")
    return out


def sweeps(calibration: Path) -> dict[str, str]:
    """One-parameter sweeps over the baseline (name -> scenario text)."""
    import yaml
    values = yaml.safe_load(calibration.read_text())
    premium = values["workforce"]["wage_premium_mean"]
    referrals = values["demand"]["referrals_per_1000_65plus"]
    base = REPO / "scenarios" / "brent-baseline.yaml"
    out = {}
    for name, key, a, b in (("sweep-wage", "workforce.wage_premium_mean", premium, premium + 0.2),
                            ("sweep-wage-large", "workforce.wage_premium_mean", premium, premium + 0.5),
                            ("sweep-bus-speed", "travel.bus_kmh", 12.0, 15.0),
                            ("sweep-referrals", "demand.referrals_per_1000_65plus", referrals, referrals * 1.1)):
        out[name] = (f"extends: {base}\nname: {name}\nsweep:\n  grid:\n"
                     f"    {key}: [{a!r}, {b!r}]\n")
    return out


def summaries(path: Path) -> dict[str, dict[str, np.ndarray]]:
    """Per variant: the four outcomes, and the policy period's monthly leavers and provider exits."""
    out = {}
    with h5py.File(path, "r") as f:
        for name, g in f["variants"].items():
            start = g["parameters"].attrs["run.policy_start"]
            start = start.decode() if isinstance(start, bytes) else str(start)
            months = [m.decode() if isinstance(m, bytes) else str(m) for m in g["months"][()]]
            first = next(i for i, m in enumerate(months) if m >= start[:7])
            v = {m: g[f"summary/{m}"][()] for m, _ in OUTCOMES}
            v["leavers"] = g["monthly/leavers"][()][:, first:]
            v["exits"] = g["monthly/provider_exits"][()][:, first:]
            for k in PARTS:
                if f"summary/{k}" in g:
                    v[k] = g[f"summary/{k}"][()]
            out[name] = v
    return out


def columns(a: dict, b: dict) -> list[tuple[np.ndarray, np.ndarray]]:
    """The paired per-replicate values (a, b) behind each column."""
    out = [(a[m], b[m]) for m, _ in OUTCOMES]
    if STAY in a and STAY in b:
        return out + [(a[STAY], b[STAY])]
    quiet = (a["exits"] == 0) & (b["exits"] == 0)
    return out + [((a["leavers"] * quiet).sum(1), (b["leavers"] * quiet).sum(1))]


def ratios(a: dict, b: dict) -> list[float]:
    return [ratio(x, y) for x, y in columns(a, b)]


def interval(a: np.ndarray, b: np.ndarray, draws: int = 2000, seed: int = 1) -> tuple[float, float]:
    """90% percentile bootstrap interval of the ratio, resampling replicates (pairs kept)."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(a), size=(draws, len(a)))
    r = np.array([ratio(a[i], b[i]) for i in idx])
    lo, hi = np.nanpercentile(r, [5, 95])
    return float(lo), float(hi)


def cells(a: dict, b: dict, intervals: bool) -> list[str]:
    out = []
    for x, y in columns(a, b):
        text = f"{ratio(x, y):.2f}"
        if intervals:
            lo, hi = interval(x, y)
            text += f" ({lo:.2f}–{hi:.2f})"
        out.append(text)
    return out


def ratio(a: np.ndarray, b: np.ndarray) -> float:
    d = b - a
    denom = np.var(a, ddof=1) + np.var(b, ddof=1)
    return float(np.var(d, ddof=1) / denom) if denom > 0 else float("nan")


def baseline_of(scen: Path, baselines: dict) -> str:
    """The baseline a scenario is paired with: the first of `baselines` up its chain of `extends`
    (tender-quality.yaml extends patches-gp-localities.yaml, which extends brent-baseline-2026)."""
    path = scen
    for _ in range(20):
        extends = re.search(r"^extends:\s*(\S+)", path.read_text(), re.M)
        if not extends:
            break
        path = (path.parent / extends.group(1)).resolve()
        if path.stem in baselines and path.parent == scen.parent.resolve():
            return path.stem
    sys.exit(f"crn_ratio: {scen.name} extends none of the baselines {sorted(baselines)}")


def run(binary: Path, scenario: Path, out: Path, reps: int, seed: int, reuse: bool = False) -> None:
    if reuse and out.exists():
        return
    subprocess.run([str(binary), "run", str(scenario), "--replicates", str(reps), "--seed", str(seed),
                    "--out", str(out), "--quiet", "--force"], check=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replicates", type=int, default=12)
    ap.add_argument("--seed", type=int, default=20181001)
    ap.add_argument("--bin", type=Path, default=REPO / "build" / "release" / "engine" / "homecare")
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--reuse", action="store_true", help="read results files already in --keep DIR")
    ap.add_argument("--intervals", action="store_true", help="90%% bootstrap interval of each ratio")
    a = ap.parse_args(argv)
    if a.reuse and not a.keep:
        ap.error("--reuse needs --keep DIR")
    work = a.keep or Path(tempfile.mkdtemp(prefix="homecare-crn-"))
    work.mkdir(parents=True, exist_ok=True)
    # Each policy against the baseline it extends (the 2026 policies run to March 2026 against
    # brent-baseline-2026.yaml, the others to September 2021 against brent-baseline.yaml).
    baselines = {}
    for stem in ("brent-baseline", "brent-baseline-2026", "ealing-baseline"):
        base_file = work / f"{stem}.h5"
        run(a.bin, REPO / "scenarios" / f"{stem}.yaml", base_file, a.replicates, a.seed, a.reuse)
        baselines[stem] = next(iter(summaries(base_file).values()))
    rows = []
    for scen in sorted((REPO / "scenarios").glob("*.yaml")):
        if scen.stem in baselines:
            continue
        base = baselines[baseline_of(scen, baselines)]
        out = work / f"{scen.stem}.h5"
        run(a.bin, scen, out, a.replicates, a.seed, a.reuse)
        for name, v in summaries(out).items():
            rows.append((name if name == scen.stem else f"{scen.stem}: {name}", cells(base, v, a.intervals),
                         spread(base, v)))
    for name, text in sweeps(REPO / "scenarios" / "calibration" / "brent-2016.yaml").items():
        scen = work / f"{name}.yaml"
        scen.write_text(text)
        out = work / f"{name}.h5"
        run(a.bin, scen, out, a.replicates, a.seed, a.reuse)
        variants = list(summaries(out).items())
        (n0, v0), (n1, v1) = variants[0], variants[1]
        rows.append((f"{name}: {n1} vs {n0}", cells(v0, v1, a.intervals), spread(v0, v1)))
    version = subprocess.run([str(a.bin), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; {a.replicates} replicates, seed {a.seed}; var(b - a) / (var(a) + var(b)), "
          "1 = the pairing gives nothing\n")
    print("| policy vs baseline | " + " | ".join(label for _, label in OUTCOMES) + f" | {EXTRA} |")
    print("|---|" + "---|" * (len(OUTCOMES) + 1))
    for name, r, _ in rows:
        print(f"| {name} | " + " | ".join(r) + " |")
    if any(p for _, _, p in rows):
        # A ratio is relative to each run's own spread, which for turnover at providers that stay
        # is small: this table gives the paired differences themselves.
        print("\nPaired difference (policy - baseline), percentage points: median [5th to 95th "
              "percentile of the replicate pairs]\n")
        print("| policy vs baseline | turnover | at providers that stay | through providers leaving |")
        print("|---|---|---|---|")
        for name, _, p in rows:
            if p:
                print(f"| {name} | " + " | ".join(p) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
