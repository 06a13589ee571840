"""The borough's wards on a map, coloured by patch.

The place comes from the results file's ``/borough`` group (``borough.py``): ward names, codes,
centroids, areas and localities, the ward boundaries (WKT polygons, British National Grid metres),
the venues and, from the pack's own files recorded there, the older population of each ward.
Wards are drawn with their boundaries; a pack without boundaries gets a schematic instead (the
Voronoi cells of the ward centroids inside the bounding box). A file written before borough packs
has no ``/borough``: its wards are read from the pack on disk if it is there (the caption says so).

The ward→patch assignment comes from ``/variants/<name>/geography/ward_patch`` (with ward names
from ``.../geography/ward_names`` or ``/geography/ward_names``). When a variant has patches but
the file holds no assignment, wards are coloured by their locality and the caption says so; when
no variant has patches, the section is left out.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import PathPatch, Polygon
from matplotlib.path import Path as MplPath

from .. import geometry
from ..borough import Borough, Ward
from ..loading import ResultSet, Variant
from ..wording import join_words
from .common import OKABE_ITO, Chart, Skipped, Table, new_figure, plot_style, to_png

SECTION = "Patches on the map"
CHART_ID = "map-patches"
#: Patch colours: Okabe-Ito without black, so ward names stay readable on every fill.
PATCH_COLOURS = tuple(OKABE_ITO[k] for k in ("orange", "sky_blue", "bluish_green", "yellow", "blue",
                                             "vermillion", "reddish_purple"))
HATCHES = ("", "//", "..", "xx")
MAX_PANELS = 6
#: Above this many wards their names are not written on the map (the table lists them).
MAX_NAMED_WARDS = 40


def normalise_ward_name(name: str) -> str:
    """Lower-case a ward name and drop punctuation, so "Queen's Park" matches "Queens Park"."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def ward_index(place: Borough) -> dict[str, int]:
    """Each ward's normalised name and its code -> its position in ``place.wards``."""
    index = {normalise_ward_name(w.code): i for i, w in enumerate(place.wards) if w.code}
    index.update({normalise_ward_name(w.name): i for i, w in enumerate(place.wards)})
    return index


def assignment(v: Variant, place: Borough) -> tuple[np.ndarray | None, str]:
    """The variant's patch number per ward of ``place`` (-1 = none), and a note.

    Wards are matched by name (or code) when the file has names; otherwise the file's order is
    taken as the borough's ward order if the counts agree.
    """
    if v.ward_patch is None:
        return None, ""
    n = len(place.wards)
    out = np.full(n, -1, dtype=int)
    if v.ward_names:
        index = ward_index(place)
        unknown = []
        for name, patch in zip(v.ward_names, v.ward_patch):
            i = index.get(normalise_ward_name(name))
            if i is None:
                unknown.append(name)
            else:
                out[i] = patch
        note = f"Ward names not recognised in {v.label}: {', '.join(unknown)}." if unknown else ""
        return out, note
    if len(v.ward_patch) == n:
        return np.asarray(v.ward_patch, dtype=int), (
            f"{v.label}: the results give no ward names, so the table order of wards is assumed.")
    return None, (f"{v.label}: ward_patch has {len(v.ward_patch)} entries, not {n}; "
                  "not mapped.")


def shapes(place: Borough) -> tuple[list[list[list[np.ndarray]]], bool]:
    """Each ward's shape as a list of polygons (rings), and whether they are real boundaries
    (else Voronoi cells of the centroids, clipped to the frame)."""
    if place.wards and all(w.polygons for w in place.wards):
        return [w.polygons for w in place.wards], True
    points = np.array([[w.easting, w.northing] for w in place.wards], dtype=float)
    cells = geometry.voronoi_cells(points, place.frame())
    return [[[c]] for c in cells], False


def outline_edges(ward_shapes, real: bool) -> list[geometry.Edge]:
    """Every edge once, with the neighbouring ward across it (None on the outside)."""
    if real:
        return geometry.shared_edges(ward_shapes)
    return geometry.cell_edges([s[0][0] for s in ward_shapes])


