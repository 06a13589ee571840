// The parameter table: the key path, unit, range, meaning and source of every scenario parameter.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "model/params.hpp"

namespace homecare::model {
namespace {

// Each entry binds a key path to a member of Params through a captureless lambda.
#define HC_REF(member) [](Params& p) -> auto& { return p.member; }

const std::vector<ParamSpec>& table() {
  static const std::vector<ParamSpec> t = {
      {"run.start", HC_REF(run.start), "date", 0, 0, {},
       "First simulated day (warm-up starts here)",
       "MODEL.md: warm-up from 1 April 2016"},
      {"run.end", HC_REF(run.end), "date", 0, 0, {},
       "Last simulated day",
       "MODEL.md: policy period to 30 Sep 2021"},
      {"run.policy_start", HC_REF(run.policy_start), "date", 0, 0, {},
       "Start of the period the summary metrics cover",
       "MODEL.md: new contracts from 1 Oct 2018"},
      {"run.seed", HC_REF(run.seed), "integer", 0, 4294967295, {},
       "Base random seed (the command line's --seed overrides it)",
       "choice of the analyst"},
      {"run.replicates", HC_REF(run.replicates), "count", 1, 100000, {},
       "Monte Carlo replicates per variant (--replicates overrides it)",
       "TARGETS.md: at least 50"},
      {"demand.referrals_per_1000_65plus", HC_REF(demand.referrals_per_1000_65plus), "per 1,000 aged 65+ per year", 0, 1000, {},
       "New long-term packages a year (not via reablement) per 1,000 residents aged 65+ (85+ weighted)",
       "calibrated to TARGETS.md C2 (2,578 in 2016/17; docs/CALIBRATION.md)"},
      {"demand.weight_85plus", HC_REF(demand.weight_85plus), "ratio", 0, 20, {},
       "How many times a 65-84 resident's need an 85+ resident brings",
       "assumption (need rises steeply with age)"},
      {"demand.growth_65plus", HC_REF(demand.growth_65plus), "share per year", -0.5, 0.5, {},
       "Annual growth of the 65+ population",
       "TARGETS.md P6: +26.4% to 41,500 by 2020"},
      {"demand.growth_85plus", HC_REF(demand.growth_85plus), "share per year", -0.5, 0.5, {},
       "Annual growth of the 85+ population",
       "TARGETS.md P6: +54.5% by 2020"},
      {"demand.reablement_per_1000_65plus", HC_REF(demand.reablement_per_1000_65plus), "per 1,000 aged 65+ per year", 0, 1000, {},
       "Reablement starts a year per 1,000 residents aged 65+ (85+ weighted)",
       "calibrated to TARGETS.md C3 (904 in 2016/17)"},
      {"demand.share_under_65", HC_REF(demand.share_under_65), "share", 0, 1, {},
       "Share of long-term packages for younger adults (physical disability, learning disability, mental health)",
       "assumption (national ASC activity: about a fifth of home care clients are under 65)"},
      {"demand.assessment_days", HC_REF(demand.assessment_days), "days", 0, 365, {},
       "Mean delay from referral to the package being offered to providers",
       "assumption"},
      {"demand.mean_weekly_hours", HC_REF(demand.mean_weekly_hours), "hours per week", 0.5, 80, {},
       "Mean weekly hours of a long-term package",
       "FACTS.md: about 13 h/week per council-funded client (2017); calibrated to TARGETS.md C10"},
      {"demand.weekly_hours_cv", HC_REF(demand.weekly_hours_cv), "ratio", 0, 3, {},
       "Coefficient of variation of weekly hours",
       "assumption"},
      {"demand.double_handed_share_2016", HC_REF(demand.double_handed_share_2016), "share", 0, 1, {},
       "Share of new long-term packages needing two carers at once, in 2016",
       "calibrated to TARGETS.md C11 (GBP 3m of 15m)"},
      {"demand.double_handed_hours_factor", HC_REF(demand.double_handed_hours_factor), "ratio", 0.1, 10, {},
       "Weekly hours of a double-handed package relative to a single-handed one",
       "assumption (complex needs), checked against TARGETS.md C11"},
      {"demand.double_handed_growth", HC_REF(demand.double_handed_growth), "share per year", -0.5, 1, {},
       "Relative growth a year of the double-handed share of new packages",
       "calibrated to TARGETS.md C14 (+15%/yr)"},
      {"demand.review_to_double_handed", HC_REF(demand.review_to_double_handed), "per package-year", 0, 5, {},
       "Hazard that a single-handed package becomes double-handed at review",
       "assumption (complex needs rising, TARGETS.md P6)"},
      {"demand.review_hours_change", HC_REF(demand.review_hours_change), "per package-year", 0, 10, {},
       "Hazard of a review changing weekly hours (up 60%, down 40%)",
       "assumption"},
      {"demand.death_hazard", HC_REF(demand.death_hazard), "per year", 0, 10, {},
       "Hazard of death for an older person with home care",
       "assumption (about a fifth of older home care users die each year)"},
      {"demand.residential_hazard", HC_REF(demand.residential_hazard), "per year", 0, 10, {},
       "Hazard of moving to residential care, needs met",
       "assumption"},
      {"demand.recovery_hazard", HC_REF(demand.recovery_hazard), "per year", 0, 10, {},
       "Hazard of no longer needing home care",
       "calibrated to TARGETS.md C13 (underlying growth at least 2%/yr; docs/CALIBRATION.md)"},
      {"demand.under_65_exit_factor", HC_REF(demand.under_65_exit_factor), "ratio", 0, 10, {},
       "Exit hazards of younger adults relative to older people",
       "assumption"},
      {"demand.unmet_residential_factor", HC_REF(demand.unmet_residential_factor), "ratio", 0, 100, {},
       "Residential hazard x (1 + this x share of visits missed in the last month)",
       "assumption (MODEL.md: likelier when needs go unmet)"},
      {"demand.hospital_hazard", HC_REF(demand.hospital_hazard), "per package-year", 0, 20, {},
       "Hospital admissions that suspend a package",
       "assumption"},
      {"demand.hospital_mean_days", HC_REF(demand.hospital_mean_days), "days", 0, 365, {},
       "Mean length of a hospital stay",
       "assumption"},
      {"demand.start_at_steady_state", HC_REF(demand.start_at_steady_state), "flag", 0, 0, {},
       "Start with packages already running (true) or from none (false)",
       "modelling choice"},
      {"demand.initial_users", HC_REF(demand.initial_users), "people", 0, 100000, {},
       "Long-term packages running on run.start",
       "TARGETS.md C1: about 1,800 at any one time"},
      {"reablement.max_days", HC_REF(reablement.max_days), "days", 1, 365, {},
       "Longest reablement episode",
       "Brent report para 6: up to six weeks"},
      {"reablement.mean_days", HC_REF(reablement.mean_days), "days", 1, 365, {},
       "Mean reablement episode (exponential, capped at max_days)",
       "assumption"},
      {"reablement.weekly_hours", HC_REF(reablement.weekly_hours), "hours per week", 0, 80, {},
       "Weekly hours of reablement",
       "assumption (intensive support)"},
      {"reablement.to_long_term", HC_REF(reablement.to_long_term), "share", 0, 1, {},
       "Share who need long-term home care after reablement",
       "assumption"},
      {"reablement.to_residential", HC_REF(reablement.to_residential), "share", 0, 1, {},
       "Share who go into residential care after reablement",
       "assumption"},
      {"reablement.price_per_hour", HC_REF(reablement.price_per_hour), "GBP per hour", 0, 200, {},
       "Cost per hour of the specialist reablement service",
       "assumption"},
      {"direct_payments.takeup", HC_REF(direct_payments.takeup), "share", 0, 1, {},
       "Share of new long-term packages taken as a direct payment",
       "Ealing 2024 para 2.3 (London mean 489 adults per borough); assumption"},
      {"direct_payments.policy_takeup", HC_REF(direct_payments.policy_takeup), "share", 0, 1, {},
       "Share of new long-term packages taken as a direct payment from commissioning.switch_date",
       "policy lever (Ealing 2024: take-up is a lever)"},
      {"direct_payments.rate_per_hour", HC_REF(direct_payments.rate_per_hour), "GBP per hour", 0, 200, {},
       "Direct payment rate (2016/17)",
       "assumption"},
      {"direct_payments.employ_pa_share", HC_REF(direct_payments.employ_pa_share), "share", 0, 1, {},
       "Share of direct-payment users employing a personal assistant",
       "FACTS.md: about 30%"},
      {"direct_payments.pa_wage", HC_REF(direct_payments.pa_wage), "GBP per hour", 0, 100, {},
       "Personal assistant's wage in 2016/17 (uplifted with the NLW)",
       "assumption"},
      {"direct_payments.pa_real_living_wage", HC_REF(direct_payments.pa_real_living_wage), "flag", 0, 0, {},
       "Policy: personal assistants paid at least the Real Living Wage",
       "Ealing 2024 (a lever)"},
      {"direct_payments.underspend", HC_REF(direct_payments.underspend), "share", 0, 1, {},
       "Share of direct payments unspent and recouped",
       "assumption"},
      {"direct_payments.pa_quit_factor", HC_REF(direct_payments.pa_quit_factor), "ratio", 0, 10, {},
       "Personal assistants' quit hazard relative to agency workers",
       "FACTS.md: PA turnover 18.2% vs 39.1% for agency care workers"},
      {"direct_payments.pa_replace_days", HC_REF(direct_payments.pa_replace_days), "days", 0, 365, {},
       "Mean days to replace a personal assistant",
       "assumption"},
      {"travel.circuity", HC_REF(travel.circuity), "ratio", 1, 5, {},
       "Road distance over straight-line distance",
       "assumption (urban circuity about 1.3-1.4)"},
      {"travel.walk_kmh", HC_REF(travel.walk_kmh), "km per hour", 0.5, 20, {},
       "Walking speed",
       "assumption"},
      {"travel.bus_kmh", HC_REF(travel.bus_kmh), "km per hour", 1, 60, {},
       "Door-to-door bus speed in outer London, waits included",
       "assumption"},
      {"travel.car_kmh", HC_REF(travel.car_kmh), "km per hour", 1, 100, {},
       "Driving speed in Brent, parking excluded",
       "assumption"},
      {"travel.leg_overhead_min", HC_REF(travel.leg_overhead_min), "minutes", 0, 60, {},
       "Fixed time per leg (parking, stairs, door)",
       "assumption"},
      {"travel.share_walk", HC_REF(travel.share_walk), "share", 0, 1, {},
       "Share of care workers who walk between visits",
       "assumption"},
      {"travel.share_bus", HC_REF(travel.share_bus), "share", 0, 1, {},
       "Share who take buses (the rest drive)",
       "assumption"},
      {"travel.event_days_per_year", HC_REF(travel.event_days_per_year), "days per year", 0, 365, {},
       "Major events at Wembley Stadium a year",
       "BRENT.md: 37 a year"},
      {"travel.event_extra_2017", HC_REF(travel.event_extra_2017), "days", 0, 365, {},
       "Extra events from August 2017 to May 2018 (Tottenham Hotspur)",
       "BRENT.md: 22 extra in 2017/18"},
      {"travel.event_radius_km", HC_REF(travel.event_radius_km), "km", 0, 20, {},
       "Wards within this distance of the stadium slow down on event days",
       "assumption"},
      {"travel.event_slowdown", HC_REF(travel.event_slowdown), "ratio", 0.05, 1, {},
       "Speed factor near the stadium on event days",
       "assumption"},
      {"travel.late_threshold_min", HC_REF(travel.late_threshold_min), "minutes", 0, 240, {},
       "A visit starting more than this after the planned time is late",
       "FACTS.md: 1 in 10 visits start over 30 minutes late"},
      {"travel.overrun_cv", HC_REF(travel.overrun_cv), "ratio", 0, 3, {},
       "Coefficient of variation of a visit's actual length",
       "assumption"},
      {"travel.mileage_per_km", HC_REF(travel.mileage_per_km), "GBP per km", 0, 5, {},
       "Mileage paid to drivers",
       "HMRC approved mileage rate, 45p a mile"},
      {"workforce.mean_hours_wanted", HC_REF(workforce.mean_hours_wanted), "hours per week", 1, 60, {},
       "Mean paid hours a week a care worker wants",
       "assumption"},
      {"workforce.council_share_of_work", HC_REF(workforce.council_share_of_work), "share", 0.01, 1, {},
       "Share of Brent care workers' time available for council-arranged work (the rest: self-funders, health, other boroughs)",
       "calibrated to TARGETS.md C5"},
      {"workforce.share_zero_hours", HC_REF(workforce.share_zero_hours), "share", 0, 1, {},
       "Share of domiciliary care workers on zero-hours contracts",
       "FACTS.md: 58% (2018/19)"},
      {"workforce.base_quit_hazard", HC_REF(workforce.base_quit_hazard), "per year", 0, 20, {},
       "Quit hazard of a reference worker: guaranteed hours, trained, qualified, experienced, paid the outside option",
       "calibrated to TARGETS.md C6"},
      {"workforce.frailty_shape", HC_REF(workforce.frailty_shape), "shape", 0.1, 1000000, {},
       "Gamma shape of individual quit propensity (mean 1; large = identical workers)",
       "assumption"},
      {"workforce.wage_elasticity", HC_REF(workforce.wage_elasticity), "elasticity", 0, 10, {},
       "Elasticity of the quit hazard to the wage relative to the outside option",
       "FACTS.md: Vadean & Saloniki 2023 (10% wage -> about -3 points of about 30%)"},
      {"workforce.outside_premium", HC_REF(workforce.outside_premium), "share", -0.5, 2, {},
       "Outside option (retail) wage over the NLW",
       "assumption"},
      {"workforce.zero_hours_factor", HC_REF(workforce.zero_hours_factor), "ratio", 0, 10, {},
       "Quit hazard on zero-hours contracts relative to guaranteed hours",
       "FACTS.md: 31.8% vs 24.9%"},
      {"workforce.new_starter_factor", HC_REF(workforce.new_starter_factor), "ratio", 0, 10, {},
       "Quit hazard in the first year in the sector",
       "FACTS.md: 43.7% under 1 year vs 20.4% at 20+ years"},
      {"workforce.unpaid_travel_factor", HC_REF(workforce.unpaid_travel_factor), "ratio", 0, 20, {},
       "Hazard x (1 + this x unpaid travel share of working time)",
       "assumption (Brent report para 33: travel the most negative aspect for 50%)"},
      {"workforce.trained_factor", HC_REF(workforce.trained_factor), "ratio", 0, 10, {},
       "Quit hazard with recorded training relative to without",
       "FACTS.md: 28.2% vs 33%"},
      {"workforce.qualified_factor", HC_REF(workforce.qualified_factor), "ratio", 0, 10, {},
       "Quit hazard with a level 2+ qualification relative to without",
       "FACTS.md: 21.6% vs 30% (half taken as causal: assumption)"},
      {"workforce.leave_sector_share", HC_REF(workforce.leave_sector_share), "share", 0, 1, {},
       "Share of leavers who leave the sector",
       "FACTS.md: about 63% of leavers stay in the sector"},
      {"workforce.move_within_brent_share", HC_REF(workforce.move_within_brent_share), "share", 0, 1, {},
       "Share of leavers staying in the sector who join another Brent provider",
       "calibrated (weakly) to TARGETS.md C7 (docs/CALIBRATION.md)"},
      {"workforce.from_sector_share", HC_REF(workforce.from_sector_share), "share", 0, 1, {},
       "Share of starters recruited from within the sector",
       "FACTS.md: about 66-67%"},
      {"workforce.mean_days_to_fill", HC_REF(workforce.mean_days_to_fill), "days", 0, 3650, {},
       "Mean days to fill a vacancy at the market wage",
       "assumption (vacancy rates 6.6-8%, FACTS.md)"},
      {"workforce.fill_wage_elasticity", HC_REF(workforce.fill_wage_elasticity), "elasticity", 0, 20, {},
       "Elasticity of the hiring rate to the wage offered relative to the market",
       "FACTS.md: labour supply elasticity about 5 for domiciliary care"},
      {"workforce.recruitment_cost", HC_REF(workforce.recruitment_cost), "GBP per hire", 0, 100000, {},
       "Cost of one hire (advertising, checks, administration)",
       "assumption"},
      {"workforce.capacity_buffer", HC_REF(workforce.capacity_buffer), "share", 0, 2, {},
       "Providers aim to staff this much above their booked hours",
       "assumption"},
      {"workforce.sickness_days_per_year", HC_REF(workforce.sickness_days_per_year), "days per year", 0, 365, {},
       "Sickness absence per worker",
       "assumption (ONS sickness absence about 2-3%)"},
      {"workforce.holiday_days_per_year", HC_REF(workforce.holiday_days_per_year), "days per year", 0, 365, {},
       "Annual leave per worker",
       "statutory 5.6 weeks"},
      {"workforce.absence_spell_days", HC_REF(workforce.absence_spell_days), "days", 0.5, 365, {},
       "Mean length of an absence spell",
       "assumption"},
      {"workforce.wage_premium_mean", HC_REF(workforce.wage_premium_mean), "GBP per hour", -5, 20, {},
       "Mean provider wage above the NLW in 2016/17",
       "calibrated to TARGETS.md C8 (mean GBP 8.32)"},
      {"workforce.wage_premium_sd", HC_REF(workforce.wage_premium_sd), "GBP per hour", 0, 10, {},
       "Spread of provider wage premiums",
       "assumption"},
      {"workforce.share_l2_2016", HC_REF(workforce.share_l2_2016), "share", 0, 1, {},
       "Share of workers with a level 2+ qualification at the start",
       "FACTS.md: half had no relevant qualification"},
      {"workforce.share_trained_2016", HC_REF(workforce.share_trained_2016), "share", 0, 1, {},
       "Share with recorded training at the start",
       "Brent report para 29: 79% had training before joining"},
      {"training.minimum", HC_REF(training.minimum), "flag", 0, 0, {},
       "Minimum training standards apply",
       "Brent report recommendation 2"},
      {"training.from", HC_REF(training.from), "date", 0, 0, {},
       "Date the minimum applies from",
       "assumption: with the new contracts"},
      {"training.induction_hours", HC_REF(training.induction_hours), "hours", 0, 1000, {},
       "Paid hours of induction (Care Certificate) per new starter",
       "assumption (about three days)"},
      {"training.certificate_weeks", HC_REF(training.certificate_weeks), "weeks", 0, 520, {},
       "Weeks a new starter has to complete the Care Certificate",
       "Care Certificate guidance: 12 weeks"},
      {"training.l2_target_share", HC_REF(training.l2_target_share), "share", 0, 1, {},
       "Share of workers at level 2+ required by l2_deadline",
       "policy lever"},
      {"training.l2_deadline", HC_REF(training.l2_deadline), "date", 0, 0, {},
       "Date by which l2_target_share must be reached",
       "policy lever"},
      {"training.l2_hours", HC_REF(training.l2_hours), "hours", 0, 2000, {},
       "Paid hours to gain level 2",
       "assumption"},
      {"training.l2_fee", HC_REF(training.l2_fee), "GBP", 0, 100000, {},
       "Fee per level 2 qualification",
       "assumption"},
      {"training.refresher_hours", HC_REF(training.refresher_hours), "hours per year", 0, 500, {},
       "Paid refresher training per worker-year",
       "policy lever"},
      {"training.council_funded_share", HC_REF(training.council_funded_share), "share", 0, 1, {},
       "Share of training costs the council pays",
       "policy lever"},
      {"training.quality_effect", HC_REF(training.quality_effect), "ratio", 0, 2, {},
       "Overrun and lateness factor for workers with the Care Certificate",
       "assumption (Brent report paras 29-31)"},
      {"wages.llw_phasing", HC_REF(wages.llw_phasing), "share", 0, 1, {},
       "Share of the gap from the NLW to the London Living Wage closed, from each date",
       "Brent report recommendation 1: LLW by 2021", "share"},
      {"wages.llw_council_funded_share", HC_REF(wages.llw_council_funded_share), "share", 0, 1, {},
       "Share of the LLW uplift the council funds through the price",
       "policy lever"},
      {"wages.llw_lag_months", HC_REF(wages.llw_lag_months), "months", 0, 24, {},
       "Months from an LLW announcement (November) to paying it",
       "Living Wage Foundation: six months to implement"},
      {"wages.travel_time_paid", HC_REF(wages.travel_time_paid), "flag", 0, 0, {},
       "Travel time between visits is paid",
       "assumption for Brent's market (FACTS.md: UKHCA assumes paid)"},
      {"providers.framework_providers", HC_REF(providers.framework_providers), "count", 1, 1000, {},
       "Providers on the framework at the start",
       "TARGETS.md C4: about 60"},
      {"providers.size_sigma", HC_REF(providers.size_sigma), "log units", 0, 5, {},
       "Lognormal spread of provider size",
       "assumption (TARGETS.md P8: providers differ)"},
      {"providers.overhead_per_hour", HC_REF(providers.overhead_per_hour), "GBP per contact hour", 0, 100, {},
       "Mean running cost per contact hour (2016/17)",
       "assumption below UKHCA's 5.20 (2020/21) for Brent's lean providers, set so the average provider roughly breaks even at the 2016/17 price"},
      {"providers.overhead_cv", HC_REF(providers.overhead_cv), "ratio", 0, 5, {},
       "Spread of running costs between providers",
       "assumption"},
      {"providers.recruit_difficulty_sigma", HC_REF(providers.recruit_difficulty_sigma), "log units", 0, 5, {},
       "Lognormal spread of providers' recruitment difficulty",
       "TARGETS.md P8: 64% report high recruitment problems"},
      {"providers.oncost_rate", HC_REF(providers.oncost_rate), "share", 0, 2, {},
       "Employer NI, pension, holiday, training time and sick pay as a share of wages",
       "FACTS.md: UKHCA 2020/21 (1.14 + 1.97 on 10.42)"},
      {"providers.reserve_months", HC_REF(providers.reserve_months), "months of revenue", 0, 120, {},
       "Accumulated losses a provider can absorb, in months of its council revenue, before it considers leaving",
       "assumption, checked against FACTS.md: about 1 in 10 agencies closed in 2017"},
      {"providers.exit_probability", HC_REF(providers.exit_probability), "per month", 0, 1, {},
       "Chance a provider whose losses exceed its reserves leaves, each month",
       "assumption, checked against FACTS.md: about 1 in 10 agencies closed in 2017"},
      {"providers.handback_missed_days", HC_REF(providers.handback_missed_days), "days per month", 1, 31, {},
       "Days in a month with a missed visit that make a provider hand a package back",
       "assumption"},
      {"providers.entry_per_year", HC_REF(providers.entry_per_year), "per year", 0, 100, {},
       "New providers joining the framework a year",
       "assumption"},
      {"providers.cover_search", HC_REF(providers.cover_search), "count", 1, 10000, {},
       "Workers a provider checks to cover a visit on the day",
       "modelling choice (rostering never scans all workers)"},
      {"providers.roster_search", HC_REF(providers.roster_search), "count", 1, 100000, {},
       "Workers a provider checks when planning a package's standing roster",
       "modelling choice (planning looks further than same-day cover; never a scan of every worker per visit)"},
      {"providers.roster_travel_allowance_min", HC_REF(providers.roster_travel_allowance_min), "minutes", 0, 120, {},
       "Travel time a provider leaves between rostered visits (0: visits booked back to back)",
       "assumption (UNISON: many rotas leave no travel time); checked against FACTS.md: 1 in 10 visits over 30 minutes late"},
      {"commissioning.model", HC_REF(commissioning.model), "choice", 0, 0, {"framework", "patch", "dps"},
       "Commissioning model after the switch date",
       "Brent report paras 32-39"},
      {"commissioning.switch_date", HC_REF(commissioning.switch_date), "date", 0, 0, {},
       "Date the new commissioning model starts",
       "Brent report para 12: 1 October 2018"},
      {"commissioning.price_2016", HC_REF(commissioning.price_2016), "GBP per hour", 0, 200, {},
       "Mean price paid to framework providers in 2016/17",
       "TARGETS.md C9: GBP 14.38"},
      {"commissioning.price_sd", HC_REF(commissioning.price_sd), "GBP per hour", 0, 50, {},
       "Spread of framework prices between providers",
       "assumption"},
      {"commissioning.price_rule", HC_REF(commissioning.price_rule), "choice", 0, 0, {"nlw_uplift", "fund_wage_gap", "cost_build_up"},
       "How prices move: NLW uplift; fund the wage gap; UKHCA cost build-up",
       "MODEL.md process 6"},
      {"commissioning.spot_premium", HC_REF(commissioning.spot_premium), "GBP per hour", 0, 50, {},
       "Spot purchase price over the framework price",
       "assumption"},
      {"commissioning.dps_price_discount", HC_REF(commissioning.dps_price_discount), "GBP per hour", 0, 50, {},
       "Price reduction from competition on a dynamic purchasing system",
       "assumption"},
      {"commissioning.transfer_worker_share", HC_REF(commissioning.transfer_worker_share), "share", 0, 1, {},
       "Share of a losing provider's workers who follow packages to the winners",
       "assumption (TUPE)"},
      {"commissioning.patch_price", HC_REF(commissioning.patch_price), "GBP per hour", 0, 200, {},
       "Price paid under the patch model (0: keep each provider's price)",
       "policy lever"},
      {"patches.count", HC_REF(patches.count), "count", 1, 21, {},
       "Number of patches (balanced method)",
       "Brent report para 33"},
      {"patches.method", HC_REF(patches.method), "choice", 0, 0, {"gp_localities", "balanced", "explicit"},
       "How wards are grouped into patches",
       "MODEL.md: gp_localities, balanced, explicit"},
      {"patches.providers_per_patch", HC_REF(patches.providers_per_patch), "count", 1, 60, {},
       "Providers contracted in each patch",
       "Brent report para 33: two or three"},
      {"patches.max_patches_per_provider", HC_REF(patches.max_patches_per_provider), "count", 1, 21, {},
       "Most patches one provider may win at re-procurement",
       "assumption (Brent report para 33: perhaps as few as 12 providers)"},
      {"patches.wards", HC_REF(patches.wards), "ward -> patch", 0, 0, {},
       "Ward to patch number, for method explicit",
       "policy lever"},
      {"council.budget_2016", HC_REF(council.budget_2016), "GBP per year", 0, 1e10, {},
       "Home care and reablement budget in 2016/17",
       "TARGETS.md C10: GBP 15m spent"},
      {"council.demography_growth", HC_REF(council.demography_growth), "GBP per year", 0, 1e9, {},
       "Budget growth a year for demography",
       "Brent report para 9: GBP 1.5m a year"},
      {"council.precept_share", HC_REF(council.precept_share), "share per year", 0, 1, {},
       "Adult social care precept growth of the budget a year",
       "Brent report para 9: 2%"},
      {"council.growth_until", HC_REF(council.growth_until), "date", 0, 0, {},
       "Last day budget growth applies (standstill after)",
       "Brent report para 9: two-year budget to 2018/19"},
      {"council.residential_week_cost", HC_REF(council.residential_week_cost), "GBP per week", 0, 100000, {},
       "Cost of a residential placement",
       "assumption"},
      {"council.complaint_to_council_share", HC_REF(council.complaint_to_council_share), "share", 0, 1, {},
       "Share of complaints made formally to the council",
       "calibrated to TARGETS.md C12 (about 1% of packages)"},
      {"council.partnership_forum", HC_REF(council.partnership_forum), "flag", 0, 0, {},
       "A provider partnership forum meets (recommendation 3)",
       "Brent report recommendation 3"},
      {"council.forum_handback_notice_factor", HC_REF(council.forum_handback_notice_factor), "ratio", 0, 1, {},
       "With a forum, hand-backs happen this often (issues raised earlier)",
       "assumption (stated in docs/MODEL.md)"},
      {"complaints.continuity_per_extra_worker", HC_REF(complaints.continuity_per_extra_worker), "per month", 0, 1, {},
       "Monthly complaint hazard per distinct worker above three",
       "assumption, set so continuity complaints outnumber lateness ones (TARGETS.md P4)"},
      {"complaints.per_late_visit", HC_REF(complaints.per_late_visit), "per visit", 0, 1, {},
       "Complaint hazard per late visit",
       "assumption, set so continuity complaints outnumber lateness ones (TARGETS.md P4)"},
      {"complaints.per_missed_visit", HC_REF(complaints.per_missed_visit), "per visit", 0, 1, {},
       "Complaint hazard per missed visit",
       "assumption"},
  };
  return t;
}

#undef HC_REF

}  // namespace

std::span<const ParamSpec> parameter_table() { return table(); }

const ParamSpec* find_parameter(std::string_view path) {
  for (const auto& s : table())
    if (s.path == path) return &s;
  return nullptr;
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

std::string format_real(double v) {
  if (std::isnan(v)) return ".nan";
  if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  // Keep it a YAML float even when integral, so the type reads back unchanged.
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

namespace {
/// `s` as a YAML double-quoted scalar that reads back as the same bytes: backslash and quote
/// escaped, control characters as \xNN (the loader has already checked the text is UTF-8).
std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(c));
      out += hex;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}
}  // namespace

std::string format_value(const ParamSpec& spec, const Params& cp) {
  Params& p = const_cast<Params&>(cp);  // accessors are shared by reads and writes; nothing is written
  return std::visit(
      [&](auto ref) -> std::string {
        const auto& v = ref(p);
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) {
          return format_real(v);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          return kernel::to_iso(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, std::vector<ScheduleStep>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += "{from: " + kernel::to_iso(v[i].from) + ", " + spec.value_field + ": " +
                 format_real(v[i].value) + "}";
          }
          return s + "]";
        } else {
          std::string s = "{";
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += double_quoted(v[i].ward) + ": " + std::to_string(v[i].patch);
          }
          return s + "}";
        }
      },
      spec.ref);
}

}  // namespace homecare::model
