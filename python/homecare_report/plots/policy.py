"""Each policy against the baseline: differences with 90% intervals (forest plots).

A policy from a run that shares random numbers with the baseline is compared pair by pair; one
that does not is compared as a distribution (``pairing``, ``stats``), marked "separate runs" on
the chart, with a dashed interval, and said so in the title, caption and table.
"""
from __future__ import annotations

import numpy as np

from .. import metrics, stats
from ..loading import ResultSet
from ..pairing import Pairing
from ..wording import (describe_change, fmt_change, fmt_estimate, fmt_interval, join_words,
                       month_name)
from .axes import axis_unit, value_formatter
from .common import Chart, Colours, Skipped, Table, new_figure, outline, plot_style, slug, \
    replicate_note, to_png

SECTION = "Policies against the baseline"

#: Whole-period metrics compared, in report order: turnover, complaints, late visits,
#: continuity, cost.
COMPARED = ("turnover_rate", "complaints_per_100_packages", "late_visit_share",
            "distinct_workers_per_user", "council_spend_total")

#: Turnover split by cause (results from issue 12 on; older files lack them and the charts are left
#: out): the part at providers that stay in the market, and the staff of providers that leave it.
TURNOVER_PARTS = ("turnover_rate_excluding_provider_exits", "turnover_rate_provider_exits")

#: Why the two parts are shown: a sentence added to their captions.
TURNOVER_PARTS_NOTE = (
    "Turnover is the sum of two parts, shown in this chart and its neighbour: care workers who "
    "leave a provider that stays in the market (they quit or move on), and the staff of "
    "providers that leave it (each counted as a leaver, whether another provider takes them on "
    "or not). The first follows each worker's own chances and is measured closely; the second "
    "depends on which providers fail and when, which a policy that moves providers' margins or "
    "work changes differently in each simulated future, so its intervals are wide and a wide "
    "interval for turnover comes mostly from it.")


#: How many small dots an unpaired row shows at most (a fixed sample of its all-pairs gaps).
MAX_DOTS = 400
UNPAIRED_MARK = "separate runs"


def finding(key: str, diffs: list[tuple[str, stats.Difference]]) -> tuple[str, str]:
    """Title (the biggest effect in words, with what it was computed from) and a sentence on how
    many policies move the metric."""
    label, d = max(diffs, key=lambda ld: abs(ld[1].estimate.median))
    e = d.estimate
    title = describe_change(key, label, e.median, e.low, e.high, d.pairing.basis())
    if len(diffs) == 1:
        return title, ""
    down = sum(1 for _, x in diffs if x.estimate.high < 0)
    up = sum(1 for _, x in diffs if x.estimate.low > 0)
    same = len(diffs) - down - up
    noun = metrics.info(key).noun
    parts = [f"{down} clearly lower{'s' if down == 1 else ''} {noun}" if down else "",
             f"{up} clearly raise{'s' if up == 1 else ''} it" if up else "",
             f"{same} make{'s' if same == 1 else ''} no clear difference" if same else ""]
    unpaired = sum(1 for _, x in diffs if not x.paired)
    tail = ""
    if unpaired == len(diffs):
        tail = " Each was compared as a distribution, from runs that share no random numbers."
    elif unpaired:
        tail = (f" {unpaired} of them {'was' if unpaired == 1 else 'were'} compared as "
                "distributions, from runs that share no random numbers.")
    return title, f"Of {len(diffs)} policies, " + join_words([p for p in parts if p]) + "." + tail


def pairing_caption(pairs: list[tuple[str, Pairing]], unit: str = "replicate pairs") -> str:
    """Caption sentences on how each policy was compared with the baseline: paired on the same
    simulated events, or (saying so plainly) as distributions of separate runs."""
    paired = [label for label, p in pairs if p.paired]
    unpaired = [(label, p) for label, p in pairs if not p.paired]
    out = []
    if paired:
        who = ("a policy" if not unpaired else join_words(paired) if len(paired) == 1
               else "each of " + join_words(paired))
        out.append(f"Replicate i of {who} shares its random numbers with replicate i of the "
                   "baseline (the same simulated events), so each pair differs only by the "
                   "policy: the large marker is the "
                   f"median difference, the bar the 90% interval (9 in 10 {unit} fall inside), "
                   "the small dots the individual pairs.")
        for label, p in pairs:
            if p.truncated:
                out.append(f"{label} and the baseline have {p.n_a} and {p.n_b} replicates; their "
                           f"common replicates 1 to {p.n} are paired.")
    if unpaired:
        who = join_words([label for label, _ in unpaired])
        why = join_words(sorted({p.why for _, p in unpaired}))
        mark = f" (marked \u201c{UNPAIRED_MARK}\u201d)" if len(pairs) > 1 else ""
        out.append(f"{who}{mark} cannot be paired with the baseline because {why}: the "
                   "comparison is of distributions, not replicate by replicate. The large marker "
                   "is the "
                   "difference between the two medians; the dashed bar is the 90% interval of "
                   "the gap between one simulated future of each (every replicate against every "
                   "baseline replicate), which is wider than a paired interval; the small dots "
                   "are such gaps.")
    return " ".join(out)


