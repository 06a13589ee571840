"""The scenario's settings: YAML text read with the library, and what the report asks of them.

Settings reach the report in two forms (``loading`` picks one): the typed parameters of a results
file of schema 2 (``parameters``), or the YAML text every file carries (root attributes
``scenario_yaml`` and ``resolved_yaml``), read here with Debian's ``python3-yaml``. Both become the
same thing: a flat mapping from dotted key path (``wages.llw_phasing``) to a typed value: numbers,
booleans, ``datetime.date`` for dates, text for choices, a list of ``{"from": date, <value>:
number}`` rows for a schedule, and a ``{ward: patch}`` mapping for a ward map.

Every function here takes either YAML text or such a mapping (flat or nested). Reading never
raises: :func:`load_yaml` returns the error for the caller to report, and the others treat text
that does not parse as empty.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from .wording import fmt_param, humanise_name

ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

#: Key-path prefixes that describe the run itself, not a policy (their dates are not marked).
RUN_KEYS = ("run.", "meta.", "output.")

#: Default month when new contracts start (MODEL.md: 1 October 2018).
DEFAULT_SWITCH_MONTH = "2018-10"

#: A scenario key: lower-case words joined by underscores. A mapping whose keys are not all like
#: this (ward names: ``Queens Park: 2``) is data, a ward map, and stays one value.
KEY = re.compile(r"[a-z][a-z0-9_]*\Z")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2's floats.

    PyYAML follows YAML 1.1, where a float needs a dot: ``6e-04`` (as the engine writes 0.0006)
    would come back as the text ``"6e-04"``. This loader reads it as the number it is. Nothing
    else changes: no Python objects are ever constructed.
    """


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"))


def load_yaml(text: str | None):
    """Parse YAML text with the library: ``(document, None)``, or ``(None, error)`` when the text
    does not parse (the error's first line, for a note). Empty text gives ``(None, None)``."""
    if not text or not text.strip():
        return None, None
    try:
        return yaml.load(text, Loader=_Loader), None  # noqa: S506 (a SafeLoader subclass)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, " ".join(str(exc).split())[:200]


def _is_data_map(node: Mapping) -> bool:
    return bool(node) and not all(isinstance(k, str) and KEY.match(k) for k in node)


def _flat_params(node, prefix: str, out: dict) -> None:
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping) and value and not _is_data_map(value):
            _flat_params(value, path, out)
        else:
            out[path] = dict(value) if isinstance(value, Mapping) else value


def parameters(source) -> dict:
    """The settings as a flat ``{dotted key path: typed value}`` mapping, in document order.

    ``source`` is YAML text (text that does not parse gives ``{}``) or a mapping, nested or
    already flat. Mappings are flattened; lists (schedules) and ward maps stay whole values.
    """
    if isinstance(source, Mapping):
        data = source
    else:
        data, _ = load_yaml(source)
    if not isinstance(data, Mapping):
        return {}
    out: dict = {}
    _flat_params(data, "", out)
    return out


def _text(value) -> str:
    """A leaf value as the text a YAML file would show (``true``, ``2018-10-01``, ``0.5``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "[]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_text(v)}" for k, v in value.items()) + "}"
    return str(value)


def _flatten_value(path: str, value, out: list) -> None:
    if isinstance(value, Mapping) and value and not _is_data_map(value):
        for k, v in value.items():
            _flatten_value(f"{path}.{k}" if path else str(k), v, out)
    elif isinstance(value, list) and value:
        for i, item in enumerate(value):
            _flatten_value(f"{path}[{i}]", item, out)
    else:
        out.append((path, _text(value)))


def flatten(source) -> list[tuple[str, str]]:
    """The settings as ``(key.path, value text)`` pairs in document order.

    Sequence items get ``[i]`` in the path (``wages.llw_phasing[0].from``); values are the text a
    YAML file would show (dates ``YYYY-MM-DD``, booleans ``true``/``false``); a folded or
    literal block (``>``, ``|``) becomes one line.
    """
    out: list[tuple[str, str]] = []
    for path, value in parameters(source).items():
        if isinstance(value, str):
            value = " ".join(value.split())
        _flatten_value(path, value, out)
    return out


def scenario_name(source) -> str | None:
    """The scenario's ``name`` (top level, or under ``scenario:``), if it has one."""
    params = parameters(source)
    for path in ("name", "scenario.name", "scenario"):
        value = params.get(path)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value):
            return str(value).strip()
    return None


@dataclass(frozen=True)
class ScenarioDate:
    """A date found in the scenario: ISO text, the key path it came from, and a short label."""

    iso: str
    path: str
    label: str

    @property
    def month(self) -> str:
        """The ``YYYY-MM`` month the date falls in."""
        return self.iso[:7]


def _date_label(path: str, n_in_value: int, k: int) -> str:
    """A short label for a date found at ``path`` (the k-th of n dates in the value)."""
    parts = [p for p in re.sub(r"\[\d+\]", "", path).split(".")
             if p not in ("date", "from", "start", "on", "value", "schedule")]
    label = humanise_name(" ".join(parts[-2:]) if parts else path)
    if n_in_value > 1:
        label += f", step {k + 1}"
    return label


def _isos(value) -> list[str]:
    """Every date in a value, as ISO text, in order (dates, ISO text, schedules' rows)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return [value.strftime("%Y-%m-%d")]
    if isinstance(value, str):
        return [f"{y}-{m}-{d}" for y, m, d in ISO_DATE.findall(value)]
    if isinstance(value, list):
        return [iso for item in value for iso in _isos(item)]
    if isinstance(value, Mapping) and not _is_data_map(value):
        return [iso for item in value.values() for iso in _isos(item)]
    return []


def as_date(value) -> dt.date | None:
    """A date value (``datetime.date`` or ``YYYY-MM-DD`` text) as a date; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def dates(source) -> list[ScenarioDate]:
    """Every policy date in the scenario (not the run's own start and end), in date order."""
    found: dict[str, ScenarioDate] = {}
    for path, value in parameters(source).items():
        if path.startswith(RUN_KEYS):
            continue
        hits = _isos(value)
        for k, iso in enumerate(hits):
            found.setdefault(iso, ScenarioDate(iso, path, _date_label(path, len(hits), k)))
    return sorted(found.values(), key=lambda s: s.iso)


def switch_month(source) -> str:
    """Month the policy period starts: ``run.policy_start`` (what the summaries cover), else the
    date under a key naming the commissioning switch (``commissioning.switch_date``), else
    October 2018."""
    params = parameters(source)
    candidates = [params.get("run.policy_start")] + [
        value for path, value in params.items()
        if "switch" in path.rsplit(".", 1)[-1].lower() or path.endswith("policy_start")]
    for value in candidates:
        hits = _isos(value)
        if hits:
            return hits[0][:7]
    return DEFAULT_SWITCH_MONTH


#: Words in a key path that mark an assumption a councillor will want to see first.
KEY_WORDS = ("commission", "switch", "patch", "llw", "living_wage", "wage", "price", "training",
             "direct_payment", "budget", "growth", "demand", "quit", "elasticity", "funds", "who_pays")


def key_assumptions(source, limit: int = 30) -> list[tuple[str, object]]:
    """The scenario's policy levers and main behavioural assumptions, at most ``limit`` of them:
    ``(key path, typed value)`` in document order (format values with ``wording.fmt_param``)."""
    rows = [(p, v) for p, v in parameters(source).items()
            if any(w in p.lower() for w in KEY_WORDS) and len(fmt_param(v)) <= 160]
    return rows[:limit]
