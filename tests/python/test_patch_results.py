"""Results per patch (issue 16 point 7), on the real engine's runs of brent-baseline.yaml and
patches.yaml (same seed, so their replicates pair up).

The table's figures must be the engine's ``by_patch`` datasets; the baseline's "same wards" must be
its ``by_ward`` summed as the engine sums a patch's wards (checked by redoing the policy's own
patches from its ``by_ward``: Python and C++ must agree); the change must be the paired difference;
a file without figures by ward gets a note, not a crash.
"""
from __future__ import annotations

import shutil

import h5py
import numpy as np

from homecare_report import cli, loading, patches, report
from homecare_report.plots import patch_results, ward_map
from homecare_report.plots.common import Skipped, TableBlock, slug


def _patch_variants(results):
    return [v for v in results.compared if ward_map.has_patches(v)]


def test_the_table_shows_the_engines_figures_by_patch(results):
    vs = _patch_variants(results)
    assert vs, "patches.yaml should give patch variants"
    for v in vs:
        t = patches.table(v, results.baseline)
        assert t is not None, v.key
        with h5py.File(v.source.path, "r") as f:
            g = f["variants"][v.name]
            names = [p.decode() for p in g["patches"][()]]
            raw = {k: g["by_patch"][k][()] for k in g["by_patch"]}
            ward_patch = g["geography/ward_patch"][()].astype(int)
        assert t.patches == names
        assert sorted(w for ws in t.wards for w in ws) == sorted(patches.read(v).wards)
        for key, _ in patches.COLUMNS:
            np.testing.assert_allclose([e.median for e in t.own[key]], np.median(raw[key], axis=0),
                                       rtol=1e-12, err_msg=key)
        assert len(t.patches) == ward_patch.max()


def test_python_sums_wards_into_patches_as_the_engine_does(results):
    for v in _patch_variants(results):
        p = patches.read(v)
        mine = patches.same_wards(p, p)  # the policy's own wards, summed in Python
        for key in mine:
            np.testing.assert_allclose(mine[key], p.by_patch[key], rtol=1e-12, atol=1e-12,
                                       err_msg=f"{v.key} {key}")


def test_the_change_is_the_paired_difference_from_the_same_wards(results):
    base = patches.read(results.baseline)
    assert base is not None and base.by_patch is None  # the baseline has wards, not patches
    for v in _patch_variants(results):
        t = patches.table(v, results.baseline)
        assert t.change is not None and t.pairing.paired, v.key
        p = patches.read(v)
        theirs = patches.same_wards(base, p)
        for key in patches.COMPARED:
            n = min(p.by_patch[key].shape[0], theirs[key].shape[0])
            d = p.by_patch[key][:n] - theirs[key][:n]
            np.testing.assert_allclose([e.median for e in t.change[key]], np.median(d, axis=0),
                                       rtol=1e-12, atol=1e-15, err_msg=key)
        # The baseline's wards, all in one patch, pool to its summaries.
        with h5py.File(results.baseline.source.path, "r") as f:
            late = f["variants"][results.baseline.name]["summary/late_visit_share"][()]
        one = patches.shares({k: x.sum(axis=1) for k, x in base.by_ward.items()}, base.policy_years)
        np.testing.assert_allclose(one["late_visit_share"], late, rtol=1e-12)


def test_report_and_command_line_show_every_patch(results, engine_results, tmp_path, capsys):
    html = report.build_html(results)
    for v in _patch_variants(results):
        assert f'id="patch-results-{slug(v.key)}"' in html
        for name in patches.table(v, results.baseline).patches[:3]:
            assert name in html
    assert cli.main(["patches", *map(str, engine_results)]) == 0
    out = capsys.readouterr().out
    assert "| Patch | Wards |" in out and "minus the same wards in" in out


def test_a_file_without_figures_by_ward_gets_a_note(engine_results, tmp_path):
    copies = []
    for path in engine_results:
        copy = tmp_path / path.name
        shutil.copy(path, copy)
        with h5py.File(copy, "r+") as f:
            for g in f["variants"].values():
                for key in ("by_ward", "by_patch", "wards", "patches", "stats/by_ward", "stats/by_patch"):
                    if key in g:
                        del g[key]
        copies.append(copy)
    old = loading.load(copies)
    items = patch_results.patch_tables(old)
    assert len(items) == 1 and isinstance(items[0], Skipped) and items[0].id == "patch-results"
    assert "before schema 5" in items[0].reason
    assert all(patches.table(v, old.baseline) is None for v in old.compared)
    assert "No variant has results per patch" in patches.markdown(old)
    # A file whose baseline alone lacks them: the patches' own table, no change.
    mixed = loading.load([copies[0]] + [p for p in engine_results[1:]])
    blocks = [i for i in patch_results.patch_tables(mixed) if isinstance(i, TableBlock)]
    assert blocks and not any(b.id.endswith("-change") for b in blocks)
