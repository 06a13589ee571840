"""Plane geometry for the ward map: Voronoi cells by half-plane clipping, areas, shared edges of
cells and of ward boundaries.

No scipy: each cell starts as the bounding box and is cut by the perpendicular bisector with every
other site (Sutherland–Hodgman clipping of a convex polygon). O(n²) clips, trivial for a borough's
few dozen wards.
"""
from __future__ import annotations

import numpy as np


def box_polygon(bbox: tuple[float, float, float, float]) -> np.ndarray:
    """The rectangle (x0, y0, x1, y1) as a counter-clockwise [4, 2] polygon."""
    x0, y0, x1, y1 = bbox
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=float)


def clip_halfplane(poly: np.ndarray, normal: np.ndarray, offset: float) -> np.ndarray:
    """Keep the part of a convex polygon where ``normal · p <= offset``."""
    if len(poly) == 0:
        return poly
    out = []
    values = poly @ normal - offset
    for k in range(len(poly)):
        p, q = poly[k], poly[(k + 1) % len(poly)]
        vp, vq = values[k], values[(k + 1) % len(poly)]
        if vp <= 0:
            out.append(p)
        if (vp < 0 < vq) or (vq < 0 < vp):
            t = vp / (vp - vq)
            out.append(p + t * (q - p))
    return np.array(out, dtype=float).reshape(-1, 2)


def voronoi_cells(points: np.ndarray, bbox: tuple[float, float, float, float]) -> list[np.ndarray]:
    """Voronoi cell of each point, clipped to ``bbox``: a list of convex [k, 2] polygons."""
    points = np.asarray(points, dtype=float)
    cells = []
    for i, p in enumerate(points):
        cell = box_polygon(bbox)
        for j, q in enumerate(points):
            if i == j:
                continue
            normal = q - p  # keep points nearer p than q
            cell = clip_halfplane(cell, normal, normal @ (p + q) / 2)
        cells.append(cell)
    return cells


def polygon_area(poly: np.ndarray) -> float:
    """Area of a simple polygon (shoelace formula), always positive."""
    x, y = poly[:, 0], poly[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


Edge = tuple[int, int | None, np.ndarray, np.ndarray]  # (cell, neighbour or None, p, q)


def cell_edges(cells: list[np.ndarray], tol: float = 1e-6) -> list[Edge]:
    """Every edge of every cell once: (cell, neighbouring cell or None on the outer box, p, q).

    Two cells are neighbours along an edge when both have it (within ``tol`` times the scale).
    """
    scale = max(float(np.ptp(np.vstack(cells), axis=0).max()), 1.0) if cells else 1.0
    eps = tol * scale * 1e3
    edges = []
    for i, cell in enumerate(cells):
        for k in range(len(cell)):
            p, q = cell[k], cell[(k + 1) % len(cell)]
            if np.hypot(*(q - p)) <= eps:
                continue
            mid = (p + q) / 2
            neighbour = None
            for j, other in enumerate(cells):
                if j == i:
                    continue
                for m in range(len(other)):
                    a, b = other[m], other[(m + 1) % len(other)]
                    if np.hypot(*((a + b) / 2 - mid)) <= eps and np.hypot(*(b - a)) > eps:
                        neighbour = j
                        break
                if neighbour is not None:
                    break
            if neighbour is None or i < neighbour:
                edges.append((i, neighbour, p, q))
    return edges


def signed_area(ring: np.ndarray) -> float:
    """Shoelace area of a ring, positive when counter-clockwise."""
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def open_ring(ring: np.ndarray) -> np.ndarray:
    """The ring without its closing point (WKT repeats the first point at the end)."""
    ring = np.asarray(ring, dtype=float)
    if len(ring) > 1 and np.allclose(ring[0], ring[-1]):
        return ring[:-1]
    return ring


def shared_edges(shapes: list[list[list[np.ndarray]]], snap: float = 0.5) -> list[Edge]:
    """Every boundary segment of every shape once: (shape, the other shape that has the same
    segment or None, p, q). ``shapes[i]`` is a list of polygons (rings: exterior, holes), as ward
    boundaries are; segments match when their end points agree to ``snap`` (metres), as they do
    in boundaries cut from one topologically clean source."""
    owners: dict[tuple, list[int]] = {}
    ends: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
    order: list[tuple] = []
    for i, polygons in enumerate(shapes):
        for poly in polygons:
            for ring in poly:
                r = open_ring(ring)
                for k in range(len(r)):
                    p, q = r[k], r[(k + 1) % len(r)]
                    a = (round(p[0] / snap), round(p[1] / snap))
                    b = (round(q[0] / snap), round(q[1] / snap))
                    if a == b:
                        continue
                    key = (a, b) if a <= b else (b, a)
                    if key not in owners:
                        owners[key] = []
                        ends[key] = (p, q)
                        order.append(key)
                    if i not in owners[key]:
                        owners[key].append(i)
    edges = []
    for key in order:
        who = owners[key]
        p, q = ends[key]
        edges.append((who[0], who[1] if len(who) > 1 else None, p, q))
    return edges
