#!/usr/bin/python3
"""Turn a GeoJSON file of ward boundaries (WGS84 lon/lat) into a pack's boundaries.wkt (British National Grid).

Why: packs hold ward boundaries in British National Grid metres (EPSG:27700), one line per ward,
`CODE<TAB>NAME<TAB>WKT`; public copies of the ONS boundaries usually come as GeoJSON in WGS84. This
script does the conversion with the Ordnance Survey's published formulas, so it needs nothing beyond
Python 3's standard library (no pyproj, no shapely, no numpy), and it checks the result against the
pack's wards.csv: every ward matched by name, the area centroid of each polygon against the ward's
easting/northing, the polygon area against area_ha.

Usage:
  /usr/bin/python3 boroughs/tools/geojson_to_wkt.py SOURCE.geojson boroughs/NAME/wards.csv OUT.wkt \
      [--name-key cmwd11nm] [--area-key st_areasha] [--header header.txt]

  SOURCE.geojson  a FeatureCollection in WGS84 lon/lat (CRS84), one feature per ward;
  wards.csv       the pack's ward table; its `code` and `name` columns give each ward its ONS code
                  (the boundary file may carry another code, e.g. Census Merged Ward codes E36...).
                  easting, northing and area_ha may still be empty or absent: the table printed gives
                  each ward's centroid (E, N) and area_ha to copy in; when present they are compared;
  OUT.wkt         written with the lines of --header (each prefixed "# " unless it already starts with #),
                  then one line per ward in wards.csv order; vertices rounded to whole metres.
  --name-key      the feature property holding the ward name (default cmwd11nm, ONS Census Merged Wards);
  --area-key      optional feature property holding the source's own area in square metres, shown beside ours;
  The check table goes to standard output. Exit status 1 if a ward is missing or unmatched.

Transformation (Ordnance Survey, "A guide to coordinate systems in Great Britain"):
  WGS84/ETRS89 geodetic (GRS80) -> cartesian; 7-parameter Helmert ETRS89 -> OSGB36
  (tx -446.448, ty +125.157, tz -542.060 m, s +20.4894 ppm, rx -0.1502", ry -0.2470", rz -0.8421");
  cartesian -> OSGB36 geodetic (Airy 1830); National Grid transverse Mercator (F0 0.9996012717,
  true origin 49N 2W, false origin E 400000, N -100000). This Helmert is the one GDAL/PROJ use for
  EPSG:27700 without a grid file, so it undoes an ogr2ogr BNG -> WGS84 conversion to well under a
  metre; against true OSGB36 (OSTN15) it is good to a few metres. Self-test: --selftest.

Centroid and area are computed from the unrounded grid coordinates (shoelace area, area-weighted
centroid), then the polygon is rounded to 1 m for the output. Exterior rings are written
counter-clockwise, holes clockwise (OGC Simple Features).
"""
import csv
import json
import math
import sys

GRS80 = (6378137.000, 6356752.3141)
AIRY = (6377563.396, 6356256.909)
TX, TY, TZ = -446.448, 125.157, -542.060          # metres
S_PPM = 20.4894                                   # parts per million
RX, RY, RZ = -0.1502, -0.2470, -0.8421            # arc-seconds
F0 = 0.9996012717
LAT0, LON0 = math.radians(49.0), math.radians(-2.0)
E0, N0 = 400000.0, -100000.0


def _geo_to_xyz(lat, lon, ell):
    a, b = ell
    e2 = (a * a - b * b) / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (nu * math.cos(lat) * math.cos(lon), nu * math.cos(lat) * math.sin(lon),
            (1 - e2) * nu * math.sin(lat))


def _xyz_to_geo(x, y, z, ell):
    a, b = ell
    e2 = (a * a - b * b) / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(20):
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        nxt = math.atan2(z + e2 * nu * math.sin(lat), p)
        if abs(nxt - lat) < 1e-13:
            lat = nxt
            break
        lat = nxt
    return lat, math.atan2(y, x)


