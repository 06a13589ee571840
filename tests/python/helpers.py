"""Checks shared by the report tests: real PNGs, the page in Chromium, the page's visible text, and
turning an engine file of schema 3 back into one of schema 2 or 1."""
from __future__ import annotations

import html as html_lib
import io
import re
import shutil
from pathlib import Path

import h5py
import numpy as np
from matplotlib import image as mpimg

import chromium

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

#: What schema 2 adds to a results file (output/README.md).
SCHEMA2_ROOT_ATTRS = ("random_scheme", "sweep")


def assert_real_png(data: bytes, min_size: int = 100) -> np.ndarray:
    """The bytes are a decodable PNG, at least ``min_size`` pixels each way, not one flat colour."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    pixels = mpimg.imread(io.BytesIO(data), format="png")
    assert pixels.shape[0] >= min_size and pixels.shape[1] >= min_size, pixels.shape
    assert float(pixels[..., :3].std()) > 0.01, "the image is one flat colour"
    return pixels


def assert_opens_in_chromium(page: Path, tmp_path: Path, width: int = 1280) -> list[dict]:
    """Open the page in headless Chromium: every image decoded and has alt text, no console error
    or exception, a non-blank screenshot. Returns the images' descriptions."""
    html = page.read_text(encoding="utf-8")
    charts = html.count("<img ")
    with chromium.Browser(width=width, height=1400) as browser:
        browser.open(page)
        images = browser.images()
        errors = browser.errors()
        shot = browser.screenshot(tmp_path / f"{page.stem}.png")
    assert len(images) == charts and charts > 0
    bad = [i["alt"][:60] for i in images if not (i["complete"] and i["naturalWidth"] > 0)]
    assert not bad, f"images that did not load: {bad}"
    assert all(i["alt"] for i in images), "every image needs alt text"
    assert not errors, errors
    pixels = assert_real_png(shot.read_bytes(), min_size=500)
    assert pixels.shape[1] == width
    return images


def visible_text(html: str, keep_pre: bool = False) -> str:
    """What a reader sees: tags, images and (unless ``keep_pre``) the raw settings dump in
    ``<pre>`` removed, entities decoded, whitespace collapsed. Alt texts are kept (screen
    readers read them)."""
    if not keep_pre:
        html = re.sub(r"<pre>.*?</pre>", " ", html, flags=re.S)
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    html = re.sub(r'<img [^>]*alt="([^"]*)"[^>]*>', r" \1 ", html)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", html))
    return " ".join(text.split())


#: Parameters renamed in schema 3 (engine/model/parameter_table.cpp, renamed_keys()): new -> old.
OLD_PARAMETER_NAMES = {"workforce.move_within_borough_share": "workforce.move_within_brent_share",
                       "travel.event_extra": "travel.event_extra_2017"}


def _rename_attr(attrs, new: str, old: str) -> None:
    if new in attrs:
        value = attrs[new]
        del attrs[new]
        attrs[old] = value


def downgrade_to_schema2(src: Path, dst: Path) -> Path:
    """A copy of an engine results file as an engine of schema 2 wrote it, before borough packs:
    no ``/borough``; the calibration year's summary metrics named ``fy2016_*`` (no
    ``calibration_*``, no links); the parameters by their old names; no ``borough:`` in
    ``resolved_yaml``; ``schema_version`` 2."""
    shutil.copyfile(src, dst)
    with h5py.File(dst, "r+") as f:
        if "borough" in f:
            del f["borough"]
        for g in f["variants"].values():
            for group in (g.get("summary"), g.get("stats/summary")):
                if group is None:
                    continue
                for name in list(group.keys()):
                    if isinstance(group.get(name, getlink=True), h5py.SoftLink):
                        del group[name]
                for name in list(group.keys()):
                    if name.startswith("calibration_"):
                        group.move(name, "fy2016_" + name[len("calibration_"):])
            params = g.get("parameters")
            if params is not None:
                for new, old in OLD_PARAMETER_NAMES.items():
                    _rename_attr(params.attrs, new, old)
            for new, old in OLD_PARAMETER_NAMES.items():
                _rename_attr(g.attrs, new, old)
        if "parameter_table" in f:
            table = f["parameter_table"][()]
            for row in table:
                key = row["key"].decode() if isinstance(row["key"], bytes) else row["key"]
                row["key"] = OLD_PARAMETER_NAMES.get(key, key)
            del f["parameter_table"]
            f.create_dataset("parameter_table", data=table)
        text = f.attrs["resolved_yaml"]
        text = text.decode() if isinstance(text, bytes) else str(text)
        text = "\n".join(line for line in text.splitlines() if not line.startswith("borough:")) + "\n"
        for new, old in OLD_PARAMETER_NAMES.items():
            section, key = new.split(".")
            text = text.replace(f"  {key}:", f"  {old.split('.')[1]}:")
        f.attrs["resolved_yaml"] = text
        f.attrs["schema_version"] = np.int64(2)
    return dst


def downgrade_to_schema1(src: Path, dst: Path) -> Path:
    """A copy of an engine results file as schema 2 wrote it (:func:`downgrade_to_schema2`) with
    everything schema 2 added deleted too (root attributes ``random_scheme`` and ``sweep``,
    ``/parameter_table``, each ``/variants/<name>/parameters``) and ``schema_version`` 1: what an
    older engine wrote."""
    downgrade_to_schema2(src, dst)
    with h5py.File(dst, "r+") as f:
        for name in SCHEMA2_ROOT_ATTRS:
            if name in f.attrs:
                del f.attrs[name]
        if "parameter_table" in f:
            del f["parameter_table"]
        for g in f["variants"].values():
            if "parameters" in g:
                del g["parameters"]
        f.attrs["schema_version"] = np.int64(1)
    return dst
