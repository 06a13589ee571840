"""A schematic map of Brent: Voronoi cells of the 21 ward centroids, coloured by patch.

The ward→patch assignment comes from ``/variants/<name>/geography/ward_patch`` (with ward names
from ``.../geography/ward_names`` or ``/geography/ward_names``). When a variant has patches but the
file holds no assignment, wards are coloured by their GP locality and the caption says so; when no
variant has patches, the section is left out.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import Polygon

from .. import geometry
from ..brent_wards import (BOUNDING_BOX, LOCALITIES, SOURCE, WARDS, WEMBLEY_STADIUM,
                           normalise_ward_name, ward_index)
from ..loading import ResultSet, Variant
from ..wording import join_words
from .common import OKABE_ITO, Chart, Skipped, Table, new_figure, plot_style, to_png

SECTION = "Patches on the map"
#: Patch colours: Okabe-Ito without black, so ward names stay readable on every fill.
PATCH_COLOURS = tuple(OKABE_ITO[k] for k in ("orange", "sky_blue", "bluish_green", "yellow", "blue",
                                             "vermillion", "reddish_purple"))
HATCHES = ("", "//", "..", "xx")
MAX_PANELS = 6


def assignment(v: Variant) -> tuple[np.ndarray | None, str]:
    """The variant's patch number per ward in :data:`WARDS` order (-1 = none), and a note.

    Wards are matched by name when the file has names; otherwise the file's order is taken as
    :data:`WARDS` order if it has 21 entries.
    """
    if v.ward_patch is None:
        return None, ""
    out = np.full(len(WARDS), -1, dtype=int)
    if v.ward_names:
        index = ward_index()
        unknown = []
        for name, patch in zip(v.ward_names, v.ward_patch):
            i = index.get(normalise_ward_name(name))
            if i is None:
                unknown.append(name)
            else:
                out[i] = patch
        note = f"Ward names not recognised in {v.label}: {', '.join(unknown)}." if unknown else ""
        return out, note
    if len(v.ward_patch) == len(WARDS):
        return np.asarray(v.ward_patch, dtype=int), (
            f"{v.label}: the results give no ward names, so the table order of wards is assumed.")
    return None, (f"{v.label}: ward_patch has {len(v.ward_patch)} entries, not {len(WARDS)}; "
                  "not mapped.")


def _cells() -> list[np.ndarray]:
    points = np.array([[w.easting, w.northing] for w in WARDS])
    return geometry.voronoi_cells(points, BOUNDING_BOX)


def _groups(results: ResultSet) -> tuple[list[tuple[np.ndarray, list[Variant]]], list[str]]:
    """Distinct assignments across variants, each with the variants that use it."""
    groups: dict[tuple, tuple[np.ndarray, list[Variant]]] = {}
    notes = []
    for v in results.variants:
        a, note = assignment(v)
        if note:
            notes.append(note)
        if a is not None:
            groups.setdefault(tuple(a), (a, []))[1].append(v)
    return list(groups.values()), notes


def _patch_ids(a: np.ndarray) -> list[int]:
    return sorted(int(p) for p in set(a.tolist()) if p >= 0)


def _patch_name(p: int, ids: list[int]) -> str:
    """Patches are shown numbered from 1 whatever the file's numbering starts at."""
    return f"Patch {ids.index(p) + 1}"


