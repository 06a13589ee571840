"""Checks shared by the report tests."""
from __future__ import annotations

import io

import numpy as np
from matplotlib import image as mpimg

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_real_png(data: bytes, min_size: int = 100) -> np.ndarray:
    """The bytes are a decodable PNG, at least ``min_size`` pixels each way, not one flat colour."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    pixels = mpimg.imread(io.BytesIO(data), format="png")
    assert pixels.shape[0] >= min_size and pixels.shape[1] >= min_size, pixels.shape
    assert float(pixels[..., :3].std()) > 0.01, "the image is one flat colour"
    return pixels
