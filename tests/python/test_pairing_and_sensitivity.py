"""Pairing, sensitivity designs and left-out sections, on short runs of the real engine.

The runs (``short_runs`` in conftest.py) extend the Brent baseline to June 2017 with the policy
period from October 2016: a baseline and an LLW policy with seeds 1, 2 and 7 and 2 to 4
replicates, and a 3-point Latin hypercube over two workforce assumptions (seed 1, 2 replicates).
Each case of python/README.md's pairing rule has a test here:

(a) policy and baseline from runs with the same seed: paired, and the page says so;
(b) different seeds: compared as distributions, and the page never says "same simulated events";
(c) a Latin hypercube beside a baseline of another seed: a sensitivity section, no policies;
(d) no variant with patches: no patch sections;
(e) a file of schema 1 (schema 2's additions deleted) still loads, from ``resolved_yaml``.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil

import h5py
import numpy as np
import pytest

from helpers import (OLD_PARAMETER_NAMES, assert_opens_in_chromium, downgrade_to_schema1,
                     visible_text)
from homecare_report import loading, pairing, report, stats
from homecare_report.plots import sensitivity

SAME_EVENTS = "same simulated events"
#: Words that claim a comparison was made pair by pair on shared random numbers.
PAIRED_CLAIMS = (SAME_EVENTS, "shares its random numbers", "common random numbers",
                 "replicate 1 with replicate 1", "replicate pairs", "pair of replicates",
                 "pairs of replicates")
#: Sentences about a policy's effect (wording.describe_change) in the text of a page.
EFFECT = re.compile(r"[^.]*?(?:makes no clear difference to|leaves [a-z ]+ unchanged|"
                    r"\b(?:cuts|raises) [a-z ]+ by|costs the council|saves the council)[^)]*\)")


def _raw(path, metric="turnover_rate"):
    """One summary metric of a file's only variant, straight from HDF5."""
    with h5py.File(path, "r") as f:
        (name,) = list(f["variants"])
        return f[f"variants/{name}/summary/{metric}"][()]


