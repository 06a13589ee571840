"""Cost against outcome: spend per financial year against the budget, spend by category against
the budget (tables, ``budget``), extra spend of each policy, and what each pound buys (cost per
point of turnover, per complaint avoided).

Policies are compared with the baseline pair by pair when their runs share random numbers, else
as distributions (``pairing``); every caption says which.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib import patheffects

from .. import budget, stats
from ..loading import ResultSet, Variant
from ..pairing import Pairing, pairing
from ..wording import (describe_change, fmt_change, fmt_interval, fmt_value, join_words,
                       sure_interval)
from .axes import value_formatter
from .common import (Chart, Colours, Skipped, Table, TableBlock, legend_below, legend_fits,
                     new_figure, plot_style, replicate_note, slug, to_png)

SECTION = "Cost and value for money"
SPEND, BUDGET = "council_spend", "council_budget"


def _fy_labels(labels: list[str], counts: list[int]) -> list[str]:
    return [lab if n == 12 else f"{lab}\n({n} months)" for lab, n in zip(labels, counts)]


def _last_full_year(counts: list[int]) -> int:
    full = [i for i, n in enumerate(counts) if n == 12]
    return full[-1] if full else len(counts) - 1


def _years(v: Variant, key: str):
    return stats.financial_year_totals(v, key)


def budget_chart(results: ResultSet, colours: Colours | None = None) -> Chart | Skipped:
    """Spend per financial year for every variant (median, 90% interval) against the budget."""
    cid = "cost-budget"
    variants = [v for v in results.compared if v.series(SPEND) is not None
                and v.series(BUDGET) is not None]
    if not variants:
        return Skipped(cid, SECTION, "Spend against the budget",
                       "the results lack monthly council_spend or council_budget.")
    colours = colours or Colours(results)
    base = results.baseline if results.baseline in variants else variants[0]
    labels, counts, _ = _years(base, SPEND)
    n_years, n_var = len(labels), len(variants)
    width = 0.8 / n_var
    over = {}
    with plot_style():
        fig = new_figure(10.5, 5.2)
        ax = fig.subplots()
        for j, v in enumerate(variants):
            vl, _, spend = _years(v, SPEND)
            _, _, budget = _years(v, BUDGET)
            if vl != labels:
                continue
            over[v.key] = spend - budget
            e = [stats.estimate(spend[:, k]) for k in range(n_years)]
            x = np.arange(n_years) - 0.4 + width * (j + 0.5)
            med = np.array([s.median for s in e])
            ax.bar(x, med, width=width * 0.92, color=colours.fill(v), label=v.label,
                   edgecolor="white", linewidth=0.5)
            ax.errorbar(x, med, yerr=[med - [s.low for s in e], [s.high for s in e] - med],
                        fmt="none", ecolor="#111111", elinewidth=1.4, capsize=3)
            bmed = np.median(budget, axis=0)
            for k in range(n_years):
                ax.plot([x[k] - width / 2, x[k] + width / 2], [bmed[k]] * 2, color="black",
                        linewidth=2.6, solid_capstyle="butt", zorder=4,
                        path_effects=[patheffects.withStroke(linewidth=5, foreground="white")],
                        label="Budget" if (j, k) == (0, 0) else None)
        ax.set_xticks(range(n_years), _fy_labels(labels, counts))
        ax.yaxis.set_major_formatter(value_formatter(SPEND))
        ax.set_ylabel("Spend in the financial year (£)")
        ax.grid(axis="x", visible=False)
        # The legend sits in the headroom above the bars while it fits there (Brent's eleven
        # variants do); Ealing's sweeps give thirteen with long names, four to a row wider than
        # the axes, which made constrained layout give up. Then it goes below, two to a row.
        legend = ax.legend(loc="upper left", ncols=min(4, n_var + 1), fontsize=10, framealpha=0.9)
        if legend_fits(ax, legend, height=0.3):
            top = ax.get_ylim()[1]
            ax.set_ylim(0, top * 1.18)
        else:
            legend.remove()
            ax.set_ylim(bottom=0)
            legend_below(fig, [ax], ncols=2, fontsize=10)
        png = to_png(fig)
    k = _last_full_year(counts)
    year = labels[k]
    shown = [v for v in variants if v.key in over]
    e_base = stats.estimate(over[base.key][:, k])
    title = (f"In {year}, the last full financial year, "
             + _over_words(base.label if base is not results.baseline else "the baseline", e_base))
    worst = max(shown, key=lambda v: stats.estimate(over[v.key][:, k]).median)
    detail = ""
    if worst is not base:
        e_w = stats.estimate(over[worst.key][:, k])
        detail = f"The highest is {worst.label}: " + _over_words("it", e_w) + "."
    caption = ("Council spend on home care in each financial year (April to March) for each variant: "
               "bar = median of the simulated futures, whisker = 90% interval. The black line on each "
               "bar is the budget for that year. Years marked with a number of months are partly "
               "simulated (the run starts or ends inside them). Units: £."
               + replicate_note(min(v.replicates for v in shown)))
    rows = []
    for v in shown:
        e = stats.estimate(over[v.key][:, k])
        rows.append([v.label, fmt_change(SPEND, e.median, signed=True),
                     fmt_interval(SPEND, e.low, e.high, change=True)])
    alt = (f"Bar chart of council spend per financial year, {labels[0]} to {labels[-1]}, for "
           f"{join_words([v.label for v in shown])}, with the budget marked on each bar. {title}.")
    return Chart(cid, SECTION, title, caption, alt, png,
                 Table(["Variant", f"Spend minus budget in {year} (median)", "90% interval"], rows),
                 detail)


def _over_words(subject: str, e: stats.Estimate) -> str:
    where = "more than" if e.median > 0 else "less than"
    return (f"{subject} spends {fmt_change(SPEND, e.median)} {where} the budget "
            f"(90% interval {sure_interval(SPEND, e.low, e.high)})")


def comparison_caption(pairs: list[tuple[str, Pairing]], what: str) -> str:
    """Caption sentences on how ``what`` (``the bar``) compares each policy with the baseline."""
    paired = [label for label, p in pairs if p.paired]
    unpaired = [(label, p) for label, p in pairs if not p.paired]
    out = []
    if paired:
        who = ("a policy" if not unpaired else join_words(paired) if len(paired) == 1
               else "each of " + join_words(paired))
        out.append(f"Replicate i of {who} is paired with replicate i of the baseline (common "
                   f"random numbers, the same simulated events), so {what} shows the policy's "
                   "own effect.")
        out += [f"{label}: only the common replicates 1 to {p.n} are paired ({p.n_a} and "
                f"{p.n_b} were run)." for label, p in pairs if p.truncated]
    if unpaired:
        who = join_words([label for label, _ in unpaired])
        why = join_words(sorted({p.why for _, p in unpaired}))
        out.append(f"{who} cannot be paired with the baseline because {why}, so for "
                   f"{'it' if len(unpaired) == 1 else 'them'} {what} compares distributions: "
                   "the difference between the two runs' medians, with a 90% interval of the gap "
                   "between one simulated future of each. Part of such a difference may be "
                   "chance.")
    return " ".join(out)


def extra_spend_chart(results: ResultSet, colours: Colours | None = None) -> Chart | Skipped:
    """Each policy's extra spend over the baseline, per financial year (paired by replicate
    where the runs allow, else compared as distributions)."""
    cid = "cost-extra"
    base = results.baseline
    base_years = _years(base, SPEND)
    policies = [v for v in results.policies if v.series(SPEND) is not None]
    if base_years is None or not policies:
        return Skipped(cid, SECTION, "Extra spend of each policy",
                       "it needs monthly council_spend for the baseline and at least one policy.")
    labels, counts, base_spend = base_years
    budget = _years(base, BUDGET)
    colours = colours or Colours(results)
    width = 0.8 / len(policies)
    extra: dict[str, list[stats.Estimate]] = {}
    pairs: dict[str, Pairing] = {}
    # Many policies (a sweep's variants) get their legend below the bars, two to a row, the figure
    # growing with it; inside the axes it would cover the bars and squeeze them to nothing.
    below = len(policies) > 4
    legend_rows = -(-len(policies) // 2) if below else 0
    with plot_style():
        fig = new_figure(10.5, 5.0 + 0.32 * legend_rows)
        ax = fig.subplots()
        for j, v in enumerate(policies):
            vl, _, spend = _years(v, SPEND)
            if vl != labels:
                continue
            p = pairing(v, base)
            pairs[v.key] = p
            e = [stats.compare(spend[:, k], base_spend[:, k], p.paired)[1]
                 for k in range(len(labels))]
            extra[v.key] = e
            med = np.array([s.median for s in e])
            x = np.arange(len(labels)) - 0.4 + width * (j + 0.5)
            ax.bar(x, med, width=width * 0.92, color=colours.fill(v), label=v.label,
                   hatch="" if p.paired else "//", edgecolor="white" if p.paired else "#333333")
            ax.errorbar(x, med, yerr=[med - [s.low for s in e], [s.high for s in e] - med],
                        fmt="none", ecolor="#222222", elinewidth=1.2, capsize=2.5)
        ax.axhline(0, color="black", linewidth=1)
        ax.set_xticks(range(len(labels)), _fy_labels(labels, counts))
        ax.yaxis.set_major_formatter(value_formatter(SPEND, change=True))
        ax.set_ylabel("Extra spend compared with the baseline (£)")
        ax.grid(axis="x", visible=False)
        if below:
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2, fontsize=10, frameon=False)
        else:
            ax.legend(loc="upper left", ncols=min(4, len(policies)), fontsize=10, framealpha=0.9)
        png = to_png(fig)
    shown = [v for v in policies if v.key in extra]
    k = _last_full_year(counts)
    top = max(shown, key=lambda v: abs(extra[v.key][k].median))
    e = extra[top.key][k]
    title = (describe_change("council_spend", top.label, e.median, e.low, e.high,
                             pairs[top.key].basis()) + f" in {labels[k]}")
    detail = ""
    if budget is not None and e.clear:
        share = e.median / np.median(budget[2][:, k])
        detail = f"That is {abs(share):.1%} of the {labels[k]} home care budget."
    hatched = any(not pairs[v.key].paired for v in shown)
    caption = ("Extra council spend of each policy compared with the baseline, per financial year "
               "(April to March). "
               + comparison_caption([(v.label, pairs[v.key]) for v in shown], "the bar")
               + (" Hatched bars are such comparisons of distributions." if hatched and
                  len(shown) > 1 else "")
               + " Bar = median, whisker = 90% interval; below zero is a saving. Units: £."
               + replicate_note(min(v.replicates for v in shown)))
    rows = [[v.label] + [_cell(extra[v.key][i]) for i in range(len(labels))]
            + [pairs[v.key].short()] for v in shown]
    alt = (f"Bar chart of each policy's extra spend over the baseline per financial year for "
           f"{join_words([v.label for v in shown])}. {title}.")
    return Chart(cid, SECTION, title, caption, alt, png,
                 Table(["Policy"] + [lab.replace("\n", " ") for lab in labels] + ["Compared as"],
                       rows), detail)


def _cell(e: stats.Estimate) -> str:
    """``+£2.54m`` over ``£2.40m to £2.62m`` (a line break between) for a table cell."""
    return f"{fmt_change(SPEND, e.median, signed=True)}\n{sure_interval(SPEND, e.low, e.high)}"


#: Outcomes for value for money: (key, the unit of improvement in words, scale to that unit).
OUTCOMES = (("turnover_rate", "percentage point of turnover cut", 100.0),
            ("complaints", "complaint avoided", 1.0))


@dataclass
class Value:
    """What one policy buys on one outcome: improvement, extra cost, cost per unit improved."""

    gain: stats.Estimate
    cost: stats.Estimate
    ratio: stats.Estimate | None

    @property
    def verdict(self) -> str:
        """``none`` (no clear improvement), ``saves`` (cheaper and better), ``free`` (no clear
        extra cost) or ``costs`` (clearly dearer; the ratio applies)."""
        if not self.gain.low > 0:
            return "none"
        if self.cost.high < 0:
            return "saves"
        if self.cost.low <= 0:
            return "free"
        return "costs"

    def words(self) -> str:
        """Table cell: the cost per unit improved, or why there is none."""
        return {"none": "no clear improvement", "saves": "saves money and improves",
                "free": "improves at no clear extra cost"}.get(self.verdict) or (
            f"{_money(self.ratio.median)} ({_money(self.ratio.low)} to {_money(self.ratio.high)})"
            if self.ratio else "n/a")


def _money(x: float) -> str:
    return fmt_value("council_spend_total", x)


def _best(values: dict[str, Value], labels: dict[str, str], words: str, noun: str,
          pairs: dict[str, Pairing]) -> str:
    """The best-value sentence for one outcome (saying when it rests on a comparison of
    distributions), or why there is none."""
    rank = {"saves": 0, "free": 1, "costs": 2}
    ok = [(k, v) for k, v in values.items() if v.verdict in rank]
    if not ok:
        unpaired = [k for k in values if not pairs[k].paired]
        basis = ""
        if unpaired and len(unpaired) == len(values):
            basis = " (from comparisons of distributions of separate runs)"
        elif unpaired:
            basis = (" (for " + join_words([labels[k] for k in unpaired])
                     + ", from a comparison of distributions of separate runs)")
        return f"No policy clearly cuts {noun}, so there is no cost per {words}{basis}"
    k, v = min(ok, key=lambda kv: (rank[kv[1].verdict], kv[1].ratio.median if kv[1].ratio else 0))
    basis = "" if pairs[k].paired else (" (comparing distributions of separate runs, "
                                        f"{pairs[k].n_a} and {pairs[k].n_b} replicates)")
    if v.verdict == "saves":
        return f"{labels[k]} cuts {noun} and saves money{basis}"
    if v.verdict == "free":
        return f"{labels[k]} cuts {noun} at no clear extra cost{basis}"
    r = v.ratio
    return (f"Best value on {noun}: {labels[k]}, at {_money(r.median)} per {words} "
            f"(90% interval {_money(r.low)} to {_money(r.high)}){basis}")


def _flip(e: stats.Estimate, scale: float) -> stats.Estimate:
    """The estimate of −scale·x from that of x (an improvement is a fall)."""
    return stats.Estimate(-e.median * scale, -e.high * scale, -e.low * scale, e.n)


def value_chart(results: ResultSet, colours: Colours | None = None) -> Chart | Skipped:
    """Cost-effectiveness planes: extra cost against the cut in turnover and in complaints."""
    cid = "cost-value"
    base = results.baseline
    spend_key = "council_spend_total"
    cost = {v.key: stats.difference(v, base, spend_key) for v in results.policies}
    pairs = {v.key: pairing(v, base) for v in results.policies}
    panels = []
    for key, words, scale in OUTCOMES:
        diffs = {v.key: stats.difference(v, base, key) for v in results.policies}
        if any(d is not None and cost[k] is not None for k, d in diffs.items()):
            panels.append((key, words, scale, diffs))
    if not panels:
        return Skipped(cid, SECTION, "Cost per improvement", "it needs council spend and turnover "
                       "or complaints for the baseline and at least one policy.")
    colours = colours or Colours(results)
    labels = {v.key: v.label for v in results.policies}
    values: dict[str, dict[str, Value]] = {}
    rng = np.random.default_rng(0)  # fixed sample of dots: the same input draws the same picture
    with plot_style():
        fig = new_figure(10.5, 4.8)
        axes = fig.subplots(1, len(panels), squeeze=False)[0]
        for ax, (key, words, scale, diffs) in zip(axes, panels):
            values[key] = {}
            for v in results.policies:
                d, c = diffs[v.key], cost[v.key]
                if d is None or c is None:
                    continue
                gain = -d.samples * scale  # an improvement is a fall in both outcomes
                eg, ec = _flip(d.estimate, scale), c.estimate
                ratio = stats.ratio_of_differences(
                    stats.period_values(v, spend_key)[0], stats.period_values(base, spend_key)[0],
                    -scale * stats.period_values(v, key)[0],
                    -scale * stats.period_values(base, key)[0], pairs[v.key].paired)
                values[key][v.key] = Value(eg, ec, ratio)
                col = colours.colour(v)
                dots = np.arange(gain.size)
                if dots.size > 400:
                    dots = rng.choice(dots, 400, replace=False)
                ax.scatter(gain[dots], c.samples[dots], s=10, color=col, alpha=0.3, linewidths=0)
                ax.errorbar([eg.median], [ec.median],
                            xerr=[[eg.median - eg.low], [eg.high - eg.median]],
                            yerr=[[ec.median - ec.low], [ec.high - ec.median]],
                            fmt=colours.marker(v), color=col, markersize=9,
                            markeredgecolor="black", elinewidth=2,
                            markerfacecolor=col if pairs[v.key].paired else "white",
                            label=v.label + ("" if pairs[v.key].paired else " (separate runs)"))
            ax.axhline(0, color="black", linewidth=1)
            ax.axvline(0, color="black", linewidth=1)
            ax.yaxis.set_major_formatter(value_formatter(spend_key, change=True))
            ax.set_xlabel("Turnover cut (percentage points)" if key == "turnover_rate"
                          else "Complaints avoided over the policy period")
            ax.set_ylabel("Extra spend over the policy period (£)")
        # One entry per policy: inside the left panel while it leaves most of it clear, else
        # below both panels, two to a row, the figure growing with it (a legend taller than the
        # panel would squeeze it to nothing).
        legend = axes[0].legend(loc="best", fontsize=10, framealpha=0.9)
        if not legend_fits(axes[0], legend, height=0.6):
            legend.remove()
            legend_below(fig, axes[:1], ncols=2, fontsize=10)
        png = to_png(fig)
    sentences = [_best(values[key], labels, words, "turnover" if key == "turnover_rate" else
                       "complaints", pairs) for key, words, _, _ in panels]
    header, rows = ["Policy"], []
    for key, words, _, _ in panels:
        header += ["Turnover cut (points)" if key == "turnover_rate" else "Complaints avoided",
                   f"£ per {words}"]
    header.append("Compared as")
    for v in results.policies:
        row = [v.label]
        for key, _, scale, _ in panels:
            val = values[key].get(v.key)
            row += ["n/a", "n/a"] if val is None else [
                f"{val.gain.median:,.{1 if scale != 1 else 0}f}".replace("-", "\u2212"), val.words()]
        rows.append(row + [pairs[v.key].short()])
    shown = [(labels[k], pairs[k]) for k in labels]
    any_paired = any(p.paired for _, p in shown)
    any_unpaired = not all(p.paired for _, p in shown)
    caption = ("Extra council spend (up) against the improvement it buys (right), over the policy "
               "period, for each policy against the baseline. "
               + comparison_caption(shown, "each large marker")
               + (" Small dots: one pair of replicates each." if any_paired else "")
               + (" For a policy from separate runs (hollow marker) the small dots are gaps between "
                  "one simulated future of each run, and the interval of its cost per improvement "
                  "comes from resampling each run's replicates on their own." if any_unpaired
                  else "")
               + " The large marker is the median with 90% intervals. Up and right: costs more "
               "and improves; down and right: saves money and improves. Cost per improvement = "
               "average extra spend divided by average improvement, with a 90% interval from "
               "resampling"
               + (" the replicate pairs" if any_paired else " the replicates")
               + "; it is given only where both the improvement and the extra cost are clear. "
               "Units: £, percentage points, complaints."
               + replicate_note(min(v.replicates for v in results.policies)))
    alt = ("Scatter charts of extra spend against turnover cut and complaints avoided for "
           f"{join_words(list(labels.values()))}. {'. '.join(sentences)}.")
    return Chart(cid, SECTION, sentences[0], caption, alt, png, Table(header, rows),
                 ". ".join(sentences[1:]) + ("." if len(sentences) > 1 else ""))


CATEGORY_CAPTION = (
    "Council spend in each financial year (April to March) by what it pays for, against the "
    "budget. Each cell is the mean over the simulated futures, with below it the range that 9 in "
    "10 of them fall inside (5th to 95th percentile). Means are used here, not medians, so that "
    "the lines add up: the categories charged to the budget sum to the spend charged to it, and "
    "the headroom is the budget minus that spend (negative: an overspend). Double-handed visits "
    "are part of long-term visits. The savings line is what the council's savings target took "
    "out of the budget that year; the budget shown is after it. " + budget.RESIDENTIAL_NOTE
    + " Years marked with a number of months are partly simulated and not scaled up to a year. "
    "Units: £.")


def _unbroken(rows: list[list[str]]) -> list[list[str]]:
    """Cells whose sign never parts from its number when the line wraps (a word joiner after
    ``−`` and ``+``): narrow columns then break only between the numbers of a range."""
    return [[c.replace("\u2212", "\u2212\u2060").replace("+", "+\u2060") for c in r] for r in rows]


def category_tables(results: ResultSet) -> list[TableBlock | Skipped]:
    """Spend by category against the budget per financial year for the baseline and each policy,
    and each policy's change in every category (paired where the runs allow)."""
    items: list[TableBlock | Skipped] = []
    base = results.baseline
    if all(budget.read(v) is None for v in results.compared):  # every file from before issue 16
        return [Skipped("cost-categories", SECTION, "Spend by category against the budget",
                        "the results files have no yearly spend by category (they were written "
                        "before issue 16; run them again with a newer engine).")]
    for v in results.compared:
        cid = f"cost-categories-{slug(v.key)}"
        s = budget.statement(v)
        if s is None:
            items.append(Skipped(cid, SECTION, f"Spend by category against the budget, {v.label}",
                                 budget.missing_reason(v)))
            continue
        subject = "the baseline" if v is base else v.label
        header, rows = budget.rows(s)
        items.append(TableBlock(cid, SECTION, budget.headroom_words(s, subject),
                                CATEGORY_CAPTION + replicate_note(s.replicates),
                                Table([f"{v.label}"] + header[1:], _unbroken(rows)),
                                finding=v is base))
        if v is base:
            continue
        d = budget.change(v, base)
        if d is None:
            if budget.statement(base) is not None:
                items.append(Skipped(f"{cid}-change", SECTION,
                                     f"Change in spend by category, {v.label}",
                                     f"{v.label} and the baseline cover different financial "
                                     "years."))
            continue
        header, rows = budget.rows(d, signed=True)
        caption = (f"{v.label} minus the baseline ({base.label}) in each line of the table above, "
                   "per financial year. "
                   + comparison_caption([(v.label, d.pairing)], "each cell")
                   + " Each cell is the mean of the differences with the range that 9 in 10 fall "
                   "inside; means, so the changes add up like the table above. A rise in the "
                   "headroom is money freed; a fall, money used up. Units: £."
                   + replicate_note(min(v.replicates, base.replicates)))
        items.append(TableBlock(f"{cid}-change", SECTION, budget.change_words(d), caption,
                                Table([f"Change, {v.label}"] + header[1:], _unbroken(rows))))
    return items


def build(results: ResultSet) -> list[Chart | TableBlock | Skipped]:
    """Budget chart, spend-by-category tables, extra spend and value-for-money charts (the last
    two only when there are policies to compare)."""
    colours = Colours(results)
    items = [budget_chart(results, colours)] + category_tables(results)
    if results.policies:
        items += [extra_spend_chart(results, colours), value_chart(results, colours)]
    return items
