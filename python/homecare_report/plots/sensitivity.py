"""Sensitivity to assumptions: how the headline outcomes vary across a design that varies them.

The points of a Latin hypercube, or of a grid over parameters that are not policy levers
(``sweeps``), are not policies: they try out values of assumptions the council does not control.
For each such design this draws every headline outcome (rows) against every varied assumption
(columns): each point's median over its replicates with its 90% interval, the baseline for
reference. A table gives, per outcome, the range of the points' medians and Spearman's rank
correlation with each assumption over every replicate of every point (all assumptions move at
once, so one panel's scatter also carries the others' effects; the correlation summarises it).
"""
from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.ticker import PercentFormatter

from .. import metrics, stats
from ..loading import ResultFile, ResultSet, Variant
from ..wording import fmt_param, fmt_value, join_words, param_name
from .axes import value_formatter
from .common import (OKABE_ITO, Chart, Skipped, Table, TableBlock, legend_above, new_figure,
                     plot_style, replicate_note, slug, to_png)

SECTION = "Sensitivity to assumptions"
#: Outcomes shown, in order: turnover, complaints, late visits, spend against budget.
OUTCOMES = ("turnover_rate", "complaints_per_100_packages", "late_visit_share",
            "council_overspend_total")
#: At most this many assumptions are drawn (those most linked to the outcomes); the table has all.
MAX_PARAMS = 4
POINT_COLOUR = OKABE_ITO["blue"]
#: How each outcome is named in a sentence.
NOUNS = {"turnover_rate": "care worker turnover", "late_visit_share": "share of visits that start late",
         "complaints_per_100_packages": "complaints per 100 packages",
         "council_overspend_total": "spend above the budget"}

NOT_POLICIES = ("These are assumptions about behaviour and data, varied to see how much the results "
                "depend on them: they are not choices the council can make, and the design points "
                "are not policies.")


def _number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if np.isfinite(x) else None


def value_of(v: Variant, key: str) -> float | None:
    """The variant's numeric value of a setting (typed parameters first, then its overrides)."""
    return _number(v.parameters.get(key, v.params.get(key)))


def designs(results: ResultSet) -> list[tuple[ResultFile, list[Variant], list[str]]]:
    """Each sensitivity design: its file, its points and the numeric settings that vary."""
    out = []
    for f in results.files:
        points = [v for v in results.sensitivity if v.source is f]
        if len(points) < 2:
            continue
        keys = []
        for v in points:
            keys += [k for k in v.params if k not in keys]
        keys = [k for k in keys
                if all(value_of(v, k) is not None for v in points)
                and len({value_of(v, k) for v in points}) > 1]
        out.append((f, points, keys))
    return out


def strength(rho: float) -> str:
    """Words for a rank correlation: ``rises strongly``, ``falls a little``, ``no clear link``."""
    if rho != rho:
        return "no link measurable"
    a = abs(rho)
    if a < 0.2:
        return "no clear link"
    verb = "rises" if rho > 0 else "falls"
    return f"{verb} {'strongly' if a >= 0.7 else 'moderately' if a >= 0.4 else 'a little'}"


def _pooled(points: list[Variant], key: str, outcome: str) -> tuple[np.ndarray, np.ndarray]:
    """Every replicate's outcome with its point's value of ``key``."""
    xs, ys = [], []
    for v in points:
        values = stats.period_values(v, outcome)
        if values is None:
            continue
        xs.append(np.full(values[0].shape, value_of(v, key)))
        ys.append(values[0])
    if not xs:
        return np.array([]), np.array([])
    return np.concatenate(xs), np.concatenate(ys)


def _signed(rho: float) -> str:
    return "n/a" if rho != rho else f"{rho:+.2f}".replace("-", "\u2212")


