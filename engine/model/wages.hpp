// Statutory and voluntary wage floors over time, looked up in the place's dated tables
// (boroughs/tables/wage_floors.yaml): the National Living Wage, the living wage the place's
// living-wage policy pays towards (the London Living Wage in London, else the UK Real Living
// Wage), the UK Real Living Wage; and the living-wage phasing a scenario sets. Also care workers'
// outside options (boroughs/tables/outside_options.yaml), for the labour market.
#pragma once

#include <vector>

#include "kernel/calendar.hpp"
#include "model/parameter_spec.hpp"
#include "model/params.hpp"
#include "model/place.hpp"

namespace homecare::model {

/// National Living Wage (adult rate) in force on `d` (GBP per hour; rises each 1 April).
[[nodiscard]] double national_living_wage(const Place& place, kernel::Date d);
/// The place's living wage announced most recently before `d` (GBP per hour).
[[nodiscard]] double london_living_wage_announced(const Place& place, kernel::Date d);
/// The place's living wage an employer must pay on `d` if it implements announcements
/// `lag_months` after them.
[[nodiscard]] double london_living_wage_payable(const Place& place, kernel::Date d, double lag_months);
/// UK Real Living Wage payable on `d` (announced each autumn, six months to implement).
[[nodiscard]] double real_living_wage_payable(const Place& place, kernel::Date d);
/// The living-wage schedule in force: wages.llw_phasing, or the llw_steps equal yearly steps
/// from llw_from when llw_steps > 0.
[[nodiscard]] std::vector<ScheduleStep> llw_schedule(const WageParams& w);
/// Share of the NLW-to-living-wage gap a phasing schedule requires on `d` (0 before its first step).
[[nodiscard]] double llw_share(const std::vector<ScheduleStep>& phasing, kernel::Date d);
/// The value of a dated schedule on `d`: its last step on or before `d` (0 before the first).
[[nodiscard]] double schedule_value(const std::vector<ScheduleStep>& steps, kernel::Date d);
/// The pay floor on `d`: NLW + share x (living wage payable - NLW), never below the NLW.
[[nodiscard]] double wage_floor(const Place& place, kernel::Date d, const std::vector<ScheduleStep>& phasing,
                                double lag_months);
/// Hourly pay of a care worker's outside options (GBP per hour; boroughs/tables/outside_options.yaml).
struct OutsideOptions {
  double retail = 0;          // entry pay at a big supermarket
  double nhs_band2 = 0;       // NHS healthcare assistant, Band 2 entry with the area's supplement
  double care_elsewhere = 0;  // care work for another employer in the region
};

/// The place's outside options in force on `d` (GBP per hour). Throws ModelError, naming the table
/// and its last date, for a date after the table's valid_until.
[[nodiscard]] OutsideOptions outside_options(const Place& place, kernel::Date d);
/// Share of new care-work starters recruited from overseas on `d` (England). Throws ModelError,
/// naming the table and its last date, for a date after the table's valid_until.
[[nodiscard]] double international_share_of_starters(const Place& place, kernel::Date d);

/// `d` moved back by `months` (whole months by the calendar, a fraction as 30.44 days each): the
/// announcement date a payment on `d` implements.
[[nodiscard]] kernel::Date minus_months(kernel::Date d, double months);

/// The outside option on `d` (GBP per hour): the weighted mean of the place's dated outside
/// wages (labour_market.weight_*), with weight_nlw on NLW x (1 + workforce.outside_premium).
[[nodiscard]] double outside_wage(const Place& place, const Params& p, kernel::Date d, double nlw);

}  // namespace homecare::model
