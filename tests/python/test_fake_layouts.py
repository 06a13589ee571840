"""The report on generated files: odd but legal layouts, missing metrics, several files."""
from __future__ import annotations

import h5py
import numpy as np
import pytest

import make_fake_results
from conftest import write_fake_runs
from helpers import assert_real_png
from homecare_report import cli, loading, report, stats
from homecare_report.plots import cost, fan, patch_results, policy, sweep, ward_map
from homecare_report.plots.common import Chart, Skipped

pytestmark = pytest.mark.fake

SMALL = ["brent-baseline", "llw-phased", "patches-2", "patches-4"]


@pytest.fixture(scope="module")
def small(fake_dir):
    return make_fake_results.write(fake_dir / "small.h5", SMALL, replicates=5)


def test_fixed_and_variable_length_strings_read_the_same(fake_dir, small):
    fixed = make_fake_results.write(fake_dir / "fixed.h5", SMALL, replicates=5, fixed_strings=True)
    a, b = loading.load([small]), loading.load([fixed])
    for va, vb in zip(a.variants, b.variants):
        assert va.months == vb.months and va.months[0] == "2016-04" and va.months[-1] == "2021-09"
        assert np.array_equal(va.monthly["turnover_rate_12m"], vb.monthly["turnover_rate_12m"])
    assert b.variants[-1].ward_names[0] == "Alperton"


def test_unknown_groups_are_ignored_and_params_read(small):
    r = loading.load([small])
    assert r.baseline.name == "brent-baseline" and r.variants[0] is r.baseline
    assert not r.notes
    v = next(v for v in r.variants if v.name == "patches-4")
    assert v.params == {"patches.count": 4}
    assert "unused" not in v.monthly and "unused" not in v.summary


def test_every_plot_family_draws(small):
    r = loading.load([small])
    items = (fan.build(r) + policy.build(r) + cost.build(r) + sweep.build(r)
             + ward_map.build(r) + patch_results.build(r))
    # Generated files are of schema 3 at most: no yearly spend by category (issue 16) and no
    # figures by patch (schema 5), so those tables alone give their notes.
    skipped = [i for i in items if isinstance(i, Skipped) and i.id != "cost-categories"
               and i.id != "patch-results"]
    assert not skipped, [s.reason for s in skipped]
    for chart in items:
        if isinstance(chart, Skipped):
            continue
        assert_real_png(chart.png)
        assert chart.alt and chart.caption


def test_missing_metrics_give_notes_not_crashes(fake_dir):
    path = make_fake_results.write(
        fake_dir / "partial.h5", SMALL, replicates=4,
        drop=["council_budget", "turnover_rate", "turnover_rate_12m", "travel_share",
              "complaints_missed", "council_spend_total"], geography=False)
    r = loading.load([path])
    items = fan.build(r) + policy.build(r) + cost.build(r) + sweep.build(r) + ward_map.build(r)
    reasons = {i.id: i.reason for i in items if isinstance(i, Skipped)}
    assert "fan-turnover-rate-12m" in reasons and "fan-complaints" in reasons
    assert "policy-turnover-rate" in reasons and "cost-budget" in reasons
    assert "policy-council-spend-total" not in reasons  # falls back to the monthly spend
    mapped = next(i for i in items if i.id == "map-patches")
    assert isinstance(mapped, Chart) and "locality" in mapped.caption
    html = report.build_html(r)
    assert "not shown" in html.lower() or "Not shown" in html


def test_shares_in_percent_are_rescaled(fake_dir):
    path = make_fake_results.write(fake_dir / "percent.h5", ["brent-baseline"], replicates=3)
    with h5py.File(path, "r+") as f:
        ds = f["variants/brent-baseline/monthly/late_visit_share"]
        ds[...] = ds[()] * 100
        ds.attrs["units"] = "%"
    r = loading.load([path])
    assert r.baseline.monthly["late_visit_share"].max() < 1.0


def test_several_files_pair_by_seed(fake_dir):
    (fake_dir / "runs").mkdir()
    files = write_fake_runs(fake_dir / "runs", replicates=4)
    r = loading.load(files)
    assert [v.key for v in r.variants][:2] == ["brent-baseline", "llw-phased"]
    d = stats.difference(r.variants[1], r.baseline, "turnover_rate")
    assert d.paired and d.samples.shape == (4,)
    other = make_fake_results.write(fake_dir / "other-seed.h5", ["llw-phased"], 4, seed=2)
    r2 = loading.load([files[0], other])
    d2 = stats.difference(r2.variants[1], r2.baseline, "turnover_rate")
    assert not d2.paired and d2.samples.shape == (16,)


