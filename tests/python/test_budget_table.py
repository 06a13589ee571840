"""Spend by category against the budget (issue 16 point 7), on short runs of the real engine.

The table's numbers must be the means of the engine's yearly datasets, its categories must add up
to all council spend, and its headroom must be the budget minus the spend charged to it; a file
written before issue 16 (the datasets deleted from a copy) gets a note, not a crash.
"""
from __future__ import annotations

import shutil

import h5py
import numpy as np
import pytest

from homecare_report import budget, cli, loading, report
from homecare_report.plots import cost
from homecare_report.plots.common import Skipped, TableBlock
from homecare_report.wording import fmt_value


def _yearly(path, variant=None):
    with h5py.File(path, "r") as f:
        name = variant or next(iter(f["variants"]))
        g = f["variants"][name]
        return {k: np.asarray(g["yearly"][k][()], float) for k in g["yearly"]}


def test_cells_are_the_means_of_the_yearly_datasets(short_runs):
    results = loading.load([short_runs["base-s1"]])
    s = budget.statement(results.baseline)
    raw = _yearly(short_runs["base-s1"])
    assert s is not None and s.years == ["2016/17", "2017/18"] and s.months == [12, 3]
    assert s.replicates == raw["council_spend"].shape[0] == 2
    for key in budget.KEYS:
        means = raw[key].mean(axis=0)
        got = np.array([c.mean for c in s.cells[key]])
        np.testing.assert_allclose(got, means, rtol=1e-12, atol=1e-9, err_msg=key)
        lo, hi = np.percentile(raw[key], [5, 95], axis=0)
        np.testing.assert_allclose([c.low for c in s.cells[key]], lo, atol=1e-9)
        np.testing.assert_allclose([c.high for c in s.cells[key]], hi, atol=1e-9)
    # The text shown is the mean, formatted as the rest of the report formats money.
    header, rows = budget.rows(s)
    assert header[1:] == ["2016/17", "2017/18 (3 months)"]
    total = rows[[k for k, _, _ in budget.LINES].index("council_spend")]
    assert total[1].split("\n")[0] == fmt_value("council_spend", raw["council_spend"][:, 0].mean())


def test_categories_add_up_and_headroom_is_budget_minus_spend(short_runs):
    raw = _yearly(short_runs["base-s1"])
    s = budget.statement(loading.load([short_runs["base-s1"]]).baseline)
    scale = np.abs(raw["council_spend"]).max()
    # The engine's datasets (per replicate and year) ...
    parts = sum(raw[k] for k in budget.CATEGORIES)
    np.testing.assert_allclose(parts, raw["council_spend"], atol=1e-6 * scale)
    np.testing.assert_allclose(raw["council_headroom"],
                               raw["council_budget"] - raw["spend_against_budget"], atol=1e-6 * scale)
    np.testing.assert_allclose(raw["spend_against_budget"],
                               raw["council_spend"] - raw["spend_residential_unmet"], atol=1e-6 * scale)
    assert (raw["spend_double_handed"] <= raw["spend_long_term"] + 1e-6).all()
    # ... and the table's means, which add up because they are means.
    mean = {k: np.array([c.mean for c in s.cells[k]]) for k in budget.KEYS}
    np.testing.assert_allclose(sum(mean[k] for k in budget.CATEGORIES), mean["council_spend"],
                               atol=1e-6 * scale)
    charged = [k for k, _, role in budget.LINES if role == "charged"]
    np.testing.assert_allclose(sum(mean[k] for k in charged), mean["spend_against_budget"],
                               atol=1e-6 * scale)
    np.testing.assert_allclose(mean["council_headroom"],
                               mean["council_budget"] - mean["spend_against_budget"],
                               atol=1e-6 * scale)
    assert mean["council_spend"].min() > 0 and mean["council_budget"].min() > 0