def _page(results, tmp_path, name):
    """Write the report; return its path and what a reader sees."""
    out = report.write(results, tmp_path / f"{name}.html")
    return out, visible_text(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def paired_page(short_runs, tmp_path_factory):
    r = loading.load([short_runs["base-s1"], short_runs["policy-s1"]])
    return r, *_page(r, tmp_path_factory.mktemp("paired"), "paired")


@pytest.fixture(scope="module")
def unpaired_page(short_runs, tmp_path_factory):
    r = loading.load([short_runs["base-s1"], short_runs["policy-s2"]])
    return r, *_page(r, tmp_path_factory.mktemp("unpaired"), "unpaired")


@pytest.fixture(scope="module")
def lhs_page(short_runs, tmp_path_factory):
    r = loading.load([short_runs["lhs-s1"], short_runs["base-s7-r4"]])
    return r, *_page(r, tmp_path_factory.mktemp("lhs"), "lhs")


# (a) ---------------------------------------------------------------------------------------------

def test_same_seed_pairs_replicate_by_replicate(short_runs, paired_page):
    r, _, text = paired_page
    (policy,) = r.policies
    assert r.baseline.source.path == short_runs["base-s1"]
    p = pairing.pairing(policy, r.baseline)
    assert p.paired and p.n == 2 and not p.truncated, p
    d = stats.difference(policy, r.baseline, "turnover_rate")
    expected = _raw(short_runs["policy-s1"]) - _raw(short_runs["base-s1"])
    assert np.allclose(d.samples, expected), "paired differences are replicate i minus replicate i"
    assert SAME_EVENTS in text
    assert "separate runs" not in text and "as distributions" not in text
    effects = EFFECT.findall(text)
    assert effects, "the page states policy effects"
    assert all(SAME_EVENTS in e for e in effects), [e for e in effects if SAME_EVENTS not in e]


def test_common_replicates_pair_when_counts_differ(short_runs):
    r = loading.load([short_runs["base-s1"], short_runs["policy-s1-r3"]])
    (policy,) = r.policies
    p = pairing.pairing(policy, r.baseline)
    assert p.paired and p.truncated and (p.n_a, p.n_b, p.n) == (3, 2, 2)
    d = stats.difference(policy, r.baseline, "turnover_rate")
    assert np.allclose(d.samples, _raw(short_runs["policy-s1-r3"])[:2] - _raw(short_runs["base-s1"]))
    words = " ".join(pairing.summary_words([(policy.label, p)]))
    assert "common replicates 1 to 2" in words and "3 and 2" in words
    assert "replicates 1 to 2 of each run" in p.basis()


# (b) ---------------------------------------------------------------------------------------------

def test_different_seeds_compare_distributions(short_runs, unpaired_page):
    r, _, text = unpaired_page
    (policy,) = r.policies
    p = pairing.pairing(policy, r.baseline)
    assert not p.paired and "different seeds, 2 and 1" in p.why
    a, b = _raw(short_runs["policy-s2"]), _raw(short_runs["base-s1"])
    d = stats.difference(policy, r.baseline, "turnover_rate")
    assert d.samples.shape == (len(a) * len(b),), "every replicate against every one"
    assert d.estimate.median == pytest.approx(np.median(a) - np.median(b))
    claims = [c for c in PAIRED_CLAIMS if c in text]
    assert not claims, f"an unpaired comparison must not claim pairing: {claims}"
    assert "compared as distributions" in text or "compares distributions" in text
    effects = EFFECT.findall(text)
    assert effects, "the page states policy effects"
    bad = [e for e in effects if "separate runs" not in e and "distributions" not in e]
    assert not bad, f"effect sentences that do not say what they rest on: {bad}"


def test_unpaired_estimate_is_the_difference_of_medians(short_runs):
    """2 replicates against 4 of another seed: the samples are the 8 all-pairs gaps, the interval
    their 5th to 95th percentile, the centre median minus median (on these runs it may equal the
    median of the gaps; test_units.py::test_stats tells the two apart)."""
    r = loading.load([short_runs["base-s7-r4"], short_runs["policy-s2"]])
    d = stats.difference(r.policies[0], r.baseline, "complaints_per_100_packages")
    a = _raw(short_runs["policy-s2"], "complaints_per_100_packages")
    b = _raw(short_runs["base-s7-r4"], "complaints_per_100_packages")
    gaps = (a[:, None] - b[None, :]).ravel()
    assert not d.paired and sorted(d.samples) == pytest.approx(sorted(gaps))
    assert d.estimate.median == pytest.approx(np.median(a) - np.median(b))
    assert (d.estimate.low, d.estimate.high) == pytest.approx(tuple(np.percentile(gaps, [5, 95])))


def test_a_different_random_scheme_or_build_does_not_pair(short_runs, tmp_path):
    """Same seed, but the runs say they draw differently: not paired. Schema 2 compares
    ``random_scheme`` and the build (``engine_version``); schema 1 files the build alone."""
    base, pol = short_runs["base-s1"], tmp_path / "policy.h5"
    shutil.copyfile(short_runs["policy-s1"], pol)
    with h5py.File(pol, "r+") as f:
        f.attrs["random_scheme"] = "another-scheme"
    with h5py.File(base, "r") as f:
        base_scheme = f.attrs.get("random_scheme")
    r = loading.load([base, pol])
    p = pairing.pairing(r.policies[0], r.baseline)
    if base_scheme is None:  # an engine of schema 1: one file has a scheme, one has not
        assert p.paired, "without a scheme on both sides the same engine build stands in"
    else:
        assert not p.paired and "draw random numbers differently" in p.why
    # The same scheme from another build: its model may have changed, so no pairing either.
    other = tmp_path / "other-build.h5"
    shutil.copyfile(short_runs["policy-s1"], other)
    with h5py.File(other, "r+") as f:
        f.attrs["engine_version"] = "0.0.1 (another build)"
    p = pairing.pairing(loading.load([base, other]).policies[0], loading.load([base, other]).baseline)
    assert not p.paired and "different engine builds" in p.why
    old_base = downgrade_to_schema1(base, tmp_path / "base1.h5")
    old_pol = downgrade_to_schema1(short_runs["policy-s1"], tmp_path / "pol1.h5")
    assert pairing.pairing(*reversed(loading.load([old_base, old_pol]).variants)).paired
    with h5py.File(old_pol, "r+") as f:
        f.attrs["engine_version"] = "0.0.1 (another build)"
    r = loading.load([old_base, old_pol])
    p = pairing.pairing(r.policies[0], r.baseline)
    assert not p.paired and "different engine builds" in p.why


# (c) ---------------------------------------------------------------------------------------------

def test_latin_hypercube_is_a_sensitivity_section(short_runs, lhs_page, tmp_path):
    r, page, text = lhs_page
    assert r.baseline.source.path == short_runs["base-s7-r4"]
    assert [v.name for v in r.sensitivity] == ["lhs-1", "lhs-2", "lhs-3"]
    assert r.policies == [], "design points are not policies"
    assert "Sensitivity to assumptions" in text
    assert "not choices the council can make" in text
    assert "Design point 1" in text
    assert not re.search(r"\bLhs\b", text), "no 'Lhs 1-3' policies"
    for gone in ("Policies against the baseline", "no clear difference", SAME_EVENTS,
                 "Extra spend", "Cost per improvement"):
        assert gone not in text, gone
    findings = text.split("Main findings", 1)[1].split("Summary table", 1)[0]
    assert "sensitivity analysis, not policies" in findings
    assert not EFFECT.findall(findings), "no policy effects among the findings"
    long_numbers = re.findall(r"\d+\.\d{5,}", text)
    assert not long_numbers, f"values not rounded for reading: {long_numbers[:5]}"
    with h5py.File(short_runs["lhs-s1"], "r") as f:
        raw = float(f["variants/lhs-1"].attrs["workforce.base_quit_hazard"])
    assert f"Base quit hazard: {raw:.3g}" in text or f"{raw:.3g}" in text
    assert_opens_in_chromium(page, tmp_path)


def test_sensitivity_table_measures_the_links(short_runs):
    """The rank correlations are computed from the replicates: the quit hazard must move turnover
    up across the design (it is the model's base rate of leaving)."""
    r = loading.load([short_runs["lhs-s1"], short_runs["base-s7-r4"]])
    ((f, points, keys),) = sensitivity.designs(r)
    assert keys == ["workforce.base_quit_hazard", "workforce.wage_elasticity"]
    x = np.concatenate([np.full(v.replicates, sensitivity.value_of(v, keys[0])) for v in points])
    y = np.concatenate([v.summary["turnover_rate"] for v in points])
    rho = stats.rank_correlation(x, y)
    assert rho > 0.5, rho
    items = sensitivity.build(r)
    block = next(i for i in items if i.id.endswith("-links"))
    row = next(row for row in block.table.rows if row[0].startswith("Care worker turnover"))
    assert row[2].startswith(f"+{rho:.2f}"), row


def test_grid_over_an_assumption_is_sensitivity_too(short_runs):
    """A grid, not a Latin hypercube, over a parameter of kind ``assumption``: still not a policy
    (a grid over a policy lever, the patch sweep, stays policies: test_engine_results.py)."""
    r = loading.load([short_runs["base-s1"], short_runs["grid-s1"]])
    f = next(f for f in r.files if f.path == short_runs["grid-s1"])
    if not f.param_table:
        pytest.skip("this engine writes no parameter kinds (schema 1)")
    assert f.sweep == "grid" and f.param_table["workforce.wage_elasticity"].kind == "assumption"
    assert len(r.sensitivity) == 2 and r.policies == []
    assert sorted(v.label for v in r.sensitivity) == ["Wage elasticity 0.5", "Wage elasticity 1.5"]
    ((_, points, keys),) = sensitivity.designs(r)
    assert keys == ["workforce.wage_elasticity"]


# (d) ---------------------------------------------------------------------------------------------

def test_sections_with_nothing_to_show_are_left_out(paired_page):
    r, page, text = paired_page
    html = page.read_text(encoding="utf-8")
    assert not any(v.ward_patch is not None for v in r.variants)
    for gone in ("Number of patches", "Patches on the map", "Sensitivity to assumptions",
                 "not shown because"):
        assert gone not in text, gone
        assert gone not in html, f"{gone} left in the contents or an anchor"
    assert "Policies against the baseline" in text


# (e) ---------------------------------------------------------------------------------------------

def test_schema1_file_loads_from_resolved_yaml(short_runs, tmp_path):
    old = downgrade_to_schema1(short_runs["lhs-s1"], tmp_path / "lhs-schema1.h5")
    r = loading.load([old, short_runs["base-s7-r4"]])
    assert not r.notes, r.notes
    f = next(f for f in r.files if f.path == old)
    assert f.schema == 1 and not f.param_table and f.sweep == "latin_hypercube"
    assert [v.name for v in r.sensitivity] == ["lhs-1", "lhs-2", "lhs-3"] and not r.policies
    v = r.sensitivity[0]
    assert v.parameters["run.end"] == dt.date(2017, 6, 30)
    assert v.parameters["run.policy_start"] == dt.date(2016, 10, 1)
    assert f.policy_start == "2016-10"
    assert isinstance(v.parameters["complaints.per_late_visit"], float), "6e-04 is a number"
    assert v.parameters["wages.llw_phasing"] == [] and v.parameters["patches.wards"] == {}
    assert v.parameters["workforce.base_quit_hazard"] == v.params["workforce.base_quit_hazard"]
    assert v.parameters["workforce.base_quit_hazard"] != f.parameters["workforce.base_quit_hazard"]
    items = sensitivity.build(r)
    assert [i.id for i in items] == ["sensitivity-lhs-schema1", "sensitivity-lhs-schema1-links"]


def test_typed_parameters_match_resolved_yaml(short_runs, tmp_path):
    """Where the engine writes typed parameters (schema 2), they hold the same settings as
    ``resolved_yaml`` read with the library (overrides aside)."""
    path = short_runs["policy-s1"]
    with h5py.File(path, "r") as f:
        schema = int(f.attrs["schema_version"])
    if schema < 2:
        pytest.skip("this engine writes schema 1 (no typed parameters yet)")
    typed = loading.load([path]).variants[0].parameters
    from_yaml = loading.load([downgrade_to_schema1(path, tmp_path / "p1.h5")]).variants[0].parameters
    # The copy is as an engine of schema 1 wrote it, with the parameters' old names.
    new_name = {old: new for new, old in OLD_PARAMETER_NAMES.items()}
    from_yaml = {new_name.get(k, k): v for k, v in from_yaml.items()}
    assert typed.keys() == from_yaml.keys()
    differ = {k: (typed[k], from_yaml[k]) for k in typed if typed[k] != from_yaml[k]}
    # The engine's resolved_yaml keeps the scenario's run.replicates (50) where the typed form
    # has the count --replicates asked for; the report reads the count from the data instead.
    differ.pop("run.replicates", None)
    assert not differ, differ
    assert typed["wages.llw_phasing"] == [{"from": dt.date(2016, 10, 1), "share": 1.0}]


def test_unreadable_yaml_gives_a_note_not_a_crash(short_runs, tmp_path):
    old = downgrade_to_schema1(short_runs["base-s1"], tmp_path / "broken.h5")
    with h5py.File(old, "r+") as f:
        f.attrs["resolved_yaml"] = "run: [unclosed\n  start: {"
    r = loading.load([old])
    assert any("resolved_yaml does not parse" in n for n in r.notes), r.notes
    assert r.baseline.parameters == {} and r.files[0].policy_start == "2018-10"
    assert "does not list its resolved settings" in report._assumptions_html(r)


def test_headline_table_pairs_years_and_refuses_unpaired_runs(short_runs, tmp_path):
    """The headline tables (issue 14): a paired LLW policy costs more each year it is in force,
    the cells are the paired differences, and a run with another seed is refused (exit 2)."""
    from homecare_report import cli, headline
    results = loading.load([short_runs["base-s1"], short_runs["policy-s1"]])
    years, rows = headline.rows(results)
    assert years == ["2016/17", "2017/18"]
    assert len(rows) == 1 and rows[0].pairs == 2
    # The LLW from October 2016, funded through the price: dearer in both years.
    assert all(low > 0 for _, low, _ in rows[0].cost)
    base, pol = results.baseline, results.policies[0]
    _, bc = headline.yearly(base, "council_spend")
    _, pc = headline.yearly(pol, "council_spend")
    assert rows[0].cost[0][0] == pytest.approx(float(np.median(pc[:, 0] - bc[:, 0])))
    out = tmp_path / "headline.md"
    assert cli.main(["headline", str(short_runs["base-s1"]), str(short_runs["policy-s1"]),
                     "--from", "2017/18", "-o", str(out)]) == 0
    text = out.read_text()
    assert "| policy (replicate pairs) | 2017/18 |" in text and "2016/17" not in text
    assert cli.main(["headline", str(short_runs["base-s1"]), str(short_runs["policy-s2"])]) == 2