def difference_chart(results: ResultSet, key: str, colours: Colours | None = None) -> Chart | Skipped:
    """Forest plot of policy minus baseline for one whole-period metric."""
    info = metrics.info(key)
    cid = f"policy-{slug(key)}"
    if not results.policies:
        return Skipped(cid, SECTION, info.label, "there is only one variant, so nothing to compare.")
    diffs = [(v, stats.difference(v, results.baseline, key)) for v in results.policies]
    missing = [v.label for v, d in diffs if d is None]
    diffs = [(v, d) for v, d in diffs if d is not None]
    if not diffs:
        return Skipped(cid, SECTION, info.label,
                       f"the results have no '{key}' figure for the baseline and policies.")
    colours = colours or Colours(results)
    with plot_style():
        fig = new_figure(10.5, 1.6 + 0.55 * len(diffs))
        ax = fig.subplots()
        rng = np.random.default_rng(0)  # fixed jitter: the same input draws the same picture
        for row, (v, d) in enumerate(diffs):
            y = len(diffs) - 1 - row
            c = colours.colour(v)
            dots = d.samples
            if dots.size > MAX_DOTS:
                dots = rng.choice(dots, MAX_DOTS, replace=False)
            jitter = rng.uniform(-0.18, 0.18, size=dots.size)
            ax.scatter(dots, y + jitter, s=10, color=c, alpha=0.35, linewidths=0, zorder=2)
            e = d.estimate
            ax.plot([e.low, e.high], [y, y], color=c, linewidth=3.2, solid_capstyle="butt",
                    zorder=3, path_effects=outline(c),
                    linestyle="-" if d.paired else (0, (2.2, 1.2)))
            ax.scatter([e.median], [y], s=90, color=c, marker=colours.marker(v), zorder=4,
                       edgecolors="black", linewidths=0.8)
        ax.axvline(0, color="black", linewidth=1.2)
        ax.set_yticks(range(len(diffs)), [v.label + ("" if d.paired else f"\n({UNPAIRED_MARK})")
                                          for v, d in reversed(diffs)])
        ax.set_ylim(-0.7, len(diffs) - 0.3)
        ax.xaxis.set_major_formatter(value_formatter(key, change=True))
        ax.grid(axis="y", visible=False)
        unit = axis_unit(key, change=True)
        ax.set_xlabel(f"Difference from the baseline in {info.label.lower()}"
                      + (f" ({unit})" if unit else ""))
        lo, hi = ax.get_xlim()
        pad = 0.08 * (hi - lo)
        ax.set_xlim(min(lo, -pad), max(hi, pad))
        if info.lower_is_better is not None:
            better, worse = ("\u2190 better", "worse \u2192") if info.lower_is_better else \
                ("\u2190 worse", "better \u2192")
            ax.text(0.01, 1.01, better, transform=ax.transAxes, ha="left", va="bottom", fontsize=11,
                    color="#333333")
            ax.text(0.99, 1.01, worse, transform=ax.transAxes, ha="right", va="bottom", fontsize=11,
                    color="#333333")
        png = to_png(fig)
    labelled = [(v.label, d) for v, d in diffs]
    base = results.baseline
    period = (f"{month_name(base.source.policy_start)} to {month_name(base.months[-1])}"
              if base.months else "the policy period")
    caption = (f"Difference between each policy and the baseline in {info.label.lower()} over the "
               f"policy period ({period}). "
               + pairing_caption([(v.label, d.pairing) for v, d in diffs])
               + " Zero (the black line) means no change."
               + (f" {TURNOVER_PARTS_NOTE}" if key in TURNOVER_PARTS else "")
               + (f" Units: {unit}." if unit else "")
               + (f" Not shown (no figure in the results): {', '.join(missing)}." if missing else "")
               + replicate_note(min([base.replicates] + [v.replicates for v, _ in diffs])))
    title, detail = finding(key, labelled)
    base_e = stats.estimate(stats.period_values(base, key)[0])
    rows = []
    for v, d in diffs:
        own = stats.estimate(stats.period_values(v, key)[0])
        rows.append([v.label, fmt_change(key, d.estimate.median, signed=True),
                     fmt_interval(key, d.estimate.low, d.estimate.high, change=True),
                     d.pairing.short(), fmt_estimate(key, own.median, own.low, own.high),
                     fmt_estimate(key, base_e.median, base_e.low, base_e.high)])
    table = Table(["Policy", "Difference from baseline (median)", "90% interval", "Compared as",
                   "Policy: median (90% interval)", "Baseline: median (90% interval)"], rows)
    alt = (f"Dot-and-interval chart of the difference from the baseline in {info.label.lower()} "
           f"for {len(diffs)} policies. " + "; ".join(
               describe_change(key, lab, d.estimate.median, d.estimate.low, d.estimate.high,
                               d.pairing.basis())
               for lab, d in labelled) + ".")
    return Chart(cid, SECTION, title, caption, alt, png, table, detail)


def build(results: ResultSet) -> list[Chart | Skipped]:
    """One forest plot per compared metric; nothing when there is no policy to compare."""
    if not results.policies:
        return []
    colours = Colours(results)
    keys = list(COMPARED)
    if all(stats.period_values(results.baseline, k) is not None for k in TURNOVER_PARTS):
        keys[1:1] = TURNOVER_PARTS
    return [difference_chart(results, key, colours) for key in keys]
