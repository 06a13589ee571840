"""Did a change move the numbers? Build two commits, run every shipped scenario with both, and
compare the results files dataset by dataset, bit for bit.

  /usr/bin/python3 bench/compare_datasets.py OLD [NEW] [--replicates 2] [--seed 20181001]
                                              [--scenarios a.yaml b.yaml] [--keep DIR]

OLD and NEW are git revisions (NEW defaults to HEAD). Each is checked out into a temporary git
worktree and its `homecare` target built with the release preset (tests and benchmarks off), so
uncommitted changes never enter the comparison. Every `scenarios/*.yaml` of NEW (or the list
given) is run by both builds with the same seed, replicates and 2 threads; then, for each file:

- every dataset under /variants (months, monthly/, summary/, stats/, geography/) must be
  bit-identical (NaN where NaN), with the same shape and type, in the same variants;
- every variant attribute (the overrides, `replicates`) and the root attributes `seed`,
  `scenario_name`, `scenario_yaml`, `resolved_yaml` must be equal; the two YAML texts are compared
  as YAML once keys renamed since (RENAMED, the engine's renamed_keys()) are given their new
  names and the `borough:` a newer build writes is set aside (reported as a change);
- a dataset that became a soft link to its new name (schema 3's fy2016_* -> calibration_*) is
  compared through the link;
- each scenario is run by OLD from OLD's copy of it when OLD has one (a renamed key would not
  load there), else from NEW's;
- what one file has and the other lacks (a new dataset or attribute of a newer schema) is listed
  as added or removed, not as a difference. Provenance that names the build (engine_version,
  git_commit, created_utc, fingerprints, compiler) is not compared.

Prints one line per scenario and a summary; exits 1 if any dataset or compared attribute differs.
Builds take a few minutes each on 2 cores. Not run in CI (it builds other commits).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
COMPARED_ROOT_ATTRS = ("seed", "scenario_name", "scenario_yaml", "resolved_yaml")
# Scenario keys renamed (engine/model/parameter_table.cpp, renamed_keys()): old -> new.
RENAMED = {"workforce.move_within_brent_share": "workforce.move_within_borough_share",
           "travel.event_extra_2017": "travel.event_extra"}
BUILD_ATTRS = {"engine_version", "git_commit", "created_utc", "fingerprint", "scenario_fingerprint",
               "compiler", "schema_version"}


def sh(cmd: list[str], cwd: Path, quiet: bool = True) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"compare_datasets: `{' '.join(cmd)}` failed in {cwd}:\n{proc.stdout[-2000:]}{proc.stderr[-4000:]}")
    return proc.stdout


def build(rev: str, work: Path) -> tuple[Path, str]:
    """A worktree of `rev` under `work` with its homecare built; (binary, full commit)."""
    commit = sh(["git", "rev-parse", "--verify", rev + "^{commit}"], REPO).strip()
    tree = work / commit[:12]
    if not tree.exists():
        sh(["git", "worktree", "add", "--detach", str(tree), commit], REPO)
    print(f"building {rev} ({commit[:12]}) in {tree} ...", flush=True)
    sh(["cmake", "--preset", "release", "-DHOMECARE_BUILD_TESTS=OFF", "-DHOMECARE_BUILD_BENCH=OFF"], tree)
    sh(["cmake", "--build", "build/release", "--target", "homecare"], tree)
    return tree / "build" / "release" / "engine" / "homecare", commit


def run(binary: Path, scenario: Path, out: Path, replicates: int, seed: int) -> None:
    sh([str(binary), "run", str(scenario), "--replicates", str(replicates), "--seed", str(seed),
        "--threads", "2", "--out", str(out), "--quiet", "--force"], scenario.parent)


def attr(value):
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def same_array(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype.kind in "fc":
        return a.tobytes() == b.tobytes()  # bitwise: NaN payloads and signed zeros included
    return np.array_equal(a, b)


def normalised_yaml(text: str | None, changes: list[str], what: str):
    """A scenario's YAML as data, renamed keys under their new names, `borough` set aside."""
    if text is None:
        return None
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict):
        return doc
    if "borough" in doc:
        changes.append(f"{what}: borough: {doc.pop('borough')!r}")
    for old, new in RENAMED.items():
        group, key = old.split(".")
        new_group, new_key = new.split(".")
        if isinstance(doc.get(group), dict) and key in doc[group]:
            doc.setdefault(new_group, {})[new_key] = doc[group].pop(key)
            changes.append(f"{what}: {old} is now {new}")
    return doc


def yaml_diff(a: dict, b: dict, prefix: str, changes: list[str]) -> list[str]:
    """Keys whose values differ or that only `a` has; keys only `b` has go to `changes`."""
    out = []
    for k in sorted(set(a) | set(b), key=str):
        path = f"{prefix}{k}"
        if k not in b:
            out.append(f"{path} removed")
        elif k not in a:
            changes.append(f"resolved_yaml: {path} added ({b[k]!r})")
        elif isinstance(a[k], dict) and isinstance(b[k], dict):
            out.extend(yaml_diff(a[k], b[k], path + ".", changes))
        elif a[k] != b[k]:
            out.append(f"{path}: {a[k]!r} -> {b[k]!r}")
    return out


