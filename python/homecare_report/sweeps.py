"""Which variants are policies and which are points of a sensitivity design.

A file's variants are **sensitivity** points, not policies, when the file is a Latin hypercube
(root attribute ``sweep == "latin_hypercube"``; in files of schema 1, variant names ``lhs-N``), or
a sweep over any parameter whose kind (``/parameter_table``) is not ``policy``: they vary
assumptions, not choices the council can make. A grid over policy levers only (``patches.count``)
stays a set of policies; so does a grid in a file of schema 1, which records no kinds.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loading uses this module; the types are only for reading
    from .loading import ResultFile, Variant

LHS_NAME = re.compile(r"lhs-\d+\Z")


def sweep_kind(f: "ResultFile", variants: "list[Variant]") -> str:
    """``none``, ``grid`` or ``latin_hypercube``: the file's attribute, else guessed from the
    variant names the engine gives (``lhs-N``; ``key=value,...`` for a grid)."""
    given = str(f.attrs.get("sweep", "") or "").strip()
    if given:
        return given
    mine = [v for v in variants if v.source is f]
    if mine and all(LHS_NAME.match(v.name) for v in mine):
        return "latin_hypercube"
    if any("=" in v.name for v in mine):
        return "grid"
    return "none"


def swept_keys(f: "ResultFile", variants: "list[Variant]") -> list[str]:
    """The parameters the file's sweep varies: every key its variants override, in order."""
    keys: list[str] = []
    for v in variants:
        if v.source is f:
            keys += [k for k in v.params if k not in keys]
    return keys


def is_sensitivity(f: "ResultFile", variants: "list[Variant]") -> bool:
    """True when the file's variants are points of a sensitivity design (module docstring)."""
    kind = sweep_kind(f, variants)
    if kind == "latin_hypercube":
        return True
    if kind in ("none", ""):
        return False
    kinds = [f.param_table[k].kind for k in swept_keys(f, variants) if k in f.param_table]
    return any(k != "policy" for k in kinds)


def design_label(v: "Variant", kind: str) -> str:
    """A reader's name for a design point: ``Design point 3`` for ``lhs-3``."""
    m = re.search(r"(\d+)\Z", v.name)
    if kind == "latin_hypercube" and m:
        return f"Design point {int(m.group(1))}"
    return v.label