def _helmert(x, y, z):
    s = S_PPM * 1e-6
    rx, ry, rz = (math.radians(v / 3600.0) for v in (RX, RY, RZ))
    return (TX + (1 + s) * x - rz * y + ry * z,
            TY + rz * x + (1 + s) * y - rx * z,
            TZ - ry * x + rx * y + (1 + s) * z)


def transverse_mercator(lat, lon, ell=AIRY):
    """OSGB36 lat/lon (radians) -> National Grid easting, northing (metres)."""
    a, b = ell
    e2 = (a * a - b * b) / (a * a)
    n = (a - b) / (a + b)
    s, c = math.sin(lat), math.cos(lat)
    nu = a * F0 / math.sqrt(1 - e2 * s * s)
    rho = a * F0 * (1 - e2) / (1 - e2 * s * s) ** 1.5
    eta2 = nu / rho - 1
    dl, sl = lat - LAT0, lat + LAT0
    m = b * F0 * ((1 + n + 1.25 * n ** 2 + 1.25 * n ** 3) * dl
                  - (3 * n + 3 * n ** 2 + 21.0 / 8 * n ** 3) * math.sin(dl) * math.cos(sl)
                  + (15.0 / 8 * n ** 2 + 15.0 / 8 * n ** 3) * math.sin(2 * dl) * math.cos(2 * sl)
                  - 35.0 / 24 * n ** 3 * math.sin(3 * dl) * math.cos(3 * sl))
    t = math.tan(lat)
    i = m + N0
    ii = nu / 2 * s * c
    iii = nu / 24 * s * c ** 3 * (5 - t * t + 9 * eta2)
    iiia = nu / 720 * s * c ** 5 * (61 - 58 * t * t + t ** 4)
    iv = nu * c
    v = nu / 6 * c ** 3 * (nu / rho - t * t)
    vi = nu / 120 * c ** 5 * (5 - 18 * t * t + t ** 4 + 14 * eta2 - 58 * t * t * eta2)
    d = lon - LON0
    return E0 + iv * d + v * d ** 3 + vi * d ** 5, i + ii * d ** 2 + iii * d ** 4 + iiia * d ** 6


def wgs84_to_bng(lon_deg, lat_deg):
    x, y, z = _geo_to_xyz(math.radians(lat_deg), math.radians(lon_deg), GRS80)
    lat, lon = _xyz_to_geo(*_helmert(x, y, z), AIRY)
    return transverse_mercator(lat, lon)


def selftest():
    e, n = transverse_mercator(math.radians(52 + 39 / 60 + 27.2531 / 3600), math.radians(1 + 43 / 60 + 4.5177 / 3600))
    print("OS guide worked example (TM): E %.3f N %.3f; expected 651409.903 313177.270" % (e, n))
    ok = abs(e - 651409.903) < 0.005 and abs(n - 313177.270) < 0.005
    return 0 if ok else 1


def signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:])) / 2.0


def moments(ring):
    """(signed area, first moments about the origin); computed about the first vertex for precision."""
    ox, oy = ring[0]
    a = mx = my = 0.0
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        x1, y1, x2, y2 = x1 - ox, y1 - oy, x2 - ox, y2 - oy
        c = x1 * y2 - x2 * y1
        a += c
        mx += (x1 + x2) * c
        my += (y1 + y2) * c
    a /= 2.0
    return a, mx / 6.0 + a * ox, my / 6.0 + a * oy


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise SystemExit("unsupported geometry type %s" % geometry["type"])


def oriented(ring, ccw):
    return ring if (signed_area(ring) > 0) == ccw else ring[::-1]


def convert(geometry):
    """-> (list of polygons of rings in grid metres, exterior ccw / holes cw), area m2, centroid."""
    out = []
    area = mx = my = 0.0
    for poly in polygons(geometry):
        rings = []
        for k, ring in enumerate(poly):
            pts = [wgs84_to_bng(lon, lat) for lon, lat, *_ in ring]
            if pts[0] != pts[-1]:
                pts.append(pts[0])
            pts = oriented(pts, ccw=(k == 0))
            a, x, y = moments(pts)
            area, mx, my = area + a, mx + x, my + y
            rings.append(pts)
        out.append(rings)
    return out, area, (mx / area, my / area)


