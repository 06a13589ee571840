"""Fan charts: each headline metric month by month, one panel per variant on a shared scale.

The baseline and the policies are drawn; points of a sensitivity design are not (their own
section shows them).
"""
from __future__ import annotations

import math

import numpy as np

from .. import metrics, stats
from ..loading import ResultSet, Variant
from ..wording import fmt_estimate, fmt_value, join_words, month_name
from .axes import axis_unit, value_formatter
from .common import (BAND_50_ALPHA, BAND_90_ALPHA, Chart, Colours, Skipped, date_marks,
                     draw_date_marks, format_date_axis, legend_above, month_dates, new_figure,
                     outline, plot_style, replicate_note, slug, to_png)

SECTION = "Over time"

#: Metrics drawn as fan charts, in report order.
HEADLINE = ("turnover_rate_12m", "complaints", "late_visit_share", "distinct_workers_per_user",
            "council_spend", "hours_unmet", "waiting_users", "mean_hourly_wage", "travel_share",
            "care_workers")


def last_year(v: Variant, key: str) -> stats.Estimate:
    """Median and 90% interval of the metric's average over the variant's last 12 months."""
    series = v.series(key)
    return stats.estimate(np.nanmean(series[:, -12:], axis=1))


def finding(key: str, variants: list[Variant], base: Variant) -> str:
    """Title: where the metric ends up, best variant against the baseline."""
    info = metrics.info(key)
    per_month = " a month" if info.flow else ""
    end = month_name(variants[0].months[-1])
    noun = info.noun[:1].upper() + info.noun[1:]
    ests = {v.key: last_year(v, key) for v in variants}
    if len(variants) == 1:
        v = variants[0]
        first = stats.estimate(np.nanmean(v.series(key)[:, :12], axis=1))
        e = ests[v.key]
        return (f"{noun}: {fmt_value(key, first.median, unit=False)}{per_month} in the first year, "
                f"{fmt_estimate(key, e.median, e.low, e.high)}{per_month} in the year to {end}")
    pick = min if info.lower_is_better in (True, None) else max
    word = "lowest" if pick is min else "highest"
    best = pick(variants, key=lambda v: ests[v.key].median)
    e = ests[best.key]
    where = "in the baseline" if best is base else f"under {best.label}"
    text = (f"{noun} in the year to {end}: {word} {where}, "
            f"{fmt_estimate(key, e.median, e.low, e.high)}{per_month}")
    if best is not base and base in variants:
        text += f", against {fmt_value(key, ests[base.key].median)} in the baseline"
    return text


def fan_chart(results: ResultSet, key: str, colours: Colours | None = None) -> Chart | Skipped:
    """One fan chart for ``key``: median, 50% and 90% bands per variant, shared y scale."""
    info = metrics.info(key)
    variants = [v for v in results.compared if v.series(key) is not None]
    if not variants:
        needs = metrics.DERIVED[key][0] if key in metrics.DERIVED else (key,)
        return Skipped(f"fan-{slug(key)}", SECTION, info.label,
                       f"the results have no monthly {join_words([repr(n) for n in needs])}.")
    colours = colours or Colours(results)
    base = results.baseline if results.baseline in variants else None
    n = len(variants)
    ncols = 1 if n == 1 else 2 if n <= 6 else 3
    nrows = math.ceil(n / ncols)
    with plot_style():
        fig = new_figure(10.5, 1.0 + 2.5 * nrows if n > 1 else 4.2)
        axes = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False).reshape(-1)
        base_median = stats.bands(base.series(key))["p50"] if base else None
        for i, (ax, v) in enumerate(zip(axes, variants)):
            x = month_dates(v.months)
            b = stats.bands(v.series(key))
            c = colours.colour(v)
            ax.fill_between(x, b["p5"], b["p95"], color=c, alpha=BAND_90_ALPHA, linewidth=0)
            ax.fill_between(x, b["p25"], b["p75"], color=c, alpha=BAND_50_ALPHA, linewidth=0)
            if base is not None and v is not base and len(base.months) == len(v.months):
                ax.plot(month_dates(base.months), base_median, color="#666666", linewidth=1.3,
                        linestyle="--", label="Baseline median")
            if key == "council_spend" and v.series("council_budget") is not None:
                ax.plot(x, stats.bands(v.series("council_budget"))["p50"], color="black",
                        linewidth=1.2, linestyle=(0, (6, 2, 1, 2)), label="Budget")
            ax.plot(x, b["p50"], color=c, linewidth=2.2, path_effects=outline(c))
            ax.set_title(v.label, fontsize=12)
            ax.yaxis.set_major_formatter(value_formatter(key))
            format_date_axis(ax)
        for j, ax in enumerate(axes[n:], start=n):
            ax.set_visible(False)
            axes[j - ncols].xaxis.set_tick_params(labelbottom=True)
        labelled: set[str] = set()
        for ax, v in zip(axes, variants):
            draw_date_marks(ax, date_marks(v, base), labelled)
        unit = axis_unit(key)
        fig.supylabel(f"{info.label}" + (f" ({unit})" if unit else ""), fontsize=12)
        legend_above(fig, axes[:n], fontsize=11)
        png = to_png(fig)
    switch = date_marks(variants[0], base)[0]
    policy_marks: dict[str, list[str]] = {}
    for v in variants:
        for m in date_marks(v, base)[1:]:
            policy_marks.setdefault(f"{m.label}, {m.when}", []).append(v.label)
    mark_words = "; ".join(f"{text} ({join_words(who)})" for text, who in policy_marks.items())
    reps = min(v.replicates for v in variants)
    caption = (f"{info.label}, by month, {month_name(variants[0].months[0])} to "
               f"{month_name(variants[0].months[-1])}. "
               + ("Each panel is one variant, all on the same scale. " if n > 1 else "")
               + "The line is the median of the simulated futures; the darker band holds the middle "
               "half of them and the lighter band 9 in 10. "
               + ("The grey dashed line repeats the baseline median for comparison. "
                  if base and n > 1 else "")
               + ("The black dash-dot line is the budget for the month. "
                  if key == "council_spend" else "")
               + f"The solid vertical line marks the new contracts from {switch.when}"
               + (f"; dotted lines mark policy dates: {mark_words}." if mark_words else ".")
               + (f" Units: {unit}." if unit else "")
               + replicate_note(reps))
    alt = (f"Fan chart of {info.label.lower()} by month for "
           f"{join_words([v.label for v in variants])}. "
           + finding(key, variants, base or variants[0]) + ".")
    return Chart(f"fan-{slug(key)}", SECTION, finding(key, variants, base or variants[0]), caption,
                 alt, png)


def build(results: ResultSet) -> list[Chart | Skipped]:
    """Fan charts for every headline metric."""
    colours = Colours(results)
    return [fan_chart(results, key, colours) for key in HEADLINE]
