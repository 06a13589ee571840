// The council's ledger: budget and spend.
#include "model/council_budget.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.hpp"

namespace homecare::model {

double direct_payment_rate(const Params& p, const WageEnvironment& w, const Regime& r) {
  const double pa_2016 = p.direct_payments.pa_wage;
  // Never below zero: with a zero 2016 rate, rounding in the wage difference could make it -1e-12.
  return std::max(0.0, (p.direct_payments.rate_per_hour + (pa_wage(p, w, r) - pa_2016) * (1.0 + p.providers.oncost_rate)) *
                           (1.0 - p.direct_payments.underspend));
}

double annual_budget(const Place& place, const Params& p, kernel::Date d) {
  // council.budget_2016 is the budget of the calibration year; it grows from the next.
  const int fy_year = kernel::financial_year(d);
  const int base = kernel::financial_year(place.calibration_from);
  const int growth_years = std::max(0, std::min(fy_year, kernel::financial_year(p.council.growth_until)) - base);
  return p.council.budget_2016 * std::pow(1.0 + p.council.precept_share, growth_years) + p.council.demography_growth * growth_years;
}

void close_council_month(int month, kernel::Date d, double payments, const Setting& s, Ledger& ledger) {
  const Params& p = s.p;
  MonthTally& t = ledger.month(month);
  const double days = kernel::days_in_month(d.year, d.month);
  ledger.residential_caused *= std::exp(-p.demand.death_hazard * 1.5 / 12.0);  // residents die faster
  t.spend += t.spend_dp + payments + ledger.training_supplement_month +
             ledger.residential_caused * p.council.residential_week_cost * days / 7.0;
#ifdef HOMECARE_CHECKED
  // Money: what the council paid providers is what their delivered visits earned, no more, no less
  // (providers that exited this month included).
  if (!(payments >= 0) || std::fabs(payments - t.paid_for_visits) > 1e-9 * std::max(1.0, payments))
    throw ModelError("month " + std::to_string(month) + ": payments to providers (" + std::to_string(payments) +
                     ") != the visits' earnings (" + std::to_string(t.paid_for_visits) + ")");
#endif
  t.budget = annual_budget(s.place, p, d) / 12.0;
}

}  // namespace homecare::model