def test_same_variant_names_in_two_files_stay_apart(fake_dir, small):
    copy = make_fake_results.write(fake_dir / "copy.h5", SMALL, replicates=5, seed=3)
    r = loading.load([small, copy])
    keys = [v.key for v in r.variants]
    assert len(set(keys)) == len(keys) == 2 * len(SMALL)
    assert r.baseline.key == "small:brent-baseline"


def test_baseline_can_be_chosen(small):
    r = loading.load([small], baseline="llw-phased")
    assert r.baseline.name == "llw-phased" and r.variants[0] is r.baseline
    with pytest.raises(ValueError, match="matches no variant"):
        loading.load([small], baseline="nope")


def test_cli_reports_errors_with_status_2(tmp_path, capsys, small):
    assert cli.main(["report", str(tmp_path / "missing.h5"), "-o", str(tmp_path / "x.html")]) == 2
    assert "not found" in capsys.readouterr().err
    assert cli.main(["report", str(small), "--baseline", "nope", "-o", str(tmp_path / "x.html")]) == 2


def test_cli_writes_report_and_pngs(tmp_path, small):
    out = tmp_path / "r.html"
    assert cli.main(["report", str(small), "-o", str(out), "--png-dir", str(tmp_path / "png"),
                     "--title", "Test report"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<title>Test report</title>" in html and "fake-0.0" in html
    pngs = list((tmp_path / "png").glob("*.png"))
    assert len(pngs) == html.count("<img ")
    assert "@media print" in html and "http" not in html.split("<body>")[1]


def test_schema2_kinds_decide_policies_or_sensitivity(fake_dir):
    """A grid over a policy lever stays policies; a grid over an assumption (its kind in
    /parameter_table) is a sensitivity design; the typed parameters are read."""
    base = make_fake_results.write(fake_dir / "base2.h5", ["brent-baseline"], 3, schema=2)
    lever = make_fake_results.write(fake_dir / "lever2.h5", ["patches-2", "patches-4"], 3,
                                    schema=2, sweep="grid")
    growth = {f"g-{i}": {"demand.growth_65plus": x} for i, x in enumerate((0.01, 0.03, 0.05))}
    assumption = make_fake_results.write(fake_dir / "assumption2.h5", list(growth), 3, schema=2,
                                         sweep="grid", overrides=growth)
    r = loading.load([base, lever, assumption])
    assert not r.notes, r.notes
    assert [v.name for v in r.policies] == ["patches-2", "patches-4"]
    assert [v.name for v in r.sensitivity] == list(growth)
    v = r.sensitivity[2]
    assert v.parameters["demand.growth_65plus"] == 0.05 and v.label == "Growth 65+ 0.05"
    assert v.parameters["training.deadline"].isoformat() == "2020-04-01"
    assert v.parameters["wages.llw.phasing"][0]["share"] == 0.5
    assert r.files[0].param_table["demand.growth_65plus"].kind == "assumption"
    assert stats.difference(r.policies[0], r.baseline, "turnover_rate").paired
    other = make_fake_results.write(fake_dir / "scheme2.h5", ["llw-phased"], 3, schema=2,
                                    random_scheme="another-scheme")
    d = stats.difference(loading.load([base, other]).policies[0], r.baseline, "turnover_rate")
    assert not d.paired and "draw random numbers differently" in d.pairing.why


# The place: /borough (schema 3), two boroughs refused, files from before borough packs. -----------

def test_borough_group_gives_the_place_and_the_map(fake_dir, small):
    """A schema-3 file's /borough is read: the name in the title, the ward boundaries on the map,
    the older population from the pack's files recorded in the file."""
    r = loading.load([small])
    place = r.borough
    assert r.files[0].schema == 3 and not place.legacy and place.pack_hash
    assert place.display_name == "Brent" and len(place.wards) == 21 and place.has_boundaries
    assert place.pop65_label and all(w.pop65 for w in place.wards)
    (chart,) = ward_map.build(r)
    assert isinstance(chart, Chart) and "Brent's 21 wards" in chart.title
    assert "drawn with their boundaries" in chart.caption and "Wembley Stadium" in chart.caption
    assert "Schematic" not in chart.caption
    assert report.build_html(r).count("Home care in Brent") >= 1
    v = r.baseline
    assert "calibration_turnover" in v.summary and "fy2016_turnover" not in v.summary, \
        "schema 3's old names (links) are not read twice"


def test_a_place_without_boundaries_gets_a_schematic_and_its_own_name(fake_dir, tmp_path):
    """Nothing on the page names Brent when the file's borough is another: the wording and the
    map come from /borough (here an invented place without boundaries: Voronoi cells)."""
    path = make_fake_results.write(fake_dir / "testshire.h5", ["testshire-baseline", "patches-2"],
                                   replicates=3, place=make_fake_results.synthetic_place())
    r = loading.load([path])
    assert r.borough.name == "testshire" and not r.borough.has_boundaries
    (chart,) = ward_map.build(r)
    assert_real_png(chart.png)
    assert chart.title.startswith("Testshire's 9 wards form 2 patches")
    assert "Schematic map of Testshire" in chart.caption and "star" not in chart.caption
    out = report.write(r, tmp_path / "testshire.html")
    from helpers import visible_text
    text = visible_text(out.read_text(encoding="utf-8"))
    assert "Home care in Testshire" in text
    assert "Brent" not in text.replace("Brent baseline", ""), "no other borough's name"


def test_two_boroughs_are_refused(fake_dir, small, tmp_path, capsys):
    other = make_fake_results.write(fake_dir / "elsewhere.h5", ["testshire-baseline"], 3,
                                    place=make_fake_results.synthetic_place())
    with pytest.raises(loading.BoroughMismatch) as err:
        loading.load([small, other])
    message = str(err.value)
    assert str(small) in message and str(other) in message
    assert "Brent" in message and "Testshire" in message
    out = tmp_path / "mixed.html"
    assert cli.main(["report", str(small), str(other), "-o", str(out)]) == 2
    stderr = capsys.readouterr().err
    assert "two different boroughs" in stderr and "Testshire" in stderr and "Brent" in stderr
    assert not out.exists()


def test_two_versions_of_one_pack_are_refused(fake_dir, small):
    changed = make_fake_results.write(fake_dir / "brent-v2.h5", ["llw-phased"], 5)
    with h5py.File(changed, "r+") as f:
        f["borough"].attrs["pack_hash"] = "another-version"
    with pytest.raises(loading.BoroughMismatch, match="two different versions of the Brent pack"):
        loading.load([small, changed])


def test_schema2_file_without_borough_still_reports(fake_dir, small, tmp_path):
    """A file of schema 2 (no /borough, fy2016_* metrics) counts as Brent, version unknown: it
    reports alone, with its wards from the pack on disk, and goes with a schema-3 Brent file
    (but not with another borough's)."""
    old = make_fake_results.write(fake_dir / "old2.h5", SMALL, replicates=4, schema=2)
    with h5py.File(old, "r") as f:
        assert "borough" not in f and "fy2016_turnover" in f["variants/brent-baseline/summary"]
    r = loading.load([old])
    assert r.borough.legacy and r.borough.name == "brent" and r.borough.pack_hash is None
    assert "calibration_turnover" in r.baseline.summary and "fy2016_turnover" not in r.baseline.summary
    (chart,) = ward_map.build(r)
    assert isinstance(chart, Chart) and "before borough packs" in chart.caption
    assert cli.main(["report", str(old), "-o", str(tmp_path / "old.html")]) == 0
    assert "Home care in Brent" in (tmp_path / "old.html").read_text(encoding="utf-8")
    both = loading.load([small, old])
    assert len(both.variants) == 2 * len(SMALL)
    other = make_fake_results.write(fake_dir / "elsewhere2.h5", ["testshire-baseline"], 3,
                                    place=make_fake_results.synthetic_place())
    with pytest.raises(loading.BoroughMismatch, match="written before borough packs"):
        loading.load([old, other])


def test_old_file_without_the_pack_on_disk_reports_without_a_map(fake_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("HOMECARE_BOROUGHS", str(tmp_path / "no-packs-here"))
    old = make_fake_results.write(fake_dir / "old2-nopack.h5", SMALL, replicates=3, schema=2)
    r = loading.load([old])
    assert r.borough.wards == []
    (item,) = ward_map.build(r)
    assert isinstance(item, Skipped) and "not found on disk" in item.reason
    html = report.build_html(r)
    assert "Home care in Brent" in html and "not shown because" in html
