"""Load one or more HDF5 results files (CONTRACT.md layout) into plain numpy arrays.

Everything the report needs is read once here; plots never touch h5py. Loading is forgiving: a
malformed or missing metric, or YAML text that does not parse, becomes a note, never an
exception, so a partial file still gives a partial report. Shares stored in percent (``units``
mentioning ``%``) are rescaled to [0, 1].

Each variant's settings come from the typed parameters of a file of schema 2 (``parameters``),
else from the file's ``resolved_yaml`` read with the YAML library (``scenario``) plus the
variant's overrides. Variants of an assumption sweep are set apart as sensitivity points
(``sweeps``), and the baseline is chosen among the others.

Each file's place comes from its ``/borough`` group (schema 3; ``borough``); files from two
different boroughs (pack name or pack version) are refused together (:class:`BoroughMismatch`).
Summary metrics of the calibration year are read as ``calibration_*`` whether the file names them
so (schema 3, which keeps the old names as links, skipped here) or ``fy2016_*`` (schema 2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np

from . import borough as borough_module
from . import metrics, parameters, scenario, sweeps
from .wording import fmt_param, humanise_name, param_name


#: Variant attributes that describe the run rather than a parameter override.
VARIANT_METADATA = {"replicates", "name", "index", "description", "seed"}


def as_text(value) -> str:
    """Decode an HDF5 string value (bytes, numpy bytes, str, or a 1-element array) to ``str``."""
    if isinstance(value, np.ndarray):
        if value.size == 1:
            return as_text(value.reshape(-1)[0])
        return ", ".join(as_text(v) for v in value.reshape(-1))
    if isinstance(value, (bytes, np.bytes_)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def as_python(value):
    """Turn an HDF5 attribute value into a plain Python scalar, string or list."""
    if isinstance(value, (bytes, np.bytes_, str, np.str_)):
        return as_text(value)
    if isinstance(value, np.ndarray):
        if value.size == 1:
            return as_python(value.reshape(-1)[0])
        return [as_python(v) for v in value.reshape(-1)]
    if isinstance(value, np.generic):
        return value.item()
    return value


def text_list(dataset) -> list[str]:
    """Read a 1-D string dataset, fixed-length bytes or variable-length strings alike."""
    return [as_text(v).strip() for v in np.asarray(dataset[()]).reshape(-1)]


@dataclass
class ResultFile:
    """One results file: where it came from and what run produced it."""

    path: Path
    attrs: dict
    scenario_name: str
    policy_start: str  # "YYYY-MM": first month of the policy period (new contracts)
    schema: int = 1
    param_table: dict = field(default_factory=dict)   # key -> parameters.ParamInfo (schema 2)
    parameters: dict = field(default_factory=dict)    # settings common to the file's variants
    sweep: str = "none"                               # none, grid or latin_hypercube
    sensitivity: bool = False                         # its variants vary assumptions
    borough: borough_module.Borough | None = None     # the place it simulates

    def attr(self, name: str, default: str = "unknown") -> str:
        """A root attribute as text."""
        return as_text(self.attrs[name]) if name in self.attrs else default

    @property
    def resolved_yaml(self) -> str:
        return self.attr("resolved_yaml", "")

    @property
    def seed(self):
        return as_python(self.attrs.get("seed"))


@dataclass
class Variant:
    """One variant of one run: monthly series [replicates, months] and summaries [replicates]."""

    name: str
    key: str      # unique across the loaded files
    label: str    # what a reader sees
    source: ResultFile
    params: dict
    months: list[str]
    monthly: dict[str, np.ndarray] = field(default_factory=dict)
    summary: dict[str, np.ndarray] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    ward_patch: np.ndarray | None = None
    ward_names: list[str] | None = None
    parameters: dict = field(default_factory=dict)   # every setting, typed (scenario module)

    @property
    def replicates(self) -> int:
        sizes = [a.shape[0] for a in (*self.monthly.values(), *self.summary.values())]
        return max(sizes, default=0)

    def series(self, key: str) -> np.ndarray | None:
        """Monthly series ``key`` [replicates, months], computing derived ones; None if absent."""
        if key in self.monthly:
            return self.monthly[key]
        if key == "overspend" and "spend_against_budget" in self.monthly and "council_budget" in self.monthly:
            # Schema 4 after issue 16: the budget covers council_spend less residential placements.
            return self.monthly["spend_against_budget"] - self.monthly["council_budget"]
        if key in metrics.DERIVED:
            inputs, how = metrics.DERIVED[key]
            arrays = [self.monthly.get(k) for k in inputs]
            if any(a is None for a in arrays) or len({a.shape for a in arrays}) != 1:
                return None
            if how == "sum":
                return np.sum(arrays, axis=0)
            return arrays[0] - arrays[1]
        return None


@dataclass
class ResultSet:
    """All variants from all files, with the baseline chosen and notes on anything skipped."""

    files: list[ResultFile]
    variants: list[Variant]
    baseline: Variant
    notes: list[str] = field(default_factory=list)

    @property
    def sensitivity(self) -> list[Variant]:
        """Points of a sensitivity design (assumptions varied), the baseline's file included."""
        return [v for v in self.variants if v.source.sensitivity]

    @property
    def policies(self) -> list[Variant]:
        """Every variant except the baseline and the sensitivity points: what the council may
        choose, compared with the baseline."""
        return [v for v in self.variants if v is not self.baseline and not v.source.sensitivity]

    @property
    def compared(self) -> list[Variant]:
        """The baseline and the policies, baseline first."""
        return [self.baseline] + self.policies

    @property
    def borough(self) -> borough_module.Borough:
        """The place every file simulates (:func:`load` refuses a mix): the first file's record
        of it that has wards, else the first file's."""
        places = [f.borough for f in self.files if f.borough is not None]
        if not places:
            return borough_module.legacy()
        return next((b for b in places if b.wards), places[0])


