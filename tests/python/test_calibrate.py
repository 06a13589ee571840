"""The calibration package on its real inputs: the shipped calibration file, the engine's
``describe --json`` and a short run of the real engine with overrides written by the YAML library."""
from __future__ import annotations

import re
import subprocess

import yaml

from conftest import REPO, engine_binary_or_fail
from homecare_calibrate import __main__ as calibrate
from homecare_calibrate import engine
from homecare_calibrate.targets import TARGETS


def test_calibration_file_reads_and_rewrites_unchanged():
    """Reading the shipped file and writing it back (header kept) gives the same bytes."""
    text = calibrate.CALIBRATION.read_text()
    values = calibrate.current_values()
    # The value as the file's text writes it (read without the YAML library), whatever the last fit.
    written = float(re.search(r"^  base_quit_hazard: (\S+)$", text, re.M).group(1))
    assert values["workforce.base_quit_hazard"] == written
    assert all(isinstance(x, float) for x in values.values()) and "name" not in values
    header = [line[2:] if line.startswith("# ") else line[1:]
              for line in text.splitlines() if line.startswith("#")]
    assert calibrate.calibration_text(values, header) == text


def test_written_values_read_back_exactly(tmp_path):
    awkward = {"workforce.base_quit_hazard": 0.1 + 0.2, "complaints.per_late_visit": 6e-4,
               "demand.initial_users": 1800.0, "council.budget_2016": 1.5e7,
               "demand.tiny": 1.234567e-7, "demand.double_handed_growth": -0.0126874}
    path = tmp_path / "cal.yaml"
    calibrate.write_calibration(awkward, {}, rounds=2, replicates=3, path=path)
    text = path.read_text()
    assert text.startswith("# Calibrated parameters for Brent 2016/17")
    assert "# | C6 | care worker annual turnover |" in text
    assert yaml.safe_load(text)["name"] == calibrate.NAME
    back = calibrate.current_values(path)
    assert back == {k: round(v, 6) for k, v in awkward.items()}


def test_defaults_come_from_describe_json():
    """Every steering parameter's default, read from describe --json, is the one the text of
    ``homecare describe`` shows (read here a second way), inside its range."""
    binary = engine_binary_or_fail()
    table = engine.describe()
    defaults = calibrate.defaults()
    text = subprocess.run([str(binary), "describe"], check=True, capture_output=True,
                          text=True).stdout
    for t in TARGETS:
        if t.parameter:
            row = table[t.parameter]
            shown = re.search(rf"^{re.escape(t.parameter)}\n(?:\s+.*\n)*?\s+default: (\S+)", text,
                              re.M)
            assert shown and defaults[t.parameter] == float(shown.group(1)), t.parameter
            assert isinstance(defaults[t.parameter], float), t.parameter
            lo, hi = row.get("min"), row.get("max")
            assert (lo is None or lo <= defaults[t.parameter]) and \
                   (hi is None or defaults[t.parameter] <= hi), row
    assert table["run.start"]["default"] == "2016-04-01"
    assert "run.start" not in defaults, "only numeric defaults"


def test_overrides_reach_the_engine():
    """A short run with a low and a high quit hazard (written by yaml.safe_dump): the engine
    reads the override, so turnover follows it."""
    engine_binary_or_fail()
    short = {"run.policy_start": "2016-10-01", "commissioning.switch_date": "2016-10-01"}
    base = REPO / "scenarios" / "brent-baseline.yaml"
    text = engine.override_scenario(base, {**short, "workforce.base_quit_hazard": 0.1}, "2017-06-30")
    assert yaml.safe_load(text)["workforce"] == {"base_quit_hazard": 0.1}
    low = engine.run(base, {**short, "workforce.base_quit_hazard": 0.1}, 1, seed=1,
                     end="2017-06-30")
    high = engine.run(base, {**short, "workforce.base_quit_hazard": 0.5}, 1, seed=1,
                      end="2017-06-30")
    assert high["fy2016_turnover"][0] > low["fy2016_turnover"][0] + 0.1
