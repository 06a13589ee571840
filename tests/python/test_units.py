"""Small pure functions: geometry, wording, scenario text, statistics, the borough's wards."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from conftest import REPO
from homecare_report import borough, geometry, metrics, scenario, stats, wording
from homecare_report.loading import natural_key
from homecare_report.plots import ward_map
from homecare_report.plots.axes import value_formatter

BRENT = REPO / "boroughs" / "brent"


@pytest.fixture(scope="module")
def brent():
    return borough.from_pack_dir(BRENT)


def test_voronoi_cells_tile_the_box_and_hold_their_ward(brent):
    pts = np.array([[w.easting, w.northing] for w in brent.wards])
    cells = geometry.voronoi_cells(pts, brent.bounding_box)
    x0, y0, x1, y1 = brent.bounding_box
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


def test_wkt_polygons_multipolygons_and_holes():
    (poly,) = borough.parse_wkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))")
    assert len(poly) == 2 and poly[0].shape == (5, 2)
    assert geometry.polygon_area(poly[0]) - geometry.polygon_area(poly[1]) == pytest.approx(15.0)
    multi = borough.parse_wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")
    assert len(multi) == 2 and multi[1][0][0].tolist() == [5.0, 5.0]
    assert borough.parse_wkt("POLYGON Z ((0 0 9, 1 0 9, 1 1 9, 0 0 9))")[0][0].shape == (4, 2)
    assert borough.parse_wkt("") == [] and borough.parse_wkt("POLYGON EMPTY") == []
    for bad in ("POINT (1 2)", "POLYGON ((0 0, 1 0", "POLYGON ((0 0, x 1))"):
        with pytest.raises(ValueError):
            borough.parse_wkt(bad)


def test_shared_edges_of_adjacent_squares():
    a = [[np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], float)]]
    b = [[np.array([[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]], float)]]
    edges = geometry.shared_edges([a, b])
    assert len(edges) == 7, "8 sides, one of them shared"
    shared = [e for e in edges if e[1] is not None]
    assert len(shared) == 1 and shared[0][:2] == (0, 1)


def test_pack_on_disk_gives_the_ward_table(brent):
    """The wards come from the pack's files (no ward data in the package's code)."""
    assert brent.name == "brent" and brent.display_name == "Brent" and brent.possessive == "Brent's"
    assert len(brent.wards) == 21 and brent.has_boundaries
    x0, y0, x1, y1 = brent.bounding_box
    for w in brent.wards:
        assert x0 < w.easting < x1 and y0 < w.northing < y1
        assert w.locality in brent.localities
        # the boundary holds the centroid's ward: its area agrees with area_ha within 2%
        area = sum(geometry.polygon_area(p[0]) for p in w.polygons) / 1e4
        assert area == pytest.approx(w.area_ha, rel=0.02), w.name
    assert sum(w.pop65 for w in brent.wards) == 38941  # pop_65plus_2017, the pack's total
    assert brent.pop65_label == "aged 65+ (mid-2017)"
    assert [v.name for v in brent.venues] == ["Wembley Stadium"]
    assert "Crown copyright" in brent.attribution and "http" not in brent.attribution
    index = ward_map.ward_index(brent)
    assert index[ward_map.normalise_ward_name("Queen's Park")] == 13
    assert index[ward_map.normalise_ward_name(brent.wards[13].code)] == 13
    edges = geometry.shared_edges([w.polygons for w in brent.wards])
    inner = {(i, j) for i, j, _, _ in edges if j is not None}
    assert len(inner) >= 21, "adjacent wards share their boundary segments"


def test_legacy_files_count_as_the_first_pack(monkeypatch, tmp_path):
    """A file from before borough packs counts as the legacy pack, version unknown, and has its
    wards only when the pack is on disk."""
    legacy = borough.legacy()
    assert legacy.name == borough.LEGACY_PACK and legacy.pack_hash is None and legacy.legacy
    assert len(legacy.wards) == 21
    monkeypatch.setenv("HOMECARE_BOROUGHS", str(tmp_path))
    bare = borough.legacy()
    assert bare.name == borough.LEGACY_PACK and bare.wards == [] and bare.display_name == "Brent"
    a = borough.Borough("brent", "Brent", "h1")
    assert borough.same_place(a, legacy) and borough.same_place(a, borough.Borough("brent", "B", "h1"))
    assert not borough.same_place(a, borough.Borough("brent", "Brent", "h2"))
    assert not borough.same_place(a, borough.Borough("ealing", "Ealing", None))
    assert borough.Borough("x", "St Albans").possessive == "St Albans'"


def test_old_metric_names_are_read_as_the_new():
    assert metrics.current_name("fy2016_turnover") == "calibration_turnover"
    assert metrics.current_name("fy2016_turnover", ["calibration_turnover"]) == "fy2016_turnover"
    assert metrics.current_name("turnover_rate") == "turnover_rate"


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
    assert flat["wages.llw.inline[0].from"] == "2019-10-01"
    assert flat["description"] == "Two lines of text."
    assert flat["notes"] == "a # not a comment"
    assert scenario.scenario_name(YAML) == "llw-phased"
    assert scenario.switch_month(YAML) == "2018-11"
    isos = [d.iso for d in scenario.dates(YAML)]
    assert isos == ["2018-11-01", "2019-04-01", "2019-10-01", "2020-04-01"]  # no run dates
    labels = [d.label for d in scenario.dates(YAML)]
    assert labels[1:3] == ["LLW phasing, step 1", "LLW inline"]
    assert scenario.switch_month("") == "2018-10"


ENGINE_YAML = """\
run:
  start: 2016-04-01
  policy_start: 2016-10-01