def _path(polygons) -> MplPath:
    """One compound path of polygons with holes (exteriors counter-clockwise, holes clockwise,
    so holes stay unfilled)."""
    verts, codes = [], []
    for poly in polygons:
        for k, ring in enumerate(poly):
            r = geometry.open_ring(ring)
            if len(r) < 3:
                continue
            if (geometry.signed_area(r) < 0) == (k == 0):
                r = r[::-1]
            verts += list(r) + [r[0]]
            codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(r) - 1) + [MplPath.CLOSEPOLY]
    return MplPath(np.array(verts, dtype=float).reshape(-1, 2), codes or None)


def _groups(results: ResultSet, place: Borough):
    """Distinct assignments across variants, each with the variants that use it."""
    groups: dict[tuple, tuple[np.ndarray, list[Variant]]] = {}
    notes = []
    for v in results.variants:
        a, note = assignment(v, place)
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


def _draw(ax, place: Borough, ward_shapes, edges, codes: np.ndarray, names: list[str] | None,
          colour_of, title: str, group_labels: dict[int, str] | None = None) -> None:
    """Fill each ward, outline groups (thick) and wards (thin); label wards by name (when
    ``names`` is given) and each group once near the middle of its wards (``group_labels``)."""
    wards = place.wards
    for i, polygons in enumerate(ward_shapes):
        colour, hatch = colour_of(codes[i])
        ax.add_patch(PathPatch(_path(polygons), facecolor=colour, alpha=0.75, edgecolor="white",
                               linewidth=0.8, hatch=hatch))
    for i, j, p, q in edges:
        if j is None or codes[i] != codes[j]:
            ax.plot([p[0], q[0]], [p[1], q[1]], color="#222222", linewidth=2.0,
                    solid_capstyle="round")
    size = 9 if len(wards) <= 25 else 7
    for w, label in zip(wards, names or []):
        ax.text(w.easting, w.northing, label, ha="center", va="center", fontsize=size,
                color="black", linespacing=1.1)
    x0, y0, x1, y1 = place.frame()
    clearance = 0.09 * max(x1 - x0, y1 - y0)
    for code, text in (group_labels or {}).items():
        members = [k for k, c in enumerate(codes) if c == code]
        if not members:
            continue
        # Label at the centre of the member ward nearest the group's middle, clear of venues.
        mid = np.mean([[wards[k].easting, wards[k].northing] for k in members], axis=0)
        order = sorted(members, key=lambda m: np.hypot(wards[m].easting - mid[0],
                                                       wards[m].northing - mid[1]))
        clear = [m for m in order
                 if all(np.hypot(wards[m].easting - v.easting, wards[m].northing - v.northing)
                        > clearance for v in place.venues)]
        w = wards[(clear or order)[0]]
        ax.text(w.easting, w.northing, text, ha="center", va="center", fontsize=15,
                fontweight="bold", color="black",
                bbox=dict(boxstyle="circle,pad=0.25", facecolor="white", edgecolor="#222222",
                          alpha=0.9))
    for v in place.venues:
        ax.plot(v.easting, v.northing, marker="*", markersize=11, color="white",
                markeredgecolor="black", zorder=5)
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


def _ward_labels(place: Borough) -> list[str] | None:
    if len(place.wards) > MAX_NAMED_WARDS:
        return None
    return [_short(w.name) for w in place.wards]


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


def _members(place: Borough, codes, code) -> list[Ward]:
    return [w for w, c in zip(place.wards, codes) if c == code]


def _pop65(wards: list[Ward]) -> int | None:
    """The older population of these wards, or None when the pack does not give it."""
    if any(w.pop65 is None for w in wards):
        return None
    return int(round(sum(w.pop65 for w in wards)))


def _localities(place: Borough) -> list[str]:
    known = [loc for loc in place.localities if any(w.locality == loc for w in place.wards)]
    return known + sorted({w.locality for w in place.wards} - set(known))