class BoroughMismatch(ValueError):
    """Results files from two different boroughs (or two versions of one borough's pack)."""


def _read_metric_group(group, months: int, where: str, notes: list[str], monthly: bool,
                       into: dict, units: dict, descriptions: dict) -> None:
    names = list(group.keys())
    for stored in names:
        if isinstance(group.get(stored, getlink=True), h5py.SoftLink):
            continue  # another name of a metric read under its own (schema 3's old names)
        ds = group.get(stored)
        if not isinstance(ds, h5py.Dataset):
            continue
        name = metrics.current_name(stored, names)
        try:
            data = np.asarray(ds[()], dtype=float)
        except (TypeError, ValueError):
            notes.append(f"{where}/{name} is not numeric and was ignored.")
            continue
        if monthly:
            if data.ndim == 1:
                data = data[np.newaxis, :]
            if data.ndim != 2 or data.shape[1] != months:
                notes.append(f"{where}/{name} has shape {data.shape}, not [replicates, {months}], "
                             "and was ignored.")
                continue
        else:
            data = data.reshape(-1)
        unit = as_text(ds.attrs.get("units", ""))
        if metrics.is_share(name) and ("%" in unit or "percent" in unit.lower()):
            data = data / 100.0
        into[name] = data
        units.setdefault(name, unit)
        descriptions.setdefault(name, as_text(ds.attrs.get("description", "")))


def _read_geography(f: h5py.File, vg: h5py.Group, where: str, notes: list[str]):
    geo = vg.get("geography")
    if not isinstance(geo, h5py.Group) or "ward_patch" not in geo:
        return None, None
    try:
        ward_patch = np.asarray(geo["ward_patch"][()], dtype=int).reshape(-1)
    except (TypeError, ValueError):
        notes.append(f"{where}/geography/ward_patch is not integer and was ignored.")
        return None, None
    names_ds = geo.get("ward_names")
    if names_ds is None:
        root_geo = f.get("geography")
        names_ds = root_geo.get("ward_names") if isinstance(root_geo, h5py.Group) else None
    names = text_list(names_ds) if names_ds is not None else None
    if names is not None and len(names) != len(ward_patch):
        notes.append(f"{where}: ward_names and ward_patch differ in length; names ignored.")
        names = None
    return ward_patch, names