def _draw(ax, cells, codes: np.ndarray, names: list[str] | None, colour_of, title: str,
          group_labels: dict[int, str] | None = None) -> None:
    """Fill each ward's cell, outline groups (thick) and wards (thin); label wards by name (when
    ``names`` is given) and each group once at the middle of its wards (``group_labels``)."""
    for i, cell in enumerate(cells):
        colour, hatch = colour_of(codes[i])
        ax.add_patch(Polygon(cell, closed=True, facecolor=colour, alpha=0.75, edgecolor="white",
                             linewidth=0.8, hatch=hatch))
    for i, j, p, q in geometry.cell_edges(cells):
        if j is None or codes[i] != codes[j]:
            ax.plot([p[0], q[0]], [p[1], q[1]], color="#222222", linewidth=2.0,
                    solid_capstyle="round")
    for w, label in zip(WARDS, names or []):
        ax.text(w.easting, w.northing, label, ha="center", va="center", fontsize=9,
                color="black", linespacing=1.1)
    for code, text in (group_labels or {}).items():
        members = [k for k, c in enumerate(codes) if c == code]
        if not members:
            continue
        # Label in the cell of the ward nearest the group's middle, clear of the stadium's star.
        mid = np.mean([[WARDS[k].easting, WARDS[k].northing] for k in members], axis=0)
        order = sorted(members, key=lambda m: np.hypot(WARDS[m].easting - mid[0],
                                                       WARDS[m].northing - mid[1]))
        clear = [m for m in order if np.hypot(*(cells[m].mean(axis=0) - WEMBLEY_STADIUM)) > 900]
        x, y = cells[(clear or order)[0]].mean(axis=0)
        ax.text(x, y, text, ha="center", va="center", fontsize=15,
                fontweight="bold", color="black",
                bbox=dict(boxstyle="circle,pad=0.25", facecolor="white", edgecolor="#222222",
                          alpha=0.9))
    ax.plot(*WEMBLEY_STADIUM, marker="*", markersize=11, color="white", markeredgecolor="black",
            zorder=5)
    x0, y0, x1, y1 = BOUNDING_BOX
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title, fontsize=12)


def _short(name: str) -> str:
    return name.replace(" ", "\n", 1) if len(name) > 10 else name