def patch_map(results: ResultSet) -> Chart | Skipped:
    """The map: one panel per distinct ward→patch assignment, or localities if there is none."""
    place = results.borough
    if not place.wards:
        return Skipped(CHART_ID, SECTION, f"{place.possessive} wards",
                       _no_wards_reason(place))
    ward_shapes, real = shapes(place)
    edges = outline_edges(ward_shapes, real)
    groups, notes = _groups(results, place)
    n = len(place.wards)
    with plot_style():
        if not groups:
            fig = new_figure(10.5, 6.6)
            ax = fig.subplots()
            locs = _localities(place)
            codes = np.array([locs.index(w.locality) for w in place.wards])
            _draw(ax, place, ward_shapes, edges, codes, _ward_labels(place), _group_colour,
                  f"{place.possessive} wards by locality")
            _legend_right(ax, locs, _group_colour, "Locality")
        elif len(groups) == 1:  # room for ward names; patches go in a legend with their figures
            fig = new_figure(10.5, 6.6)
            ax = fig.subplots()
            a, vs = groups[0]
            ids = _patch_ids(a)
            _draw(ax, place, ward_shapes, edges, a, _ward_labels(place), _patch_colour(ids),
                  join_words([v.label for v in vs]))
            labels = []
            for p in ids:
                members = _members(place, a, p)
                pop = _pop65(members)
                labels.append(f"{_patch_name(p, ids)}: {len(members)} wards"
                              + (f",\n{pop:,} aged 65+" if pop is not None else ""))
            _legend_right(ax, labels, _group_colour)
        else:
            shown = groups[:MAX_PANELS]
            ncols = min(3, len(shown))
            nrows = math.ceil(len(shown) / ncols)
            fig = new_figure(10.5, (10.5 / ncols) * 0.85 * nrows + 0.3)
            axes = fig.subplots(nrows, ncols, squeeze=False).reshape(-1)
            for ax, (a, vs) in zip(axes, shown):
                ids = _patch_ids(a)
                _draw(ax, place, ward_shapes, edges, a, None, _patch_colour(ids),
                      join_words([v.label for v in vs]), {p: str(ids.index(p) + 1) for p in ids})
            for ax in axes[len(shown):]:
                ax.set_visible(False)
        png = to_png(fig)
    if groups:
        return _chart_with_groups(place, real, groups, notes, png, n)
    return _locality_chart(place, real, notes, png, n)


def _no_wards_reason(place: Borough) -> str:
    if place.legacy:
        return (f"the results file was written before borough packs and records no wards, and the "
                f"{place.name!r} pack, which would give them, was not found on disk.")
    return "the results file records no wards for the borough."


def _pop_header(place: Borough) -> list[str]:
    if not place.pop65_label:
        return []
    label = place.pop65_label
    return [label[:1].upper() + label[1:], "Share of 65+"]


def _table_header(place: Borough, first: list[str]) -> list[str]:
    return first + ["Wards"] + _pop_header(place) + ["Area (km²)", "Ward names"]


def _row(place: Borough, variant: str, group: str, wards: list[Ward]) -> list[str]:
    """A table row of one patch or locality: wards, older population, area."""
    row = [variant, group, str(len(wards))]
    pop, total = _pop65(wards), _pop65(place.wards)
    if place.pop65_label and pop is not None and total:
        row += [f"{pop:,}", f"{pop / total:.0%}"]
    area = sum(w.area_ha for w in wards)
    row += [f"{area / 100:.1f}" if np.isfinite(area) else "not given",
            ", ".join(w.name for w in wards)]
    return row


def _describe_map(place: Borough, real: bool) -> str:
    """The first sentences of a caption: what the map draws and where the wards come from."""
    if real:
        text = f"Map of {place.possessive} wards, drawn with their boundaries. "
    else:
        text = (f"Schematic map of {place.display_name}: each ward is drawn as the area nearer its "
                "centre than any other ward's centre (the borough pack gives no ward boundaries), "
                "inside the borough's bounding box. ")
    if place.legacy:
        text += ("The results file was written before borough packs and records no wards; they "
                 f"are taken from the {place.name!r} pack on disk ({place.origin}). ")
    return text


def _venues_sentence(place: Borough) -> str:
    if not place.venues:
        return ""
    names = join_words([v.name for v in place.venues])
    if len(place.venues) == 1:
        return f"The star marks {names}, whose event days slow travel nearby. "
    return f"The stars mark {names}, whose event days slow travel nearby. "


def _sources(place: Borough) -> str:
    parts = [f"ward names, centroids, areas and localities from the {place.display_name} "
             "borough pack" + (" recorded in the results file" if not place.legacy else "")]
    if place.pop65_source:
        parts.append(f"people {place.pop65_label}: {place.pop65_source}")
    if place.attribution:
        parts.append(f"boundaries: {place.attribution}")
    return "Sources: " + "; ".join(parts) + "."


