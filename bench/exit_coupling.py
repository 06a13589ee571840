"""Do the baseline and a policy share their providers' failures? Where crn_ratio.py shows that
turnover pairs badly (patches, the combined policy, a large wage step), this script looks at the
failures themselves, provider by provider, to tell drift in the random streams from the policy's
own effect.

  /usr/bin/python3 bench/exit_coupling.py [--replicates 16] [--seed 20181001] [--rev HEAD]
                                          [--keep DIR] [--reuse]

It builds REV (default HEAD) in a temporary git worktree with bench/exit_trace.patch applied (one
line to standard error for each provider that leaves the market: replicate, provider, day, its
staff and packages at that moment, when HOMECARE_TRACE_EXITS is set; the engine itself has no such
output), runs the baseline and the policies below with the same seed and replicates, and prints,
for each policy against the baseline:

  before   exits before the policy start that both runs have, same provider on the same day
           (the streams are keyed by identities, so this should be 100%)
  kept     the baseline's exits after the policy start that the policy run has too (same provider)
  only     exits only the policy run has, per replicate: mean (min-max)
  staff    staff of the failures only the policy run has, per replicate: median (min-max); each
           is a leaver of the failing provider, so these move turnover directly
  R2       the share of the variance of the paired turnover difference that the staff of the
           failures only in one run explain (a straight line fitted over the replicates)
  ratio    crn_ratio.py's var(b - a) / (var(a) + var(b)) for turnover

Each tendered policy runs twice, the second time with `tender.reject_below_cost` and
`tender.award_backed_reserves` (docs/MODEL.md 7.16), to show how much of its failures rests on
those assumptions.

High `before` and `kept` with a large R2 say the pairing works and what is left is the policy's
effect on which providers fail, which differs between replicates (it depends on each run's
providers' books) and which no keying of random numbers can remove. Not run in CI (a build, then
about a minute of runs for 16 replicates on 2 cores).
"""
from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import h5py
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_datasets  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PATCH = REPO / "bench" / "exit_trace.patch"
POLICIES = ("llw-phased", "training-minimum", "patches-gp-localities", "combined", "patches", "tender-quality")
#: Each tendered policy again with the two switches that test the tender's failure assumptions
#: (docs/MODEL.md 7.16): bids below cost not made, winners' reserves backed by their awards.
SWITCHED = ("patches-gp-localities", "combined", "patches", "tender-quality")
SWITCHES = "tender:\n  reject_below_cost: true\n  award_backed_reserves: true\n"


def build(rev: str, work: Path) -> Path:
    commit = compare_datasets.sh(["git", "rev-parse", "--verify", rev + "^{commit}"], REPO).strip()
    tree = work / ("trace-" + commit[:12])
    if not tree.exists():
        compare_datasets.sh(["git", "worktree", "add", "--detach", str(tree), commit], REPO)
        compare_datasets.sh(["git", "apply", str(PATCH)], tree)
    print(f"building {rev} ({commit[:12]}) with the exit trace in {tree} ...", flush=True)
    compare_datasets.sh(["cmake", "--preset", "release", "-DHOMECARE_BUILD_TESTS=OFF", "-DHOMECARE_BUILD_BENCH=OFF"], tree)
    compare_datasets.sh(["cmake", "--build", "build/release", "--target", "homecare"], tree)
    return tree / "build" / "release" / "engine" / "homecare"


def run(binary: Path, scenario: Path, out: Path, replicates: int, seed: int, reuse: bool) -> Path:
    trace = out.with_suffix(".exits")
    if reuse and out.exists() and trace.exists():
        return trace
    with open(trace, "w") as err:
        subprocess.run([str(binary), "run", str(scenario), "--replicates", str(replicates), "--seed", str(seed),
                        "--threads", "2", "--out", str(out), "--quiet", "--force"], cwd=scenario.parent,
                       env=dict(os.environ, HOMECARE_TRACE_EXITS="1"), stderr=err, check=True)
    return trace


def exits(trace: Path) -> dict[tuple[str, str], dict[int, dict[int, tuple[int, int]]]]:
    """(patches, premium) -> replicate -> provider -> (day, staff)."""
    out: dict = collections.defaultdict(lambda: collections.defaultdict(dict))
    for line in trace.read_text().splitlines():
        if not line.startswith("EXIT "):
            continue
        f = dict(kv.split("=", 1) for kv in line.split()[1:])
        out[(f["patches"], f["premium"])][int(f["rep"])][int(f["pid"])] = (int(f["day"]), int(f["workers"]))
    return out


def turnover(h5: Path) -> tuple[dict[tuple[str, str], np.ndarray], int]:
    """Per (patches, premium): turnover per replicate; and the policy start as a day of the run."""
    out, start_day = {}, 0
    with h5py.File(h5, "r") as f:
        for g in f["variants"].values():
            a = g["parameters"].attrs
            text = lambda k: a[k].decode() if isinstance(a[k], bytes) else str(a[k])  # noqa: E731
            key = (str(int(a["patches.count"])), f"{float(a['workforce.wage_premium_mean']):.6f}")
            out[key] = g["summary/turnover_rate"][()]
            start_day = (date.fromisoformat(text("run.policy_start")) - date.fromisoformat(text("run.start"))).days
    return out, start_day