def _group_colour(k: int) -> tuple[str, str]:
    """Fill colour and hatch of the k-th group (patch or locality); hatching once colours repeat."""
    return (PATCH_COLOURS[k % len(PATCH_COLOURS)],
            HATCHES[(k // len(PATCH_COLOURS)) % len(HATCHES)])


def _patch_colour(ids: list[int]):
    """Colour function for an assignment: its patches in order; unassigned wards grey."""
    return lambda p: _group_colour(ids.index(p)) if p >= 0 else ("#bbbbbb", "")


def _legend_right(ax, labels: list[str], colour_of, title: str | None = None) -> None:
    handles = []
    for k, label in enumerate(labels):
        colour, hatch = colour_of(k)
        handles.append(Polygon([[0, 0]], facecolor=colour, alpha=0.75, hatch=hatch, label=label))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=11,
              frameon=False, labelspacing=1.0, title=title)


def _members(codes, code) -> list:
    return [w for w, c in zip(WARDS, codes) if c == code]


def _pop65(wards) -> int:
    return sum(w.pop65_2019 for w in wards)


def patch_map(results: ResultSet) -> Chart | Skipped:
    """The map: one panel per distinct ward→patch assignment, or localities if there is none."""
    cells = _cells()
    groups, notes = _groups(results)
    with plot_style():
        if not groups:
            fig = new_figure(10.5, 6.6)
            ax = fig.subplots()
            codes = np.array([LOCALITIES.index(w.locality) for w in WARDS])
            _draw(ax, cells, codes, [_short(w.name) for w in WARDS], _group_colour,
                  "Brent's wards by GP locality")
            _legend_right(ax, list(LOCALITIES), _group_colour, "Locality")
        elif len(groups) == 1:  # room for ward names; patches go in a legend with their figures
            fig = new_figure(10.5, 6.6)
            ax = fig.subplots()
            a, vs = groups[0]
            ids = _patch_ids(a)
            _draw(ax, cells, a, [_short(w.name) for w in WARDS], _patch_colour(ids),
                  join_words([v.label for v in vs]))
            labels = [f"{_patch_name(p, ids)}: {len(_members(a, p))} wards,\n"
                      f"{_pop65(_members(a, p)):,} aged 65+" for p in ids]
            _legend_right(ax, labels, _group_colour)
        else:
            shown = groups[:MAX_PANELS]
            ncols = min(3, len(shown))
            nrows = math.ceil(len(shown) / ncols)
            fig = new_figure(10.5, (10.5 / ncols) * 0.85 * nrows + 0.3)
            axes = fig.subplots(nrows, ncols, squeeze=False).reshape(-1)
            for ax, (a, vs) in zip(axes, shown):
                ids = _patch_ids(a)
                _draw(ax, cells, a, None, _patch_colour(ids), join_words([v.label for v in vs]),
                      {p: str(ids.index(p) + 1) for p in ids})
            for ax in axes[len(shown):]:
                ax.set_visible(False)
        png = to_png(fig)
    return _chart_with_groups(groups, notes, png) if groups else _locality_chart(notes, png)


TABLE_HEADER = ["Variant", "Patch", "Wards", "Aged 65+ (2019)", "Share of 65+", "Area (km²)",
                "Ward names"]
SCHEMATIC = ("Schematic map of Brent: each ward is drawn as the area nearer its centre than any "
             "other ward's centre (not its real boundary), inside the borough's bounding box. ")


def _row(variant: str, group: str, wards: list) -> list[str]:
    """A table row of one patch or locality: wards, older population, area."""
    pop = _pop65(wards)
    return [variant, group, str(len(wards)), f"{pop:,}", f"{pop / _pop65(WARDS):.0%}",
            f"{sum(w.area_ha for w in wards) / 100:.1f}", ", ".join(w.name for w in wards)]


def _chart_with_groups(groups, notes, png) -> Chart:
    rows = []
    for a, vs in groups:
        ids = _patch_ids(a)
        rows += [_row(join_words([v.label for v in vs]), _patch_name(p, ids), _members(a, p))
                 for p in ids]
    pops = [[_pop65(_members(a, p)) for p in _patch_ids(a)] for a, _ in groups]
    counts = sorted({len(p) for p in pops})
    ratios = [max(p) / min(p) for p in pops if len(p) > 1]
    if len(counts) == 1:
        title = (f"Brent's 21 wards form {counts[0]} patches, each with {min(pops[0]):,} to "
                 f"{max(pops[0]):,} people aged 65+")
    else:
        title = f"The options split Brent's 21 wards into {counts[0]} to {counts[-1]} patches"
    detail = ""
    if len(set(ratios)) == 1:
        detail = f"The largest patch has {ratios[0]:.1f} times the older population of the smallest."
    elif ratios:
        detail = (f"The largest patch has {min(ratios):.1f} to {max(ratios):.1f} times the older "
                  "population of the smallest, depending on the option.")
    caption = (SCHEMATIC + "Colour (and, on small maps, the circled number) gives the patch; "
               "thick lines separate patches. The star marks Wembley Stadium, whose event days "
               "slow travel nearby. The table gives each patch's wards, people aged 65+ "
               "(mid-2019) and area. Ward→patch assignments are read from the results file. "
               f"Sources: {SOURCE}"
               + (f" Only the first {MAX_PANELS} distinct assignments are drawn."
                  if len(groups) > MAX_PANELS else "")
               + (" " + " ".join(notes) if notes else ""))
    alt = (f"Schematic map of Brent's 21 wards coloured by patch, {len(groups)} panel"
           f"{'s' if len(groups) > 1 else ''}. {title}.")
    return Chart("map-patches", SECTION, title, caption, alt, png, Table(TABLE_HEADER, rows),
                 detail)


def _locality_chart(notes, png) -> Chart:
    rows = [_row("—", loc, [w for w in WARDS if w.locality == loc]) for loc in LOCALITIES]
    title = "Brent's 21 wards by GP locality (the results hold no patch map)"
    caption = (SCHEMATIC + "The results file has no ward→patch assignment (no variant has "
               "geography/ward_patch), so wards are coloured by their approximate GP locality "
               "instead; this is not a patch plan. The star marks Wembley Stadium. "
               f"Sources: {SOURCE}" + (" " + " ".join(notes) if notes else ""))
    alt = ("Schematic map of Brent's 21 wards coloured by five GP localities: Harness, Kilburn, "
           "Kingsbury, Wembley and Willesden. No patch assignment was in the results.")
    return Chart("map-patches", SECTION, title, caption, alt, png,
                 Table(["Variant", "Locality"] + TABLE_HEADER[2:], rows))


def has_patches(v: Variant) -> bool:
    """True when the variant commissions by patch: it has a ward→patch assignment, its
    commissioning model is ``patch``, or its settings map wards to patches."""
    if v.ward_patch is not None and np.any(np.asarray(v.ward_patch) >= 0):
        return True
    model = v.parameters.get("commissioning.model", v.params.get("commissioning.model"))
    return model == "patch" or bool(v.parameters.get("patches.wards"))


def build(results: ResultSet) -> list[Chart | Skipped]:
    """The map of Brent; nothing when no variant has patches."""
    if not any(has_patches(v) for v in results.variants):
        return []
    return [patch_map(results)]
