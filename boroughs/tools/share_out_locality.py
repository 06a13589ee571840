#!/usr/bin/python3
"""Shares out the wards of one locality among the others: each ward goes to the nearest of the
remaining localities, by the distance from the ward's centroid to the locality's centroid (the
area-weighted mean of its own wards' centroids, British National Grid metres), considering only
localities the ward borders in the ward graph the engine uses (the Gabriel graph of the centroids),
so that every resulting locality stays contiguous. Prints a YAML block for pack.yaml's
`gp_localities` and, per shared-out ward, the distances behind the choice.

    /usr/bin/python3 boroughs/tools/share_out_locality.py boroughs/brent/wards.csv Wembley

Wards are assigned in order of their distance to the chosen locality, nearest first, and a ward
assigned earlier counts as part of its new locality for the adjacency of later ones (not for the
centroids, which stay those of the original wards). Standard library only.
"""
import csv
import math
import sys


def read_wards(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:]]


def gabriel(points):
    """Pairs (i, j) whose diametral circle holds no other centroid: the engine's contiguity."""
    n = len(points)
    adj = [set() for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            mx, my = (points[i][0] + points[j][0]) / 2, (points[i][1] + points[j][1]) / 2
            r2 = ((points[i][0] - points[j][0]) ** 2 + (points[i][1] - points[j][1]) ** 2) / 4
            if all((points[k][0] - mx) ** 2 + (points[k][1] - my) ** 2 >= r2
                   for k in range(n) if k not in (i, j)):
                adj[i].add(j)
                adj[j].add(i)
    return adj


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    wards = read_wards(argv[1])
    shared = argv[2]
    pts = [(float(w["easting"]), float(w["northing"])) for w in wards]
    adj = gabriel(pts)
    loc = [w["locality"] for w in wards]
    others = sorted({l for l in loc if l != shared})
    if shared not in loc:
        sys.exit(f"no ward has locality {shared}")
    centre = {}
    for l in others:
        members = [i for i in range(len(wards)) if loc[i] == l]
        area = sum(float(wards[i]["area_ha"]) for i in members)
        centre[l] = (sum(pts[i][0] * float(wards[i]["area_ha"]) for i in members) / area,
                     sum(pts[i][1] * float(wards[i]["area_ha"]) for i in members) / area)
    todo = [i for i in range(len(wards)) if loc[i] == shared]
    new = list(loc)
    notes = []
    while todo:
        best = None
        for i in todo:
            near = {new[j] for j in adj[i] if new[j] != shared}
            for l in near:
                d = math.dist(pts[i], centre[l])
                if best is None or d < best[0]:
                    best = (d, i, l)
        if best is None:
            sys.exit("a ward borders none of the other localities")
        d, i, l = best
        dists = ", ".join(f"{o} {math.dist(pts[i], centre[o]) / 1000:.2f} km" for o in others)
        notes.append(f"#   {wards[i]['name']} -> {l} (borders {', '.join(sorted({new[j] for j in adj[i] if new[j] != shared}))}; {dists})")
        new[i] = l
        todo.remove(i)
    print("\n".join(notes))
    for l in others:
        codes = [wards[i]["code"] for i in range(len(wards)) if new[i] == l]
        names = [wards[i]["name"] for i in range(len(wards)) if new[i] == l]
        print(f"  - name: {l}\n    wards: [{', '.join(codes)}]   # {', '.join(names)}")


if __name__ == "__main__":
    main(sys.argv)
