"""Cost against outcome: spend per financial year against the budget, extra spend of each policy,
and what each pound buys (cost per point of turnover, per complaint avoided)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib import patheffects

from .. import stats
from ..loading import ResultSet, Variant
from ..wording import (describe_change, fmt_change, fmt_interval, fmt_value, join_words,
                       sure_interval)
from .axes import value_formatter
from .common import Chart, Colours, Skipped, Table, new_figure, plot_style, replicate_note, to_png

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
    variants = [v for v in results.variants if v.series(SPEND) is not None
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
        ax.legend(loc="upper left", ncols=min(4, n_var + 1), fontsize=10, framealpha=0.9)
        top = ax.get_ylim()[1]
        ax.set_ylim(0, top * 1.18)
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


def extra_spend_chart(results: ResultSet, colours: Colours | None = None) -> Chart | Skipped:
    """Each policy's extra spend over the baseline, per financial year, paired by replicate."""
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
    extra = {}
    with plot_style():
        fig = new_figure(10.5, 5.0)
        ax = fig.subplots()
        for j, v in enumerate(policies):
            vl, _, spend = _years(v, SPEND)
            if vl != labels:
                continue
            d = stats.difference_samples(spend, base_spend, stats.is_paired(v, base))
            extra[v.key] = d
            e = [stats.estimate(d[:, k]) for k in range(len(labels))]
            med = np.array([s.median for s in e])
            x = np.arange(len(labels)) - 0.4 + width * (j + 0.5)
            ax.bar(x, med, width=width * 0.92, color=colours.fill(v), label=v.label)
            ax.errorbar(x, med, yerr=[med - [s.low for s in e], [s.high for s in e] - med],
                        fmt="none", ecolor="#222222", elinewidth=1.2, capsize=2.5)
        ax.axhline(0, color="black", linewidth=1)
        ax.set_xticks(range(len(labels)), _fy_labels(labels, counts))
        ax.yaxis.set_major_formatter(value_formatter(SPEND, change=True))
        ax.set_ylabel("Extra spend compared with the baseline (£)")
        ax.grid(axis="x", visible=False)
        ax.legend(loc="upper left", ncols=min(4, len(policies)), fontsize=10, framealpha=0.9)
        png = to_png(fig)
    shown = [v for v in policies if v.key in extra]
    k = _last_full_year(counts)
    top = max(shown, key=lambda v: abs(stats.estimate(extra[v.key][:, k]).median))
    e = stats.estimate(extra[top.key][:, k])
    title = describe_change("council_spend", top.label, e.median, e.low, e.high) + f" in {labels[k]}"
    detail = ""
    if budget is not None and e.clear:
        share = e.median / np.median(budget[2][:, k])
        detail = f"That is {abs(share):.1%} of the {labels[k]} home care budget."
    caption = ("Extra council spend of each policy compared with the baseline, per financial year "
               "(April to March). Replicate i of a policy is paired with replicate i of the baseline "
               "(common random numbers), so the bar shows the policy's own cost. Bar = median, "
               "whisker = 90% interval; below zero is a saving. Units: £."
               + replicate_note(min(v.replicates for v in shown)))
    rows = [[v.label] + [_cell(extra[v.key][:, i]) for i in range(len(labels))] for v in shown]
    alt = (f"Bar chart of each policy's extra spend over the baseline per financial year for "
           f"{join_words([v.label for v in shown])}. {title}.")
    return Chart(cid, SECTION, title, caption, alt, png,
                 Table(["Policy"] + [lab.replace("\n", " ") for lab in labels], rows), detail)


def _cell(samples) -> str:
    """``+£2.54m`` over ``£2.40m to £2.62m`` (a line break between) for a table cell."""
    e = stats.estimate(samples)
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


