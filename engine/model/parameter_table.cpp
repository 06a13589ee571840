// The parameter table: the key path, kind, unit, range, meaning and source of every scenario parameter.
#include <algorithm>
#include <type_traits>
#include <utility>

#include "model/params.hpp"

namespace homecare::model {
namespace {

// Each entry binds a key path to a member of Params through two captureless lambdas, one to
// write it and one to read it from a const Params.
#define HC_REF(member)                                                                     \
  Accessor<std::remove_cvref_t<decltype(std::declval<Params&>().member)>> {                \
    [](Params& p) -> auto& { return p.member; }, [](const Params& p) -> const auto& { return p.member; } \
  }
// A choice parameter: an enum member, read and written by its index in the spec's choices.
#define HC_CHOICE(member)                                                                          \
  ChoiceRef {                                                                                      \
    [](const Params& p) { return static_cast<std::size_t>(p.member); },                           \
        [](Params& p, std::size_t v) { p.member = static_cast<decltype(p.member)>(v); }           \
  }
using K = ParamKind;

const std::vector<ParamSpec>& table() {
  static const std::vector<ParamSpec> t = {
      {"run.start", HC_REF(run.start), K::run, "date", 0, 0, {},
       "First simulated day (warm-up starts here)",
       "MODEL.md: warm-up from 1 April 2016"},
      {"run.end", HC_REF(run.end), K::run, "date", 0, 0, {},
       "Last simulated day",
       "MODEL.md: policy period to 30 Sep 2021"},
      {"run.policy_start", HC_REF(run.policy_start), K::run, "date", 0, 0, {},
       "Start of the period the summary metrics cover",
       "MODEL.md: new contracts from 1 Oct 2018"},
      {"run.seed", HC_REF(run.seed), K::run, "integer", 0, 4294967295, {},
       "Base random seed (the command line's --seed overrides it)",
       "choice of the analyst"},
      {"run.replicates", HC_REF(run.replicates), K::run, "count", 1, 100000, {},
       "Monte Carlo replicates per variant (--replicates overrides it)",
       "TARGETS.md: at least 50"},
      {"demand.referrals_per_1000_65plus", HC_REF(demand.referrals_per_1000_65plus), K::calibrated, "per 1,000 aged 65+ per year", 0, 1000, {},
       "New long-term packages a year (not via reablement) per 1,000 residents aged 65+ (85+ weighted)",
       "calibrated to TARGETS.md C2 (2,578 in 2016/17; docs/CALIBRATION.md)"},
      {"demand.weight_85plus", HC_REF(demand.weight_85plus), K::assumption, "ratio", 0, 20, {},
       "How many times a 65-84 resident's need an 85+ resident brings",
       "assumption (need rises steeply with age)"},
      {"demand.growth_65plus", HC_REF(demand.growth_65plus), K::assumption, "share per year", -0.5, 0.5, {},
       "Annual growth of the 65+ population",
       "TARGETS.md P6: +26.4% to 41,500 by 2020"},
      {"demand.growth_85plus", HC_REF(demand.growth_85plus), K::assumption, "share per year", -0.5, 0.5, {},
       "Annual growth of the 85+ population",
       "TARGETS.md P6: +54.5% by 2020"},
      {"demand.reablement_per_1000_65plus", HC_REF(demand.reablement_per_1000_65plus), K::calibrated, "per 1,000 aged 65+ per year", 0, 1000, {},
       "Reablement starts a year per 1,000 residents aged 65+ (85+ weighted)",
       "calibrated to TARGETS.md C3 (904 in 2016/17)"},
      {"demand.share_under_65", HC_REF(demand.share_under_65), K::assumption, "share", 0, 1, {},
       "Share of long-term packages for younger adults (physical disability, learning disability, mental health)",
       "assumption (national ASC activity: about a fifth of home care clients are under 65)"},
      {"demand.assessment_days", HC_REF(demand.assessment_days), K::assumption, "days", 0, 365, {},
       "Mean delay from referral to the package being offered to providers",
       "assumption"},
      {"demand.mean_weekly_hours", HC_REF(demand.mean_weekly_hours), K::calibrated, "hours per week", 0.5, 80, {},
       "Mean weekly hours of a long-term package",
       "FACTS.md: about 13 h/week per council-funded client (2017); calibrated to TARGETS.md C10"},
      {"demand.weekly_hours_cv", HC_REF(demand.weekly_hours_cv), K::assumption, "ratio", 0, 3, {},
       "Coefficient of variation of weekly hours",
       "assumption"},
      {"demand.double_handed_share_2016", HC_REF(demand.double_handed_share_2016), K::calibrated, "share", 0, 1, {},
       "Share of new long-term packages needing two carers at once, in 2016",
       "calibrated to TARGETS.md C11 (GBP 3m of 15m)"},
      {"demand.double_handed_hours_factor", HC_REF(demand.double_handed_hours_factor), K::assumption, "ratio", 0.1, 10, {},
       "Weekly hours of a double-handed package relative to a single-handed one",
       "assumption (complex needs), checked against TARGETS.md C11"},
      {"demand.double_handed_growth", HC_REF(demand.double_handed_growth), K::calibrated, "share per year", -0.5, 1, {},
       "Relative growth a year of the double-handed share of new packages",
       "calibrated to TARGETS.md C14 (+15%/yr)"},
      {"demand.review_to_double_handed", HC_REF(demand.review_to_double_handed), K::assumption, "per package-year", 0, 5, {},
       "Hazard that a single-handed package becomes double-handed at review",
       "assumption (complex needs rising, TARGETS.md P6)"},
      {"demand.review_hours_change", HC_REF(demand.review_hours_change), K::assumption, "per package-year", 0, 10, {},
       "Hazard of a review changing weekly hours (up 60%, down 40%)",
       "assumption"},
      {"demand.death_hazard", HC_REF(demand.death_hazard), K::assumption, "per year", 0, 10, {},
       "Hazard of death for an older person with home care",
       "assumption (about a fifth of older home care users die each year)"},
      {"demand.residential_hazard", HC_REF(demand.residential_hazard), K::assumption, "per year", 0, 10, {},
       "Hazard of moving to residential care, needs met",
       "assumption"},
      {"demand.recovery_hazard", HC_REF(demand.recovery_hazard), K::calibrated, "per year", 0, 10, {},
       "Hazard of no longer needing home care",
       "calibrated to TARGETS.md C13 (underlying growth at least 2%/yr; docs/CALIBRATION.md)"},
      {"demand.under_65_exit_factor", HC_REF(demand.under_65_exit_factor), K::assumption, "ratio", 0, 10, {},
       "Exit hazards of younger adults relative to older people",
       "assumption"},
      {"demand.unmet_residential_factor", HC_REF(demand.unmet_residential_factor), K::assumption, "ratio", 0, 100, {},
       "Residential hazard x (1 + this x share of visits missed in the last month)",
       "assumption (MODEL.md: likelier when needs go unmet)"},
      {"demand.hospital_hazard", HC_REF(demand.hospital_hazard), K::assumption, "per package-year", 0, 20, {},
       "Hospital admissions that suspend a package",
       "assumption"},
      {"demand.hospital_mean_days", HC_REF(demand.hospital_mean_days), K::assumption, "days", 0, 365, {},
       "Mean length of a hospital stay",
       "assumption"},
      {"demand.start_at_steady_state", HC_REF(demand.start_at_steady_state), K::run, "flag", 0, 0, {},
       "Start with packages already running (true) or from none (false)",
       "modelling choice"},
      {"demand.initial_users", HC_REF(demand.initial_users), K::calibrated, "people", 0, 100000, {},
       "Long-term packages running on run.start",
       "TARGETS.md C1: about 1,800 at any one time"},
      {"reablement.max_days", HC_REF(reablement.max_days), K::assumption, "days", 1, 365, {},
       "Longest reablement episode",
       "Brent report para 6: up to six weeks"},
      {"reablement.mean_days", HC_REF(reablement.mean_days), K::assumption, "days", 1, 365, {},
       "Mean reablement episode (exponential, capped at max_days)",
       "assumption"},
      {"reablement.weekly_hours", HC_REF(reablement.weekly_hours), K::assumption, "hours per week", 0, 80, {},
       "Weekly hours of reablement",
       "assumption (intensive support)"},
      {"reablement.to_long_term", HC_REF(reablement.to_long_term), K::assumption, "share", 0, 1, {},
       "Share who need long-term home care after reablement",
       "assumption"},
      {"reablement.to_residential", HC_REF(reablement.to_residential), K::assumption, "share", 0, 1, {},
       "Share who go into residential care after reablement",
       "assumption"},
      {"reablement.price_per_hour", HC_REF(reablement.price_per_hour), K::assumption, "GBP per hour", 0, 200, {},
       "Cost per hour of the specialist reablement service",
       "assumption"},
      {"direct_payments.takeup", HC_REF(direct_payments.takeup), K::assumption, "share", 0, 1, {},
       "Share of new long-term packages taken as a direct payment",
       "Ealing 2024 para 2.3 (London mean 489 adults per borough); assumption"},
      {"direct_payments.policy_takeup", HC_REF(direct_payments.policy_takeup), K::policy, "share", 0, 1, {},
       "Share of new long-term packages taken as a direct payment from commissioning.switch_date",
       "policy lever (Ealing 2024: take-up is a lever)"},
      {"direct_payments.rate_per_hour", HC_REF(direct_payments.rate_per_hour), K::policy, "GBP per hour", 0, 200, {},
       "Direct payment rate (2016/17)",
       "assumption"},
      {"direct_payments.employ_pa_share", HC_REF(direct_payments.employ_pa_share), K::assumption, "share", 0, 1, {},
       "Share of direct-payment users employing a personal assistant",
       "FACTS.md: about 30%"},
      {"direct_payments.pa_wage", HC_REF(direct_payments.pa_wage), K::assumption, "GBP per hour", 0, 100, {},
       "Personal assistant's wage in 2016/17 (uplifted with the NLW)",
       "assumption"},
      {"direct_payments.pa_real_living_wage", HC_REF(direct_payments.pa_real_living_wage), K::policy, "flag", 0, 0, {},
       "Policy: personal assistants paid at least the Real Living Wage",
       "Ealing 2024 (a lever)"},
      {"direct_payments.underspend", HC_REF(direct_payments.underspend), K::assumption, "share", 0, 1, {},
       "Share of direct payments unspent and recouped",
       "assumption"},
      {"direct_payments.pa_quit_factor", HC_REF(direct_payments.pa_quit_factor), K::assumption, "ratio", 0, 10, {},
       "Personal assistants' quit hazard relative to agency workers",
       "FACTS.md: PA turnover 18.2% vs 39.1% for agency care workers"},
      {"direct_payments.pa_replace_days", HC_REF(direct_payments.pa_replace_days), K::assumption, "days", 0, 365, {},
       "Mean days to replace a personal assistant",
       "assumption"},
      {"travel.circuity", HC_REF(travel.circuity), K::assumption, "ratio", 1, 5, {},
       "Road distance over straight-line distance",
       "assumption (urban circuity about 1.3-1.4)"},
      {"travel.walk_kmh", HC_REF(travel.walk_kmh), K::assumption, "km per hour", 0.5, 20, {},
       "Walking speed",
       "assumption"},
      {"travel.bus_kmh", HC_REF(travel.bus_kmh), K::assumption, "km per hour", 1, 60, {},
       "Door-to-door bus speed in outer London, waits included",
       "assumption"},
      {"travel.car_kmh", HC_REF(travel.car_kmh), K::assumption, "km per hour", 1, 100, {},
       "Driving speed in the borough, parking excluded",
       "assumption"},
      {"travel.leg_overhead_min", HC_REF(travel.leg_overhead_min), K::assumption, "minutes", 0, 60, {},
       "Fixed time per leg (parking, stairs, door)",
       "assumption"},
      {"travel.share_walk", HC_REF(travel.share_walk), K::assumption, "share", 0, 1, {},
       "Share of care workers who walk between visits",
       "assumption"},
      {"travel.share_bus", HC_REF(travel.share_bus), K::assumption, "share", 0, 1, {},
       "Share who take buses (the rest drive)",
       "assumption"},
      {"travel.event_days_per_year", HC_REF(travel.event_days_per_year), K::assumption, "days per year", 0, 365, {},
       "Major events a year at the first venue of the borough pack",
       "borough pack (venues): default from the pack"},
      {"travel.event_extra", HC_REF(travel.event_extra), K::assumption, "days", 0, 365, {},
       "Extra events in the first venue's first extra window (the window's dates are in the pack)",
       "borough pack (venues): default from the pack"},
      {"travel.event_radius_km", HC_REF(travel.event_radius_km), K::assumption, "km", 0, 20, {},
       "Wards within this distance of a venue slow down on its event days",
       "assumption; a pack may state it for its first venue (venues[0].radius_km)"},
      {"travel.event_slowdown", HC_REF(travel.event_slowdown), K::assumption, "ratio", 0.05, 1, {},
       "Speed factor near a venue on event days",
       "assumption"},
      {"travel.late_threshold_min", HC_REF(travel.late_threshold_min), K::assumption, "minutes", 0, 240, {},
       "A visit starting more than this after the planned time is late",
       "FACTS.md: 1 in 10 visits start over 30 minutes late"},
      {"travel.overrun_cv", HC_REF(travel.overrun_cv), K::assumption, "ratio", 0, 3, {},
       "Coefficient of variation of a visit's actual length",
       "assumption"},
      {"travel.mileage_per_km", HC_REF(travel.mileage_per_km), K::assumption, "GBP per km", 0, 5, {},
       "Mileage paid to drivers",
       "HMRC approved mileage rate, 45p a mile"},
      {"workforce.mean_hours_wanted", HC_REF(workforce.mean_hours_wanted), K::assumption, "hours per week", 1, 60, {},
       "Mean paid hours a week a care worker wants",
       "assumption"},
      {"workforce.council_share_of_work", HC_REF(workforce.council_share_of_work), K::calibrated, "share", 0.01, 1, {},
       "Share of the borough's care workers' time available for council-arranged work (the rest: self-funders, health, other boroughs)",
       "calibrated to TARGETS.md C5"},
      {"workforce.share_zero_hours", HC_REF(workforce.share_zero_hours), K::assumption, "share", 0, 1, {},
       "Share of domiciliary care workers on zero-hours contracts",
       "FACTS.md: 58% (2018/19)"},
      {"workforce.guaranteed_hours_offered", HC_REF(workforce.guaranteed_hours_offered), K::policy, "flag", 0, 0, {},
       "Care workers on zero-hours contracts are offered guaranteed hours (from guaranteed_hours_from)",
       "UNISON Ethical Care Charter stage 2 (FACTS-ADDENDUM.md section 7)"},
      {"workforce.guaranteed_hours_from", HC_REF(workforce.guaranteed_hours_from), K::policy, "date", 0, 0, {},
       "Date guaranteed hours are offered from (default: commissioning.switch_date)",
       "policy lever"},
      {"workforce.zero_hours_share_if_offered", HC_REF(workforce.zero_hours_share_if_offered), K::assumption, "share", 0, 1, {},
       "Share of care workers who keep zero hours by choice once guaranteed hours are offered",
       "assumption (its plausible range and reasoning: assumption_ranges)"},
      {"workforce.base_quit_hazard", HC_REF(workforce.base_quit_hazard), K::calibrated, "per year", 0, 20, {},
       "Quit hazard of a reference worker: guaranteed hours, trained, qualified, experienced, paid the outside option",
       "calibrated to TARGETS.md C6"},
      {"workforce.frailty_shape", HC_REF(workforce.frailty_shape), K::assumption, "shape", 0.1, 1000000, {},
       "Gamma shape of individual quit propensity (mean 1; large = identical workers)",
       "assumption"},
      {"workforce.wage_elasticity", HC_REF(workforce.wage_elasticity), K::assumption, "elasticity", 0, 10, {},
       "Elasticity of the quit hazard to the wage relative to the outside option",
       "FACTS.md: Vadean & Saloniki 2023 (10% wage -> about -3 points of about 30%)"},
      {"workforce.outside_premium", HC_REF(workforce.outside_premium), K::assumption, "share", -0.5, 2, {},
       "Outside option (retail) wage over the NLW",
       "assumption"},
      {"workforce.zero_hours_factor", HC_REF(workforce.zero_hours_factor), K::assumption, "ratio", 0, 10, {},
       "Quit hazard on zero-hours contracts relative to guaranteed hours",
       "FACTS.md: 31.8% vs 24.9%"},
      {"workforce.new_starter_factor", HC_REF(workforce.new_starter_factor), K::assumption, "ratio", 0, 10, {},
       "Quit hazard in the first year in the sector",
       "FACTS.md: 43.7% under 1 year vs 20.4% at 20+ years"},
      {"workforce.unpaid_travel_factor", HC_REF(workforce.unpaid_travel_factor), K::assumption, "ratio", 0, 20, {},
       "Hazard x (1 + this x unpaid travel share of working time)",
       "assumption (Brent report para 33: travel the most negative aspect for 50%)"},
      {"workforce.trained_factor", HC_REF(workforce.trained_factor), K::assumption, "ratio", 0, 10, {},
       "Quit hazard with recorded training relative to without",
       "FACTS.md: 28.2% vs 33%"},
      {"workforce.qualified_factor", HC_REF(workforce.qualified_factor), K::assumption, "ratio", 0, 10, {},
       "Quit hazard with a level 2+ qualification relative to without",
       "FACTS.md: 21.6% vs 30% (half taken as causal: assumption)"},
      {"workforce.leave_sector_share", HC_REF(workforce.leave_sector_share), K::assumption, "share", 0, 1, {},
       "Share of leavers who leave the sector",
       "FACTS.md: about 63% of leavers stay in the sector"},
      {"workforce.move_within_borough_share", HC_REF(workforce.move_within_borough_share), K::calibrated, "share", 0, 1, {},
       "Share of leavers staying in the sector who join another provider in the borough",
       "calibrated (weakly) to TARGETS.md C7 (docs/CALIBRATION.md)"},
      {"workforce.from_sector_share", HC_REF(workforce.from_sector_share), K::assumption, "share", 0, 1, {},
       "Share of starters recruited from within the sector",
       "FACTS.md: about 66-67%"},
      {"workforce.mean_days_to_fill", HC_REF(workforce.mean_days_to_fill), K::assumption, "days", 0, 3650, {},
       "Mean days to fill a vacancy at the market wage",
       "assumption (vacancy rates 6.6-8%, FACTS.md)"},
      {"workforce.fill_wage_elasticity", HC_REF(workforce.fill_wage_elasticity), K::assumption, "elasticity", 0, 20, {},
       "Elasticity of the hiring rate to the wage offered relative to the market",
       "FACTS.md: labour supply elasticity about 5 for domiciliary care"},
      {"workforce.recruitment_cost", HC_REF(workforce.recruitment_cost), K::assumption, "GBP per hire", 0, 100000, {},
       "Cost of one hire (advertising, checks, administration)",
       "assumption"},
      {"workforce.capacity_buffer", HC_REF(workforce.capacity_buffer), K::assumption, "share", 0, 2, {},
       "Providers aim to staff this much above their booked hours",
       "assumption"},
      {"workforce.sickness_days_per_year", HC_REF(workforce.sickness_days_per_year), K::assumption, "days per year", 0, 365, {},
       "Sickness absence per worker",
       "assumption (ONS sickness absence about 2-3%)"},
      {"workforce.holiday_days_per_year", HC_REF(workforce.holiday_days_per_year), K::assumption, "days per year", 0, 365, {},
       "Annual leave per worker",
       "statutory 5.6 weeks"},
      {"workforce.absence_spell_days", HC_REF(workforce.absence_spell_days), K::assumption, "days", 0.5, 365, {},
       "Mean length of an absence spell",
       "assumption"},
      {"workforce.wage_premium_mean", HC_REF(workforce.wage_premium_mean), K::calibrated, "GBP per hour", -5, 20, {},
       "Mean provider wage above the NLW in 2016/17",
       "calibrated to TARGETS.md C8 (mean GBP 8.32)"},
      {"workforce.wage_premium_sd", HC_REF(workforce.wage_premium_sd), K::assumption, "GBP per hour", 0, 10, {},
       "Spread of provider wage premiums",
       "assumption"},
      {"workforce.share_l2_2016", HC_REF(workforce.share_l2_2016), K::assumption, "share", 0, 1, {},
       "Share of workers with a level 2+ qualification at the start",
       "FACTS.md: half had no relevant qualification"},
      {"workforce.share_trained_2016", HC_REF(workforce.share_trained_2016), K::assumption, "share", 0, 1, {},
       "Share with recorded training at the start",
       "borough pack (defaults)"},
      {"training.minimum", HC_REF(training.minimum), K::policy, "flag", 0, 0, {},
       "Minimum training standards apply",
       "Brent report recommendation 2"},
      {"training.from", HC_REF(training.from), K::policy, "date", 0, 0, {},
       "Date the minimum applies from (default: commissioning.switch_date)",
       "assumption: with the new contracts"},
      {"training.induction_hours", HC_REF(training.induction_hours), K::policy, "hours", 0, 1000, {},
       "Paid hours of induction (Care Certificate) per new starter",
       "assumption (about three days)"},
      {"training.certificate_weeks", HC_REF(training.certificate_weeks), K::policy, "weeks", 0, 520, {},
       "Weeks a new starter has to complete the Care Certificate",
       "Care Certificate guidance: 12 weeks"},
      {"training.l2_target_share", HC_REF(training.l2_target_share), K::policy, "share", 0, 1, {},
       "Share of workers at level 2+ required by l2_deadline",
       "policy lever"},
      {"training.l2_deadline", HC_REF(training.l2_deadline), K::policy, "date", 0, 0, {},
       "Date by which l2_target_share must be reached",
       "policy lever"},
      {"training.l2_hours", HC_REF(training.l2_hours), K::assumption, "hours", 0, 2000, {},
       "Paid hours to gain level 2",
       "assumption"},
      {"training.l2_fee", HC_REF(training.l2_fee), K::assumption, "GBP", 0, 100000, {},
       "Fee per level 2 qualification",
       "assumption"},
      {"training.refresher_hours", HC_REF(training.refresher_hours), K::policy, "hours per year", 0, 500, {},
       "Paid refresher training per worker-year",
       "policy lever"},
      {"training.council_funded_share", HC_REF(training.council_funded_share), K::policy, "share", 0, 1, {},
       "Share of training costs the council pays",
       "policy lever"},
      {"training.quality_effect", HC_REF(training.quality_effect), K::assumption, "ratio", 0, 2, {},
       "Overrun and lateness factor for workers with the Care Certificate",
       "assumption (Brent report paras 29-31)"},
      {"wages.llw_phasing", HC_REF(wages.llw_phasing), K::policy, "share", 0, 1, {},
       "Share of the gap from the NLW to the London Living Wage closed, from each date",
       "Brent report recommendation 1: LLW by 2021", "share"},
      {"wages.llw_from", HC_REF(wages.llw_from), K::policy, "date", 0, 0, {},
       "First step of the living wage when set by wages.llw_steps (default: commissioning.switch_date)",
       "policy lever (Brent report recommendation 1)"},
      {"wages.llw_steps", HC_REF(wages.llw_steps), K::policy, "count", 0, 10, {},
       "Equal yearly steps that close the gap from the NLW to the living wage, the first on wages.llw_from (1: all at once; 0: wages.llw_phasing decides)",
       "policy lever (Brent report recommendation 1: phased by 2021)"},
      {"wages.llw_council_funded_share", HC_REF(wages.llw_council_funded_share), K::policy, "share", 0, 1, {},
       "Share of the LLW uplift the council funds through the price",
       "policy lever"},
      {"wages.llw_lag_months", HC_REF(wages.llw_lag_months), K::policy, "months", 0, 24, {},
       "Months from an LLW announcement (November) to paying it",
       "Living Wage Foundation: six months to implement"},
      {"wages.travel_time_paid", HC_REF(wages.travel_time_paid), K::policy, "flag", 0, 0, {},
       "Travel time between visits is paid",
       "assumption for the Brent report's market (FACTS.md: UKHCA assumes paid)"},
      {"wages.travel_time_council_funded_share", HC_REF(wages.travel_time_council_funded_share), K::policy, "share", 0, 1, {},
       "Share of the cost of paid travel time the council funds through the price (0: providers bear it)",
       "policy lever"},
      {"wages.travel_time_paid_from", HC_REF(wages.travel_time_paid_from), K::policy, "date", 0, 0, {},
       "Date travel time is paid from (default: commissioning.switch_date)",
       "policy lever"},
      {"providers.framework_providers", HC_REF(providers.framework_providers), K::assumption, "count", 1, 1000, {},
       "Providers on the framework at the start",
       "borough pack (defaults)"},
      {"providers.size_sigma", HC_REF(providers.size_sigma), K::assumption, "log units", 0, 5, {},
       "Lognormal spread of provider size",
       "assumption (TARGETS.md P8: providers differ)"},
      {"providers.overhead_per_hour", HC_REF(providers.overhead_per_hour), K::assumption, "GBP per contact hour", 0, 100, {},
       "Mean running cost per contact hour (2016/17)",
       "assumption below UKHCA's 5.20 (2020/21) for lean providers (Brent report), set so the average provider roughly breaks even at the 2016/17 price"},
      {"providers.overhead_cv", HC_REF(providers.overhead_cv), K::assumption, "ratio", 0, 5, {},
       "Spread of running costs between providers",
       "assumption"},
      {"providers.recruit_difficulty_sigma", HC_REF(providers.recruit_difficulty_sigma), K::assumption, "log units", 0, 5, {},
       "Lognormal spread of providers' recruitment difficulty",
       "TARGETS.md P8: 64% report high recruitment problems"},
      {"providers.oncost_rate", HC_REF(providers.oncost_rate), K::assumption, "share", 0, 2, {},
       "Employer NI, pension, holiday, training time and sick pay as a share of wages",
       "FACTS.md: UKHCA 2020/21 (1.14 + 1.97 on 10.42)"},
      {"providers.reserve_months", HC_REF(providers.reserve_months), K::assumption, "months of revenue", 0, 120, {},
       "Accumulated losses a provider can absorb, in months of its council revenue, before it considers leaving",
       "assumption, checked against FACTS.md: about 1 in 10 agencies closed in 2017"},
      {"providers.exit_probability", HC_REF(providers.exit_probability), K::assumption, "per month", 0, 1, {},
       "Chance a provider whose losses exceed its reserves leaves, each month",
       "assumption, checked against FACTS.md: about 1 in 10 agencies closed in 2017"},
      {"providers.handback_missed_days", HC_REF(providers.handback_missed_days), K::assumption, "days per month", 1, 31, {},
       "Days in a month with a missed visit that make a provider hand a package back",
       "assumption"},
      {"providers.entry_per_year", HC_REF(providers.entry_per_year), K::assumption, "per year", 0, 100, {},
       "New providers joining the framework a year",
       "assumption"},
      {"providers.cover_search", HC_REF(providers.cover_search), K::assumption, "count", 1, 10000, {},
       "Workers a provider checks to cover a visit on the day",
       "modelling choice (rostering never scans all workers)"},
      {"providers.roster_search", HC_REF(providers.roster_search), K::assumption, "count", 1, 100000, {},
       "Workers a provider checks when planning a package's standing roster",
       "modelling choice (planning looks further than same-day cover; never a scan of every worker per visit)"},
      {"providers.roster_travel_allowance_min", HC_REF(providers.roster_travel_allowance_min), K::assumption, "minutes", 0, 120, {},
       "Travel time a provider leaves between rostered visits (0: visits booked back to back)",
       "assumption (UNISON: many rotas leave no travel time); checked against FACTS.md: 1 in 10 visits over 30 minutes late"},
      {"commissioning.model", HC_CHOICE(commissioning.model), K::policy, "choice", 0, 0, {"framework", "patch", "dps"},
       "Commissioning model after the switch date",
       "Brent report paras 32-39"},
      {"commissioning.switch_date", HC_REF(commissioning.switch_date), K::policy, "date", 0, 0, {},
       "Date the new commissioning model starts",
       "Brent report para 12: 1 October 2018"},
      {"commissioning.price_2016", HC_REF(commissioning.price_2016), K::calibrated, "GBP per hour", 0, 200, {},
       "Mean price paid to framework providers in 2016/17",
       "TARGETS.md C9: GBP 14.38"},
      {"commissioning.price_sd", HC_REF(commissioning.price_sd), K::assumption, "GBP per hour", 0, 50, {},
       "Spread of framework prices between providers",
       "assumption"},
      {"commissioning.price_rule", HC_CHOICE(commissioning.price_rule), K::policy, "choice", 0, 0, {"nlw_uplift", "fund_wage_gap", "cost_build_up", "fixed"},
       "How prices move: NLW uplift; fund the wage gap; UKHCA cost build-up; a fixed dated schedule (fixed_price)",
       "MODEL.md process 6"},
      {"commissioning.price_rule_from", HC_REF(commissioning.price_rule_from), K::policy, "date", 0, 0, {},
       "Date the price rule applies from; the framework's NLW uplift before it (default: commissioning.switch_date)",
       "policy lever"},
      {"commissioning.fixed_price", HC_REF(commissioning.fixed_price), K::policy, "GBP per hour", 0, 200, {},
       "Under price_rule fixed: the hourly price paid to every framework provider from each date (the first on or before price_rule_from)",
       "policy lever (FACTS.md: councils paid 16.12 on average in 2018)", "price"},
      {"commissioning.spot_premium", HC_REF(commissioning.spot_premium), K::assumption, "GBP per hour", 0, 50, {},
       "Spot purchase price over the framework price",
       "assumption"},
      {"commissioning.dps_price_discount", HC_REF(commissioning.dps_price_discount), K::assumption, "GBP per hour", 0, 50, {},
       "Price reduction from competition on a dynamic purchasing system",
       "assumption"},
      {"commissioning.transfer_worker_share", HC_REF(commissioning.transfer_worker_share), K::assumption, "share", 0, 1, {},
       "Share of a losing provider's workers who follow packages to the winners",
       "assumption (TUPE)"},
      {"commissioning.patch_price", HC_REF(commissioning.patch_price), K::policy, "GBP per hour", 0, 200, {},
       "Price paid under the patch model (0: keep each provider's price)",
       "policy lever"},
      {"patches.count", HC_REF(patches.count), K::policy, "count", 1, 1000, {},
       "Number of patches (balanced method)",
       "Brent report para 33"},
      {"patches.method", HC_CHOICE(patches.method), K::policy, "choice", 0, 0, {"gp_localities", "balanced", "explicit"},
       "How wards are grouped into patches",
       "MODEL.md: gp_localities, balanced, explicit"},
      {"patches.providers_per_patch", HC_REF(patches.providers_per_patch), K::policy, "count", 1, 60, {},
       "Providers contracted in each patch",
       "Brent report para 33: two or three"},
      {"patches.max_patches_per_provider", HC_REF(patches.max_patches_per_provider), K::policy, "count", 1, 1000, {},
       "Most patches one provider may win at re-procurement",
       "assumption (Brent report para 33: perhaps as few as 12 providers)"},
      {"patches.wards", HC_REF(patches.wards), K::policy, "ward -> patch", 0, 0, {},
       "Ward to patch number, for method explicit",
       "policy lever"},
      {"council.budget_2016", HC_REF(council.budget_2016), K::assumption, "GBP per year", 0, 1e10, {},
       "Home care and reablement budget in the calibration year",
       "borough pack (defaults)"},
      {"council.demography_growth", HC_REF(council.demography_growth), K::policy, "GBP per year", 0, 1e9, {},
       "Budget growth a year for demography",
       "borough pack (defaults)"},
      {"council.precept_share", HC_REF(council.precept_share), K::policy, "share per year", 0, 1, {},
       "Adult social care precept growth of the budget a year",
       "borough pack (defaults)"},
      {"council.growth_until", HC_REF(council.growth_until), K::policy, "date", 0, 0, {},
       "Last day budget growth applies (standstill after)",
       "borough pack (defaults)"},
      {"council.residential_week_cost", HC_REF(council.residential_week_cost), K::assumption, "GBP per week", 0, 100000, {},
       "Cost of a residential placement",
       "assumption"},
      {"council.complaint_to_council_share", HC_REF(council.complaint_to_council_share), K::calibrated, "share", 0, 1, {},
       "Share of complaints made formally to the council",
       "calibrated to TARGETS.md C12 (about 1% of packages)"},
      {"council.partnership_forum", HC_REF(council.partnership_forum), K::policy, "flag", 0, 0, {},
       "A provider partnership forum meets (recommendation 3)",
       "Brent report recommendation 3"},
      {"council.partnership_forum_from", HC_REF(council.partnership_forum_from), K::policy, "date", 0, 0, {},
       "Date the partnership forum first meets (default: commissioning.switch_date)",
       "policy lever"},
      {"council.forum_handback_notice_factor", HC_REF(council.forum_handback_notice_factor), K::assumption, "ratio", 0, 1, {},
       "With a forum, hand-backs happen this often (issues raised earlier)",
       "assumption (stated in docs/MODEL.md)"},
      {"complaints.continuity_per_extra_worker", HC_REF(complaints.continuity_per_extra_worker), K::assumption, "per month", 0, 1, {},
       "Monthly complaint hazard per distinct worker above three",
       "assumption, set so continuity complaints outnumber lateness ones (TARGETS.md P4)"},
      {"complaints.per_late_visit", HC_REF(complaints.per_late_visit), K::assumption, "per visit", 0, 1, {},
       "Complaint hazard per late visit",
       "assumption, set so continuity complaints outnumber lateness ones (TARGETS.md P4)"},
      {"complaints.per_missed_visit", HC_REF(complaints.per_missed_visit), K::assumption, "per visit", 0, 1, {},
       "Complaint hazard per missed visit",
       "assumption"},
  };
  return t;
}

}  // namespace

std::vector<std::pair<std::string_view, kernel::Date*>> lever_start_dates(Params& p) {
  return {{"wages.travel_time_paid_from", &p.wages.travel_time_paid_from},
          {"workforce.guaranteed_hours_from", &p.workforce.guaranteed_hours_from},
          {"training.from", &p.training.from},
          {"wages.llw_from", &p.wages.llw_from},
          {"council.partnership_forum_from", &p.council.partnership_forum_from},
          {"commissioning.price_rule_from", &p.commissioning.price_rule_from}};
}

namespace {

#undef HC_REF
#undef HC_CHOICE

}  // namespace

std::span<const ParamSpec> parameter_table() { return table(); }

const ParamSpec* find_parameter(std::string_view path) {
  for (const auto& s : table())
    if (s.path == path) return &s;
  return nullptr;
}

std::span<const AssumptionRange> assumption_ranges() {
  static const AssumptionRange ranges[] = {
      {"workforce.zero_hours_share_if_offered", 0.0, 0.25,
       "no study of offers found; some prefer flexible hours (students, second jobs); England's 24% on zero hours "
       "against London's 41% (FACTS.md) bounds how many keep them by choice"},
      {"workforce.unpaid_travel_factor", 0.0, 2.0,
       "no estimate of quitting over unpaid travel found; 0 (no effect) to a doubling of the hazard at full "
       "unpaid travel, UNISON and HMRC reports naming travel pay as a grievance (FACTS-ADDENDUM.md 6)"},
      {"workforce.outside_premium", 0.0, 0.15,
       "retail and hospitality entry pay sits at or a little above the NLW (FACTS-ADDENDUM.md 3)"},
      {"workforce.wage_elasticity", 0.5, 1.5,
       "separation elasticities in social care studies lie roughly within this range (FACTS.md); the model's "
       "quit hazard is calibrated with 1.0"},
      {"workforce.fill_wage_elasticity", 2.0, 6.0,
       "FACTS.md: a labour-supply elasticity of about 4-5 for domiciliary care; wider for doubt about "
       "applying it to one provider's vacancies"},
      {"providers.oncost_rate", 0.25, 0.35,
       "UKHCA 2020/21 gives 0.30 (FACTS.md); pension auto-enrolment and NI thresholds moved it between years"},
      {"providers.overhead_per_hour", 1.5, 5.2,
       "lean providers (Brent report) up to UKHCA's 5.20 for running the business (2020/21)"},
      {"providers.reserve_months", 1.0, 6.0,
       "no providers' accounts in the sources; small agencies hold little cash, larger groups more"},
      {"providers.exit_probability", 0.1, 0.5,
       "checked only against about 1 in 10 agencies closing a year (FACTS.md), which many pairs of these two "
       "values match"},
      {"commissioning.spot_premium", 0.5, 3.0,
       "spot rates above framework rates by tens of pence to a few pounds in council reports; no figure for the pack's borough"},
      {"council.forum_handback_notice_factor", 0.25, 1.0,
       "no evaluation of provider forums found; 1 is no effect"},
      {"training.quality_effect", 0.7, 1.0,
       "the Brent report (paras 29-31) expects better care from training but gives no size; 1 is no effect"},
      {"demand.unmet_residential_factor", 1.0, 5.0,
       "no estimate of care-home admissions caused by unmet home care needs found"},
  };
  return ranges;
}

const AssumptionRange* find_assumption_range(std::string_view path) {
  for (const auto& r : assumption_ranges())
    if (r.path == path) return &r;
  return nullptr;
}

std::span<const RenamedKey> renamed_keys() {
  // Never remove a line: a scenario written with the old name must keep loading.
  static const RenamedKey renamed[] = {
      {"workforce.move_within_brent_share", "workforce.move_within_borough_share", "issue 13: keys name no borough"},
      {"travel.event_extra_2017", "travel.event_extra", "issue 13: the window's dates are in the borough pack"},
  };
  return renamed;
}

const RenamedKey* find_renamed(std::string_view old_path) {
  for (const auto& r : renamed_keys())
    if (r.old_path == old_path) return &r;
  return nullptr;
}

std::span<const std::string_view> pack_parameters() {
  // Facts about the place: a pack states each (defaults:), a scenario may still set them.
  static const std::string_view keys[] = {"council.budget_2016",           "council.demography_growth",
                                          "council.precept_share",         "council.growth_until",
                                          "providers.framework_providers", "workforce.share_trained_2016"};
  return keys;
}

std::string_view type_name(ParamType t) {
  switch (t) {
    case ParamType::real: return "number";
    case ParamType::integer: return "integer";
    case ParamType::boolean: return "boolean";
    case ParamType::date: return "date";
    case ParamType::choice: return "choice";
    case ParamType::schedule: return "schedule";
    case ParamType::ward_map: return "ward map";
  }
  return "?";
}

const std::string& choice_name(const ParamSpec& spec, const Params& p) {
  return spec.choices.at(std::get<ChoiceRef>(spec.ref)(p));
}

bool set_choice(const ParamSpec& spec, Params& p, std::string_view name) {
  const auto it = std::find(spec.choices.begin(), spec.choices.end(), name);
  if (it == spec.choices.end()) return false;
  std::get<ChoiceRef>(spec.ref).write(p, static_cast<std::size_t>(it - spec.choices.begin()));
  return true;
}

std::string_view kind_name(ParamKind k) {
  switch (k) {
    case ParamKind::run: return "run";
    case ParamKind::policy: return "policy";
    case ParamKind::assumption: return "assumption";
    case ParamKind::calibrated: return "calibrated";
  }
  return "?";
}

}  // namespace homecare::model
