"""The calibration package on its real inputs: the shipped calibration file, the pack's targets and
the engine's defaults from ``homecare describe --pack P --json``, and short runs of the real engine
with overrides written by the YAML library."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import REPO, engine_binary_or_fail
from homecare_calibrate import __main__ as calibrate
from homecare_calibrate import engine, targets

BRENT = REPO / "boroughs" / "brent"


@pytest.fixture(scope="module")
def brent():
    """The calibration of the engine's default pack (Brent), as the commands set it up."""
    engine_binary_or_fail()
    return calibrate.setup()


def _steering(row: dict):
    steers = row.get("steers") or {}
    return steers.get("parameter"), steers.get("mode", "ratio"), float(steers.get("gain", 0.8))


def test_targets_are_the_packs_read_through_describe_json(brent):
    """Every target comes from ``describe --json``'s pack object and agrees, field by field, with
    the pack's targets.yaml read here with the YAML library; the package has no list of its own."""
    assert not hasattr(targets, "TARGETS"), "no hand-written list of targets"
    doc = engine.describe_json()
    assert doc["pack"]["name"] == "brent" and brent.pack["name"] == "brent"
    rows = yaml.safe_load((BRENT / "targets.yaml").read_text())["targets"]
    assert [t.row for t in brent.targets] == [r["id"] for r in rows]
    for t, r in zip(brent.targets, rows):
        assert (t.quantity, t.metric, t.target) == (r["quantity"], r["metric"], float(r["value"]))
        assert (t.low, t.high) == tuple(float(x) for x in r["tolerance"])
        parameter, mode, gain = _steering(r)
        assert t.parameter == parameter and (not parameter or (t.mode, t.gain) == (mode, gain))
        assert t.source == r["source"] and t.tag == r["tag"]
    assert all(not t.metric.startswith("fy2016_") for t in brent.targets)
    assert {t.metric for t in brent.targets} >= {"calibration_active_users", "calibration_turnover"}
    assert brent.period == "2016/17" and brent.end == "2019-04-30"
    assert brent.calibration == REPO / "scenarios" / "calibration" / "brent-2016.yaml"
    assert brent.baseline == REPO / "scenarios" / "brent-baseline.yaml"
    assert brent.name == "brent-2016-calibration"


def test_another_pack_brings_its_own_targets(tmp_path):
    """A copy of the pack with a changed target, named by --pack DIR: the calibration uses the
    copy's targets (so they are read from the engine, not from the package)."""
    engine_binary_or_fail()
    shutil.copytree(BRENT, tmp_path / "testshire")
    shutil.copytree(REPO / "boroughs" / "tables", tmp_path / "tables")
    pack = tmp_path / "testshire" / "pack.yaml"
    pack.write_text(pack.read_text().replace("name: brent", "name: testshire", 1)
                    .replace("display_name: Brent", "display_name: Testshire", 1))
    tfile = tmp_path / "testshire" / "targets.yaml"
    tfile.write_text(tfile.read_text().replace("    value: 1800\n    tolerance: [1674, 1926]",
                                               "    value: 1900\n    tolerance: [1700, 2100]"))
    s = calibrate.setup(str(tmp_path / "testshire"),
                        baseline=REPO / "scenarios" / "brent-baseline.yaml",
                        calibration=REPO / "scenarios" / "calibration" / "brent-2016.yaml")
    c1 = s.targets[0]
    assert s.pack["name"] == "testshire" and (c1.target, c1.low, c1.high) == (1900, 1700, 2100)
    assert s.borough == str(tmp_path / "testshire")
    header = calibrate.header_lines(s, {}, 1, 2)
    assert header[0].startswith("Calibrated parameters for Testshire 2016/17")
    assert "--pack" in header[1]
    text = engine.override_scenario(s.baseline, {"workforce.base_quit_hazard": 0.2}, s.end, s.borough)
    assert yaml.safe_load(text)["borough"] == str(tmp_path / "testshire")
    with pytest.raises(FileNotFoundError, match="testshire-baseline.yaml"):
        calibrate.setup(str(tmp_path / "testshire"))


def test_calibration_file_reads_and_rewrites_unchanged(brent):
    """Reading the shipped file and writing it back (header kept) gives the same bytes."""
    text = brent.calibration.read_text()
    values = calibrate.current_values(brent.calibration)
    # The value as the file's text writes it (read without the YAML library), whatever the last fit.
    written = float(re.search(r"^  base_quit_hazard: (\S+)$", text, re.M).group(1))
    assert values["workforce.base_quit_hazard"] == written
    assert all(isinstance(x, float) for x in values.values()) and "name" not in values
    steered = {t.parameter for t in brent.targets if t.parameter}
    assert steered <= set(values), "the file sets every steering parameter, by its current name"
    header = [line[2:] if line.startswith("# ") else line[1:]
              for line in text.splitlines() if line.startswith("#")]
    assert calibrate.calibration_text(values, header, brent.name) == text


