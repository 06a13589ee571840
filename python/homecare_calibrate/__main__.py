"""Calibrate a borough's baseline to its pack's targets, or check it.

  python3 -m homecare_calibrate fit   [--pack P] [--rounds 8] [--replicates 16]  # rewrites the calibration file
  python3 -m homecare_calibrate check [--pack P] [--replicates 50]               # exit 1 if a target is out of tolerance
  python3 -m homecare_calibrate docs  [--pack P] [--check]                       # the values docs/*.md quote, from the file

The pack (``--pack NAME|DIR``; default: the engine's default pack) gives the targets, read from
``homecare describe --pack P --json``, and the calibration year. Its baseline is
``scenarios/<pack>-baseline.yaml`` and its calibration file
``scenarios/calibration/<pack>-<first year of the calibration period>.yaml`` (``--baseline`` and
``--calibration`` choose others); every run is made on the pack (``borough:``).

Method (docs/CALIBRATION.md): each target that has a steering parameter is moved by a damped
fixed-point step toward its value (multiplicative for rates, additive for prices and wages), all
targets at once, using the mean over a batch of replicates with common seeds; rounds repeat until
every target is within a fifth of its tolerance band or the round limit is reached.

The engine's defaults come from `homecare describe --json`; the calibration file is read with
`yaml.safe_load` and written with `yaml.safe_dump` under its comment header.
"""

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import targets as targets_module
from .engine import REPO, describe, dump_yaml, nested, pack_info, run
from .targets import STOCK_METRIC, Target

#: The seeds of the fit and of the out-of-sample check (the check never sees the fit's).
FIT_SEED = 1
CHECK_SEED = 20181001


@dataclass
class Setup:
    """What one calibration works on: the pack (as ``describe --json`` gives it), its targets,
    the baseline scenario, the calibration file and how far each run simulates."""

    pack: dict
    targets: list[Target]
    baseline: Path
    calibration: Path
    end: str
    pack_arg: str | None = None   # --pack as given (None: the engine's default)

    @property
    def name(self) -> str:
        """The calibration file's ``name:``: the one it has, else ``<file stem>-calibration``
        (``brent-2016-calibration`` for ``brent-2016.yaml``)."""
        try:
            doc = yaml.safe_load(self.calibration.read_text())
        except (OSError, yaml.YAMLError):
            doc = None
        if isinstance(doc, dict) and isinstance(doc.get("name"), str) and doc["name"]:
            return doc["name"]
        return f"{self.calibration.stem}-calibration"

    @property
    def borough(self) -> str:
        """What the runs' scenarios give as ``borough:``: the pack's folder."""
        return str(self.pack.get("dir") or self.pack["name"])

    @property
    def period(self) -> str:
        """The calibration year in words (``2016/17``)."""
        return targets_module.year_label(self.pack.get("calibration_from", "?"),
                                         self.pack.get("calibration_to", "?"))

    @property
    def monthly(self) -> tuple:
        """The monthly series the targets read, ``(metric, "YYYY-MM")``."""
        return tuple((t.metric, t.month) for t in self.targets if t.month)

    def defaults(self) -> dict:
        """Engine defaults of the numeric parameters, the pack's included."""
        return defaults(self.pack_arg)


def run_end(calibration_from: str) -> str:
    """How far each run simulates: three years from the start of the calibration year (the
    growth of double-staffed packages is measured over three years) and a month more, which
    also holds the agency census."""
    start = dt.date.fromisoformat(calibration_from)
    year, month = start.year + 3, start.month + 1
    if month > 12:
        year, month = year + 1, month - 12
    return (dt.date(year, month, 1) - dt.timedelta(days=1)).isoformat()


def month_end(month: str) -> str:
    """The last day of ``YYYY-MM``."""
    first = dt.date.fromisoformat(month + "-01")
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).isoformat()


def setup(pack: str | None = None, baseline: str | Path | None = None,
          calibration: str | Path | None = None, end: str | None = None) -> Setup:
    """The calibration of ``pack`` (None: the engine's default pack). Raises RuntimeError when
    the engine cannot describe the pack and FileNotFoundError when a scenario file is missing."""
    info = pack_info(pack)
    name = info["name"]
    start = info.get("calibration_from")
    if not start:
        raise RuntimeError(f"pack {name!r} gives no calibration period")
    base = Path(baseline) if baseline else REPO / "scenarios" / f"{name}-baseline.yaml"
    cal = (Path(calibration) if calibration
           else REPO / "scenarios" / "calibration" / f"{name}-{start[:4]}.yaml")
    for what, path, option in (("baseline scenario", base, "--baseline"),
                               ("calibration file", cal, "--calibration")):
        if not path.exists():
            raise FileNotFoundError(f"the {what} of pack {name!r} is not at {path} "
                                    f"(name another with {option})")
    targets = targets_module.from_describe(info)
    if not end:  # far enough for the year's growth and for every dated target
        end = max([run_end(start)] + [month_end(t.month) for t in targets if t.month])
    return Setup(info, targets, base, cal, end, pack)


