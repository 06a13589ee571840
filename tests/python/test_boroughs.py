"""One borough per report, and results files from before borough packs, on real engine runs.

- A short run on a copy of the Brent pack renamed ``testshire`` (display name Testshire): the page
  speaks of Testshire, never Brent, and putting it together with a Brent run is refused (status
  2, naming both files and both boroughs). A copy keeping the name ``brent`` but changed (another
  pack hash) is refused too.
- A real file turned back into schema 2 (no ``/borough``, ``fy2016_*`` metrics, the parameters'
  old names) still reports: it counts as Brent (version unknown), its wards come from
  ``boroughs/brent`` on disk, and it goes with a file of schema 3 from the same pack.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import h5py
import pytest

from conftest import REPO, engine_binary_or_fail, run_engine
from helpers import assert_opens_in_chromium, downgrade_to_schema2, visible_text
from homecare_report import loading, metrics, report
from homecare_report.plots import ward_map
from homecare_report.plots.common import Chart

#: A short patch scenario (conftest.SHORT with patch commissioning from October 2016).
SHORT_PATCHES = """\
extends: {base}
name: {name}
run:
  end: 2017-06-30
  policy_start: 2016-10-01
commissioning:
  model: patch
  switch_date: 2016-10-01
"""


def _pack_copy(root, name: str, display_name: str, living_wage: str = "london_living_wage"):
    """boroughs/brent copied under ``root`` as ``name`` (with the national tables beside it),
    paying towards ``living_wage``."""
    folder = root / name
    shutil.copytree(REPO / "boroughs" / "brent", folder)
    if not (root / "tables").exists():
        shutil.copytree(REPO / "boroughs" / "tables", root / "tables")
    pack = folder / "pack.yaml"
    text = pack.read_text().replace("name: brent", f"name: {name}", 1)
    text = text.replace("display_name: Brent", f"display_name: {display_name}", 1)
    text = text.replace("living_wage: london_living_wage", f"living_wage: {living_wage}", 1)
    pack.write_text(text + "# a copy made by tests/python/test_boroughs.py\n")
    return folder


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    """Short patch runs (2 replicates, seed 1) on Brent, on a renamed copy and on a changed copy
    that keeps the name."""
    binary = engine_binary_or_fail()
    d = tmp_path_factory.mktemp("boroughs")
    packs = d / "packs"
    packs.mkdir()
    elsewhere = _pack_copy(packs, "testshire", "Testshire", "uk_real_living_wage")
    changed_root = d / "changed"
    changed_root.mkdir()
    changed = _pack_copy(changed_root, "brent", "Brent")
    base = REPO / "scenarios" / "brent-baseline.yaml"
    out = {}
    for name, borough in (("brent", None), ("testshire", elsewhere), ("brent-changed", changed)):
        text = SHORT_PATCHES.format(base=base, name=f"short-{name}")
        if borough:
            text += f"borough: {borough}\n"
        scen = d / f"short-{name}.yaml"
        scen.write_text(text)
        out[name] = run_engine(binary, scen, d / f"{name}.h5", "--seed", "1", "--replicates", "2")
    return out


def test_the_page_speaks_of_the_files_borough(runs, tmp_path):
    r = loading.load([runs["testshire"]])
    assert r.borough.name == "testshire" and r.borough.display_name == "Testshire"
    (chart,) = ward_map.build(r)
    assert isinstance(chart, Chart) and chart.title.startswith("Testshire's 21 wards form ")
    page = report.write(r, tmp_path / "testshire.html")
    text = visible_text(page.read_text(encoding="utf-8"))
    assert "Home care in Testshire" in text and "Testshire's 21 wards" in text
    assert "Brent" not in text.replace("Brent baseline", ""), "only the file's borough is named"
    assert_opens_in_chromium(page, tmp_path)


def test_the_living_wage_is_the_packs(runs):
    """share_paid_llw counts those paid the pack's living wage, and the report words it so."""
    loading.load([runs["testshire"]])
    assert metrics.info("share_paid_llw").label == "Care workers paid at least the Real Living Wage"
    assert "London" not in metrics.info("share_paid_llw").noun
    loading.load([runs["brent"]])
    assert metrics.info("share_paid_llw").label == "Care workers paid at least the London Living Wage"


def test_two_boroughs_are_refused_with_status_2(runs, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    out = tmp_path / "mixed.html"
    a, b = runs["brent"], runs["testshire"]
    proc = subprocess.run([sys.executable, "-m", "homecare_report", "report", str(a), str(b),
                           "-o", str(out)], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    for word in (str(a), str(b), "Brent", "Testshire", "two different boroughs"):
        assert word in proc.stderr, (word, proc.stderr)
    assert not out.exists()
    with pytest.raises(loading.BoroughMismatch):
        loading.load([b, a])


def test_two_versions_of_a_pack_are_refused(runs):
    with h5py.File(runs["brent"], "r") as f, h5py.File(runs["brent-changed"], "r") as g:
        assert f["borough"].attrs["name"] == g["borough"].attrs["name"]
        assert f["borough"].attrs["pack_hash"] != g["borough"].attrs["pack_hash"]
    with pytest.raises(loading.BoroughMismatch, match="two different versions of the Brent pack"):
        loading.load([runs["brent"], runs["brent-changed"]])


def test_a_schema2_file_still_reports(runs, tmp_path):
    old = downgrade_to_schema2(runs["brent"], tmp_path / "brent-schema2.h5")
    with h5py.File(old, "r") as f:
        assert "borough" not in f and int(f.attrs["schema_version"]) == 2
        summary = f["variants/short-brent/summary"]
        assert "fy2016_turnover" in summary and "calibration_turnover" not in summary
        assert "workforce.move_within_brent_share" in f["variants/short-brent/parameters"].attrs
    r = loading.load([old])
    assert not r.notes, r.notes
    assert r.borough.legacy and r.borough.name == "brent" and r.borough.pack_hash is None
    new = loading.load([runs["brent"]])
    v_old, v_new = r.baseline, new.baseline
    assert set(v_old.summary) == set(v_new.summary), "fy2016_* read as calibration_*"
    assert (v_old.summary["calibration_turnover"] == v_new.summary["calibration_turnover"]).all()
    (chart,) = ward_map.build(r)
    assert isinstance(chart, Chart) and "before borough packs" in chart.caption
    assert chart.png == ward_map.build(new)[0].png, "the same map from the pack on disk"
    env = dict(os.environ, PYTHONPATH=str(REPO / "python"))
    out = tmp_path / "old.html"
    proc = subprocess.run([sys.executable, "-m", "homecare_report", "report", str(old),
                           str(runs["brent"]), "-o", str(out)], env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    text = visible_text(out.read_text(encoding="utf-8"))
    assert "Home care in Brent" in text and "written before borough packs" in text
    with pytest.raises(loading.BoroughMismatch, match="written before borough packs"):
        loading.load([old, runs["testshire"]])
