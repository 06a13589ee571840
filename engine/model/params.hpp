// Every scenario parameter of the model as plain data. Defaults live here and only here; the
// parameter table (parameter_table.cpp) gives each its key path, unit, range, meaning and source.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kernel/calendar.hpp"
#include "model/parameter_spec.hpp"

namespace homecare::model {

struct RunParams {
  kernel::Date start{2016, 4, 1};
  kernel::Date end{2021, 9, 30};
  kernel::Date policy_start{2018, 10, 1};  // summaries cover policy_start..end
  std::int64_t seed = 20181001;
  std::int64_t replicates = 50;
};

struct DemandParams {
  double referrals_per_1000_65plus = 11.6;  // new long-term packages a year (direct, not via reablement)
  double weight_85plus = 2.0;               // an 85+ resident counts this many times a 65-84 one
  double growth_65plus = 0.034;             // per year
  double growth_85plus = 0.064;             // per year
  double reablement_per_1000_65plus = 19.1; // reablement starts a year
  double share_under_65 = 0.22;             // of long-term packages: physical disability, LD, MH
  double assessment_days = 14.0;            // mean delay referral -> package offered
  double mean_weekly_hours = 8.5;           // long-term, single-handed (lognormal mean)
  double weekly_hours_cv = 0.6;
  double double_handed_share_2016 = 0.11;
  double double_handed_hours_factor = 1.3;  // complex packages need more hours  // of new long-term packages
  double double_handed_growth = 0.12;       // relative growth of that share per year
  double review_to_double_handed = 0.02;    // per package-year: needs rise to two carers
  double review_hours_change = 0.10;        // per package-year: hours change at review
  double death_hazard = 0.27;               // per year, older people
  double residential_hazard = 0.08;         // per year
  double recovery_hazard = 0.13;            // per year: needs fall away
  double under_65_exit_factor = 0.5;        // younger client groups exit this much as often
  double unmet_residential_factor = 3.0;    // residential hazard x (1 + this x unmet share)
  double hospital_hazard = 0.6;             // admissions per package-year
  double hospital_mean_days = 12.0;
  bool start_at_steady_state = true;
  double initial_users = 1800.0;            // long-term packages running on run.start
};

struct ReablementParams {
  double max_days = 42.0;
  double mean_days = 28.0;
  double weekly_hours = 7.0;
  double to_long_term = 0.30;   // share who then need long-term home care
  double to_residential = 0.05;
  double price_per_hour = 17.0; // cost of the specialist reablement service
};

struct DirectPaymentParams {
  double takeup = 0.10;               // share of new long-term packages taken as a direct payment
  double policy_takeup = 0.10;        // the same, from commissioning.switch_date (a lever)
  double rate_per_hour = 13.0;        // GBP per hour paid to the user
  double employ_pa_share = 0.30;      // share of DP users employing a personal assistant
  double pa_wage = 9.0;               // GBP per hour (2016), uplifted with NLW
  bool pa_living_wage = false;        // policy: PAs paid at least the pack's living wage (was pa_real_living_wage)
  kernel::Date pa_living_wage_from{2018, 10, 1};  // default: commissioning.switch_date
  bool rate_covers_pa_floor = true;   // the council raises the rate to fund the floor (else the hours fall)
  double underspend = 0.10;           // share of a served package's money not used and recouped
  double pa_quit_factor = 1.2;        // PA quit hazard relative to the reference agency worker
  double pa_replace_days = 30.0;
  // Take-up and the support behind it (Ealing Direct): 0 support workers is unlimited capacity.
  double setup_days = 0.0;                // days from assessment to a working direct payment
  double support_workers = 0.0;           // support workers (full-time equivalents); 0: unlimited
  double users_per_support_worker = 60.0; // direct-payment users one support worker supports
  // Users without a personal assistant buying from agencies (Ealing 2024 para 4.2).
  bool buy_from_agencies = false;         // off: they are assumed fully served at the direct-payment rate
  double self_funder_premium = 0.20;      // agency's charge to a DP user over the council's price
  bool dps_parity = false;                // lever: a DPS gives DP users the council's price
  kernel::Date dps_parity_from{2018, 10, 1};  // default: commissioning.switch_date
  double home_care_share = 0.70;          // share of adults' direct payments that buy home care
};

struct TravelParams {
  double circuity = 1.3;
  double walk_kmh = 4.8;
  double bus_kmh = 12.0;
  double car_kmh = 18.0;
  double leg_overhead_min = 3.0;
  double share_walk = 0.30;
  double share_bus = 0.40;              // rest drive
  double event_days_per_year = 37.0;   // at the pack's first venue (the pack's figure unless a scenario sets it)
  double event_extra = 22.0;           // in the first venue's first extra window (likewise)
  double event_radius_km = 2.0;
  double event_slowdown = 0.6;          // speed factor near a venue on event days
  double late_threshold_min = 30.0;
  double overrun_cv = 0.2;
  double mileage_per_km = 0.28;         // GBP, car users (HMRC 45p a mile)
};

struct WorkforceParams {
  double mean_hours_wanted = 22.0;        // paid hours a week a worker wants
  double council_share_of_work = 0.45;    // share of a worker's hours available for council work
  double share_zero_hours = 0.58;
  bool guaranteed_hours_offered = false;  // lever: zero-hours workers offered guaranteed hours
  kernel::Date guaranteed_hours_from{2018, 10, 1};  // default: commissioning.switch_date
  double zero_hours_share_if_offered = 0.10;  // who keep zero hours by choice once offered
  double guaranteed_share_of_hours = 0.75;    // a guaranteed-hours contract pays at least this share of the hours wanted
  double share_benefit_limited = 0.10;        // workers on benefits that limit their work to benefit_limit_hours
  double benefit_limit_hours = 16.0;          // hours a week (Brent report para 26)
  double base_quit_hazard = 0.13;         // per year, reference worker (guaranteed hours, trained, experienced)
  double frailty_shape = 2.0;             // gamma heterogeneity of quit propensity (mean 1)
  double wage_elasticity = 1.0;           // -dln(hazard)/dln(wage / outside option)
  double outside_premium = 0.05;          // outside option = NLW x (1 + this)
  double zero_hours_factor = 1.28;        // 31.8% vs 24.9%
  double new_starter_factor = 1.6;        // first year in the sector
  double unpaid_travel_factor = 1.0;      // hazard x (1 + this x unpaid travel share of working time)
  double trained_factor = 0.86;           // recorded training (28.2% vs 33%)
  double qualified_factor = 0.85;         // level 2+ (21.6% vs 30%, half taken as causal)
  double leave_sector_share = 0.37;
  double move_within_borough_share = 0.35;  // of those staying in the sector
  double from_sector_share = 0.665;       // of starters
  double mean_days_to_fill = 35.0;
  double fill_wage_elasticity = 5.0;      // labour supply elasticity (domiciliary care ~5)
  double recruitment_cost = 1200.0;       // GBP per hire
  double capacity_buffer = 0.10;          // providers staff this much above booked hours
  double sickness_days_per_year = 6.0;
  double holiday_days_per_year = 28.0;
  double absence_spell_days = 4.0;
  double wage_premium_mean = 1.10;        // 2016 provider wage above NLW, GBP/hour
  double wage_premium_sd = 0.45;
  double share_l2_2016 = 0.50;            // level 2 or higher
  double share_l3_2016 = 0.15;            // level 3 or higher (within share_l2_2016)
  double share_trained_2016 = 0.79;       // recorded training of any kind
  double share_care_certificate_2016 = 0.25;
  double pay_premium_l2 = 0.10;           // GBP/hour over the provider's wage at level 2
  double pay_premium_l3 = 0.25;           // at level 3
};

/// The labour market the borough's providers recruit from (docs/MODEL.md 7.11b): a finite pool of
/// people in and around the borough who could do home care, who look for care work more when its pay
/// rises against their outside options, and are matched to providers' vacancies.
struct LabourMarketParams {
  bool pool = true;                     // false: every vacancy fills after its own time, supply unlimited (before 2026)
  double pool_ratio = 4.0;              // people who could do home care, per care worker employed at the run's start
  double entry_elasticity = 4.0;        // elasticity of job seekers to the care wage relative to the outside option
  double matching_elasticity = 0.5;     // elasticity of hires to job seekers (Cobb-Douglas matching)
  double vacancy_rate_reference = 0.03; // vacancies per worker at which a vacancy fills in workforce.mean_days_to_fill
  double weight_retail = 0.45;          // outside option: weights of the dated outside wages (sum 1)
  double weight_nhs_band2 = 0.10;
  double weight_care_elsewhere = 0.45;
  double weight_nlw = 0.0;              // NLW x (1 + workforce.outside_premium), the outside option before 2026
  bool international_recruitment = true;  // overseas recruits join the seekers by the dated share of starters
};

struct TrainingParams {
  bool minimum = false;
  kernel::Date from{2018, 10, 1};         // default: commissioning.switch_date
  double induction_hours = 24.0;          // Care Certificate, paid
  double certificate_weeks = 12.0;        // deadline for new starters
  double certificate_course_weeks = 6.0;  // the Care Certificate's length: its hours spread over these weeks
  double l2_target_share = 0.0;           // share at level 2 by l2_deadline
  kernel::Date l2_deadline{2020, 10, 1};
  double l2_hours = 60.0;
  double l2_fee = 400.0;
  double l2_course_months = 9.0;
  double l3_target_share = 0.0;           // share at level 3 by l3_deadline
  kernel::Date l3_deadline{2021, 10, 1};
  double l3_hours = 90.0;
  double l3_fee = 600.0;
  double l3_course_months = 12.0;
  double refresher_hours = 0.0;           // per worker-year
  double council_funded_share = 0.0;
  double quality_effect = 0.85;           // lateness/overrun factor for trained workers
};

struct WageParams {
  std::vector<ScheduleStep> llw_phasing;  // share of the gap to LLW closed, from each date
  // Or, as two numbers a sweep can vary: the gap closed in llw_steps equal steps a year apart,
  // the first on llw_from (0 steps: llw_phasing decides).
  kernel::Date llw_from{2018, 10, 1};     // default: commissioning.switch_date
  std::int64_t llw_steps = 0;
  double llw_council_funded_share = 1.0;
  double llw_lag_months = 6.0;            // announced November, paid this many months later
  bool travel_time_paid = false;
  double travel_time_council_funded_share = 0.0;  // of paid travel's cost, through the price
  kernel::Date travel_time_paid_from{2018, 10, 1};  // default: commissioning.switch_date
};

struct ProviderParams {
  std::int64_t framework_providers = 60;
  double size_sigma = 1.0;                 // lognormal spread of provider size
  double overhead_per_hour = 2.20;         // GBP per contact hour (2016), mean
  double overhead_cv = 0.2;
  double recruit_difficulty_sigma = 0.5;
  double oncost_rate = 0.30;               // NI, pension, holiday, training, sick pay / wage
  double reserve_months = 2.0;             // losses a provider can absorb, in months of its revenue
  double exit_probability = 0.25;          // per month once its losses exceed its reserves
  double handback_missed_days = 10.0;      // days with a missed visit in a month before handing back
  double entry_per_year = 4.0;             // new providers joining the framework a year
  double cover_search = 40.0;             // workers checked to cover a visit on the day
  double roster_search = 400.0;           // workers checked when planning a standing roster
 
