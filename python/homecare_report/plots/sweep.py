"""Sweep response: travel, late visits and continuity against the number of patches."""
from __future__ import annotations

import textwrap

import numpy as np

from .. import metrics, stats
from ..loading import ResultSet, Variant
from ..wording import fmt_param, fmt_value, join_words, param_name
from .axes import value_formatter
from .common import (MARKERS, OKABE_ITO, VARIANT_COLOURS, Chart, Skipped, Table, legend_above,
                     new_figure, plot_style, replicate_note, to_png)

SECTION = "Number of patches"
PARAM = "patches.count"
RESPONSES = ("travel_share", "late_visit_share", "distinct_workers_per_user")


def sweep_groups(results: ResultSet, param: str = PARAM) -> dict[tuple, list[tuple[float, Variant]]]:
    """Variants (baseline and policies) with a numeric ``param`` attribute, grouped by their other
    attributes and sorted."""
    groups: dict[tuple, list[tuple[float, Variant]]] = {}
    for v in results.compared:
        try:
            x = float(v.params[param])
        except (KeyError, TypeError, ValueError):
            continue
        rest = tuple(sorted((k, str(val)) for k, val in v.params.items() if k != param))
        groups.setdefault(rest, []).append((x, v))
    return {k: sorted(g, key=lambda t: t[0]) for k, g in groups.items() if len(g) >= 2}


def _param_text(text: str) -> str:
    """A setting kept as text in a group key, rounded for reading when it is a number."""
    try:
        return fmt_param(float(text))
    except ValueError:
        return text


def trend(key: str, xs: list[float], ests: list[stats.Estimate]) -> str:
    """``Travel time falls from 19% with 2 patches to 14% with 8 patches``."""
    info = metrics.info(key)
    first, last = ests[0], ests[-1]
    verb = ("falls" if last.high < first.low else "rises" if last.low > first.high
            else "changes little")
    if info.plural:
        verb = {"falls": "fall", "rises": "rise", "changes little": "change little"}[verb]
    noun = info.noun[:1].upper() + info.noun[1:]
    return (f"{noun} {verb} from {fmt_value(key, first.median)} with {xs[0]:g} patches to "
            f"{fmt_value(key, last.median)} with {xs[-1]:g} patches")


def sweep_chart(results: ResultSet) -> Chart | Skipped:
    """Three panels: each response metric (median, 90% interval) against the patch count."""
    cid = "sweep-patches"
    groups = sweep_groups(results)
    if not groups:
        return Skipped(cid, SECTION, "Response to the number of patches",
                       f"no two variants differ in '{PARAM}' (run scenarios/patches.yaml).")
    keys = [k for k in RESPONSES
            if all(stats.period_values(v, k) is not None for g in groups.values() for _, v in g)]
    if not keys:
        return Skipped(cid, SECTION, "Response to the number of patches",
                       "the sweep variants lack travel, late-visit and continuity figures.")
    base = results.baseline
    base_in_sweep = any(v is base for g in groups.values() for _, v in g)
    summaries: dict[str, list[tuple[tuple, list[float], list[stats.Estimate]]]] = {k: [] for k in keys}
    with plot_style():
        fig = new_figure(10.5, 4.4)
        axes = fig.subplots(1, len(keys), squeeze=False)[0]
        for ax, key in zip(axes, keys):
            info = metrics.info(key)
            for gi, (rest, group) in enumerate(groups.items()):
                xs = [x for x, _ in group]
                ests = [stats.estimate(stats.period_values(v, key)[0]) for _, v in group]
                summaries[key].append((rest, xs, ests))
                med = np.array([e.median for e in ests])
                c = VARIANT_COLOURS[gi % len(VARIANT_COLOURS)]
                name = ", ".join(f"{param_name(k)} {_param_text(val)}" for k, val in rest) or \
                    "Patch model"
                ax.errorbar(xs, med, yerr=[med - [e.low for e in ests], [e.high for e in ests] - med],
                            color=c, marker=MARKERS[(gi + 1) % len(MARKERS)], markersize=8,
                            linewidth=2, capsize=4, elinewidth=1.6, markeredgecolor="black",
                            label=name)
            if not base_in_sweep and stats.period_values(base, key) is not None:
                e = stats.estimate(stats.period_values(base, key)[0])
                ax.axhspan(e.low, e.high, color=OKABE_ITO["black"], alpha=0.08, linewidth=0)
                ax.axhline(e.median, color="black", linestyle="--", linewidth=1.3,
                           label=f"{base.label} (90% band)")
            ax.set_title(textwrap.fill(info.label, 30), fontsize=12)
            ax.yaxis.set_major_formatter(value_formatter(key))
            ax.set_xlabel("Number of patches")
            xs_all = sorted({x for g in groups.values() for x, _ in g})
            ax.set_xticks(xs_all, [f"{x:g}" for x in xs_all])
            if info.kind not in ("share", "money", "price") and info.unit_word:
                ax.set_ylabel(info.unit_word)
        legend_above(fig, axes)
        png = to_png(fig)
    sentences = [trend(k, *summaries[k][0][1:]) for k in keys]
    variants = [v for g in groups.values() for _, v in g]
    rows = []
    for rest, xs, _ in summaries[keys[0]]:
        for i, x in enumerate(xs):
            rows.append([f"{x:g}"] + [
                f"{fmt_value(k, summaries[k][0][2][i].median)} "
                f"({fmt_value(k, summaries[k][0][2][i].low, unit=False)} to "
                f"{fmt_value(k, summaries[k][0][2][i].high)})" for k in keys])
        break
    caption = ("How the number of geographic patches changes "
               + join_words([metrics.info(k).noun for k in keys])
               + ", over the policy period. Marker: median of the simulated futures; bar: 90% "
               "interval." + (f" The dashed line and grey band show {base.label} (no patches) for "
                             "comparison." if not base_in_sweep else "")
               + " Travel and late visits are averages of the monthly figures over the policy "
               "period where the results have no whole-period figure."
               + replicate_note(min(v.replicates for v in variants)))
    alt = (f"Three line charts of {join_words([metrics.info(k).label.lower() for k in keys])} "
           f"against the number of patches. {'. '.join(sentences)}.")
    return Chart(cid, SECTION, sentences[0], caption, alt, png,
                 Table(["Patches"] + [metrics.info(k).label for k in keys], rows),
                 ". ".join(sentences[1:]) + ("." if len(sentences) > 1 else ""))


def build(results: ResultSet) -> list[Chart | Skipped]:
    """The patch-count sweep chart; nothing when no two variants differ in the patch count."""
    if not sweep_groups(results):
        return []
    return [sweep_chart(results)]
