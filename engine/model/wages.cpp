// Wage floor tables (FACTS.md: gov.uk minimum wage rates; Living Wage Foundation announcements).
#include "model/wages.hpp"

#include <algorithm>
#include <cmath>

namespace homecare::model {
namespace {

struct Rate {
  kernel::Date from;
  double rate;
};

// National Living Wage (25+, 23+ from April 2021), from 1 April each year. Before April 2016
// the adult National Minimum Wage (6.70 from October 2015).
const Rate nlw[] = {{{2015, 10, 1}, 6.70}, {{2016, 4, 1}, 7.20}, {{2017, 4, 1}, 7.50},
                    {{2018, 4, 1}, 7.83}, {{2019, 4, 1}, 8.21}, {{2020, 4, 1}, 8.72},
                    {{2021, 4, 1}, 8.91}, {{2022, 4, 1}, 9.50}};
// London Living Wage, dated by announcement. 2015: 9.40 (2 Nov 2015).
const Rate llw[] = {{{2015, 11, 2}, 9.40},  {{2016, 10, 31}, 9.75}, {{2017, 11, 6}, 10.20},
                    {{2018, 11, 5}, 10.55}, {{2019, 11, 11}, 10.75}, {{2020, 11, 9}, 10.85},
                    {{2021, 11, 15}, 11.05}, {{2022, 9, 22}, 11.95}};
// UK Real Living Wage by announcement (2015: 8.25).
const Rate rlw[] = {{{2015, 11, 2}, 8.25}, {{2016, 10, 31}, 8.45}, {{2017, 11, 6}, 8.75},
                    {{2018, 11, 5}, 9.00}, {{2019, 11, 11}, 9.30}, {{2020, 11, 9}, 9.50},
                    {{2021, 11, 15}, 9.90}, {{2022, 9, 22}, 10.90}};

template <std::size_t N>
double lookup(const Rate (&table)[N], kernel::Date d) {
  double r = table[0].rate;
  for (const auto& x : table)
    if (!(d < x.from)) r = x.rate;
  return r;
}

kernel::Date minus_months(kernel::Date d, double months) {
  const auto whole = static_cast<int>(std::floor(months));
  const double frac = months - whole;
  const kernel::Date first = kernel::add_months(kernel::Date{d.year, d.month, 1}, -whole);
  const kernel::Date shifted{first.year, first.month, std::min(d.day, kernel::days_in_month(first.year, first.month))};
  const auto back = static_cast<std::int64_t>(std::llround(frac * 30.44));
  return kernel::from_day_number(kernel::to_day_number(shifted) - back);
}

}  // namespace

double national_living_wage(kernel::Date d) { return lookup(nlw, d); }
double london_living_wage_announced(kernel::Date d) { return lookup(llw, d); }
double london_living_wage_payable(kernel::Date d, double lag_months) {
  return lookup(llw, minus_months(d, lag_months));
}
double real_living_wage_payable(kernel::Date d) { return lookup(rlw, minus_months(d, 6.0)); }

double llw_share(const std::vector<ScheduleStep>& phasing, kernel::Date d) {
  double s = 0.0;
  for (const auto& step : phasing)
    if (!(d < step.from)) s = step.value;
  return s;
}

double wage_floor(kernel::Date d, const std::vector<ScheduleStep>& phasing, double lag_months) {
  const double n = national_living_wage(d);
  const double share = llw_share(phasing, d);
  if (share <= 0.0) return n;
  return n + share * std::max(0.0, london_living_wage_payable(d, lag_months) - n);
}

}  // namespace homecare::model
