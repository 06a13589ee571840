"""Checks shared by the report tests: real PNGs, the page in Chromium, the page's visible text, and
turning an engine file of schema 2 back into one of schema 1."""
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


def downgrade_to_schema1(src: Path, dst: Path) -> Path:
    """A copy of an engine results file with everything schema 2 added deleted (root attributes
    ``random_scheme`` and ``sweep``, ``/parameter_table``, each ``/variants/<name>/parameters``)
    and ``schema_version`` 1: what an older engine wrote."""
    shutil.copyfile(src, dst)
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
