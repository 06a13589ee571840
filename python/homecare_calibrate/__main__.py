"""Calibrate the Brent baseline, or check it.

  python3 -m homecare_calibrate fit   [--rounds 6] [--replicates 16]   # rewrites scenarios/calibration/brent-2016.yaml
  python3 -m homecare_calibrate check [--replicates 50]                # exit 1 if a calibration row is out of tolerance
  python3 -m homecare_calibrate docs  [--check]                        # the values docs/*.md quote, from the file

Method (docs/CALIBRATION.md): each row of TARGETS.md that has a steering parameter is moved by a
damped fixed-point step toward its target (multiplicative for rates, additive for prices and
wages), all rows at once, using the mean over a batch of replicates with common seeds; rounds
repeat until every row is within a fifth of its tolerance band or the round limit is reached.

The engine's defaults come from `homecare describe --json`; the calibration file is read with
`yaml.safe_load` and written with `yaml.safe_dump` under its comment header.
"""

import argparse
import sys
from pathlib import Path

import yaml

from .engine import REPO, describe, dump_yaml, nested, run
from .targets import TARGETS

BASELINE = REPO / "scenarios" / "brent-baseline.yaml"
CALIBRATION = REPO / "scenarios" / "calibration" / "brent-2016.yaml"
END = "2019-04-30"  # far enough for C7 (survey Nov 2017) and C14 (three years)


NAME = "brent-2016-calibration"


def _flat(node: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flat(value, path))
        else:
            out[path] = value
    return out


def current_values(path: Path = CALIBRATION) -> dict:
    """The values the calibration file sets now (flat key paths; ``name`` left out)."""
    doc = yaml.safe_load(path.read_text()) or {}
    if not isinstance(doc, dict):
        raise ValueError(f"{path} is not a mapping of settings")
    doc = {k: v for k, v in doc.items() if k not in ("name", "extends", "description")}
    values = {}
    for key, value in _flat(doc).items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{path}: {key} is {value!r}, not a number")
        values[key] = float(value)
    return values


def defaults() -> dict:
    """Engine defaults of the numeric parameters, from `homecare describe --json`."""
    return {key: float(row["default"]) for key, row in describe().items()
            if row.get("type") in ("number", "integer") and row.get("default") is not None}


def table(result: dict) -> str:
    rows = ["| row | quantity | target | tolerance | model (mean ± se) | within |", "|---|---|---|---|---|---|"]
    ok_all = True
    for t in TARGETS:
        mean, se = result.get(t.metric, (float("nan"), 0.0))
        ok = t.low <= mean <= t.high
        ok_all &= ok
        rows.append(f"| {t.row} | {t.quantity} | {t.target:g} | {t.low:g}–{t.high:g} | {mean:.4g} ± {se:.2g} | {'yes' if ok else 'NO'} |")
    return "\n".join(rows), ok_all


def calibration_text(values: dict, header: list[str]) -> str:
    """The calibration file: comment lines, then ``name:`` and the values (flat key paths,
    rounded to 6 decimals, sections and keys sorted) as YAML that reads back exactly."""
    doc = {"name": NAME, **nested({k: round(float(v), 6) for k, v in sorted(values.items())})}
    return "".join(f"# {line}".rstrip() + "\n" for line in header) + dump_yaml(doc)


def write_calibration(values: dict, result: dict, rounds: int, replicates: int,
                      path: Path = CALIBRATION) -> None:
    text, _ = table(result)
    header = ["Calibrated parameters for Brent 2016/17 (TARGETS.md C1-C14).",
              "Written by `python3 -m homecare_calibrate fit` (docs/CALIBRATION.md); do not edit by hand.",
              f"Fit: {rounds} rounds of {replicates} replicates, seed 1, simulated to {END}. Achieved:"]
    header += text.splitlines()
    path.write_text(calibration_text(values, header))


def fit(rounds: int, replicates: int) -> int:
    base_defaults = defaults()
    values = current_values()
    for t in TARGETS:
        if t.parameter and t.parameter not in values:
            values[t.parameter] = base_defaults[t.parameter]
    result = {}
    for r in range(rounds):
        result = run(BASELINE, values, replicates, seed=1, end=END)
        worst = 0.0
        for t in TARGETS:
            if not t.parameter or t.metric not in result:
                continue
            value = result[t.metric][0]
            band = min(t.target - t.low, t.high - t.target)  # distance to the nearer edge
            worst = max(worst, abs(value - t.target) / band)
            x = values[t.parameter]
            if t.mode == "shift":
                x += t.gain * (t.target - value)
            elif t.mode == "negshift":
                x = max(1e-6, x - t.gain * (t.target - value))
            elif t.mode == "inverse":
                x *= (value / t.target) ** t.gain
            elif t.mode == "entries":  # distinct in the year minus those at its start: the year's entries
                active = result["fy2016_active_users"][0]
                x *= ((t.target - 1800.0) / max(1.0, value - active)) ** t.gain
            else:
                x *= (t.target / max(value, 1e-12)) ** t.gain
            values[t.parameter] = x
        print(f"round {r + 1}: worst row at {worst:.2f} half-bands from its target", file=sys.stderr)
        if worst < 0.2:
            break
    write_calibration(values, result, r + 1, replicates)
    write_docs(False)  # the documents quote the new values
    return 0


def check(replicates: int) -> int:
    result = run(BASELINE, {}, replicates, seed=20181001, end=END)
    text, ok = table(result)
    print(text)
    return 0 if ok else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="homecare_calibrate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fit")
    f.add_argument("--rounds", type=int, default=8)
    f.add_argument("--replicates", type=int, default=16)
    c = sub.add_parser("check")
    c.add_argument("--replicates", type=int, default=50)
    d = sub.add_parser("docs", help="rewrite the calibrated values quoted in docs/MODEL.md and docs/CALIBRATION.md")
    d.add_argument("--check", action="store_true", help="exit 1 if a document is out of date instead of rewriting it")
    a = ap.parse_args(argv)
    if a.cmd == "docs":
        return write_docs(a.check)
    return fit(a.rounds, a.replicates) if a.cmd == "fit" else check(a.replicates)


def write_docs(check_only: bool) -> int:
    from . import docs
    changed = docs.update(REPO, current_values(), defaults(), CALIBRATION.read_text(), check_only)
    for rel in changed:
        print(f"{rel}: {'out of date with' if check_only else 'rewritten from'} {CALIBRATION.relative_to(REPO)}"
              + (" (run: python3 -m homecare_calibrate docs)" if check_only else ""))
    if not changed:
        print("docs: the calibrated values quoted agree with " + str(CALIBRATION.relative_to(REPO)))
    return 1 if check_only and changed else 0


if __name__ == "__main__":
    sys.exit(main())