def _best(values: dict[str, Value], labels: dict[str, str], words: str, noun: str) -> str:
    """The best-value sentence for one outcome, or why there is none."""
    rank = {"saves": 0, "free": 1, "costs": 2}
    ok = [(k, v) for k, v in values.items() if v.verdict in rank]
    if not ok:
        return f"No policy clearly cuts {noun}, so there is no cost per {words}"
    k, v = min(ok, key=lambda kv: (rank[kv[1].verdict], kv[1].ratio.median if kv[1].ratio else 0))
    if v.verdict == "saves":
        return f"{labels[k]} cuts {noun} and saves money"
    if v.verdict == "free":
        return f"{labels[k]} cuts {noun} at no clear extra cost"
    r = v.ratio
    return (f"Best value on {noun}: {labels[k]}, at {_money(r.median)} per {words} "
            f"(90% interval {_money(r.low)} to {_money(r.high)})")


def value_chart(results: ResultSet, colours: Colours | None = None) -> Chart | Skipped:
    """Cost-effectiveness planes: extra cost against the cut in turnover and in complaints."""
    cid = "cost-value"
    base = results.baseline
    cost = {v.key: stats.difference(v, base, "council_spend_total") for v in results.policies}
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
                values[key][v.key] = Value(stats.estimate(gain), c.estimate,
                                           stats.ratio_estimate(c.samples, gain))
                col, eg, ec = colours.colour(v), stats.estimate(gain), c.estimate
                ax.scatter(gain, c.samples, s=10, color=col, alpha=0.3, linewidths=0)
                ax.errorbar([eg.median], [ec.median],
                            xerr=[[eg.median - eg.low], [eg.high - eg.median]],
                            yerr=[[ec.median - ec.low], [ec.high - ec.median]],
                            fmt=colours.marker(v), color=col, markersize=9,
                            markeredgecolor="black", elinewidth=2, label=v.label)
            ax.axhline(0, color="black", linewidth=1)
            ax.axvline(0, color="black", linewidth=1)
            ax.yaxis.set_major_formatter(value_formatter("council_spend_total", change=True))
            ax.set_xlabel("Turnover cut (percentage points)" if key == "turnover_rate"
                          else "Complaints avoided over the policy period")
            ax.set_ylabel("Extra spend over the policy period (£)")
        axes[0].legend(loc="best", fontsize=10, framealpha=0.9)
        png = to_png(fig)
    sentences = [_best(values[key], labels, words, "turnover" if key == "turnover_rate" else
                       "complaints") for key, words, _, _ in panels]
    header, rows = ["Policy"], []
    for key, words, _, _ in panels:
        header += ["Turnover cut (points)" if key == "turnover_rate" else "Complaints avoided",
                   f"£ per {words}"]
    for v in results.policies:
        row = [v.label]
        for key, _, scale, _ in panels:
            val = values[key].get(v.key)
            row += ["n/a", "n/a"] if val is None else [
                f"{val.gain.median:,.{1 if scale != 1 else 0}f}".replace("-", "\u2212"), val.words()]
        rows.append(row)
    caption = ("Extra council spend (up) against the improvement it buys (right), over the policy "
               "period, for each policy against the baseline. Each small dot is one pair of "
               "replicates with shared random numbers; the large marker is the median with 90% "
               "intervals. Up and right: costs more and improves; down and right: saves money and "
               "improves. Cost per improvement = average extra spend divided by average improvement, "
               "with a 90% interval from resampling the replicate pairs; it is given only where "
               "both the improvement and the extra cost are clear. Units: £, percentage points, "
               "complaints." + replicate_note(min(v.replicates for v in results.policies)))
    alt = ("Scatter charts of extra spend against turnover cut and complaints avoided for "
           f"{join_words(list(labels.values()))}. {'. '.join(sentences)}.")
    return Chart(cid, SECTION, sentences[0], caption, alt, png, Table(header, rows),
                 ". ".join(sentences[1:]) + ("." if len(sentences) > 1 else ""))


def build(results: ResultSet) -> list[Chart | Skipped]:
    """Budget, extra spend and value-for-money charts."""
    colours = Colours(results)
    return [budget_chart(results, colours), extra_spend_chart(results, colours),
            value_chart(results, colours)]