def _flat(node: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flat(value, path))
        else:
            out[path] = value
    return out


def current_values(path: Path) -> dict:
    """The values the calibration file sets now (flat key paths; ``name`` left out)."""
    doc = yaml.safe_load(path.read_text()) or {}
    if not isinstance(doc, dict):
        raise ValueError(f"{path} is not a mapping of settings")
    doc = {k: v for k, v in doc.items() if k not in ("name", "extends", "description", "borough")}
    values = {}
    for key, value in _flat(doc).items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{path}: {key} is {value!r}, not a number")
        values[key] = float(value)
    return values


def defaults(pack: str | None = None) -> dict:
    """Engine defaults of the numeric parameters (a pack's defaults included), from
    `homecare describe --pack PACK --json`."""
    return {key: float(row["default"]) for key, row in describe(pack).items()
            if row.get("type") in ("number", "integer") and row.get("default") is not None}


def table(result: dict, targets: list[Target]) -> tuple[str, bool]:
    """The achieved table (markdown) and whether every target is within its band (a target
    with a ``known_gap`` is reported, marked, and does not count)."""
    rows = ["| row | quantity | target | tolerance | model (mean ± se) | within |", "|---|---|---|---|---|---|"]
    ok_all = True
    for t in targets:
        mean, se = result.get(t.key, (float("nan"), 0.0))
        ok = t.low <= mean <= t.high
        if not t.known_gap:
            ok_all &= ok
        within = "yes" if ok else ("no (known gap)" if t.known_gap else "NO")
        rows.append(f"| {t.row} | {t.quantity} | {t.target:g} | {t.low:g}–{t.high:g} | {mean:.4g} ± {se:.2g} | {within} |")
    return "\n".join(rows), ok_all


def calibration_text(values: dict, header: list[str], name: str) -> str:
    """The calibration file: comment lines, then ``name:`` and the values (flat key paths,
    rounded to 6 decimals, sections and keys sorted) as YAML that reads back exactly."""
    doc = {"name": name, **nested({k: round(float(v), 6) for k, v in sorted(values.items())})}
    return "".join(f"# {line}".rstrip() + "\n" for line in header) + dump_yaml(doc)


def _targets_ref(s: Setup) -> str:
    """The targets file as a reader finds it (relative to the repository when inside it) and
    the range of target ids."""
    path = Path(s.pack.get("targets_file") or "targets.yaml")
    try:
        path = path.resolve().relative_to(REPO)
    except ValueError:
        pass
    ids = [t.row for t in s.targets]
    return f"{path} {ids[0]}-{ids[-1]}" if ids else str(path)


def header_lines(s: Setup, result: dict, rounds: int, replicates: int) -> list[str]:
    """The calibration file's comment header: what it is, how it was made, the achieved table."""
    text, _ = table(result, s.targets)
    command = "python3 -m homecare_calibrate fit" + (f" --pack {s.pack_arg}" if s.pack_arg else "")
    header = [f"Calibrated parameters for {s.pack.get('display_name') or s.pack['name']} "
              f"{s.period} ({_targets_ref(s)}).",
              f"Written by `{command}` (docs/CALIBRATION.md); do not edit by hand.",
              f"Fit: {rounds} rounds of {replicates} replicates, seed {FIT_SEED}, simulated to {s.end}. Achieved:"]
    return header + text.splitlines()


def write_calibration(s: Setup, values: dict, result: dict, rounds: int, replicates: int,
                      path: Path | None = None) -> None:
    (path or s.calibration).write_text(
        calibration_text(values, header_lines(s, result, rounds, replicates), s.name))


