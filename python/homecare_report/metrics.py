"""What each results metric means to a reader: plain name, kind of number, which way is better.

The engine's HDF5 file carries ``units`` and ``description`` attributes; this registry adds what a
report needs on top (how to format, how to word a change, how to reduce a monthly series to one
figure for the policy period). Unknown metrics still load and get a neutral default entry.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Kinds of number, which decide formatting: a share in [0, 1] (shown as %), money in pounds,
#: a price in pounds per hour, a count of things, or any other number.
KINDS = ("share", "money", "price", "count", "number")


@dataclass(frozen=True)
class MetricInfo:
    """Presentation facts for one metric.

    ``noun`` is used in sentences ("cuts *turnover* by 6 points"); ``label`` on axes; ``unit_word``
    after counts and numbers ("120 *complaints*"). ``lower_is_better`` is None where neither
    direction is good in itself. ``period`` tells how to get a whole-policy-period figure per
    replicate from a monthly series when the summary group lacks it: (monthly key, "mean" | "sum").
    """

    key: str
    noun: str
    label: str
    kind: str = "number"
    unit_word: str = ""
    lower_is_better: bool | None = None
    period: tuple[str, str] | None = None
    flow: bool = False    # a monthly total ("a month"), as opposed to a level or a rate
    plural: bool = False  # the noun takes a plural verb ("late visits fall")


def _m(key, noun, label, kind="number", unit_word="", lower=None, period=None) -> MetricInfo:
    return MetricInfo(key, noun, label, kind, unit_word, lower, period, key in FLOWS,
                      key in PLURAL)


#: Metrics whose noun takes a plural verb ("late visits fall", "travel time falls").
PLURAL = {"active_users", "waiting_users", "new_users", "reablement_users", "direct_payment_users",
          "care_workers", "leavers", "leavers_provider_exit", "vacancy_rate", "hours_delivered", "hours_unmet",
          "late_visit_share", "missed_visit_share", "complaints_continuity", "complaints_lateness",
          "complaints_missed", "complaints_to_council", "providers_active", "provider_exits",
          "packages_handed_back", "complaints", "complaints_per_100_packages"}

#: Monthly series that are totals over the month rather than levels at a point in time.
FLOWS = {"new_users", "leavers", "leavers_provider_exit", "hours_delivered", "hours_unmet", "complaints_continuity",
         "complaints_lateness", "complaints_missed", "complaints_to_council", "provider_exits",
         "packages_handed_back", "council_spend", "council_budget", "complaints", "overspend",
         "minimum_wage_shortfall"}


_REGISTRY: dict[str, MetricInfo] = {m.key: m for m in (
    # Monthly series (CONTRACT.md).
    _m("active_users", "people receiving home care", "People receiving home care", "count", "people"),
    _m("waiting_users", "people waiting for care", "People waiting for a care package", "count",
       "people", True),
    _m("new_users", "new packages", "New packages started in the month", "count", "packages"),
    _m("reablement_users", "people in reablement", "People receiving reablement", "count", "people"),
    _m("direct_payment_users", "people with a direct payment", "People with a direct payment",
       "count", "people"),
    _m("care_workers", "care workers", "Care workers employed", "count", "workers", False),
    _m("leavers", "leavers", "Care workers leaving in the month", "count", "leavers", True),
    _m("leavers_provider_exit", "leavers through provider exits",
       "Care workers leaving in the month because their provider left the market", "count",
       "leavers", True),
    _m("turnover_rate_12m", "turnover", "Care worker turnover over the last 12 months", "share",
       "", True),
    _m("vacancy_rate", "vacancies", "Vacancy rate", "share", "", True),
    _m("mean_hourly_wage", "the average wage", "Average hourly wage of care workers", "price"),
    _m("share_paid_llw", "the share paid the London Living Wage",
       "Care workers paid at least the London Living Wage", "share"),
    _m("share_trained_l2", "the share trained to level 2",
       "Care workers qualified to level 2 or above", "share", "", False),
    _m("hours_delivered", "hours of care delivered", "Hours of care delivered in the month", "count",
       "hours"),
    _m("hours_unmet", "unmet hours", "Hours of care needed but not delivered", "count", "hours", True),
    _m("travel_share", "travel time", "Share of care workers' time spent travelling", "share", "",
       True, ("travel_share", "mean")),
    _m("late_visit_share", "late visits", "Share of visits that start late", "share", "", True,
       ("late_visit_share", "mean")),
    _m("missed_visit_share", "missed visits", "Share of visits missed", "share", "", True,
       ("missed_visit_share", "mean")),
    _m("distinct_workers_per_user", "the number of different care workers each person sees",
       "Different care workers seen per person", "number", "", True,
       ("distinct_workers_per_user", "mean")),
    _m("complaints_continuity", "complaints about inconsistent workers",
       "Complaints: no consistent worker", "count", "complaints", True),
    _m("complaints_lateness", "complaints about lateness", "Complaints: late visits", "count",
       "complaints", True),
    _m("complaints_missed", "complaints about missed visits", "Complaints: missed visits", "count",
       "complaints", True),
    _m("complaints_to_council", "formal complaints to the council",
       "Formal complaints to the council", "count", "complaints", True),
    _m("providers_active", "active providers", "Providers holding council packages", "count",
       "providers"),
    _m("provider_exits", "provider exits", "Providers leaving the market", "count", "providers",
       True, ("provider_exits", "sum")),
    _m("packages_handed_back", "packages handed back", "Packages handed back by providers", "count",
       "packages", True),
    _m("mean_price_per_hour", "the average price", "Average price paid per hour of care", "price"),
    _m("council_spend", "council spend", "Council spend on home care in the month", "money", "",
       True),
    _m("council_budget", "the budget", "Council home care budget for the month", "money"),
    _m("share_workers_below_minimum_wage", "the share paid below the minimum wage",
       "Care workers paid below the National Living Wage for the hours worked (travel included)",
       "share", "", True, ("share_workers_below_minimum_wage", "mean")),
    _m("minimum_wage_shortfall", "the minimum wage shortfall",
       "Pay needed to bring care workers up to the National Living Wage in the month", "money", "",
       True, ("minimum_wage_shortfall", "sum")),
    # Derived monthly series (see DERIVED).
    _m("complaints", "complaints", "Complaints (all causes) in the month", "count", "complaints",
       True, ("complaints", "sum")),
    _m("overspend", "overspend", "Spend above the budget in the month", "money", "", True),
    # Whole-policy-period summaries (CONTRACT.md).
    _m("turnover_rate", "turnover", "Care worker turnover (a year)", "share", "",
       True, ("turnover_rate_12m", "mean")),
    _m("turnover_rate_excluding_provider_exits", "turnover at providers that stay",
       "Turnover at providers that stay (a year)", "share", "", True),
    _m("turnover_rate_provider_exits", "turnover through providers leaving",
       "Turnover through providers leaving (a year)", "share", "", True),
    _m("complaints_per_100_packages", "complaints", "Complaints per 100 packages", "number",
       "per 100 packages", True),
    _m("council_spend_total", "cost", "Council spend on home care", "money", "", True,
       ("council_spend", "sum")),
    _m("council_overspend_total", "overspend", "Spend above the budget", "money",
       "", True, ("overspend", "sum")),
    _m("hours_unmet_share", "unmet need", "Share of needed hours not delivered", "share", "", True),
    _m("minimum_wage_shortfall_total", "the minimum wage shortfall",
       "Pay needed to bring care workers up to the National Living Wage", "money", "", True,
       ("minimum_wage_shortfall", "sum")),
)}

#: Monthly series computed from others: name -> (function of a {metric: array} mapping, inputs).
DERIVED: dict[str, tuple[tuple[str, ...], str]] = {
    "complaints": (("complaints_continuity", "complaints_lateness", "complaints_missed"), "sum"),
    # Files written before issue 16; newer ones use spend_against_budget (ResultFile.series).
    "overspend": (("council_spend", "council_budget"), "difference"),
}


#: The pack's living wage (pack.yaml ``living_wage``, the ``/borough`` attribute) in words.
LIVING_WAGES = {"london_living_wage": "London Living Wage", "uk_real_living_wage": "Real Living Wage"}


def use_living_wage(kind: str) -> None:
    """Words for ``share_paid_llw`` after the living wage of the borough being reported on: the
    metric counts those paid at least the pack's living wage (London packs: the London Living Wage;
    elsewhere the UK Real Living Wage). An unknown or missing kind keeps the London words (files of
    schema 1 and 2 simulate Brent)."""
    name = LIVING_WAGES.get(kind, LIVING_WAGES["london_living_wage"])
    _REGISTRY["share_paid_llw"] = _m("share_paid_llw", f"the share paid the {name}",
                                     f"Care workers paid at least the {name}", "share")


def info(key: str) -> MetricInfo:
    """Return the registry entry for ``key``, or a neutral default for an unknown metric."""
    if key in _REGISTRY:
        return _REGISTRY[key]
    words = key.replace("_", " ")
    return MetricInfo(key, words, words[:1].upper() + words[1:])


def is_share(key: str) -> bool:
    """True when the metric is a share in [0, 1] (reported as a percentage)."""
    return info(key).kind == "share"


#: Summary metrics renamed by the engine: old prefix -> new. The calibration year's metrics were
#: named after 2016/17 before borough packs made the year the pack's (schema 3 keeps the old
#: names as links to the new).
RENAMED_PREFIXES = {"fy2016_": "calibration_"}


def current_name(name: str, present=()) -> str:
    """The metric's current name: ``fy2016_turnover`` -> ``calibration_turnover``, unless a
    metric of that name is ``present`` as well (then the old one keeps its name)."""
    for old, new in RENAMED_PREFIXES.items():
        if name.startswith(old):
            renamed = new + name[len(old):]
            if renamed not in present:
                return renamed
    return name