complaints:
  per_late_visit: 6e-04
council:
  budget_2016: 1.5e+07
patches:
  wards: {Queens Park: 2, Alperton: 1}
  empty: {}
wages:
  llw_phasing: [{from: 2018-10-01, share: 0.33}, {from: 2019-10-01, share: 1.0}]
  travel_time_paid: false
"""


def test_yaml_read_with_the_library_typed_like_the_engine_writes_it():
    p = scenario.parameters(ENGINE_YAML)
    assert p["complaints.per_late_visit"] == 6e-4, "YAML 1.2 floats without a dot"
    assert p["council.budget_2016"] == 1.5e7
    assert p["run.start"] == dt.date(2016, 4, 1)
    assert p["patches.wards"] == {"Queens Park": 2, "Alperton": 1}, "a ward map is one value"
    assert p["patches.empty"] == {}
    assert p["wages.llw_phasing"][1] == {"from": dt.date(2019, 10, 1), "share": 1.0}
    assert p["wages.travel_time_paid"] is False
    assert scenario.switch_month(p) == "2016-10"
    assert scenario.parameters(p) == p, "a flat mapping passes through"
    rows = dict(scenario.key_assumptions(ENGINE_YAML))
    assert wording.fmt_param(rows["wages.llw_phasing"]) == "from 1 Oct 2018: 0.33; from 1 Oct 2019: 1"


@pytest.mark.parametrize("text", ["run: [unclosed", "a: b: c", "key: value\n bad indent: x\n:"])
def test_yaml_that_does_not_parse_gives_an_error_not_an_exception(text):
    data, error = scenario.load_yaml(text)
    assert data is None and error
    assert scenario.parameters(text) == {} and scenario.dates(text) == []
    assert scenario.switch_month(text) == "2018-10"


@pytest.mark.parametrize("value,text", [
    (0.31234567890123, "0.312"), (0.001027, "0.00103"), (14.406435, "14.4"), (0.5, "0.5"),
    (1800.251245, "1800"), (4, "4"), (20181001, "20181001"), (1.5e7, "15,000,000"),
    (-0.012687, "-0.0127"), (6e-4, "0.0006"), (True, "yes"), (dt.date(2018, 10, 1), "1 Oct 2018"),
    ([], "none"), ({"Alperton": 1, "Kenton": 2, "Preston": 2}, "3 wards in 2 patches"),
    ("patch", "patch"),
])
def test_settings_are_rounded_for_reading(value, text):
    assert wording.fmt_param(value) == text


def test_param_names():
    assert wording.param_name("workforce.base_quit_hazard") == "Base quit hazard"
    assert wording.param_name("patches.count") == "Patches count"


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
    paired, e = stats.compare([1.0, 2.0, 3.0], [0.0, 0.0, 0.0], paired=True)
    assert paired.tolist() == [1.0, 2.0, 3.0] and e.median == 2.0
    every, e = stats.compare([0.0, 0.0, 10.0], [0.0, 1.0], paired=False)
    assert every.size == 6 and np.median(every) == 0.0
    assert e.median == -0.5, "difference of medians, not the median of the all-pairs gaps"
    assert e.low == pytest.approx(np.percentile(every, 5))
    assert stats.rank_correlation([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert stats.rank_correlation([1, 1, 2, 2], [4, 3, 2, 1]) == pytest.approx(-0.8944, abs=1e-4)
    assert np.isnan(stats.rank_correlation([1, 1, 1], [1, 2, 3]))
    assert stats.ratio_estimate(np.array([2.0, 2.2, 1.8]), np.array([-1.0, 1.0, 0.0])) is None
    r = stats.ratio_estimate(np.array([2.0, 2.2, 1.8]), np.array([1.0, 1.1, 0.9]))
    assert r.median == pytest.approx(2.0)


def test_metrics_registry_defaults():
    assert metrics.info("something_new").label == "Something new"
    assert metrics.is_share("late_visit_share") and not metrics.is_share("council_spend")


def test_natural_sort():
    names = ["patches-10", "patches-2", "patches-8"]
    assert sorted(names, key=natural_key) == ["patches-2", "patches-8", "patches-10"]


def test_tick_labels_of_shares_are_whole_points_when_whole():
    # Ticks at multiples of 0.02 are not exact in binary (100 * 0.06 is 6.000000000000001): they
    # must read +2 and +6 beside +4, not +2.0 and +6.0.
    fmt = value_formatter("turnover_rate", change=True)
    assert [fmt(x) for x in (-0.02, 0.0, 0.02, 0.04, 0.06, 0.005)] == \
        ["\u22122", "0", "+2", "+4", "+6", "+0.5"]
    assert value_formatter("turnover_rate")(0.3) == "30%"