def _moving_together(points: list[Variant], keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of assumptions that rise and fall together across the design's points (rank
    correlation of 0.9 or more, either way), whose links cannot be told apart."""
    out = []
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            r = stats.rank_correlation([value_of(v, a) for v in points],
                                       [value_of(v, b) for v in points])
            if r == r and abs(r) >= 0.9:
                out.append((a, b))
    return out


def _peer_note(points: list[Variant], keys: list[str], key: str) -> str:
    """``; wage elasticity moved with it ...`` when others move with ``key`` in the design."""
    peers = [b if a == key else a for a, b in _moving_together(points, keys) if key in (a, b)]
    if not peers:
        return ""
    return (f"; {join_words([param_name(p).lower() for p in peers])} moved with it in this "
            "design, so their effects cannot be told apart")


def _together(points: list[Variant], keys: list[str]) -> str:
    """A sentence naming the assumptions of :func:`_moving_together`; empty when none."""
    pairs = [f"{param_name(a).lower()} and {param_name(b).lower()}"
             for a, b in _moving_together(points, keys)]
    if not pairs:
        return ""
    return (f" In this design {join_words(pairs)} {'rise and fall together' if len(pairs) == 1 else 'move together'}"
            " from point to point, so their links cannot be told apart; more points would "
            "separate them.")


def design_chart(results: ResultSet, f: ResultFile, points: list[Variant],
                 keys: list[str]) -> list[Chart | TableBlock | Skipped]:
    """The panels of one design and its table of links."""
    cid = f"sensitivity-{slug(f.path.stem)}"
    what = "Latin hypercube" if f.sweep == "latin_hypercube" else "grid"
    if not keys:
        return [Skipped(cid, SECTION, f"Sensitivity design of {f.path.name}",
                        "its points do not differ in any numeric setting.")]
    outcomes = [k for k in OUTCOMES if all(stats.period_values(v, k) is not None for v in points)]
    if not outcomes:
        return [Skipped(cid, SECTION, f"Sensitivity design of {f.path.name}",
                        "its points lack turnover, complaints, late-visit and spend figures.")]
    rho = {(o, k): stats.rank_correlation(*_pooled(points, k, o)) for o in outcomes for k in keys}
    together = _together(points, keys)
    ranked = sorted(keys, key=lambda k: -max(abs(np.nan_to_num(rho[(o, k)])) for o in outcomes))
    drawn = [k for k in keys if k in ranked[:MAX_PARAMS]]
    ests = {(o, v.key): stats.estimate(stats.period_values(v, o)[0]) for o in outcomes
            for v in points}
    base = results.baseline
    base_shown = base not in points
    base_est = {o: stats.estimate(stats.period_values(base, o)[0]) for o in outcomes
                if base_shown and stats.period_values(base, o) is not None}
    with plot_style():
        fig = new_figure(10.5, 0.6 + 2.4 * len(outcomes))
        axes = fig.subplots(len(outcomes), len(drawn), squeeze=False, sharex="col", sharey="row")
        for r, o in enumerate(outcomes):
            info = metrics.info(o)
            for c, k in enumerate(drawn):
                ax = axes[r][c]
                xs = np.array([value_of(v, k) for v in points])
                e = [ests[(o, v.key)] for v in points]
                med = np.array([x.median for x in e])
                ax.errorbar(xs, med, yerr=[med - [x.low for x in e], [x.high for x in e] - med],
                            fmt="o", color=POINT_COLOUR, markersize=7, markeredgecolor="black",
                            elinewidth=1.6, capsize=3, label="Design point (median, 90% interval)")
                if o in base_est:
                    b = base_est[o]
                    ax.axhspan(b.low, b.high, color="black", alpha=0.08, linewidth=0)
                    ax.axhline(b.median, color="black", linestyle="--", linewidth=1.2,
                               label=f"{base.label} (median, 90% band)")
                    bx = value_of(base, k)
                    if bx is not None:
                        ax.axvline(bx, color="#555555", linestyle=":", linewidth=1.2,
                                   label=f"{base.label}'s value")
                ax.yaxis.set_major_formatter(PercentFormatter(1.0) if info.kind == "share"
                                             else value_formatter(o))
                ax.set_title(f"\u03c1 = {_signed(rho[(o, k)])}", fontsize=10, loc="right",
                             fontweight="normal")
                if c == 0:
                    ax.set_ylabel(textwrap.fill(info.label, 22), fontsize=10)
                if r == len(outcomes) - 1:
                    ax.set_xlabel(param_name(k))
                    ax.xaxis.set_major_formatter(lambda x, _pos: fmt_param(float(x)))
        legend_above(fig, [axes[0][0]], ncols=3, fontsize=10)
        png = to_png(fig)
    sentences = []
    for i, o in enumerate(outcomes):
        meds = [ests[(o, v.key)].median for v in points]
        top = max(keys, key=lambda k: abs(np.nan_to_num(rho[(o, k)])))
        noun = NOUNS.get(o, metrics.info(o).noun)
        span = f"{fmt_value(o, min(meds), unit=False)} to {fmt_value(o, max(meds))}"
        text = (f"Across the assumptions tried, the median {noun} ranges from {span}" if i == 0
                else f"{noun[:1].upper() + noun[1:]}: medians from {span}")
        r = rho[(o, top)]
        if r == r and abs(r) >= 0.2:
            text += (f"; it {strength(r)} with {param_name(top).lower()} (rank correlation "
                     f"{_signed(r)}{_peer_note(points, keys, top)})")
        else:
            text += "; no assumption shows a clear link"
        sentences.append(text)
    ranges = join_words([f"{param_name(k).lower()} from "
                         f"{fmt_param(min(value_of(v, k) for v in points))} to "
                         f"{fmt_param(max(value_of(v, k) for v in points))}" for k in keys])
    reps = min(v.replicates for v in points)
    caption = (f"Each panel shows one outcome over the policy period (rows) against one "
               f"assumption (columns). Each marker is one of the {len(points)} points of a {what} "
               f"design in which {ranges} were varied together; marker: median of the point's "
               "simulated futures, bar: their 90% interval. " + NOT_POLICIES
               + " Because every assumption changes from one point to the next, each panel also "
               "carries the others' effects; \u03c1 is the rank correlation over every replicate "
               "of every point (+1: the outcome always rises with the assumption, \u22121: always "
               "falls, near 0: no clear link)."
               + (f" Dashed line and grey band: {base.label}, a separate run shown for reference "
                  "(median and 90% interval), not compared point by point; dotted line: its own "
                  "value of the assumption." if base_est else "")
               + (f" Only the {MAX_PARAMS} assumptions most linked to the outcomes are drawn; "
                  "the table lists all." if len(keys) > len(drawn) else "")
               + together + replicate_note(reps))
    point_rows = []
    for v in points:
        point_rows.append([v.label] + [fmt_param(value_of(v, k)) for k in keys] + [
            f"{fmt_value(o, ests[(o, v.key)].median)} ({fmt_value(o, ests[(o, v.key)].low, unit=False)}"
            f" to {fmt_value(o, ests[(o, v.key)].high)})" for o in outcomes])
    chart = Chart(cid, SECTION, sentences[0], caption,
                  f"Scatter charts of {join_words([metrics.info(o).label.lower() for o in outcomes])}"
                  f" against {join_words([param_name(k).lower() for k in drawn])} for the "
                  f"{len(points)} points of a sensitivity design. {'. '.join(sentences)}.", png,
                  Table(["Design point"] + [param_name(k) for k in keys]
                        + [metrics.info(o).label for o in outcomes], point_rows),
                  ". ".join(sentences[1:]) + ("." if len(sentences) > 1 else ""))
    link_rows = []
    for o in outcomes:
        meds = [ests[(o, v.key)].median for v in points]
        link_rows.append([metrics.info(o).label, f"{fmt_value(o, min(meds))} to "
                          f"{fmt_value(o, max(meds))}"]
                         + [f"{_signed(rho[(o, k)])}: {strength(rho[(o, k)])}" for k in keys])
    top_link = max(((o, k) for o in outcomes for k in keys),
                   key=lambda ok: abs(np.nan_to_num(rho[ok])))
    block_title = (f"The assumption most linked to an outcome is {param_name(top_link[1]).lower()}:"
                   f" {NOUNS.get(top_link[0], metrics.info(top_link[0]).noun)} "
                   f"{strength(rho[top_link])} with it (rank correlation "
                   f"{_signed(rho[top_link])}{_peer_note(points, keys, top_link[1])})")
    block = TableBlock(f"{cid}-links", SECTION, block_title,
                       "For each outcome: the lowest and highest median among the design points, "
                       "and its rank correlation with each assumption over every replicate of "
                       f"every point ({sum(v.replicates for v in points)} in all)." + together
                       + " " + NOT_POLICIES,
                       Table(["Outcome", "Medians across the design"]
                             + [f"Link with {param_name(k).lower()}" for k in keys], link_rows))
    return [chart, block]


def build(results: ResultSet) -> list[Chart | TableBlock | Skipped]:
    """The charts and tables of every sensitivity design; nothing when there is none."""
    items: list = []
    for f, points, keys in designs(results):
        items += design_chart(results, f, points, keys)
    return items
