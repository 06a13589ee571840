"""The report package on results the real engine produced (see conftest.py for where from)."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from helpers import assert_opens_in_chromium, assert_real_png, visible_text
from homecare_report import loading
from homecare_report.plots import cost, fan, policy, sweep, ward_map
from homecare_report.plots.common import Chart, Skipped
from conftest import REPO

CONTRACT_MONTHLY = (
    "active_users", "waiting_users", "new_users", "reablement_users", "direct_payment_users",
    "care_workers", "leavers", "turnover_rate_12m", "vacancy_rate", "mean_hourly_wage",
    "share_paid_llw", "share_trained_l2", "hours_delivered", "hours_unmet", "travel_share",
    "late_visit_share", "missed_visit_share", "distinct_workers_per_user", "complaints_continuity",
    "complaints_lateness", "complaints_missed", "complaints_to_council", "providers_active",
    "provider_exits", "packages_handed_back", "mean_price_per_hour", "council_spend",
    "council_budget")
CONTRACT_SUMMARY = (
    "turnover_rate", "complaints_per_100_packages", "council_spend_total",
    "council_overspend_total", "late_visit_share", "distinct_workers_per_user",
    "hours_unmet_share", "provider_exits")


def test_files_follow_the_contract(results):
    for f in results.files:
        for attr in ("schema_version", "engine_version", "seed", "created_utc", "scenario_yaml",
                     "resolved_yaml"):
            assert attr in f.attrs, f"{f.path.name} lacks root attribute {attr}"
    for v in results.variants:
        assert v.months and all(len(m) == 7 and m[4] == "-" for m in v.months), v.key
        assert v.months == sorted(v.months)
        missing = [m for m in CONTRACT_MONTHLY if m not in v.monthly]
        assert not missing, f"{v.key} lacks monthly {missing}"
        missing = [m for m in CONTRACT_SUMMARY if m not in v.summary]
        assert not missing, f"{v.key} lacks summary {missing}"
        assert v.replicates >= 1
        for name, arr in v.monthly.items():
            assert arr.shape == (v.replicates, len(v.months)), (v.key, name, arr.shape)
    assert not results.notes, results.notes


def _plot_calls(results):
    """Every plot function with its arguments, and whether these results hold the data for it
    (an engine still missing contract metrics must get a note, not a crash, for the rest)."""
    from homecare_report import stats

    base, policies = results.baseline, results.policies

    def diff(key):
        return any(stats.difference(v, base, key) is not None for v in policies)

    def series(key, variants=None):
        return any(v.series(key) is not None for v in (variants or results.variants))

    calls = [(f"fan:{k}", lambda k=k: fan.fan_chart(results, k), series(k)) for k in fan.HEADLINE]
    calls += [(f"policy:{k}", lambda k=k: policy.difference_chart(results, k), diff(k))
              for k in policy.COMPARED + policy.TURNOVER_PARTS]
    calls += [("cost:budget", lambda: cost.budget_chart(results),
               any(v.series("council_spend") is not None and v.series("council_budget") is not None
                   for v in results.variants)),
              ("cost:extra", lambda: cost.extra_spend_chart(results),
               bool(policies) and series("council_spend", [base])
               and series("council_spend", policies)),
              ("cost:value", lambda: cost.value_chart(results),
               diff("council_spend_total") and (diff("turnover_rate") or diff("complaints"))),
              ("sweep", lambda: sweep.sweep_chart(results),
               any(all(stats.period_values(v, k) is not None
                       for g in sweep.sweep_groups(results).values() for _, v in g)
                   for k in sweep.RESPONSES) and bool(sweep.sweep_groups(results))),
              ("map", lambda: ward_map.patch_map(results), True)]
    return calls


def test_turnover_splits_into_provider_exits_and_the_rest(results, cli_report):
    # The two parts add up to turnover replicate by replicate; the exits' leavers are some of each
    # month's leavers; the report charts both parts beside turnover.
    for v in results.variants:
        whole = v.summary["turnover_rate"]
        parts = (v.summary["turnover_rate_excluding_provider_exits"]
                 + v.summary["turnover_rate_provider_exits"])
        np.testing.assert_allclose(parts, whole, rtol=1e-12, atol=1e-15, err_msg=v.key)
        assert (v.summary["turnover_rate_provider_exits"] >= 0).all()
        exits, leavers = v.monthly["leavers_provider_exit"], v.monthly["leavers"]
        assert (exits >= 0).all() and (exits <= leavers).all(), v.key
        assert (exits[v.monthly["provider_exits"] == 0] == 0).all(), v.key
    text = visible_text(cli_report.read_text(encoding="utf-8"))
    assert "turnover at providers that stay" in text.lower()
    assert "Turnover is the sum of two parts" in text


def test_each_plot_function_makes_an_image(results):
    made = 0
    for name, call, has_data in _plot_calls(results):
        item = call()
        if isinstance(item, Skipped):
            assert not has_data, f"{name} skipped although the data is there: {item.reason}"
            assert item.reason
            continue
        assert isinstance(item, Chart), name
        assert_real_png(item.png)
        assert item.title and any(ch.isdigit() for ch in item.title), (name, item.title)
        assert item.caption and item.alt, name
        made += 1
    assert made >= 2  # at least the turnover fan chart and the map


@pytest.fixture(scope="module")
def cli_report(engine_results, tmp_path_factory):
    """The report written once by the command line, for the page checks below."""
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    out = tmp_path_factory.mktemp("cli") / "report.html"
    proc = subprocess.run([sys.executable, "-m", "homecare_report", "report",
                           *map(str, engine_results), "-o", str(out)],
                          env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return out


def test_report_opens_in_chromium(results, cli_report, tmp_path):
    html = cli_report.read_text(encoding="utf-8")
    for f in results.files:
        assert f.attr("engine_version") in html
    assert "http://" not in html and "https://" not in html, "the report must work offline"
    assert_opens_in_chromium(cli_report, tmp_path)


def test_patch_sections_shown_when_a_variant_has_patches(results, cli_report):
    """The other side of the no-patches test (test_pairing_and_sensitivity.py): with the patch
    sweep among the runs, both patch sections are there, with charts rather than notes."""
    if not any(v.params.get("patches.count") for v in results.variants):
        pytest.skip("no patch sweep among these results")
    text = visible_text(cli_report.read_text(encoding="utf-8"))
    assert "Number of patches" in text and "Patches on the map" in text
    assert "not shown because" not in text.lower()
    patch_variants = [v for v in results.variants if "patches.count" in v.params]
    assert patch_variants and all(v in results.policies for v in patch_variants), \
        "a grid over a policy lever stays a set of policies"


def test_command_line_writes_the_report(engine_results, cli_report):
    assert cli_report.stat().st_size > 10_000
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    proc = subprocess.run([sys.executable, "-m", "homecare_report", "list",
                           *map(str, engine_results)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0 and "(baseline)" in proc.stdout, proc.stderr


def test_policies_pair_with_the_baseline(results):
    if len(results.variants) < 2:
        pytest.skip("only one variant in these results")
    from homecare_report import stats
    for v in results.policies:
        d = stats.difference(v, results.baseline, "turnover_rate")
        assert d is not None
        assert d.paired, f"{v.key} should share the baseline's seed (run with --seed 1)"
        assert d.samples.shape == (min(v.replicates, results.baseline.replicates),)
        assert np.all(np.isfinite(d.samples))


def test_baseline_is_the_baseline_scenario(results):
    assert "baseline" in (results.baseline.name + results.baseline.source.scenario_name).lower()
    assert results.variants[0] is results.baseline
    assert loading.choose_baseline(results.variants, results.baseline.key) is results.baseline


def test_the_place_comes_from_the_results_file(results, cli_report):
    """The engine's files are of schema 3: their /borough is the pack ``describe --json`` names
    (same pack hash), with every ward's boundary; the page's wording takes the borough's name
    from there, and the calibration year's metrics are read once, as calibration_*."""
    import json

    from conftest import engine_binary_or_fail
    binary = engine_binary_or_fail()
    pack = json.loads(subprocess.run([str(binary), "describe", "--json"], check=True,
                                     capture_output=True, text=True).stdout)["pack"]
    for f in results.files:
        b = f.borough
        assert f.schema >= 3 and not b.legacy, f.path
        assert (b.name, b.display_name, b.pack_hash) == (pack["name"], pack["display_name"],
                                                          pack["pack_hash"])
        assert [w.code for w in b.wards] == [w["code"] for w in pack["wards"]]
        assert b.has_boundaries and b.bounding_box and b.pop65_label
    for v in results.variants:
        assert "calibration_turnover" in v.summary and not any(
            k.startswith("fy2016_") for k in v.summary), v.key
    html = cli_report.read_text(encoding="utf-8")
    assert f"Home care in {pack['display_name']}: what the simulations show" in html
