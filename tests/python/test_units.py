"""Small pure functions: geometry, wording, scenario text, statistics, ward data."""
from __future__ import annotations

import numpy as np
import pytest

from homecare_report import brent_wards, geometry, metrics, scenario, stats, wording
from homecare_report.loading import natural_key


def test_voronoi_cells_tile_the_box_and_hold_their_ward():
    pts = np.array([[w.easting, w.northing] for w in brent_wards.WARDS])
    cells = geometry.voronoi_cells(pts, brent_wards.BOUNDING_BOX)
    x0, y0, x1, y1 = brent_wards.BOUNDING_BOX
    assert sum(geometry.polygon_area(c) for c in cells) == pytest.approx((x1 - x0) * (y1 - y0))
    for p, cell in zip(pts, cells):
        # p is inside its convex cell: on the same side of every edge
        cross = [np.cross(cell[(k + 1) % len(cell)] - cell[k], p - cell[k]) for k in range(len(cell))]
        assert all(c >= 0 for c in cross) or all(c <= 0 for c in cross)
    edges = geometry.cell_edges(cells)
    inner = [e for e in edges if e[1] is not None]
    assert len(inner) >= len(cells) - 1  # the adjacency graph is connected at least


def test_clip_halfplane_square():
    sq = geometry.box_polygon((0, 0, 2, 2))
    half = geometry.clip_halfplane(sq, np.array([1.0, 0.0]), 1.0)
    assert geometry.polygon_area(half) == pytest.approx(2.0)


def test_ward_table():
    assert len(brent_wards.WARDS) == 21
    x0, y0, x1, y1 = brent_wards.BOUNDING_BOX
    for w in brent_wards.WARDS:
        assert x0 < w.easting < x1 and y0 < w.northing < y1
        assert w.locality in brent_wards.LOCALITIES
    assert sum(w.pop65_2019 for w in brent_wards.WARDS) == 41088  # BRENT.md borough total
    assert brent_wards.ward_index()[brent_wards.normalise_ward_name("Queen's Park")] == 13


@pytest.mark.parametrize("key,med,lo,hi,expected", [
    ("turnover_rate", -0.06, -0.08, -0.04,
     "X cuts turnover by 6.0 points (90% interval 4.0 to 8.0 points)"),
    ("turnover_rate", 0.01, -0.01, 0.03,
     "X makes no clear difference to turnover (90% interval −1.0 to +3.0 points)"),
    ("council_spend_total", 3.2e6, 2.1e6, 4.0e6,
     "X costs the council £3.20m more (90% interval £2.10m to £4.00m)"),
    ("late_visit_share", 0.02, 0.01, 0.03,
     "X raises late visits by 2.0 points (90% interval 1.0 to 3.0 points)"),
])
def test_describe_change(key, med, lo, hi, expected):
    assert wording.describe_change(key, "X", med, lo, hi) == expected


def test_formatting():
    assert wording.fmt_value("council_spend", 15.2e6) == "£15.2m"
    assert wording.fmt_value("mean_hourly_wage", 8.3) == "£8.30"
    assert wording.fmt_value("active_users", 1800.4) == "1,800 people"
    assert wording.fmt_change("turnover_rate", -0.01, signed=True) == "−1.0 points"
    assert wording.humanise_name("llw-phased") == "LLW phased"
    assert wording.humanise_key("wages.llw.phasing[0]") == "Wages › LLW › phasing (1)"
    assert wording.month_name("2018-10") == "Oct 2018"


YAML = """\
# comment
name: llw-phased   # trailing comment
extends: brent-baseline.yaml
run:
  start: 2016-04-01
  end: 2021-09-30
commissioning:
  switch_date: 2018-11-01
wages:
  llw:
    phasing:
      - from: 2019-04-01
        share: 0.5
      - from: 2020-04-01
        share: 1.0
    inline: [{from: 2019-10-01, share: 0.5}]
description: >
  Two lines
  of text.
notes: "a # not a comment"
"""


def test_scenario_text():
    flat = dict(scenario.flatten(YAML))
    assert flat["name"] == "llw-phased"
    assert flat["wages.llw.phasing[1].share"] == "1.0"
    assert flat["description"] == "Two lines of text."
    assert flat["notes"] == "a # not a comment"
    assert scenario.scenario_name(YAML) == "llw-phased"
    assert scenario.switch_month(YAML) == "2018-11"
    isos = [d.iso for d in scenario.dates(YAML)]
    assert isos == ["2018-11-01", "2019-04-01", "2019-10-01", "2020-04-01"]  # no run dates
    assert scenario.switch_month("") == "2018-10"


def test_stats():
    assert stats.financial_year("2019-03") == "2018/19"
    assert stats.financial_year("2019-04") == "2019/20"
    e = stats.estimate(np.arange(101.0))
    assert (e.low, e.median, e.high) == (5.0, 50.0, 95.0)
    assert stats.estimate([np.nan]).n == 0
    d = stats.difference_samples(np.array([1.0, 2.0]), np.array([0.5, 0.5, 9.0]), paired=True)
    assert d.tolist() == [0.5, 1.5]
    unpaired = stats.difference_samples(np.array([1.0]), np.array([0.0, 1.0]), paired=False)
    assert unpaired.tolist() == [1.0, 0.0]
    assert stats.ratio_estimate(np.array([2.0, 2.2, 1.8]), np.array([-1.0, 1.0, 0.0])) is None
    r = stats.ratio_estimate(np.array([2.0, 2.2, 1.8]), np.array([1.0, 1.1, 0.9]))
    assert r.median == pytest.approx(2.0)


def test_metrics_registry_defaults():
    assert metrics.info("something_new").label == "Something new"
    assert metrics.is_share("late_visit_share") and not metrics.is_share("council_spend")


def test_natural_sort():
    names = ["patches-10", "patches-2", "patches-8"]
    assert sorted(names, key=natural_key) == ["patches-2", "patches-8", "patches-10"]