  double roster_travel_allowance_min = 0.0;  // travel time left between rostered visits             // candidates checked for a cover visit
  // Providers based outside the borough (docs/MODEL.md 7.7a): their share of the framework's size
  // weight at the start (0: every provider is based in the borough), the extra minutes of travel at
  // each end of a working day of their workers, who live outside, and their pay against in-borough pay.
  double out_of_borough_share = 0.0;
  double out_of_borough_leg_min = 20.0;    // minutes, each of the day's first and last legs
  double out_of_borough_wage_offset = -0.15;  // GBP per hour added to their wage premium
};

/// The choice parameters, stored as enums. Their names (in these orders) are in the parameter
/// table, which maps them once, when a scenario is loaded.
enum class CommissioningModel : std::uint8_t { framework, patch, dps };
enum class PriceRule : std::uint8_t { nlw_uplift, fund_wage_gap, cost_build_up, fixed };
enum class PatchMethod : std::uint8_t { gp_localities, balanced, explicit_map, primary_care_networks };

struct CommissioningParams {
  CommissioningModel model = CommissioningModel::framework;
  kernel::Date switch_date{2018, 10, 1};
  double price_2016 = 14.38;
  double price_sd = 0.6;
  PriceRule price_rule = PriceRule::nlw_uplift;
  kernel::Date price_rule_from{2018, 10, 1};  // default: switch_date; nlw_uplift before it
  double nlw_uplift_wage_share = 0.6;         // nlw_uplift: the share of the price that moves with the NLW
  std::vector<ScheduleStep> fixed_price;      // price_rule fixed: GBP per hour from each date
  double spot_premium = 1.5;               // GBP per hour over framework price
  double dps_price_discount = 0.3;
  double transfer_worker_share = 0.8;      // workers following packages at re-procurement (TUPE)
  bool tupe_protects_pay = true;           // a transferred worker keeps their pay if the new employer's is lower
  double patch_price = 0.0;                // 0: keep each provider's price
  // From local_supply_from, brokerage offers a package to providers based in the borough first.
  bool local_supply = false;
  kernel::Date local_supply_from{2018, 10, 1};  // default: switch_date
};

struct PatchParams {
  std::int64_t count = 5;
  PatchMethod method = PatchMethod::gp_localities;
  std::int64_t providers_per_patch = 3;     // in every patch, unless providers_by_patch is given
  std::vector<std::int64_t> providers_by_patch;  // one count per patch (empty: providers_per_patch)
  std::int64_t max_patches_per_provider = 2;
  std::vector<WardAssignment> wards;       // for method explicit
  std::vector<WardAssignment> networks;    // for method primary_care_networks: network -> patch (empty: one each)
};

/// Re-procurement by scored bids (procurement.cpp): at the switch and when a patch loses a winner.
struct TenderParams {
  double price_weight = 0.6;           // of the score; price_weight + quality_weight = 1
  double quality_weight = 0.4;
  double bid_margin = 0.05;            // a bid is the bidder's cost per contact hour plus this share
  double price_ceiling_uplift = 0.05;  // the council's ceiling: the mean price paid now, plus this share
  std::int64_t entrants = 4;           // providers new to the borough bidding at each tender
  double capacity_headroom = 0.2;      // awarded hours over the patch's hours at the tender, per winner's share
  std::int64_t retender_months = 3;    // a patch whose winner has gone is tendered again after this long
  bool block_contracts = false;        // winners are paid for their awarded hours whether used or not
  bool reject_below_cost = false;      // a bidder whose own cost is above the ceiling (or set price) does not bid
  bool award_backed_reserves = false;  // a winner's reserves are measured against its award's monthly value
};

/// Spot providers outside the framework (procurement.cpp: add_spot_market; brokerage.cpp).
struct SpotMarketParams {
  std::int64_t providers = 0;          // none: spot purchase asks framework providers at a premium
  std::int64_t workers_each = 10;      // staff each has at the start (they recruit like any other)
  double price_premium = 1.5;          // GBP per hour over the framework's mean price in 2016/17
};

/// Providers beside the patch winners that take what they cannot (procurement.cpp, brokerage.cpp).
struct ApprovedListParams {
  bool enabled = true;                 // losing bidders and later entrants stay on an approved list
  double after_days = 7.0;             // a package the patch providers have not started by then goes to the list
  double emergency_premium = 1.5;      // GBP per hour over the list provider's price for a failed provider's package
};

/// The council's optional responses to an overspent financial year (docs/MODEL.md 7.20a): each
/// off by default; each acts, from its date, in a financial year that follows one whose spend
/// against the budget exceeded the budget.
struct CouncilResponseParams {
  bool price_freeze = false;               // the April price uplift is not made
  kernel::Date price_freeze_from{2019, 4, 1};
  bool eligibility = false;                // long-term referrals (direct payments included) cut
  kernel::Date eligibility_from{2019, 4, 1};
  double eligibility_cut = 0.1;            // share of long-term referrals no longer eligible
  bool review_hours_cut = false;           // an hours review lowers the visits, never raises them
  kernel::Date review_hours_cut_from{2019, 4, 1};
};

struct CouncilParams {
  double budget_2016 = 15.0e6;
  double dp_budget_2016 = 1.2e6;           // direct payments' budget in the calibration year
  double demography_growth = 1.5e6;        // per year
  double precept_share = 0.02;             // ASC precept, share of budget per year
  kernel::Date growth_until{2019, 3, 31};
  double residential_week_cost = 700.0;
  double complaint_to_council_share = 0.05;
  bool partnership_forum = false;
  kernel::Date partnership_forum_from{2018, 10, 1};  // default: commissioning.switch_date
  double forum_handback_notice_factor = 0.5;  // with a forum, hand-backs this often
  double forum_running_cost = 25000.0;     // GBP a year while the forum meets
  double savings_total = 30.0e6;           // the council's savings to find (Brent report 27)
  double savings_home_care_share = 0.05;   // the home care budget's share of them
  kernel::Date savings_from{2019, 4, 1};   // first financial year of the savings
  kernel::Date savings_until{2021, 3, 31}; // last day of their last financial year
  CouncilResponseParams responses;
};

struct ComplaintParams {
  double continuity_per_extra_worker = 0.004;  // monthly hazard per distinct worker above 3
  double per_late_visit = 0.0006;
  double per_missed_visit = 0.01;
};

struct Params {
  RunParams run;
  DemandParams demand;
  ReablementParams reablement;
  DirectPaymentParams direct_payments;
  TravelParams travel;
  WorkforceParams workforce;
  LabourMarketParams labour_market;
  TrainingParams training;
  WageParams wages;
  ProviderParams providers;
  CommissioningParams commissioning;
  PatchParams patches;
  TenderParams tender;
  ApprovedListParams approved_list;
  SpotMarketParams spot_market;
  CouncilParams council;
  ComplaintParams complaints;
};

/// The start dates of the dated policy levers (travel time paid, guaranteed hours, training
/// minimum, partnership forum, price rule), by key path. Each defaults to
/// commissioning.switch_date: the loader sets those no scenario file sets, so a lever set in a
/// policy scenario does not act before the new contracts (nor in the calibration year). The
/// living wage's dates are its phasing schedule's.
[[nodiscard]] std::vector<std::pair<std::string_view, kernel::Date*>> lever_start_dates(Params& p);

}  // namespace homecare::model
