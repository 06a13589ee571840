"""Charts of a report with many policies (Ealing's sweeps give twelve, with long names): no legend
may squeeze its axes to nothing. Matplotlib then only warns ("constrained_layout not applied
because axes sizes collapsed to zero") and draws the chart without its layout, so the warnings are
errors here. With a few policies the legends stay where they were, inside the axes."""
from __future__ import annotations

import io
import warnings

import pytest
from matplotlib import image as mpimg

import make_fake_results
from helpers import assert_real_png
from homecare_report import loading
from homecare_report.plots import cost, fan, policy
from homecare_report.plots.common import DPI, Skipped

pytestmark = pytest.mark.fake

#: Ealing's report (.ci/main): a baseline, then twelve policies from four files, three of them
#: grid sweeps whose labels are their settings ("Policy takeup 0.1, Support workers 4").
EALING = [
    ("ealing-baseline", None, [("ealing-baseline", {})]),
    ("ealing-dp-growth", "grid", [
        (f"direct_payments.policy_takeup={t},direct_payments.support_workers={w}",
         {"direct_payments.policy_takeup": t, "direct_payments.support_workers": w})
        for t in (0.1, 0.2) for w in (4.0, 6.0)]),
    ("ealing-dps-parity", "grid", [
        (f"direct_payments.dps_parity={b}", {"direct_payments.dps_parity": b})
        for b in ("false", "true")]),
    ("ealing-rlw-pa", "grid", [
        (f"direct_payments.pa_living_wage={a},direct_payments.rate_covers_pa_floor={b}",
         {"direct_payments.pa_living_wage": a, "direct_payments.rate_covers_pa_floor": b})
        for a in ("false", "true") for b in ("false", "true")]),
    ("ealing-local-supply", "grid", [
        (f"local_supply.enabled={b}", {"local_supply.enabled": b}) for b in ("false", "true")]),
]
FEW = ["brent-baseline", "llw-phased", "training-minimum"]


def _height_in(png: bytes) -> float:
    return mpimg.imread(io.BytesIO(png), format="png").shape[0] / DPI


@pytest.fixture(scope="module")
def many(fake_dir):
    paths = [make_fake_results.write(fake_dir / f"{stem}.h5", [name for name, _ in variants],
                                     replicates=4, sweep=sweep, scenario_name=stem,
                                     overrides=dict(variants))
             for stem, sweep, variants in EALING]
    results = loading.load(paths, baseline="ealing-baseline")
    assert len(results.policies) == 12
    return results


@pytest.mark.parametrize("chart", [cost.budget_chart, cost.extra_spend_chart, cost.value_chart])
def test_cost_charts_with_twelve_policies_do_not_collapse(many, chart):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drawn = chart(many)
    assert not isinstance(drawn, Skipped), drawn.reason
    assert_real_png(drawn.png)


def test_every_chart_with_twelve_policies_draws_without_a_warning(many):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # One fan chart stands for all (one panel a variant, a legend of its own); they are slow.
        items = [fan.fan_chart(many, "turnover_rate_12m")] + policy.build(many) + cost.build(many)
    charts = [i for i in items if hasattr(i, "png")]
    assert len(charts) >= 9
    for chart in charts:
        assert_real_png(chart.png)


def test_legends_below_grow_the_figure_and_few_policies_keep_their_size(fake_dir, many):
    few = loading.load([make_fake_results.write(fake_dir / "few.h5", FEW, replicates=4)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # A few policies: the legend inside the axes, the figure the size it always was.
        assert _height_in(cost.budget_chart(few).png) == pytest.approx(5.2, abs=0.02)
        assert _height_in(cost.value_chart(few).png) == pytest.approx(4.8, abs=0.02)
        # Twelve: the legend below, the figure taller by its rows.
        assert _height_in(cost.budget_chart(many).png) > 6.0
        assert _height_in(cost.value_chart(many).png) > 5.6
