"""The place a results file simulates: its borough pack as the file records it.

A results file of schema 3 has a root group ``/borough`` (output/README.md): attributes ``name``,
``display_name``, ``ons_code``, ``living_wage``, ``pack_hash``, ``tables_hash``,
``calibration_from``, ``calibration_to``, ``crs``; datasets ``bounding_box`` (east_min,
north_min, east_max, north_max), ``wards/{code,name,locality,easting,northing,area_ha,
boundary_wkt}`` (WKT polygons in British National Grid metres, possibly empty), ``venues/*`` and
``files/{name,text}`` (the pack's files themselves). Everything the report says about the place
(its name in sentences, the ward map, localities, venues, older population) comes from there.

Files of schema 1 and 2 predate borough packs: the engine then simulated one place only, the pack
now called :data:`LEGACY_PACK`. Such a file counts as that pack, its version unknown, and its
wards are read from that pack's folder on disk (``$HOMECARE_BOROUGHS``, else the repository's
``boroughs/``) when it is there; otherwise the report has no ward table for it.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

#: The pack that results files written before borough packs (schema 1 and 2) simulated.
LEGACY_PACK = "brent"
#: Where named packs are looked for when ``$HOMECARE_BOROUGHS`` is not set (as the engine does).
PACKS_ROOT = Path(__file__).resolve().parents[2] / "boroughs"

Polygon = list[np.ndarray]  # exterior ring then holes, each [k, 2], British National Grid metres


@dataclass
class Ward:
    """One ward: ONS code, name, locality, area centroid and area, older population when the
    pack gives it, and its boundary (a list of polygons; empty when the pack has none)."""

    code: str
    name: str
    locality: str
    easting: float
    northing: float
    area_ha: float
    pop65: float | None = None
    polygons: list[Polygon] = field(default_factory=list)


@dataclass
class Venue:
    """A place whose event days slow travel nearby (a stadium)."""

    name: str
    easting: float
    northing: float


@dataclass
class Borough:
    """The place of a results file (module docstring). ``pack_hash`` is None when unknown (a file
    written before borough packs); ``wards`` is empty when nothing gives them."""

    name: str
    display_name: str
    pack_hash: str | None = None
    ons_code: str = ""
    living_wage: str = ""
    tables_hash: str = ""
    calibration_from: str = ""
    calibration_to: str = ""
    crs: str = "EPSG:27700"
    bounding_box: tuple[float, float, float, float] | None = None
    wards: list[Ward] = field(default_factory=list)
    venues: list[Venue] = field(default_factory=list)
    localities: list[str] = field(default_factory=list)
    pop65_label: str = ""      # what the older population counts ("aged 65+ (mid-2017)")
    pop65_source: str = ""     # where the pack says that population comes from
    attribution: str = ""      # the boundaries' source and attribution, as the pack words them
    origin: str = "results"    # "results": from the file's /borough; else where it came from
    legacy: bool = False       # the file predates borough packs

    @property
    def has_boundaries(self) -> bool:
        return any(w.polygons for w in self.wards)

    @property
    def possessive(self) -> str:
        """The name as a possessive: ``Testshire's``; a name ending in s takes only the
        apostrophe (``Testfields'``)."""
        return self.display_name + ("'" if self.display_name.endswith("s") else "'s")

    def describe(self) -> str:
        """The borough for an error message: display name, pack name and version."""
        version = (f"pack hash {self.pack_hash[:12]}" if self.pack_hash
                   else "written before borough packs, pack version unknown")
        return f"{self.display_name} (pack {self.name!r}, {version})"

    def frame(self, margin: float = 0.08) -> tuple[float, float, float, float] | None:
        """The map's frame: the bounding box, else the wards' extent with a margin."""
        if self.bounding_box is not None:
            return self.bounding_box
        if not self.wards:
            return None
        pts = np.array([[w.easting, w.northing] for w in self.wards], dtype=float)
        for w in self.wards:
            for poly in w.polygons:
                pts = np.vstack([pts] + poly)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        pad = margin * max(float((hi - lo).max()), 1000.0)
        return (float(lo[0] - pad), float(lo[1] - pad), float(hi[0] + pad), float(hi[1] + pad))


def same_place(a: Borough, b: Borough) -> bool:
    """True when two files simulate the same pack: the same name and, when both record it, the
    same pack hash (a file written before packs has no hash and matches any version)."""
    return a.name == b.name and (a.pack_hash is None or b.pack_hash is None
                                 or a.pack_hash == b.pack_hash)


# ---- parsing the pack's texts -------------------------------------------------------------------

def parse_wkt(text: str) -> list[Polygon]:
    """A WKT ``POLYGON`` or ``MULTIPOLYGON`` (2-D; Z/M values dropped) as a list of polygons;
    ``[]`` for empty text or ``EMPTY``. Raises ValueError on anything else."""
    text = (text or "").strip()
    if not text:
        return []
    m = re.fullmatch(r"(MULTIPOLYGON|POLYGON)\s*(?:ZM|Z|M)?\s*(.*)", text, re.I | re.S)
    if not m:
        raise ValueError(f"not a WKT polygon: {text[:40]!r}")
    body = m.group(2).strip()
    if body.upper() == "EMPTY":
        return []
    tokens = re.findall(r"[(),]|[^\s(),]+", body)
    if not tokens or tokens[0] != "(":
        raise ValueError(f"malformed WKT: {text[:40]!r}")
    tree, end = _nested(tokens, 0)
    if end != len(tokens):
        raise ValueError(f"malformed WKT (text after the last parenthesis): {text[:40]!r}")
    polygons = tree if m.group(1).upper() == "MULTIPOLYGON" else [tree]
    out = []
    for poly in polygons:
        rings = []
        for ring in poly:
            if not isinstance(ring, list) or not ring or not all(
                    isinstance(c, list) and len(c) >= 2 and all(isinstance(x, float) for x in c)
                    for c in ring):
                raise ValueError(f"malformed WKT ring: {text[:40]!r}")
            rings.append(np.array([c[:2] for c in ring], dtype=float))
        if rings:
            out.append(rings)
    return out


def _nested(tokens: list[str], i: int) -> tuple[list, int]:
    """The parenthesised list starting at ``tokens[i] == "("``: nested lists, coordinates as
    lists of floats; returns it and the index after its closing parenthesis."""
    items: list = []
    coord: list[float] = []
    i += 1
    while i < len(tokens):
        t = tokens[i]
        if t == "(":
            sub, i = _nested(tokens, i)
            items.append(sub)
            continue
        if t in (",", ")"):
            if coord:
                items.append(coord)
                coord = []
            i += 1
            if t == ")":
                return items, i
            continue
        try:
            coord.append(float(t))
        except ValueError as exc:
            raise ValueError(f"malformed WKT number {t!r}") from exc
        i += 1
    raise ValueError("malformed WKT: unbalanced parentheses")


def parse_csv(text: str) -> list[dict]:
    """A pack's CSV (``wards.csv``): ``#`` lines are comments, the first other line the header."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [{k.strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(io.StringIO("\n".join(lines)))]


def parse_boundaries(text: str) -> dict[str, list[Polygon]]:
    """``boundaries.wkt``: ``CODE<TAB>NAME<TAB>WKT`` per line -> ``{code: polygons}``."""
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            out[parts[0].strip()] = parse_wkt(parts[2])
    return out


def attribution(text: str) -> str:
    """The attribution a boundaries file asks for in its comment lines (``# Attribution:`` and
    its indented continuation lines; else ``# Licence:``), as one sentence without web
    addresses (the report works offline and links nowhere)."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"\s*(Attribution|Licence|License)\s*:\s*(.*)", body)
        if m:
            current = m.group(1).lower().replace("license", "licence")
            blocks[current] = [m.group(2).strip()]
        elif current and body.startswith("   "):
            blocks[current].append(body.strip())
        else:
            current = None
    words = " ".join(blocks.get("attribution") or blocks.get("licence") or [])
    words = re.sub(r"\s*\(\s*https?://[^)]*\)", "", words)
    words = re.sub(r"\s*https?://\S+", "", words)
    return " ".join(words.split())


def _float(x) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def _pop65_column(pack: dict) -> str | None:
    demand = pack.get("demand") if isinstance(pack.get("demand"), dict) else {}
    column = demand.get("pop65")
    return str(column) if column else None


def pop65_label(column: str | None) -> str:
    """``pop_65plus_2017`` -> ``aged 65+ (mid-2017)``."""
    if not column:
        return ""
    m = re.search(r"(\d{4})$", column)
    return "aged 65+" + (f" (mid-{m.group(1)})" if m else "")


def _apply_pack_texts(b: Borough, files: dict[str, str]) -> None:
    """Fill what only the pack's own files say (locality order, older population, boundary
    attribution) into ``b`` from their texts."""
    try:
        pack = yaml.safe_load(files.get("pack.yaml", "")) or {}
    except yaml.YAMLError:
        pack = {}
    if not isinstance(pack, dict):
        pack = {}
    locs = pack.get("localities")
    if isinstance(locs, list) and locs:
        b.localities = [str(x) for x in locs]
    column = _pop65_column(pack)
    wards_file = str(pack.get("wards") or "wards.csv")
    if column and wards_file in files:
        rows = {r.get("code"): r for r in parse_csv(files[wards_file])}
        pops = {code: _float(r.get(column)) for code, r in rows.items()}
        if b.wards and all(np.isfinite(pops.get(w.code, float("nan"))) for w in b.wards):
            for w in b.wards:
                w.pop65 = pops[w.code]
            b.pop65_label = pop65_label(column)
            population = pack.get("population") if isinstance(pack.get("population"), dict) else {}
            columns = population.get("columns") if isinstance(population.get("columns"), dict) else {}
            row = columns.get(column)
            if isinstance(row, dict) and row.get("source"):
                b.pop65_source = str(row["source"])
    boundaries_file = pack.get("boundaries")
    if boundaries_file and str(boundaries_file) in files:
        b.attribution = attribution(files[str(boundaries_file)])
    if not b.localities:
        b.localities = sorted({w.locality for w in b.wards if w.locality})


# ---- reading -------------------------------------------------------------------------------------

def _text(value) -> str:
    if isinstance(value, np.ndarray):
        value = value.reshape(-1)[0] if value.size == 1 else ""
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def _texts(ds) -> list[str]:
    return [_text(v) for v in np.asarray(ds[()]).reshape(-1)]


def _numbers(ds) -> list[float]:
    return [float(x) for x in np.asarray(ds[()], dtype=float).reshape(-1)]


def from_group(g, where: str, notes: list[str]) -> Borough:
    """The ``/borough`` group of a results file (h5py group)."""
    attrs = {k: _text(v) for k, v in g.attrs.items()}
    name = attrs.get("name") or "unknown"
    b = Borough(name=name, display_name=attrs.get("display_name") or name,
                pack_hash=attrs.get("pack_hash") or None, ons_code=attrs.get("ons_code", ""),
                living_wage=attrs.get("living_wage", ""), tables_hash=attrs.get("tables_hash", ""),
                calibration_from=attrs.get("calibration_from", ""),
                calibration_to=attrs.get("calibration_to", ""),
                crs=attrs.get("crs", "EPSG:27700"))
    if "bounding_box" in g:
        box = _numbers(g["bounding_box"])
        if len(box) == 4 and all(np.isfinite(box)) and box[0] < box[2] and box[1] < box[3]:
            b.bounding_box = tuple(box)
        else:
            notes.append(f"{where}/bounding_box is not east_min, north_min, east_max, north_max "
                         "and was ignored.")
    w = g.get("wards")
    if w is not None:
        try:
            codes, names = _texts(w["code"]), _texts(w["name"])
            n = len(codes)
            locality = _texts(w["locality"]) if "locality" in w else [""] * n
            east, north = _numbers(w["easting"]), _numbers(w["northing"])
            area = _numbers(w["area_ha"]) if "area_ha" in w else [float("nan")] * n
            wkt = _texts(w["boundary_wkt"]) if "boundary_wkt" in w else [""] * n
            if not all(len(x) == n for x in (names, locality, east, north, area, wkt)):
                raise ValueError("its datasets differ in length")
        except (KeyError, TypeError, ValueError) as exc:
            notes.append(f"{where}/wards cannot be read ({exc}); the map is left out.")
        else:
            bad = []
            for i in range(n):
                try:
                    polygons = parse_wkt(wkt[i])
                except ValueError:
                    polygons = []
                    bad.append(names[i])
                b.wards.append(Ward(codes[i], names[i], locality[i], east[i], north[i], area[i],
                                    None, polygons))
            if bad:
                notes.append(f"{where}/wards/boundary_wkt does not parse for {', '.join(bad)}; "
                             "the map draws no boundaries.")
                for ward in b.wards:
                    ward.polygons = []
    v = g.get("venues")
    if v is not None and "name" in v:
        try:
            b.venues = [Venue(n, e, nn) for n, e, nn in
                        zip(_texts(v["name"]), _numbers(v["easting"]), _numbers(v["northing"]))]
        except (KeyError, TypeError, ValueError):
            notes.append(f"{where}/venues cannot be read and were ignored.")
    files = {}
    f = g.get("files")
    if f is not None and "name" in f and "text" in f:
        files = dict(zip(_texts(f["name"]), _texts(f["text"])))
    _apply_pack_texts(b, files)
    return b


def packs_root() -> Path:
    """Where named packs are found: ``$HOMECARE_BOROUGHS``, else the repository's ``boroughs/``."""
    env = os.environ.get("HOMECARE_BOROUGHS")
    return Path(env) if env else PACKS_ROOT


def from_pack_dir(folder: Path) -> Borough:
    """A pack read from its folder on disk (``pack.yaml``, its wards and boundaries files).
    Raises OSError or ValueError when the folder is not a readable pack."""
    folder = Path(folder)
    pack = yaml.safe_load((folder / "pack.yaml").read_text(encoding="utf-8")) or {}
    if not isinstance(pack, dict):
        raise ValueError(f"{folder / 'pack.yaml'} is not a mapping")
    name = str(pack.get("name") or folder.name)
    files = {"pack.yaml": (folder / "pack.yaml").read_text(encoding="utf-8")}
    wards_file = str(pack.get("wards") or "wards.csv")
    files[wards_file] = (folder / wards_file).read_text(encoding="utf-8")
    polygons: dict[str, list[Polygon]] = {}
    if pack.get("boundaries"):
        text = (folder / str(pack["boundaries"])).read_text(encoding="utf-8")
        files[str(pack["boundaries"])] = text
        polygons = parse_boundaries(text)
    b = Borough(name=name, display_name=str(pack.get("display_name") or name),
                ons_code=str(pack.get("ons_code") or ""),
                living_wage=str(pack.get("living_wage") or ""), origin=str(folder))
    box = pack.get("bounding_box")
    if isinstance(box, dict) and len(box.get("east", [])) == 2 and len(box.get("north", [])) == 2:
        b.bounding_box = (float(box["east"][0]), float(box["north"][0]), float(box["east"][1]),
                          float(box["north"][1]))
    cal = pack.get("calibration") if isinstance(pack.get("calibration"), dict) else {}
    b.calibration_from, b.calibration_to = str(cal.get("from", "")), str(cal.get("to", ""))
    for row in parse_csv(files[wards_file]):
        b.wards.append(Ward(row.get("code", ""), row.get("name", ""), row.get("locality", ""),
                            _float(row.get("easting")), _float(row.get("northing")),
                            _float(row.get("area_ha")), None, polygons.get(row.get("code", ""), [])))
    for v in pack.get("venues") or []:
        if isinstance(v, dict) and "name" in v:
            b.venues.append(Venue(str(v["name"]), _float(v.get("easting")),
                                  _float(v.get("northing"))))
    _apply_pack_texts(b, files)
    return b


def legacy() -> Borough:
    """The place of a file written before borough packs: :data:`LEGACY_PACK`, version unknown,
    with its wards from the pack's folder on disk when it is there (else none)."""
    folder = packs_root() / LEGACY_PACK
    try:
        b = from_pack_dir(folder)
    except (OSError, ValueError, yaml.YAMLError):
        b = Borough(name=LEGACY_PACK, display_name=LEGACY_PACK.title(), origin="")
    else:
        b.name = LEGACY_PACK
    b.pack_hash, b.legacy = None, True
    return b


def read(f, path: Path, notes: list[str]) -> Borough:
    """The borough of an open results file (h5py File): its ``/borough`` group, else the
    legacy pack (module docstring)."""
    g = f.get("borough")
    if g is not None and hasattr(g, "attrs"):
        return from_group(g, f"{path.name}:/borough", notes)
    return legacy()