def _chart_with_groups(place: Borough, real: bool, groups, notes, png, n: int) -> Chart:
    rows = []
    for a, vs in groups:
        ids = _patch_ids(a)
        rows += [_row(place, join_words([v.label for v in vs]), _patch_name(p, ids),
                      _members(place, a, p)) for p in ids]
    pops = [[_pop65(_members(place, a, p)) for p in _patch_ids(a)] for a, _ in groups]
    sizes = [[len(_members(place, a, p)) for p in _patch_ids(a)] for a, _ in groups]
    counts = sorted({len(p) for p in sizes})
    known = all(x is not None for p in pops for x in p)
    if len(counts) == 1 and known:
        title = (f"{place.possessive} {n} wards form {counts[0]} patches, each with "
                 f"{min(pops[0]):,} to {max(pops[0]):,} people aged 65+")
    elif len(counts) == 1:
        title = (f"{place.possessive} {n} wards form {counts[0]} patches of {min(sizes[0])} to "
                 f"{max(sizes[0])} wards")
    else:
        title = f"The options split {place.possessive} {n} wards into {counts[0]} to {counts[-1]} patches"
    detail = ""
    ratios = [max(p) / min(p) for p in pops if known and len(p) > 1 and min(p) > 0]
    if len(set(ratios)) == 1:
        detail = f"The largest patch has {ratios[0]:.1f} times the older population of the smallest."
    elif ratios:
        detail = (f"The largest patch has {min(ratios):.1f} to {max(ratios):.1f} times the older "
                  "population of the smallest, depending on the option.")
    caption = (_describe_map(place, real)
               + "Colour (and, on small maps, the circled number) gives the patch; thick lines "
               "separate patches. " + _venues_sentence(place)
               + "The table gives each patch's wards"
               + (f", people {place.pop65_label}" if place.pop65_label else "")
               + " and area. Ward→patch assignments are read from the results file. "
               + _sources(place)
               + (f" Only the first {MAX_PANELS} distinct assignments are drawn."
                  if len(groups) > MAX_PANELS else "")
               + (" " + " ".join(notes) if notes else ""))
    alt = (f"{'Map' if real else 'Schematic map'} of {place.possessive} {n} wards coloured by "
           f"patch, {len(groups)} panel{'s' if len(groups) > 1 else ''}. {title}.")
    return Chart(CHART_ID, SECTION, title, caption, alt, png,
                 Table(_table_header(place, ["Variant", "Patch"]), rows), detail)


def _locality_chart(place: Borough, real: bool, notes, png, n: int) -> Chart:
    locs = _localities(place)
    rows = [_row(place, "—", loc, [w for w in place.wards if w.locality == loc]) for loc in locs]
    title = f"{place.possessive} {n} wards by locality (the results hold no patch map)"
    caption = (_describe_map(place, real)
               + "The results file has no ward→patch assignment (no variant has "
               "geography/ward_patch), so wards are coloured by their locality instead; this is "
               "not a patch plan. " + _venues_sentence(place) + _sources(place)
               + (" " + " ".join(notes) if notes else ""))
    alt = (f"{'Map' if real else 'Schematic map'} of {place.possessive} {n} wards coloured by "
           f"{len(locs)} localities: {join_words(locs)}. No patch assignment was in the results.")
    return Chart(CHART_ID, SECTION, title, caption, alt, png,
                 Table(_table_header(place, ["Variant", "Locality"]), rows))


def has_patches(v: Variant) -> bool:
    """True when the variant commissions by patch: it has a ward→patch assignment, its
    commissioning model is ``patch``, or its settings map wards to patches."""
    if v.ward_patch is not None and np.any(np.asarray(v.ward_patch) >= 0):
        return True
    model = v.parameters.get("commissioning.model", v.params.get("commissioning.model"))
    return model == "patch" or bool(v.parameters.get("patches.wards"))


def build(results: ResultSet) -> list[Chart | Skipped]:
    """The borough's ward map; nothing when no variant has patches."""
    if not any(has_patches(v) for v in results.variants):
        return []
    return [patch_map(results)]
