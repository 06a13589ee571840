"""The calibration rows of TARGETS.md: what the baseline must reproduce, and the parameter each
row steers. Source paragraphs refer to the Brent scrutiny task group report (2018)."""

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Target:
    row: str              # TARGETS.md id
    quantity: str
    metric: str           # summary metric in the results file
    target: float
    low: float            # tolerance band, inclusive
    high: float
    parameter: Optional[str] = None  # the parameter that steers it (None: checked only)
    # ratio: x *= (target/value)^gain; inverse: x *= (value/target)^gain; shift: x += gain (target - value);
    # negshift: x -= gain (target - value); entries: ratio on the year's entries (distinct - stock)
    mode: str = "ratio"
    gain: float = 0.8


TARGETS = [
    Target("C1", "people receiving home care at any one time", "fy2016_active_users", 1800, 1674, 1926,
           "demand.initial_users"),
    Target("C2", "distinct people receiving home care during 2016/17", "fy2016_distinct_users", 2578, 2320.2, 2835.8,
           "demand.referrals_per_1000_65plus", mode="entries"),
    Target("C3", "people receiving reablement during 2016/17", "fy2016_reablement_users", 904, 813.6, 994.4,
           "demand.reablement_per_1000_65plus"),
    Target("C4", "providers holding council packages", "fy2016_providers", 60, 45, 75),
    Target("C5", "home care workers in the borough", "fy2016_care_workers", 1730, 1557, 1903,
           "workforce.council_share_of_work", mode="inverse"),
    Target("C6", "care worker annual turnover", "fy2016_turnover", 0.29, 0.25, 0.34,
           "workforce.base_quit_hazard"),
    Target("C7", "workers who changed agency within two years", "changed_agency_2y", 0.30, 0.22, 0.38,
           "workforce.move_within_brent_share", gain=1.5),
    Target("C8", "mean hourly wage of care workers", "fy2016_mean_wage", 8.32, 8.07, 8.57,
           "workforce.wage_premium_mean", mode="shift"),
    Target("C9", "mean hourly price paid to providers", "fy2016_mean_price", 14.38, 14.08, 14.68,
           "commissioning.price_2016", mode="shift"),
    Target("C10", "council spend on home care incl. reablement", "fy2016_spend", 15.0e6, 13.5e6, 16.5e6,
           "demand.mean_weekly_hours"),
    Target("C11", "spend on double-staffed packages", "fy2016_spend_double_handed", 3.0e6, 2.4e6, 3.6e6,
           "demand.double_handed_share_2016"),
    Target("C12", "formal complaints to the council per package", "fy2016_council_complaints_share", 0.01, 0.005, 0.02,
           "council.complaint_to_council_share"),
    Target("C13", "growth of home care use in 2016/17 (underlying, at least 2%/yr)", "fy2016_user_growth", 0.03, 0.02, 0.36,
           "demand.recovery_hazard", mode="negshift", gain=1.0),
    Target("C14", "growth of double-staffed packages a year", "double_handed_growth", 0.15, 0.10, 0.20,
           "demand.double_handed_growth", mode="shift", gain=0.7),
]