def compare(base: dict, pol: dict, t_base: np.ndarray, t_pol: np.ndarray, start: int) -> dict:
    reps = sorted(set(base) | set(pol))
    before_same = before_all = kept = after_base = 0
    only, staff, one_run_staff = [], [], []
    for r in reps:
        a, b = base.get(r, {}), pol.get(r, {})
        pre_a = {p: v for p, v in a.items() if v[0] < start}
        pre_b = {p: v for p, v in b.items() if v[0] < start}
        before_all += len(set(pre_a) | set(pre_b))
        before_same += sum(1 for p in pre_a if p in pre_b and pre_b[p][0] == pre_a[p][0])
        post_a = {p: v for p, v in a.items() if v[0] >= start}
        post_b = {p: v for p, v in b.items() if v[0] >= start}
        after_base += len(post_a)
        kept += sum(1 for p in post_a if p in post_b)
        only_b = [p for p in post_b if p not in post_a]
        only.append(len(only_b))
        staff.append(sum(post_b[p][1] for p in only_b))
        one_run_staff.append(staff[-1] - sum(post_a[p][1] for p in post_a if p not in post_b))
    d = t_pol - t_base
    x = np.array(one_run_staff, dtype=float)
    r2 = float(np.corrcoef(x, d)[0, 1] ** 2) if np.std(x) > 0 and np.std(d) > 0 else float("nan")
    ratio = float(np.var(d, ddof=1) / (np.var(t_base, ddof=1) + np.var(t_pol, ddof=1)))
    return {"before": before_same / before_all if before_all else float("nan"),
            "kept": kept / after_base if after_base else float("nan"),
            "only": only, "staff": staff, "r2": r2, "ratio": ratio, "turnover": t_pol}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicates", type=int, default=16)
    ap.add_argument("--seed", type=int, default=20181001)
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--keep", type=Path, help="keep the worktree and results here")
    ap.add_argument("--reuse", action="store_true", help="with --keep: read runs already there")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="homecare-exits-"))
    work.mkdir(parents=True, exist_ok=True)
    binary = build(args.rev, work)
    tree = binary.parents[3]
    import yaml
    premium = yaml.safe_load((tree / "scenarios/calibration/brent-2016.yaml").read_text())["workforce"]["wage_premium_mean"]
    sweep = work / "sweep-wage.yaml"
    sweep.write_text(f"extends: {tree / 'scenarios/brent-baseline.yaml'}\nname: sweep-wage\nsweep:\n  grid:\n"
                     f"    workforce.wage_premium_mean: [{premium!r}, {premium + 0.2!r}, {premium + 0.5!r}]\n")
    runs = {"brent-baseline": tree / "scenarios/brent-baseline.yaml", "sweep-wage": sweep}
    runs.update({p: tree / "scenarios" / f"{p}.yaml" for p in POLICIES})
    for p in SWITCHED:
        f = work / f"{p}+switches.yaml"
        f.write_text(f"extends: {tree / 'scenarios' / (p + '.yaml')}\nname: {p}-switches\n{SWITCHES}")
        runs[p + "+switches"] = f
    traces, turn = {}, {}
    for name, scenario in runs.items():
        print(f"running {name} ...", flush=True)
        h5 = work / f"{name}.h5"
        traces[name] = exits(run(binary, scenario, h5, args.replicates, args.seed, args.reuse))
        turn[name], start = turnover(h5)
    (base_key,) = turn["brent-baseline"].keys()
    base, t_base = traces["brent-baseline"][base_key], turn["brent-baseline"][base_key]
    rows = []
    for name in ("sweep-wage",) + POLICIES + tuple(p + "+switches" for p in SWITCHED):
        keys = sorted(turn[name], key=lambda k: (int(k[0]), float(k[1])))
        for k in keys:
            if name == "sweep-wage" and float(k[1]) == float(f"{premium:.6f}"):
                continue
            label = name
            if name == "sweep-wage":
                label = f"sweep: wage_premium_mean +{float(k[1]) - premium:.2f}"
            elif len(keys) > 1:
                label = f"{name}, patches.count={k[0]}"
            label = label.replace("+switches", " with both switches")
            rows.append((label, compare(base, traces[name].get(k, {}), t_base, turn[name][k], start)))
    print(f"\n{args.replicates} replicates, seed {args.seed}, {args.rev}; policy start = day {start} of the run\n")
    print("| policy vs baseline | before | kept | only (per replicate) | staff of those (per replicate) | R2 | ratio | turnover of the policy |")
    print("|---|---|---|---|---|---|---|---|")
    for label, c in rows:
        print(f"| {label} | {c['before']:.0%} | {c['kept']:.0%} | {statistics.mean(c['only']):.1f} ({min(c['only'])}-{max(c['only'])}) "
              f"| {statistics.median(c['staff']):.0f} ({min(c['staff'])}-{max(c['staff'])}) | {c['r2']:.2f} | {c['ratio']:.2f} "
              f"| {np.min(c['turnover']):.2f}-{np.max(c['turnover']):.2f} |")
    if not args.keep:
        compare_datasets.sh(["git", "worktree", "remove", "--force", str(tree)], REPO)
    return 0


if __name__ == "__main__":
    sys.exit(main())
