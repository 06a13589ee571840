"""Fixtures for the report tests: results produced by the real engine, or fake ones on request.

Where the results come from, in order:
1. ``HOMECARE_RESULTS``: one or more .h5 files (separated by ``:``) made by the test command;
2. the engine binary ``HOMECARE_BIN`` (default ``build/release/engine/homecare``), run here on
   ``scenarios/brent-baseline.yaml`` (and ``llw-phased.yaml``, ``patches.yaml`` when they exist)
   with ``--replicates 2 --seed 1``;
3. only when ``HOMECARE_ALLOW_FAKE=1``: files from ``make_fake_results.py`` laid out like those runs.
Otherwise the ``engine_results`` fixture FAILS: the report must be tested on what the engine writes.

Tests marked ``fake`` use generated files on purpose (odd layouts, missing metrics) and always run.

``short_runs`` runs the engine (``HOMECARE_BIN``, no fallback) on SHORT scenarios written here
that extend ``scenarios/brent-baseline.yaml`` (April 2016 to June 2017, policy period from October
2016): a baseline and a policy with several seeds and replicate counts, and a Latin hypercube over
two workforce assumptions and a grid over one, for the pairing and sensitivity tests. About 25
replicates, ~10 s.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_fake_results  # noqa: E402
from homecare_report import loading  # noqa: E402

SCENARIOS = ("brent-baseline.yaml", "llw-phased.yaml", "patches.yaml")
RUN_ARGS = ("--replicates", "2", "--seed", "1")


def pytest_configure(config):
    config.addinivalue_line("markers", "fake: runs on generated results, not the engine's")


def _engine_binary() -> Path:
    path = Path(os.environ.get("HOMECARE_BIN", "build/release/engine/homecare"))
    return path if path.is_absolute() else REPO / path


def run_engine(binary: Path, scenario: Path, out: Path, *args: str) -> Path:
    """Run ``homecare run scenario ARGS --out out``; fail the test with the engine's message."""
    timeout = float(os.environ.get("HOMECARE_TEST_TIMEOUT", "3600"))
    cmd = [str(binary), "run", str(scenario), *args, "--out", str(out), "--quiet"]
    try:
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"engine run timed out after {timeout:.0f} s: {' '.join(cmd)}")
    if proc.returncode != 0 or not out.exists():
        pytest.fail(f"engine run failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                    f"{proc.stderr[-3000:]}")
    return out


def _run_engine(binary: Path, out_dir: Path) -> list[Path]:
    files = []
    for name in SCENARIOS:
        scenario = REPO / "scenarios" / name
        if not scenario.exists():
            if name == SCENARIOS[0]:
                pytest.fail(f"{scenario} does not exist; the report tests need the baseline run")
            continue
        files.append(run_engine(binary, scenario, out_dir / (scenario.stem + ".h5"), *RUN_ARGS))
    return files


def write_fake_runs(out_dir: Path, replicates: int = 3) -> list[Path]:
    """Three files shaped like the three engine runs (same seed, so replicates pair up)."""
    return [
        make_fake_results.write(out_dir / "brent-baseline.h5", ["brent-baseline"], replicates,
                                seed=1, scenario_name="brent-baseline"),
        make_fake_results.write(out_dir / "llw-phased.h5", ["llw-phased"], replicates, seed=1,
                                scenario_name="llw-phased"),
        make_fake_results.write(out_dir / "patches.h5", ["patches-2", "patches-4", "patches-8"],
                                replicates, seed=1, scenario_name="patches"),
    ]


@pytest.fixture(scope="session")
def engine_results(tmp_path_factory) -> list[Path]:
    """Paths of results files made by the real engine (see the module docstring)."""
    given = os.environ.get("HOMECARE_RESULTS")
    if given:
        paths = [Path(p) for p in given.split(os.pathsep) if p]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            pytest.fail(f"HOMECARE_RESULTS names missing files: {', '.join(missing)}")
        return paths
    binary = _engine_binary()
    if binary.exists() and os.access(binary, os.X_OK):
        return _run_engine(binary, tmp_path_factory.mktemp("engine"))
    if os.environ.get("HOMECARE_ALLOW_FAKE") == "1":
        return write_fake_runs(tmp_path_factory.mktemp("fake-engine"))
    pytest.fail(
        "No engine results to test the report on. Build the engine (expected at "
        f"{binary}; set HOMECARE_BIN to point elsewhere), or set HOMECARE_RESULTS to .h5 files "
        "made by `homecare run`. For development only, HOMECARE_ALLOW_FAKE=1 uses generated "
        "files instead.", pytrace=False)


def engine_binary_or_fail() -> Path:
    """The engine at ``HOMECARE_BIN``; the test fails (never falls back) when it is missing."""
    binary = _engine_binary()
    if not (binary.exists() and os.access(binary, os.X_OK)):
        pytest.fail(f"These tests run the real engine; build it (expected at {binary}) or set "
                    "HOMECARE_BIN.", pytrace=False)
    return binary


SHORT = """\
extends: {base}
name: {name}
run:
  end: 2017-06-30
  policy_start: 2016-10-01
commissioning:
  switch_date: 2016-10-01
"""
#: A policy that acts inside the short window: the London Living Wage in full from Oct 2016.
POLICY = """\
wages:
  llw_phasing:
    - {from: 2016-10-01, share: 1.0}
  llw_council_funded_share: 1.0
"""
#: A Latin hypercube over two workforce assumptions (3 points).
LHS = """\
sweep:
  latin_hypercube:
    samples: 3
    ranges:
      workforce.base_quit_hazard: [0.18, 0.32]
      workforce.wage_elasticity: [0.5, 1.5]
"""
#: A grid over an assumption (kind ``assumption`` in the parameter table).
GRID = """\
sweep:
  grid:
    workforce.wage_elasticity: [0.5, 1.5]
"""
#: name -> (scenario, seed, replicates)
SHORT_RUNS = {
    "base-s1": ("short-baseline", 1, 2),
    "policy-s1": ("short-llw", 1, 2),
    "policy-s1-r3": ("short-llw", 1, 3),
    "policy-s2": ("short-llw", 2, 2),
    "lhs-s1": ("short-lhs", 1, 2),
    "base-s7-r4": ("short-baseline", 7, 4),
    "grid-s1": ("short-grid", 1, 2),
}


@pytest.fixture(scope="session")
def short_runs(tmp_path_factory) -> dict[str, Path]:
    """Short real-engine runs (module docstring): ``{run name: results file}``."""
    binary = engine_binary_or_fail()
    d = tmp_path_factory.mktemp("short")
    base = REPO / "scenarios" / "brent-baseline.yaml"
    texts = {"short-baseline": SHORT.format(base=base, name="short-baseline"),
             "short-llw": SHORT.format(base=base, name="short-llw") + POLICY,
             "short-lhs": SHORT.format(base=base, name="short-lhs") + LHS,
             "short-grid": SHORT.format(base=base, name="short-grid") + GRID}
    for name, text in texts.items():
        (d / f"{name}.yaml").write_text(text)
    return {run: run_engine(binary, d / f"{scen}.yaml", d / f"{run}.h5", "--seed", str(seed),
                            "--replicates", str(reps))
            for run, (scen, seed, reps) in SHORT_RUNS.items()}


@pytest.fixture(scope="session")
def results(engine_results) -> loading.ResultSet:
    """The engine results, loaded."""
    return loading.load(engine_results)


@pytest.fixture(scope="session")
def fake_dir(tmp_path_factory) -> Path:
    """A folder for generated files."""
    return tmp_path_factory.mktemp("fake")