def test_written_values_read_back_exactly(brent, tmp_path):
    awkward = {"workforce.base_quit_hazard": 0.1 + 0.2, "complaints.per_late_visit": 6e-4,
               "demand.initial_users": 1800.0, "council.budget_2016": 1.5e7,
               "demand.tiny": 1.234567e-7, "demand.double_handed_growth": -0.0126874}
    path = tmp_path / "cal.yaml"
    calibrate.write_calibration(brent, awkward, {}, rounds=2, replicates=3, path=path)
    text = path.read_text()
    assert text.startswith("# Calibrated parameters for Brent 2016/17 (boroughs/brent/targets.yaml C1-C14)")
    assert "# | C6 | care worker annual turnover |" in text
    assert yaml.safe_load(text)["name"] == brent.name
    back = calibrate.current_values(path)
    assert back == {k: round(v, 6) for k, v in awkward.items()}


def test_defaults_come_from_describe_json(brent):
    """Every steering parameter's default, read from describe --json, is the one the text of
    ``homecare describe`` shows (read here a second way), inside its range."""
    binary = engine_binary_or_fail()
    table = engine.describe()
    defaults = calibrate.defaults()
    text = subprocess.run([str(binary), "describe"], check=True, capture_output=True,
                          text=True).stdout
    for t in brent.targets:
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
    assert defaults["council.budget_2016"] == 15e6, "the pack's defaults are the defaults"