def test_policy_change_is_paired_with_the_same_seed(short_runs):
    results = loading.load([short_runs["base-s1"], short_runs["policy-s1"]])
    pol = results.policies[0]
    d = budget.change(pol, results.baseline)
    assert d is not None and d.pairing.paired
    b, p = _yearly(short_runs["base-s1"]), _yearly(short_runs["policy-s1"])
    for key in budget.KEYS:
        diff = p[key] - b[key]
        np.testing.assert_allclose([c.mean for c in d.cells[key]], diff.mean(axis=0), atol=1e-6)
        np.testing.assert_allclose([c.low for c in d.cells[key]],
                                   np.percentile(diff, 5, axis=0), atol=1e-6)
    # The London Living Wage from October 2016 raises long-term spend and uses up headroom.
    assert d.cells["spend_long_term"][0].mean > 0
    assert d.cells["council_headroom"][0].mean < 0
    items = cost.category_tables(results)
    assert [type(i) for i in items] == [TableBlock] * 3
    assert items[2].id.endswith("-change") and "paired" in items[2].caption
    assert items[0].finding and not items[1].finding and items[2].finding


def test_policy_of_another_seed_is_compared_as_distributions(short_runs):
    results = loading.load([short_runs["base-s1"], short_runs["policy-s2"]])
    d = budget.change(results.policies[0], results.baseline)
    assert d is not None and not d.pairing.paired
    b, p = _yearly(short_runs["base-s1"]), _yearly(short_runs["policy-s2"])
    np.testing.assert_allclose([c.mean for c in d.cells["council_spend"]],
                               p["council_spend"].mean(axis=0) - b["council_spend"].mean(axis=0),
                               atol=1e-6)
    change = cost.category_tables(results)[-1]
    assert "cannot be paired" in change.caption


def test_page_and_command_line_show_the_table(short_runs, tmp_path):
    paths = [short_runs["base-s1"], short_runs["policy-s1"]]
    page = report.build_html(loading.load(paths))
    assert 'id="cost-categories-short-baseline"' in page
    assert 'id="cost-categories-short-llw-change"' in page
    assert "not charged to the home care budget" in page
    out = tmp_path / "budget.md"
    assert cli.main(["budget", *map(str, paths), "-o", str(out)]) == 0
    text = out.read_text()
    assert "| Headroom: budget minus spend (negative: overspend) |" in text
    assert "**Change, Short LLW minus Short baseline**" in text


@pytest.fixture()
def before_issue_16(short_runs, tmp_path):
    """A copy of a real results file without the yearly spend datasets, as older engines wrote."""
    path = tmp_path / "old.h5"
    shutil.copy(short_runs["base-s1"], path)
    with h5py.File(path, "r+") as f:
        for g in f["variants"].values():
            for key in budget.KEYS:
                if key not in ("council_spend", "council_budget", "council_headroom"):
                    del g["yearly"][key]
    return path


def test_files_before_issue_16_get_a_note(before_issue_16, short_runs, tmp_path):
    results = loading.load([before_issue_16])
    assert budget.statement(results.baseline) is None
    items = cost.category_tables(results)
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "before issue 16" in items[0].reason
    out = tmp_path / "old.html"
    assert cli.main(["report", str(before_issue_16), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "not shown because" in page and 'id="cost-budget"' in page
    assert cli.main(["budget", str(before_issue_16)]) == 0
    # An old baseline beside a new policy: the policy's table is shown, its change is not.
    mixed = loading.load([before_issue_16, short_runs["policy-s1"]], baseline="short-baseline")
    kinds = [type(i).__name__ for i in cost.category_tables(mixed)]
    assert kinds == ["Skipped", "TableBlock"]


@pytest.mark.fake
def test_generated_files_without_yearly_spend_get_a_note(fake_dir):
    import make_fake_results
    path = make_fake_results.write(fake_dir / "no-yearly.h5", ["fake-baseline"], 3, seed=1,
                                   scenario_name="fake-baseline")
    items = cost.category_tables(loading.load([path]))
    assert len(items) == 1 and isinstance(items[0], Skipped)