def step(t: Target, x: float, value: float, result: dict, targets: list[Target]) -> float:
    """One damped fixed-point step of the parameter ``x`` that steers ``t``, the model giving
    ``value``."""
    if t.mode == "shift":
        return x + t.gain * (t.target - value)
    if t.mode == "inflow":  # a stock grows by inflow less outflow: raise the inflow by the growth it lacks
        return x * max(0.5, 1.0 + t.target - value) ** t.gain
    if t.mode == "negshift":
        return max(1e-6, x - t.gain * (t.target - value))
    if t.mode == "inverse":
        return x * (value / t.target) ** t.gain
    if t.mode == "entries":  # distinct in the year minus those at its start: the year's entries
        active = result[STOCK_METRIC][0]
        stock = next((u.target for u in targets if u.metric == STOCK_METRIC), active)
        return x * ((t.target - stock) / max(1.0, value - active)) ** t.gain
    return x * (t.target / max(value, 1e-12)) ** t.gain


def fit(s: Setup, rounds: int, replicates: int) -> int:
    base_defaults = s.defaults()
    values = current_values(s.calibration)
    for t in s.targets:
        if t.parameter and t.parameter not in values:
            if t.parameter not in base_defaults:
                raise RuntimeError(f"target {t.row} steers {t.parameter}, which the engine does "
                                   "not list as a numeric parameter")
            values[t.parameter] = base_defaults[t.parameter]
    result = {}
    r = 0
    for r in range(rounds):
        result = run(s.baseline, values, replicates, seed=FIT_SEED, end=s.end, borough=s.borough,
                     monthly=s.monthly)
        worst = 0.0
        for t in s.targets:
            if not t.parameter or t.key not in result:
                continue
            value = result[t.key][0]
            band = min(t.target - t.low, t.high - t.target)  # distance to the nearer edge
            worst = max(worst, abs(value - t.target) / band)
            values[t.parameter] = step(t, values[t.parameter], value, result, s.targets)
        print(f"round {r + 1}: worst row at {worst:.2f} half-bands from its target", file=sys.stderr)
        if worst < 0.2:
            break
    write_calibration(s, values, result, r + 1, replicates)
    write_docs(s, False)  # the documents quote the new values
    return 0


def check(s: Setup, replicates: int) -> int:
    result = run(s.baseline, {}, replicates, seed=CHECK_SEED, end=s.end, borough=s.borough,
                 monthly=s.monthly)
    text, ok = table(result, s.targets)
    print(text)
    for t in s.targets:
        if t.known_gap:
            print(f"{t.row}, known gap: {t.known_gap}")
    return 0 if ok else 1


def write_docs(s: Setup, check_only: bool) -> int:
    from . import docs
    default = pack_info(None)["name"]
    changed = docs.update(REPO, current_values(s.calibration), s.defaults(),
                          s.calibration.read_text(), check_only, s.targets,
                          None if s.pack["name"] == default else s.pack["name"])
    where = _relative(s.calibration)
    for rel in changed:
        print(f"{rel}: {'out of date with' if check_only else 'rewritten from'} {where}"
              + (" (run: python3 -m homecare_calibrate docs)" if check_only else ""))
    if not changed:
        print("docs: the calibrated values quoted agree with " + where)
    return 1 if check_only and changed else 0


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="homecare_calibrate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fit", help="fit the steering parameters; rewrite the calibration file and the docs")
    f.add_argument("--rounds", type=int, default=8)
    f.add_argument("--replicates", type=int, default=16)
    c = sub.add_parser("check", help="run the baseline on another seed; exit 1 if a target is out of tolerance")
    c.add_argument("--replicates", type=int, default=50)
    d = sub.add_parser("docs", help="rewrite the calibrated values quoted in docs/MODEL.md and docs/CALIBRATION.md")
    d.add_argument("--check", action="store_true", help="exit 1 if a document is out of date instead of rewriting it")
    for p in (f, c, d):
        p.add_argument("--pack", help="the borough pack (a name under boroughs/ or a folder); "
                                      "default: the engine's default pack")
        p.add_argument("--baseline", help="the baseline scenario (default scenarios/<pack>-baseline.yaml)")
        p.add_argument("--calibration", help="the calibration file (default "
                                             "scenarios/calibration/<pack>-<year>.yaml)")
    for p in (f, c):
        p.add_argument("--end", help="last simulated day, YYYY-MM-DD (default: three years and a "
                                     "month from the start of the calibration year)")
    a = ap.parse_args(argv)
    try:
        s = setup(a.pack, a.baseline, a.calibration, getattr(a, "end", None))
    except (RuntimeError, FileNotFoundError, OSError) as exc:
        print(f"homecare_calibrate: {exc}", file=sys.stderr)
        return 2
    if a.cmd == "docs":
        return write_docs(s, a.check)
    return fit(s, a.rounds, a.replicates) if a.cmd == "fit" else check(s, a.replicates)


if __name__ == "__main__":
    sys.exit(main())
