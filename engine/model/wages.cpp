// Wage floors and outside options from the place's dated tables (sources:
// boroughs/tables/wage_floors.yaml, boroughs/tables/outside_options.yaml).
#include "model/wages.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.hpp"

namespace homecare::model {

namespace {

/// `column` of table `t` on `d`, refused after the table's last known date (nobody knows the value
/// then).
double known_value(const DatedTable& t, kernel::Date d, const std::string& column) {
  if (d > t.valid_until)
    throw ModelError("table " + t.name + " (" + t.file + ") asked for " + kernel::to_iso(d) + ", after its last date " +
                     kernel::to_iso(t.valid_until) + " (add the table's rows, with their sources, first)");
  return t.at(d, t.column(column));
}

}  // namespace

kernel::Date minus_months(kernel::Date d, double months) {
  const auto whole = static_cast<int>(std::floor(months));
  const double frac = months - whole;
  const kernel::Date first = kernel::add_months(kernel::Date{d.year, d.month, 1}, -whole);
  const kernel::Date shifted{first.year, first.month, std::min(d.day, kernel::days_in_month(first.year, first.month))};
  const auto back = static_cast<std::int64_t>(std::llround(frac * 30.44));
  return kernel::from_day_number(kernel::to_day_number(shifted) - back);
}

double national_living_wage(const Place& place, kernel::Date d) { return place.tables.national_living_wage.at(d, 0); }
double london_living_wage_announced(const Place& place, kernel::Date d) { return place.living_wage().at(d, 0); }
double london_living_wage_payable(const Place& place, kernel::Date d, double lag_months) {
  return place.living_wage().at(minus_months(d, lag_months), 0);
}
double real_living_wage_payable(const Place& place, kernel::Date d) {
  return place.tables.uk_real_living_wage.at(minus_months(d, 6.0), 0);
}

OutsideOptions outside_options(const Place& place, kernel::Date d) {
  const DatedTable& t = place.outside_options();
  return {known_value(t, d, "retail"), known_value(t, d, "nhs_band2"), known_value(t, d, "care_elsewhere")};
}

double international_share_of_starters(const Place& place, kernel::Date d) {
  return known_value(place.tables.international_recruitment, d, "share_of_starters");
}

std::vector<ScheduleStep> llw_schedule(const WageParams& w) {
  if (w.llw_steps <= 0) return w.llw_phasing;
  std::vector<ScheduleStep> steps;
  for (std::int64_t i = 0; i < w.llw_steps; ++i) {
    kernel::Date d{w.llw_from.year + static_cast<int>(i), w.llw_from.month, w.llw_from.day};
    if (d.month == 2 && d.day == 29 && !kernel::is_leap_year(d.year)) d.day = 28;
    steps.push_back({d, static_cast<double>(i + 1) / static_cast<double>(w.llw_steps)});
  }
  return steps;
}

double schedule_value(const std::vector<ScheduleStep>& steps, kernel::Date d) {
  double s = 0.0;
  for (const auto& step : steps)
    if (!(d < step.from)) s = step.value;
  return s;
}

double llw_share(const std::vector<ScheduleStep>& phasing, kernel::Date d) { return schedule_value(phasing, d); }

double wage_floor(const Place& place, kernel::Date d, const std::vector<ScheduleStep>& phasing, double lag_months) {
  const double n = national_living_wage(place, d);
  const double share = llw_share(phasing, d);
  if (share <= 0.0) return n;
  return n + share * std::max(0.0, london_living_wage_payable(place, d, lag_months) - n);
}

double outside_wage(const Place& place, const Params& p, kernel::Date d, double nlw) {
  const LabourMarketParams& q = p.labour_market;
  double w = q.weight_nlw > 0 ? q.weight_nlw * nlw * (1.0 + p.workforce.outside_premium) : 0.0;
  if (q.weight_retail > 0 || q.weight_nhs_band2 > 0 || q.weight_care_elsewhere > 0) {
    const OutsideOptions o = outside_options(place, d);
    w += q.weight_retail * o.retail + q.weight_nhs_band2 * o.nhs_band2 + q.weight_care_elsewhere * o.care_elsewhere;
  }
  return w;
}

}  // namespace homecare::model
