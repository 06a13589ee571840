"""Is one replicate slower? Build two commits and time one baseline replicate with each, in
alternated runs on the same machine, and optionally count instructions with callgrind.

  /usr/bin/python3 bench/replicate_ab.py OLD [NEW] [--runs 10] [--callgrind] [--scenario FILE]
                                          [--keep DIR]

OLD and NEW are git revisions (NEW defaults to HEAD), each built in a temporary git worktree
with the release preset (bench/compare_datasets.py's build), or paths to homecare binaries.
Each run is `homecare run SCENARIO --replicates 1 --threads 1 --seed 1`, timed as the process's
CPU time (user + system, from os.wait4); runs alternate OLD, NEW, OLD, NEW... so that drifts in
the machine's speed hit both alike. Prints every time, the medians, the ratio NEW/OLD of the
medians and of the best runs. With --callgrind, also counts each build's instructions for one
replicate (valgrind --tool=callgrind; deterministic, whatever else the machine does; about
two minutes each). Not run in CI.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_datasets  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def binary(rev: str, work: Path) -> tuple[Path, str]:
    if Path(rev).is_file() and os.access(rev, os.X_OK):
        return Path(rev).resolve(), rev
    b, commit = compare_datasets.build(rev, work)
    return b, commit[:12]


def cpu_seconds(cmd: list[str]) -> float:
    """User + system CPU time of one run of `cmd` (which must succeed)."""
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    if status != 0:
        sys.exit(f"replicate_ab: {' '.join(cmd)} failed (status {status})")
    return usage.ru_utime + usage.ru_stime


def instructions(cmd: list[str], work: Path, tag: str) -> int:
    out = work / f"callgrind.{tag}.out"
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd], check=True,
                   capture_output=True)
    for line in out.read_text().splitlines():
        if line.startswith("summary:") or line.startswith("totals:"):
            return int(line.split()[1])
    raise RuntimeError(f"no totals in {out}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new", nargs="?", default="HEAD")
    ap.add_argument("--runs", type=int, default=10, help="runs of each build (alternated)")
    ap.add_argument("--callgrind", action="store_true", help="also count instructions")
    ap.add_argument("--scenario", default=str(REPO / "scenarios" / "brent-baseline.yaml"))
    ap.add_argument("--keep", type=Path, help="keep the worktrees here (default: a temporary folder)")
    a = ap.parse_args(argv)
    work = a.keep or Path(tempfile.mkdtemp(prefix="homecare-ab-"))
    work.mkdir(parents=True, exist_ok=True)
    builds = {"old": binary(a.old, work), "new": binary(a.new, work)}
    out = work / "r.h5"
    cmds = {k: [str(b), "run", a.scenario, "--replicates", "1", "--threads", "1", "--seed", "1", "--out", str(out),
                "--quiet", "--force"] for k, (b, _) in builds.items()}
    for k in cmds:
        cpu_seconds(cmds[k])  # warm the page cache and the files
    times = {"old": [], "new": []}
    for _ in range(a.runs):
        for k in ("old", "new"):
            times[k].append(cpu_seconds(cmds[k]))
    load = open("/proc/loadavg").read().split()[:3]
    print(f"scenario {a.scenario}, 1 replicate, 1 thread; {a.runs} alternated runs each; load after {' '.join(load)}")
    for k in ("old", "new"):
        ts = times[k]
        print(f"{k} {builds[k][1]}: " + " ".join(f"{t:.3f}" for t in ts)
              + f"  median {statistics.median(ts):.3f} s, best {min(ts):.3f} s")
    med = statistics.median(times["new"]) / statistics.median(times["old"])
    best = min(times["new"]) / min(times["old"])
    print(f"new/old: median {med:.3f}, best {best:.3f}")
    if a.callgrind:
        counts = {k: instructions(cmds[k], work, k) for k in ("old", "new")}
        print(f"instructions: old {counts['old']:,}  new {counts['new']:,}  new/old {counts['new'] / counts['old']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