def test_docs_agree_with_the_calibration_file():
    """``python3 -m homecare_calibrate docs --check`` (the ctest calibration_docs) passes."""
    engine_binary_or_fail()
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    proc = subprocess.run([sys.executable, "-m", "homecare_calibrate", "docs", "--check"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bad = subprocess.run([sys.executable, "-m", "homecare_calibrate", "check", "--pack",
                          "no-such-pack"], env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "no-such-pack" in bad.stderr


def test_overrides_reach_the_engine(brent):
    """A short run with a low and a high quit hazard (written by yaml.safe_dump): the engine
    reads the override, so turnover follows it; the calibration year's metrics are read as
    calibration_* (the old fy2016_* links are not read twice)."""
    short = {"run.policy_start": "2016-10-01", "commissioning.switch_date": "2016-10-01"}
    base = brent.baseline
    text = engine.override_scenario(base, {**short, "workforce.base_quit_hazard": 0.1}, "2017-06-30")
    assert yaml.safe_load(text)["workforce"] == {"base_quit_hazard": 0.1}
    low = engine.run(base, {**short, "workforce.base_quit_hazard": 0.1}, 1, seed=1,
                     end="2017-06-30", borough=brent.borough)
    high = engine.run(base, {**short, "workforce.base_quit_hazard": 0.5}, 1, seed=1,
                      end="2017-06-30", borough=brent.borough)
    assert high["calibration_turnover"][0] > low["calibration_turnover"][0] + 0.1
    assert not any(k.startswith("fy2016_") for k in high)
    assert {t.metric for t in brent.targets if t.metric.startswith("calibration_")} <= set(high)


# --- Ealing (issue 17): a second pack, a target in a month, a known gap ---------------------------

@pytest.fixture(scope="module")
def ealing():
    """The calibration of the Ealing pack, as ``--pack ealing`` sets it up."""
    engine_binary_or_fail()
    return calibrate.setup("ealing")


def test_ealing_calibration_is_set_up_from_its_pack(ealing):
    """Ealing's targets E1-E6 and G1 come from its pack: E1 steers take-up, E5 the starting users,
    G1 the referral rate; E2 is a count in March 2023 read from a monthly series, E4 a known gap
    that steers nothing; the runs reach March 2023 and the baseline extends Ealing's calibration
    file."""
    by_id = {t.row: t for t in ealing.targets}
    assert sorted(by_id) == ["E1", "E2", "E3", "E4", "E5", "E6", "G1"]
    assert by_id["E1"].parameter == "direct_payments.takeup"
    assert by_id["E5"].parameter == "demand.initial_users"
    assert (by_id["G1"].parameter, by_id["G1"].mode) == ("demand.referrals_per_1000_65plus", "inflow")
    assert {t.row for t in ealing.targets if t.parameter} == {"E1", "E5", "G1"}
    assert (by_id["E2"].metric, by_id["E2"].month, by_id["E2"].parameter) == ("direct_payment_adults", "2023-03", None)
    assert by_id["E2"].key == "direct_payment_adults@2023-03"
    assert by_id["E4"].known_gap and by_id["E4"].parameter is None
    assert not any(t.known_gap for t in ealing.targets if t.row != "E4")
    assert ealing.period == "2021/22" and ealing.end == "2024-04-30"
    assert ealing.monthly == (("direct_payment_adults", "2023-03"),)
    assert ealing.calibration == REPO / "scenarios" / "calibration" / "ealing-2021.yaml"
    base = yaml.safe_load(ealing.baseline.read_text())
    assert base["extends"] == "calibration/ealing-2021.yaml" and base["borough"] == "ealing"
    assert calibrate.month_end("2024-02") == "2024-02-29" and calibrate.month_end("2023-12") == "2023-12-31"


def test_a_month_target_reads_that_month_of_the_series(ealing, tmp_path):
    """``engine.run`` with a monthly target returns the replicates' mean of that month of the
    series, as the results file holds it (a run of the same scenario and seed read here), and
    refuses a month the runs do not reach."""
    end = "2021-08-31"
    short = {"run.start": "2021-04-01", "run.policy_start": "2021-07-01",
             "commissioning.switch_date": "2021-07-01"}
    got = engine.run(ealing.baseline, short, 2, seed=3, end=end, borough=ealing.borough,
                     monthly=(("direct_payment_adults", "2021-06"), ("direct_payment_users", "2021-04")))
    scen = tmp_path / "same.yaml"
    scen.write_text(engine.override_scenario(ealing.baseline, short, end, ealing.borough))
    out = tmp_path / "same.h5"
    subprocess.run([str(engine.binary()), "run", str(scen), "--replicates", "2", "--seed", "3",
                    "--out", str(out), "--quiet"], check=True)
    import h5py
    with h5py.File(out, "r") as f:
        g = f["variants/calibrate"]
        months = [m.decode() for m in g["months"][()]]
        adults = g["monthly/direct_payment_adults"][:, months.index("2021-06")]
        users = g["monthly/direct_payment_users"][:, months.index("2021-04")]
    assert got["direct_payment_adults@2021-06"][0] == pytest.approx(adults.mean(), rel=1e-12)
    assert got["direct_payment_users@2021-04"][0] == pytest.approx(users.mean(), rel=1e-12)
    assert adults.mean() > users.mean() > 100, "adults are users over the home care share (0.7)"
    with pytest.raises(ValueError, match=r"2021-04 to 2021-08, not 2023-03"):
        engine.run(ealing.baseline, short, 1, seed=3, end=end, borough=ealing.borough,
                   monthly=(("direct_payment_adults", "2023-03"),))


def test_a_known_gap_is_reported_and_does_not_fail_the_check():
    """A row with a known gap outside its band reads "no (known gap)" and leaves the check
    passing; any other row outside its band fails it."""
    gap = targets.Target("X1", "a figure the model cannot reach", "m1", 10, 9, 11, known_gap="why")
    plain = targets.Target("X2", "a figure it must reach", "m2", 10, 9, 11)
    text, ok = calibrate.table({"m1": (20.0, 0.1), "m2": (10.0, 0.1)}, [gap, plain])
    assert ok and "| no (known gap) |" in text and "| yes |" in text
    text, ok = calibrate.table({"m1": (20.0, 0.1), "m2": (20.0, 0.1)}, [gap, plain])
    assert not ok and "| NO |" in text


def test_dp_growth_compares_with_the_calibrated_takeup():
    """ealing-dp-growth.yaml's unchanged arm is the take-up the calibration file sets (the
    baseline's, before and after the switch): re-fit, and the sweep must follow."""
    cal = yaml.safe_load((REPO / "scenarios" / "calibration" / "ealing-2021.yaml").read_text())
    grid = yaml.safe_load((REPO / "scenarios" / "ealing-dp-growth.yaml").read_text())["sweep"]["grid"]
    assert min(grid["direct_payments.policy_takeup"]) == cal["direct_payments"]["takeup"]


def test_each_pack_rewrites_only_its_own_doc_blocks():
    """Brent's blocks are unqualified, another pack's name it; rendering one pack's blocks leaves
    the other's text as it was."""
    from homecare_calibrate import docs
    text = ("<!-- generated: fit-achieved -->\nold brent\n<!-- end generated -->\n"
            "<!-- generated: fit-achieved ealing -->\nold ealing\n<!-- end generated -->\n")
    brent = docs.render(text, {"fit-achieved": "new\n"})
    assert "new\n<!-- end generated -->\n<!-- generated: fit-achieved ealing -->\nold ealing" in brent
    ealing = docs.render(text, {"fit-achieved": "new\n"}, "ealing")
    assert ealing.startswith("<!-- generated: fit-achieved -->\nold brent\n") and ealing.endswith("ealing -->\nnew\n<!-- end generated -->\n")


def test_the_inflow_step_raises_an_inflow_by_the_growth_it_lacks():
    """``inflow``: x × (1 + target − model)^gain; a growth short of its target raises the inflow,
    one beyond it lowers it, and a wild value cannot halve it more than once a round."""
    t = targets.Target("G1", "growth", "calibration_user_growth", 0.03, 0.015, 0.05,
                       "demand.referrals_per_1000_65plus", "inflow", 2.0)
    assert calibrate.step(t, 10.0, 0.01, {}, [t]) == pytest.approx(10.0 * 1.02 ** 2)
    assert calibrate.step(t, 10.0, 0.05, {}, [t]) == pytest.approx(10.0 * 0.98 ** 2)
    assert calibrate.step(t, 10.0, 0.03, {}, [t]) == pytest.approx(10.0)
    assert calibrate.step(t, 10.0, 5.0, {}, [t]) == pytest.approx(10.0 * 0.5 ** 2)
