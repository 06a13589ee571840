"""homecare_report: read the homecare simulator's HDF5 results and write a report for councillors.

Modules, one concern each:
- ``loading``: read results files (CONTRACT.md layout) into numpy arrays; each variant's settings;
  choose the baseline.
- ``parameters``: the typed parameters of schema 2 (parameter table, per-variant values).
- ``scenario``: settings as YAML (read with python3-yaml) and what the report asks of them (name,
  policy dates, switch month, key assumptions).
- ``sweeps``: which variants are policies and which are points of a sensitivity design.
- ``pairing``: which replicates may be paired, and the words for what a comparison rests on.
- ``metrics``: what each metric means to a reader (kind, direction, plain name).
- ``stats``: percentile bands, paired and unpaired differences, financial years, ratios, ranks.
- ``wording``: numbers, settings rounded for reading, and sentences in plain English.
- ``summary``: the headline table.
- ``brent_wards`` and ``geometry``: ward data and the Voronoi schematic map.
- ``plots``: fan charts, policy differences, cost, patch sweep, map, sensitivity.
- ``report``: the self-contained HTML page; ``cli``: the command line.
"""

__version__ = "0.1.0"