def compare(old: Path, new: Path) -> tuple[int, list[str], list[str]]:
    """(datasets compared, differences, additions/removals) between two results files. Additions
    and removals inside variants are named without the variant (they repeat in each)."""
    compared, diffs, changes = 0, [], []
    with h5py.File(old, "r") as fo, h5py.File(new, "r") as fn:
        for name in COMPARED_ROOT_ATTRS:
            a, b = attr(fo.attrs.get(name)), attr(fn.attrs.get(name))
            if name in ("scenario_yaml", "resolved_yaml"):
                a, b = normalised_yaml(a, changes, name), normalised_yaml(b, changes, name)
                if name == "resolved_yaml" and isinstance(a, dict) and isinstance(b, dict):
                    # Parameters a newer build added (at their defaults) are additions, not
                    # differences; a value that changed, or a parameter that went, is one.
                    changed = yaml_diff(a, b, "", changes)
                    diffs.extend(f"resolved_yaml: {c}" for c in changed)
                    continue
            if a != b:
                diffs.append(f"root attribute {name} differs")
        for name in sorted(set(fo.attrs) ^ set(fn.attrs)):
            changes.append(f"root attribute {name} {'added' if name in fn.attrs else 'removed'}")
        for name in sorted(set(fo) ^ set(fn)):
            changes.append(f"/{name} {'added' if name in fn else 'removed'}")
        vo, vn = fo["variants"], fn["variants"]
        if set(vo) != set(vn):
            diffs.append(f"variants differ: {sorted(set(vo) ^ set(vn))}")
        for v in sorted(set(vo) & set(vn)):
            go, gn = vo[v], vn[v]
            for a in sorted(set(go.attrs) | set(gn.attrs)):
                if a in go.attrs and a in gn.attrs:
                    if attr(go.attrs[a]) != attr(gn.attrs[a]):
                        diffs.append(f"{v}: attribute {a}: {attr(go.attrs[a])!r} -> {attr(gn.attrs[a])!r}")
                else:
                    changes.append(f"variant attribute {a} {'added' if a in gn.attrs else 'removed'}")
            paths_o, paths_n = set(), set()
            go.visititems(lambda p, o: paths_o.add(p) if isinstance(o, h5py.Dataset) else None)
            gn.visititems(lambda p, o: paths_n.add(p) if isinstance(o, h5py.Dataset) else None)
            linked = {p for p in paths_o - paths_n if isinstance(gn.get(p), h5py.Dataset)}
            for p in sorted(linked):
                changes.append(f"variant dataset {p} is now a link to {gn[p].name.split('/')[-1]}")
            for p in sorted((paths_o ^ paths_n) - linked):
                changes.append(f"variant dataset {p} {'added' if p in paths_n else 'removed'}")
            for p in sorted((paths_o & paths_n) | linked):
                if p.startswith("parameters/"):
                    continue  # schema 2's typed parameters: the resolved YAML is compared instead
                compared += 1
                if not same_array(go[p][()], gn[p][()]):
                    diffs.append(f"{v}/{p} differs")
    return compared, diffs, changes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new", nargs="?", default="HEAD")
    ap.add_argument("--replicates", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20181001)
    ap.add_argument("--scenarios", nargs="*", help="scenario files (default: scenarios/*.yaml of NEW)")
    ap.add_argument("--keep", type=Path, help="keep the worktrees and results here (default: a temporary folder)")
    a = ap.parse_args(argv)

    work = a.keep or Path(tempfile.mkdtemp(prefix="homecare-compare-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        old_bin, old_commit = build(a.old, work)
        new_bin, new_commit = build(a.new, work)
        new_tree = new_bin.parents[3]
        scenarios = [Path(s).resolve() for s in a.scenarios] if a.scenarios else sorted(
            (new_tree / "scenarios").glob("*.yaml"))
        total, failed = 0, 0
        print(f"\nold {old_commit[:12]}  new {new_commit[:12]}  seed {a.seed}  replicates {a.replicates}")
        for scen in scenarios:
            out_old, out_new = work / f"{scen.stem}.old.h5", work / f"{scen.stem}.new.h5"
            old_copy = old_bin.parents[3] / scen.relative_to(new_tree) if scen.is_relative_to(new_tree) else scen
            run(old_bin, old_copy if old_copy.exists() else scen, out_old, a.replicates, a.seed)
            run(new_bin, scen, out_new, a.replicates, a.seed)
            n, diffs, changes = compare(out_old, out_new)
            total += n
            failed += bool(diffs)
            verdict = "bit-identical" if not diffs else f"{len(diffs)} DIFFERENCES"
            print(f"{scen.name}: {n} datasets compared, {verdict}")
            for d in diffs[:20]:
                print(f"    differs: {d}")
            unique = sorted(set(changes))
            for c in unique[:12]:
                print(f"    {c}")
            if len(unique) > 12:
                print(f"    ... and {len(unique) - 12} more additions or removals")
        print(f"\n{len(scenarios)} scenarios, {total} datasets: "
              + ("all bit-identical" if not failed else f"{failed} scenario(s) differ"))
        return 1 if failed else 0
    finally:
        if not a.keep:
            for tree in work.iterdir():
                if tree.is_dir():
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO,
                                   capture_output=True)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