def rounded(rings):
    res = []
    for ring in rings:
        pts = []
        for x, y in ring:
            p = (int(round(x)), int(round(y)))
            if not pts or pts[-1] != p:
                pts.append(p)
        if pts[0] != pts[-1]:
            pts.append(pts[0])
        res.append(pts)
    return res


def to_wkt(polys):
    def ring(r):
        return "(" + ", ".join("%d %d" % p for p in r) + ")"

    def poly(p):
        return "(" + ", ".join(ring(r) for r in p) + ")"

    if len(polys) == 1:
        return "POLYGON " + poly(polys[0])
    return "MULTIPOLYGON (" + ", ".join(poly(p) for p in polys) + ")"


def read_wards(path):
    with open(path, newline="") as fh:
        rows = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(rows))


def main(argv):
    if "--selftest" in argv:
        return selftest()
    args = [a for a in argv[1:]]
    name_key, area_key, header = "cmwd11nm", None, None
    if "--area-key" in args:
        i = args.index("--area-key")
        area_key = args[i + 1]
        del args[i:i + 2]
    if "--name-key" in args:
        i = args.index("--name-key")
        name_key = args[i + 1]
        del args[i:i + 2]
    if "--header" in args:
        i = args.index("--header")
        header = args[i + 1]
        del args[i:i + 2]
    if len(args) != 3:
        print(__doc__)
        return 2
    src, wards_csv, out = args
    if selftest():
        return 1
    features = {f["properties"][name_key]: f for f in json.load(open(src))["features"]}
    wards = read_wards(wards_csv)
    missing = [w["name"] for w in wards if w["name"] not in features]
    extra = sorted(set(features) - {w["name"] for w in wards})
    if missing or extra:
        print("not matched: wards without a boundary %s; boundaries without a ward %s" % (missing, extra))
        return 1
    lines = []
    if header:
        for h in open(header).read().splitlines():
            lines.append(h if h.startswith("#") else ("# " + h).rstrip())
    print("%-10s %-17s %9s %9s %6s %6s %9s %8s %8s %9s %7s" % (
        "code", "name", "E", "N", "dE", "dN", "area_ha", "csv_ha", "diff%", "source_ha", "verts"))
    worst = 0.0
    total = 0.0
    for w in wards:
        polys, area, (cx, cy) = convert(features[w["name"]]["geometry"])
        total += area
        e, n = round(cx), round(cy)
        de = dn = ha = diff = "-"
        if w.get("easting") and w.get("northing"):          # a new pack may not have them yet
            de, dn = e - int(round(float(w["easting"]))), n - int(round(float(w["northing"])))
            worst = max(worst, abs(de), abs(dn))
            de, dn = "%+d" % de, "%+d" % dn
        if w.get("area_ha"):
            ha = float(w["area_ha"])
            diff = "%+.2f%%" % (100 * (area / 1e4 - ha) / ha)
            ha = "%.1f" % ha
        rpolys = [rounded(p) for p in polys]
        verts = sum(len(r) - 1 for p in rpolys for r in p)
        own = features[w["name"]]["properties"].get(area_key) if area_key else None
        print("%-10s %-17s %9d %9d %6s %6s %9.2f %8s %8s %9s %7d" % (
            w["code"], w["name"], e, n, de, dn, area / 1e4, ha, diff,
            "%.2f" % (own / 1e4) if own else "-", verts))
        lines.append("%s\t%s\t%s" % (w["code"], w["name"], to_wkt(rpolys)))
    print("total area %.1f ha; largest centroid difference from wards.csv %d m (whole metres)" % (total / 1e4, worst))
    print("E, N: area centroid, British National Grid metres, rounded; dE, dN: minus wards.csv's easting, northing;"
          " area_ha: polygon area; csv_ha: wards.csv's area_ha; source_ha: the file's own area (--area-key)")
    with open(out, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
