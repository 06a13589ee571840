"""homecare_report: read the homecare simulator's HDF5 results and write a report for councillors.

Modules, one concern each:
- ``loading``: read results files (CONTRACT.md layout) into numpy arrays; each variant's settings;
  choose the baseline; refuse files from two boroughs.
- ``parameters``: the typed parameters of schema 2 (parameter table, per-variant values).
- ``scenario``: settings as YAML (read with python3-yaml) and what the report asks of them (name,
  policy dates, switch month, key assumptions).
- ``sweeps``: which variants are policies and which are points of a sensitivity design.
- ``pairing``: which replicates may be paired, and the words for what a comparison rests on.
- ``metrics``: what each metric means to a reader (kind, direction, plain name).
- ``stats``: percentile bands, paired and unpaired differences, financial years, ratios, ranks.
- ``wording``: numbers, settings rounded for reading, and sentences in plain English.
- ``summary``: the headline table.
- ``budget``: spend by category against the budget, the headroom and savings, per financial year.
- ``borough``: the place a results file simulates (its ``/borough`` group: wards, boundaries,
  venues), and ``geometry``: shared edges and the Voronoi schematic for packs without boundaries.
- ``plots``: fan charts, policy differences, cost, patch sweep, ward map, sensitivity.
- ``report``: the self-contained HTML page; ``cli``: the command line.
"""

__version__ = "0.1.0"
