"""homecare_report: read the homecare simulator's HDF5 results and write a report for councillors.

Modules, one concern each:
- ``loading``: read results files (CONTRACT.md layout) into numpy arrays; choose the baseline.
- ``scenario``: read the scenario YAML stored in a file (name, policy dates, key assumptions).
- ``metrics``: what each metric means to a reader (kind, direction, plain name).
- ``stats``: percentile bands, paired policy differences, financial years, ratios.
- ``wording``: numbers and sentences in plain English.
- ``summary``: the headline table.
- ``brent_wards`` and ``geometry``: ward data and the Voronoi schematic map.
- ``plots``: fan charts, policy differences, cost, patch sweep, map.
- ``report``: the self-contained HTML page; ``cli``: the command line.
"""

__version__ = "0.1.0"