def _yaml_parameters(path: Path, attrs: dict, notes: list[str]) -> dict:
    """The settings written as YAML (``resolved_yaml``), read with the library; a note when
    they do not parse."""
    resolved = as_text(attrs.get("resolved_yaml", ""))
    data, error = scenario.load_yaml(resolved)
    if error:
        notes.append(f"{path.name}: resolved_yaml does not parse as YAML ({error}); its "
                     "settings are not shown.")
        return {}
    if resolved.strip() and not isinstance(data, dict):
        notes.append(f"{path.name}: resolved_yaml is not a mapping of settings; its settings are "
                     "not shown.")
        return {}
    return scenario.parameters(data or {})


def _scenario_name(attrs: dict, yaml_params: dict, path: Path) -> str:
    if attrs.get("scenario_name"):
        return as_text(attrs["scenario_name"])
    data, _ = scenario.load_yaml(as_text(attrs.get("scenario_yaml", "")))
    return (scenario.scenario_name(data if isinstance(data, dict) else {})
            or scenario.scenario_name(yaml_params) or path.stem)


def _common(dicts: list[dict]) -> dict:
    """The settings every one of ``dicts`` has with the same value, in the first one's order."""
    if not dicts:
        return {}
    return {k: v for k, v in dicts[0].items() if all(d.get(k, object()) == v for d in dicts[1:])}


def _read_file(path: Path, notes: list[str]) -> tuple[ResultFile, list[Variant]]:
    with h5py.File(path, "r") as f:
        attrs = {k: as_python(v) for k, v in f.attrs.items()}
        try:
            schema = int(str(attrs.get("schema_version", 1)).strip())
        except ValueError:
            schema = 1
        table = parameters.read_table(f, notes, path.name) if schema >= 2 else {}
        yaml_cache: list[dict] = []

        def yaml_params() -> dict:  # read only when a setting is not in typed form
            if not yaml_cache:
                yaml_cache.append(_yaml_parameters(path, attrs, notes))
            return yaml_cache[0]

        rfile = ResultFile(path, attrs, "", scenario.DEFAULT_SWITCH_MONTH, schema, table)
        rfile.borough = borough_module.read(f, path, notes)
        variants: list[Variant] = []
        vgroups = f.get("variants")
        if not isinstance(vgroups, h5py.Group):
            notes.append(f"{path.name} has no /variants group and was skipped.")
            vgroups = {}
        typed_all = []
        for vname, vg in vgroups.items():
            if not isinstance(vg, h5py.Group):
                continue
            where = f"{path.name}:/variants/{vname}"
            if "months" not in vg:
                notes.append(f"{where} has no months dataset and was skipped.")
                continue
            months = [m[:7] for m in text_list(vg["months"])]
            attrs_v = {k: as_python(x) for k, x in vg.attrs.items()}
            params = {k: x for k, x in attrs_v.items() if k not in VARIANT_METADATA}
            v = Variant(vname, vname, humanise_name(vname), rfile, params, months)
            typed = parameters.read_variant(vg, table, notes, where) if schema >= 2 else None
            if typed:
                typed_all.append(typed)
                v.parameters = typed
            else:
                v.parameters = {**yaml_params(), **{k: _override_value(x) for k, x in
                                                    params.items()}}
            for group_name, is_monthly, into in (("monthly", True, v.monthly),
                                                 ("summary", False, v.summary)):
                g = vg.get(group_name)
                if isinstance(g, h5py.Group):
                    _read_metric_group(g, len(months), f"{where}/{group_name}", notes, is_monthly,
                                       into, v.units, v.descriptions)
            v.ward_patch, v.ward_names = _read_geography(f, vg, where, notes)
            variants.append(v)
    rfile.parameters = (_common([v.parameters for v in variants]) if typed_all
                        else yaml_params())
    rfile.policy_start = scenario.switch_month(typed_all[0] if typed_all else rfile.parameters)
    rfile.scenario_name = _scenario_name(attrs, rfile.parameters, path)
    rfile.sweep = sweeps.sweep_kind(rfile, variants)
    rfile.sensitivity = sweeps.is_sensitivity(rfile, variants)
    for v in variants:
        v.label = variant_label(v)
    return rfile, variants


