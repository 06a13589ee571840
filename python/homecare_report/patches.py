"""Results per patch (issue 16 point 7): how each patch of a patch variant fares, and how the same
wards fared in the baseline.

    python3 -m homecare_report patches RESULTS.h5 [MORE.h5 ...] [--baseline NAME] [-o FILE.md]

Reads schema 5's ``/variants/<name>/by_patch/`` (each patch's figures over the policy period, one
per replicate) and, for the comparison, the baseline's ``by_ward/``, summed over the wards of each
patch of the policy variant (``geography/ward_patch``; wards matched by name). Figures by ward
add up (counts, hours, mean daily users), so the baseline's "same wards" figures are exactly what
the engine would have written had the baseline been split the same way; the shares are then
computed per replicate as the engine computes them (``model::patch_figures``).

A cell is the **median** over replicates with the 5th to 95th percentile (nine in ten simulated
futures fall inside), as in the rest of the report. A change is computed as ``pairing`` allows:
replicate *i* minus replicate *i* when the runs share random numbers, else every replicate of one
minus every replicate of the other. Files from before schema 5 lack the datasets: the table is
left out with a note.
"""
from __future__ import annotations

from dataclasses import dataclass

import h5py
import numpy as np

from . import scenario, stats
from .loading import ResultSet, Variant, as_text
from .pairing import Pairing, pairing
from .wording import fmt_change, fmt_value

#: The by-ward figures that add up, and the shares computed from them (as model::patch_figures).
ADDITIVE = ("active_users", "visits_due", "late_visits", "missed_visits", "hours_delivered",
            "hours_unmet", "contact_hours", "travel_hours", "spend_on_visits", "user_months",
            "workers_seen", "complaints")

#: (figure, column heading), in the order of the table.
COLUMNS = (
    ("active_users", "People receiving home care (daily mean)"),
    ("late_visit_share", "Late visits"),
    ("hours_unmet_share", "Needed hours not delivered"),
    ("travel_share", "Care workers' time travelling"),
    ("distinct_workers_per_user", "Different care workers a month"),
    ("complaints_per_100_packages", "Complaints per 100 packages a year"),
)
#: The columns compared with the same wards in the baseline.
COMPARED = tuple(k for k, _ in COLUMNS if k != "active_users")


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.divide(a, b, out=np.zeros_like(a, dtype=float), where=b > 0)


def shares(sums: dict[str, np.ndarray], years: float) -> dict[str, np.ndarray]:
    """The shares of ``model::patch_figures`` from summed figures (arrays of any one shape)."""
    return {
        "active_users": sums["active_users"],
        "late_visit_share": _ratio(sums["late_visits"], sums["visits_due"]),
        "hours_unmet_share": _ratio(sums["hours_unmet"], sums["hours_unmet"] + sums["hours_delivered"]),
        "travel_share": _ratio(sums["travel_hours"], sums["travel_hours"] + sums["contact_hours"]),
        "distinct_workers_per_user": _ratio(sums["workers_seen"], sums["user_months"]),
        "complaints_per_100_packages": _ratio(sums["complaints"] / years, sums["active_users"]) * 100.0,
    }


@dataclass
class Places:
    """A variant's figures by ward [replicates, wards], and by patch [replicates, patches] when it
    has patches (with each ward's patch, 0-based, in ``wards``' order)."""

    wards: list[str]
    by_ward: dict[str, np.ndarray]
    policy_years: float
    patches: list[str] | None = None
    by_patch: dict[str, np.ndarray] | None = None
    ward_patch: np.ndarray | None = None


def _policy_years(v: Variant) -> float:
    """The policy period in years: the variant's months from its run.policy_start on, as the
    engine counts them (``model::policy_months``)."""
    start = scenario.switch_month(v.parameters or v.source.parameters)
    n = sum(1 for m in v.months if m >= start) or len(v.months)
    return n / 12.0


def read(v: Variant) -> Places | None:
    """The variant's figures by ward and patch; None when the file has none (before schema 5)."""
    with h5py.File(v.source.path, "r") as f:
        g = f["variants"][v.name]
        if "by_ward" not in g or "wards" not in g or any(k not in g["by_ward"] for k in ADDITIVE):
            return None
        out = Places([as_text(w) for w in g["wards"][()]],
                     {k: np.asarray(g["by_ward"][k][()], float) for k in ADDITIVE}, _policy_years(v))
        if "by_patch" in g and "patches" in g and "geography" in g:
            out.patches = [as_text(p) for p in g["patches"][()]]
            out.by_patch = {k: np.asarray(g["by_patch"][k][()], float) for k in g["by_patch"]}
            out.ward_patch = np.asarray(g["geography/ward_patch"][()], int).reshape(-1) - 1
    return out


