"""Brent's 21 wards (2002-2022 boundaries): centroids, areas, older population and locality.

Source: the project's specification, ``shared/spec/BRENT.md``, which cites
- centroids: geometric centres of generalised ONS boundaries (Census Merged Wards 2011, Open
  Government Licence), British National Grid easting/northing in metres (not population-weighted);
- areas: GLA ward atlas (hectares);
- people aged 65+ in 2019: ONS mid-2019 small-area population estimates summed to wards;
- locality: approximate; Brent's clinical commissioning group used five localities (Harness,
  Kilburn, Kingsbury, Wembley, Willesden). Mapesbury is listed as "Willesden (or Kilburn)" and Welsh
  Harp as "Willesden (or Kingsbury)"; the first-named locality is used here.
The same table ships with the engine as ``engine/model/data/brent_wards.csv``.
"""
from __future__ import annotations

from dataclasses import dataclass

SOURCE = ("Ward centroids: ONS Census Merged Wards 2011 (generalised, OGL); areas: GLA ward atlas; "
          "65+ population: ONS mid-2019 small-area estimates; localities: Brent CCG (approximate).")


@dataclass(frozen=True)
class Ward:
    """One Brent ward. Coordinates are British National Grid metres."""

    name: str
    ons_code: str
    easting: float
    northing: float
    area_ha: float
    pop65_2019: int
    locality: str


WARDS: tuple[Ward, ...] = (
    Ward("Alperton", "E05000085", 518375, 183774, 205.8, 1839, "Wembley"),
    Ward("Barnhill", "E05000086", 519341, 187208, 297.5, 2362, "Kingsbury"),
    Ward("Brondesbury Park", "E05000087", 523617, 184172, 172.2, 1868, "Kilburn"),
    Ward("Dollis Hill", "E05000088", 522330, 186527, 229.8, 1791, "Willesden"),
    Ward("Dudden Hill", "E05000089", 522012, 185389, 168.2, 1996, "Willesden"),
    Ward("Fryent", "E05000090", 520307, 188452, 265.8, 1882, "Kingsbury"),
    Ward("Harlesden", "E05000091", 521416, 183893, 111.5, 1761, "Harness"),
    Ward("Kensal Green", "E05000092", 522398, 183259, 112.1, 1580, "Harness"),
    Ward("Kenton", "E05000093", 517895, 188309, 225.0, 2688, "Kingsbury"),
    Ward("Kilburn", "E05000094", 525036, 183529, 94.4, 1796, "Kilburn"),
    Ward("Mapesbury", "E05000095", 523590, 185388, 139.4, 1795, "Willesden"),
    Ward("Northwick Park", "E05000096", 516675, 186917, 267.3, 2175, "Wembley"),
    Ward("Preston", "E05000097", 518133, 186628, 239.5, 2344, "Wembley"),
    Ward("Queens Park", "E05000098", 523991, 183322, 148.9, 1624, "Kilburn"),
    Ward("Queensbury", "E05000099", 519733, 189579, 205.0, 2216, "Kingsbury"),
    Ward("Stonebridge", "E05000100", 520291, 183995, 405.5, 1952, "Harness"),
    Ward("Sudbury", "E05000101", 516919, 185492, 213.0, 1951, "Wembley"),
    Ward("Tokyngton", "E05000102", 519454, 185277, 276.4, 2046, "Wembley"),
    Ward("Welsh Harp", "E05000103", 520852, 186739, 231.2, 1900, "Willesden"),
    Ward("Wembley Central", "E05000104", 518162, 184831, 160.3, 1931, "Wembley"),
    Ward("Willesden Green", "E05000105", 522495, 184433, 154.7, 1591, "Willesden"),
)

#: Borough bounding box in British National Grid metres: (east_min, north_min, east_max, north_max).
BOUNDING_BOX: tuple[float, float, float, float] = (515485.0, 182456.0, 525530.0, 190481.0)

#: The five CCG localities, in a fixed order so that their colours never change.
LOCALITIES: tuple[str, ...] = ("Harness", "Kilburn", "Kingsbury", "Wembley", "Willesden")

#: Wembley Stadium (event days slow travel around it), British National Grid metres.
WEMBLEY_STADIUM: tuple[float, float] = (519367.0, 185526.0)


def normalise_ward_name(name: str) -> str:
    """Lower-case a ward name and drop punctuation, so "Queen's Park" matches "Queens Park"."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def ward_index() -> dict[str, int]:
    """Map each normalised ward name to its position in :data:`WARDS`."""
    return {normalise_ward_name(w.name): i for i, w in enumerate(WARDS)}