def _override_value(value):
    """A variant attribute (an override) typed like the other settings: ISO text as a date."""
    return (scenario.as_date(value) or value) if isinstance(value, str) else value


def variant_label(v: Variant) -> str:
    """What a reader sees: ``Design point 2`` for a Latin hypercube point; for a grid point its
    settings, rounded (``Patches count 4``); else the humanised name (``LLW phased``)."""
    if v.source.sweep == "latin_hypercube":
        return sweeps.design_label(v, v.source.sweep)
    if v.source.sweep == "grid" and v.params:
        return ", ".join(f"{param_name(k)} {fmt_param(x)}" for k, x in v.params.items())
    return humanise_name(v.name)


def choose_baseline(variants: list[Variant], name: str | None = None) -> Variant:
    """The baseline: ``name`` if given (variant key, name or label, or scenario name); else the
    first variant or scenario whose name contains "baseline"; else the first variant. Without a
    name, points of a sensitivity design are chosen only when there is nothing else.

    Raises ValueError when ``name`` matches nothing.
    """
    if name:
        for attr in ("key", "name", "label"):
            for v in variants:
                if getattr(v, attr) == name:
                    return v
        for v in variants:
            if v.source.scenario_name == name or v.source.path.stem == name:
                return v
        raise ValueError(f"--baseline {name!r} matches no variant; variants are: "
                         + ", ".join(v.key for v in variants))
    variants = [v for v in variants if not v.source.sensitivity] or variants
    for v in variants:
        if "baseline" in v.name.lower():
            return v
    for v in variants:
        if "baseline" in v.source.scenario_name.lower() or "baseline" in v.source.path.stem.lower():
            return v
    return variants[0]


def load(paths: list[str | Path], baseline: str | None = None) -> ResultSet:
    """Load results files; variant keys are made unique by adding the file name where needed.

    Raises FileNotFoundError for a missing path and ValueError when no file has a usable variant.
    """
    notes: list[str] = []
    files: list[ResultFile] = []
    variants: list[Variant] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise FileNotFoundError(f"results file not found: {p}")
        rfile, vs = _read_file(p, notes)
        files.append(rfile)
        variants.extend(vs)
    check_one_borough(files)
    places = [f.borough for f in files if f.borough is not None]
    metrics.use_living_wage(places[0].living_wage if places else "")
    if not variants:
        raise ValueError("no variants found in " + ", ".join(str(p) for p in paths))
    _make_keys_unique(variants)
    base = choose_baseline(variants, baseline)
    order = {id(f): i for i, f in enumerate(files)}
    variants.sort(key=lambda v: (v is not base, order[id(v.source)], natural_key(v.name)))
    return ResultSet(files, variants, base, notes)


def check_one_borough(files: list[ResultFile]) -> None:
    """Raises :class:`BoroughMismatch` when two files simulate different boroughs (pack names
    differ) or different versions of one pack (both record a pack hash and they differ)."""
    for i, a in enumerate(files):
        for b in files[i + 1:]:
            pa, pb = a.borough, b.borough
            if pa is None or pb is None or borough_module.same_place(pa, pb):
                continue
            if pa.name != pb.name:
                what = "results from two different boroughs"
            else:
                what = f"results from two different versions of the {pa.display_name} pack"
            raise BoroughMismatch(
                f"cannot report {what} together: {a.path} simulates {pa.describe()} and "
                f"{b.path} simulates {pb.describe()}. Report on each borough separately.")


def natural_key(name: str) -> list:
    """Sort key that puts ``patches-10`` after ``patches-9``."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


def _make_keys_unique(variants: list[Variant]) -> None:
    """Qualify variant names that occur in several files with the file name (then a number)."""
    names = [v.name for v in variants]
    for v in variants:
        if names.count(v.name) > 1:
            v.key = f"{v.source.path.stem}:{v.name}"
            v.label = f"{v.label} ({v.source.path.stem})"
    seen: dict[str, int] = {}
    for v in variants:
        count = seen.get(v.key, 0) + 1
        seen[v.key] = count
        if count > 1:
            v.key, v.label = f"{v.key}#{count}", f"{v.label} #{count}"