def same_wards(base: Places, policy: Places) -> dict[str, np.ndarray] | None:
    """The baseline's figures [replicates, patches] over the wards of each of the policy's
    patches; None when the two do not name the same wards."""
    if policy.ward_patch is None or sorted(base.wards) != sorted(policy.wards):
        return None
    col = {w: i for i, w in enumerate(base.wards)}
    order = np.array([col[w] for w in policy.wards])
    k = len(policy.patches)
    sums = {m: np.stack([x[:, order][:, policy.ward_patch == p].sum(axis=1) for p in range(k)], axis=1)
            for m, x in base.by_ward.items()}
    return shares(sums, base.policy_years)


@dataclass
class PatchTable:
    """One patch variant's table: a row per patch; cells of its own figures and, when the
    baseline has figures by ward, of the change from the same wards in the baseline."""

    label: str
    patches: list[str]
    wards: list[list[str]]
    own: dict[str, list[stats.Estimate]]
    change: dict[str, list[stats.Estimate]] | None
    pairing: Pairing | None
    replicates: int


def table(v: Variant, base: Variant | None) -> PatchTable | None:
    """The variant's results per patch; None when it has no patches or no figures by patch."""
    p = read(v)
    if p is None or p.by_patch is None:
        return None
    k = len(p.patches)
    own = {m: [stats.estimate(p.by_patch[m][:, j]) for j in range(k)] for m, _ in COLUMNS}
    wards = [[w for w, q in zip(p.wards, p.ward_patch) if q == j] for j in range(k)]
    change, pr = None, None
    b = read(base) if base is not None and base is not v else None
    if b is not None:
        theirs = same_wards(b, p)
        if theirs is not None:
            pr = pairing(v, base)
            change = {m: [stats.estimate(stats.difference_samples(p.by_patch[m][:, j], theirs[m][:, j],
                                                                   pr.paired)) for j in range(k)]
                      for m in COMPARED}
    return PatchTable(v.label, p.patches, wards, own, change, pr, p.by_patch["visits_due"].shape[0])


def _cell(key: str, e: stats.Estimate, signed: bool = False) -> str:
    if e.n == 0:
        return "n/a"
    if signed:
        return (f"{fmt_change(key, e.median, signed=True)} ({fmt_change(key, e.low, signed=True, unit=False)}"
                f" to {fmt_change(key, e.high, signed=True, unit=False)})")
    return f"{fmt_value(key, e.median)} ({fmt_value(key, e.low, unit=False)} to {fmt_value(key, e.high, unit=False)})"


def rows(t: PatchTable, change: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and rows of text, a row per patch: its wards and figures, or (``change``) the
    change in each figure from the same wards in the baseline (no rows when there is none)."""
    if change:
        if t.change is None:
            return [], []
        header = ["Patch"] + [h for k, h in COLUMNS if k in COMPARED]
        return header, [[name] + [_cell(k, t.change[k][j], signed=True) for k in COMPARED]
                        for j, name in enumerate(t.patches)]
    header = ["Patch", "Wards"] + [h for _, h in COLUMNS]
    return header, [[name, ", ".join(t.wards[j])] + [_cell(k, t.own[k][j]) for k, _ in COLUMNS]
                    for j, name in enumerate(t.patches)]


def worst_words(t: PatchTable) -> str:
    """The title: the patch with the most unmet need and the most late visits, in words."""
    unmet = max(range(len(t.patches)), key=lambda j: t.own["hours_unmet_share"][j].median)
    late = max(range(len(t.patches)), key=lambda j: t.own["late_visit_share"][j].median)
    u, l_ = t.own["hours_unmet_share"][unmet], t.own["late_visit_share"][late]
    text = (f"{t.label}: {t.patches[unmet]} leaves the most needed hours undelivered "
            f"({fmt_value('hours_unmet_share', u.median)}), ")
    text += ("and has the most late visits" if late == unmet else
             f"{t.patches[late]} has the most late visits")
    return text + f" ({fmt_value('late_visit_share', l_.median)})"


CAPTION = ("Each patch over the policy period: the median across simulated futures, with the range "
           "nine in ten fall inside. Late visits are a share of visits due; needed hours not "
           "delivered, a share of the hours needed (missed visits and people waiting for care); "
           "travel, a share of care workers' time in visits to homes in the patch and travel to "
           "them. A change compares the patch with the same wards in the baseline, in "
           "percentage points for shares.")


def markdown(results: ResultSet) -> str:
    """Markdown tables: each patch variant's results per patch."""
    out = ["Results per patch. " + CAPTION, ""]
    shown = 0
    for v in results.compared:
        t = table(v, results.baseline)
        if t is None:
            continue
        shown += 1
        for change in (False, True):
            header, body = rows(t, change)
            if not body:
                continue
            title = (f"**{t.label}** ({t.replicates} replicates)" if not change else
                     f"**Change, {t.label} minus the same wards in {results.baseline.label}** "
                     f"({t.pairing.short()}: {t.pairing.basis()})")
            out += [title, "", "| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
            out += ["| " + " | ".join(r) + " |" for r in body] + [""]
    if not shown:
        out.append("No variant has results per patch (patch commissioning, results files of "
                   "schema 5 or later).")
    return "\n".join(out) + "\n"
