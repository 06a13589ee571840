// The economy a replicate's firms and people face: pay in force this month (one WageEnvironment,
// computed once a month), the commissioning regime (the framework until the switch date, then the
// scenario's model), and the cost lines of a provider's price build-up.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "kernel/calendar.hpp"
#include "model/costing.hpp"
#include "model/params.hpp"
#include "model/patches.hpp"
#include "model/place.hpp"
#include "model/provider.hpp"

namespace homecare::model {

/// Pay law and pay floors on one month's dates (GBP per hour).
struct WageEnvironment {
  double nlw = 0;                   // National Living Wage in force
  double llw_payable = 0;           // London Living Wage an employer pays (llw_lag_months after announcement)
  double floor = 0;                 // the pay floor: NLW plus the phased share of the gap to the LLW
  double real_living_wage = 0;      // UK Real Living Wage payable
  double llw_payable_at_close = 0;  // the LLW payable on the day the month's figures close
  double nlw_base = 0;              // the NLW on the first day of the place's calibration year
  double outside = 0;               // the outside option care workers compare their pay with (labour_market.hpp)
  double pa_floor = 0;              // personal assistants' pay floor in force (0: none; docs/MODEL.md 7.6)
  /// The wage `pr` pays: its premium over the NLW, never below the floor.
  [[nodiscard]] double offered_wage(const Provider& pr) const { return std::max(floor, nlw + pr.wage_premium); }
};

/// Pay on `from` (a month's first simulated day); `close` is the day its figures close (the
/// month's last day, or run.end).
[[nodiscard]] WageEnvironment wage_environment(const Place& place, const Params& p, kernel::Date from, kernel::Date close);

/// The commissioning regime in force.
struct Regime {
  bool switched = false;        // from commissioning.switch_date on
  bool patches_active = false;  // patch commissioning in force: providers serve only their patches
  PatchPartition patches;       // the partition awarded at the switch (patch model only)
  std::vector<int> retender_month;  // per patch: month of a re-tender for a winner that left (-1: none)
  std::uint32_t tenders = 0;        // tenders run so far (the switch's is the first)
};

/// Whether `pr` takes packages in `ward` under the regime.
[[nodiscard]] bool provider_serves(const Regime& r, const Provider& pr, std::uint16_t ward);
/// Share of new long-term packages taken as a direct payment.
[[nodiscard]] double direct_payment_takeup(const Params& p, const Regime& r);
/// Whether packages are bought on a dynamic purchasing system (cheapest provider first).
[[nodiscard]] bool dps_in_force(const Params& p, const Regime& r);
/// A personal assistant's wage: the calibration year's wage moved with the NLW, and with the living
/// wage policy in force (direct_payments.pa_living_wage from its date) never below the pack's living
/// wage payable (`w.pa_floor`).
[[nodiscard]] double pa_wage(const Params& p, const WageEnvironment& w, const Regime& r);
/// The same without the floor: what the wage would be had the policy not raised it.
[[nodiscard]] double pa_wage_unfloored(const Params& p, const WageEnvironment& w);
/// Mean wage offered by active framework providers (the floor when there are none).
[[nodiscard]] double market_wage(const std::vector<Provider>& providers, const WageEnvironment& w);

/// The dated levers in force this month (each from its start date: params.hpp's
/// lever_start_dates). Before its date a lever is off; the price rule is the framework's NLW uplift.
struct Levers {
  bool travel_paid = false;       // travel between visits is paid working time
  bool forum = false;             // the partnership forum meets
  double share_zero_hours = 0;    // zero-hours share of workers (lower once guaranteed hours are offered)
  PriceRule price_rule = PriceRule::nlw_uplift;
  bool dps_parity = false;        // direct-payment users pay agencies the council's price (direct_payments.dps_parity)
  bool local_supply = false;      // brokerage offers packages to in-borough providers first
};

/// The council's responses to an overspent year in force this month (council_budget.hpp:
/// `responses_in_force`; docs/MODEL.md 7.20a).
struct Responses {
  bool price_freeze = false;      // no April price uplift
  double referral_factor = 1.0;   // long-term referrals are this share of the rate
  bool review_hours_cut = false;  // an hours review lowers visits, never raises them
};

/// The levers in force on `d` (a month's first simulated day).
[[nodiscard]] Levers levers_in_force(const Params& p, kernel::Date d);

/// What the run's first month fixes: the matching function is scaled so that a vacancy fills in
/// workforce.mean_days_to_fill on average in it (labour_market.hpp) (at labour_market.vacancy_rate_reference).
struct LabourReference {
  bool set = false;
  std::int64_t workforce = 0;  // care workers and personal assistants employed at the run's start
  double pool = 0;        // labour_market.pool_ratio x workforce
  double seekers = 0;     // job seekers in the first month
  double attraction = 1;  // vacancy-weighted mean attraction in the first month
  double pa_attraction = 0;  // a personal assistant's in the first month (their wage against the market's)
};

/// The labour market of one month.
struct LabourMarket {
  double market_wage = 0;      // mean wage offered by active framework providers
  double overseas_share = 0;   // share of starters recruited from overseas (0 without the lever)
  double seekers = 0;          // job seekers (LabourReference's units)
  std::int64_t vacancies = 0;  // open vacancies of active providers and vacant personal assistant posts
  double fill_rate = 0;        // hires per vacancy per day at the reference attraction
  double attraction_mean = 1;  // vacancy-weighted mean attraction of the vacancies (providers' and PA posts)
};

/// Personal assistants employed through direct payments, as the labour market sees them.
struct PersonalAssistants {
  std::int64_t employed = 0;  // posts filled
  std::int64_t vacant = 0;    // posts waiting for a replacement
  double wage = 0;      // GBP per hour
};

struct Economy {
  WageEnvironment wages;
  Regime regime;
  CostLines costs;
  Levers levers;
  Responses responses;         // the council's responses to an overspent year, this month
  LabourMarket labour;         // the month's (labour_market.pool)
  LabourReference labour_ref;  // fixed in the run's first month
};

}  // namespace homecare::model
