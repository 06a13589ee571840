// The council's ledger: budget and spend, by category; the responses to an overspent year.
#include "model/council_budget.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.hpp"

namespace homecare::model {

namespace {
double rate_for_wage(const Params& p, double wage) {
  // Never below zero: with a zero base rate, rounding in the wage difference could make it -1e-12.
  return std::max(0.0, p.direct_payments.rate_per_hour + (wage - p.direct_payments.pa_wage) * (1.0 + p.providers.oncost_rate));
}
}  // namespace

double direct_payment_rate(const Params& p, const WageEnvironment& w, const Regime& r) {
  return rate_for_wage(p, p.direct_payments.rate_covers_pa_floor ? pa_wage(p, w, r) : pa_wage_unfloored(p, w));
}

double pa_hours_share(const Params& p, const WageEnvironment& w, const Regime& r) {
  if (p.direct_payments.rate_covers_pa_floor) return 1.0;
  const double needed = rate_for_wage(p, pa_wage(p, w, r));
  return needed > 0 ? std::min(1.0, rate_for_wage(p, pa_wage_unfloored(p, w)) / needed) : 1.0;
}

DirectPaymentDay direct_payment_day(const ServiceUser& u, bool setting_up, const Params& p, const Levers& l, double rate,
                                    double council_price, double pa_share) {
  const auto& dp = p.direct_payments;
  const double planned_min = u.weekly_hours * 60.0 / 7.0;
  DirectPaymentDay day;
  // An agency buyer's budget is the council's own price an hour (Care Act 2014 s.26: the cost to
  // the council of meeting the need); everyone else's the direct-payment rate.
  const bool agency = !u.has_pa && dp.buy_from_agencies;
  if (setting_up) {
    // Not paid until it is set up; the person waits.
    day.unmet_min = planned_min;
    return day;
  }
  day.paid = u.weekly_hours / 7.0 * (agency ? council_price : rate);
  if (u.has_pa && u.pa_vacant) {
    // Nothing delivered: the money for the day is unspent and recouped in full.
    day.recouped = day.paid;
    day.unmet_min = planned_min;
    return day;
  }
  // The share of the planned hours the money buys: a PA's hours fall when the rate does not cover
  // their floor; an agency charges a direct-payment user its self-funder rate unless parity holds.
  double served = 1.0;
  if (u.has_pa) served = pa_share;
  else if (agency) served = l.dps_parity ? 1.0 : 1.0 / (1.0 + dp.self_funder_premium);
  day.unmet_min = planned_min * (1.0 - served);
  // Money for hours bought is spent but for the share a served package leaves unused.
  day.recouped = day.paid * dp.underspend;
  return day;
}

double annual_savings(const Params& p, kernel::Date d) {
  // Equal steps, one each April from savings_from's financial year to savings_until's; each step
  // stays taken (the budget is lowered for good).
  const int fy_year = kernel::financial_year(d);
  const int first = kernel::financial_year(p.council.savings_from);
  const int last = kernel::financial_year(p.council.savings_until);
  if (fy_year < first || last < first) return 0.0;
  const double steps = last - first + 1;
  const double taken = std::min(fy_year, last) - first + 1;
  return p.council.savings_total * p.council.savings_home_care_share * taken / steps;
}

double annual_budget(const Place& place, const Params& p, kernel::Date d) {
  // The bases are the calibration year's budgets; they grow from the next.
  const int fy_year = kernel::financial_year(d);
  const int base = kernel::financial_year(place.calibration_from);
  const int growth_years = std::max(0, std::min(fy_year, kernel::financial_year(p.council.growth_until)) - base);
  return (p.council.budget_2016 + p.council.dp_budget_2016) * std::pow(1.0 + p.council.precept_share, growth_years) +
         p.council.demography_growth * growth_years - annual_savings(p, d);
}

Responses responses_in_force(const Params& p, kernel::Date d, const Ledger& ledger) {
  const CouncilResponseParams& c = p.council.responses;
  Responses r;
  if (!ledger.last_year_overspent) return r;
  r.price_freeze = c.price_freeze && !(d < c.price_freeze_from);
  if (c.eligibility && !(d < c.eligibility_from)) r.referral_factor = 1.0 - c.eligibility_cut;
  r.review_hours_cut = c.review_hours_cut && !(d < c.review_hours_cut_from);
  return r;
}

void close_council_month(int month, kernel::Date d, double payments, const Setting& s, const Economy& econ, Ledger& ledger) {
  const Params& p = s.p;
  MonthTally& t = ledger.month(month);
  const double days = kernel::days_in_month(d.year, d.month);
  ledger.residential_caused *= std::exp(-p.demand.death_hazard * 1.5 / 12.0);  // residents die faster
  t.spend_training = ledger.training_supplement_month;
  t.spend_residential = ledger.residential_caused * p.council.residential_week_cost * days / 7.0;
  // The forum's cost a month while it meets (from the month it starts in; econ.levers, set on the
  // month's first day, says whether it does).
  t.spend_forum = econ.levers.forum ? p.council.forum_running_cost / 12.0 : 0.0;
  t.spend += t.spend_dp + payments + t.spend_training + t.spend_residential + t.spend_forum;
#ifdef HOMECARE_CHECKED
  // Money: what the council paid providers is what their delivered visits earned, no more, no less
  // (providers that exited this month included).
  if (!(payments >= 0) || std::fabs(payments - t.paid_for_visits - t.paid_for_blocks) > 1e-9 * std::max(1.0, payments))
    throw ModelError("month " + std::to_string(month) + ": payments to providers (" + std::to_string(payments) +
                     ") != the visits' earnings (" + std::to_string(t.paid_for_visits) + ") and block contracts' unused hours (" +
                     std::to_string(t.paid_for_blocks) + ")");
  // The categories add up to the spend.
  const double categories = t.spend_long_term + t.spend_reablement + t.spend_dp + t.spend_training + t.spend_residential + t.spend_forum;
  if (std::fabs(categories - t.spend) > 1e-9 * std::max(1.0, t.spend))
    throw ModelError("month " + std::to_string(month) + ": spend by category (" + std::to_string(categories) +
                     ") != spend (" + std::to_string(t.spend) + ")");
#endif
  t.budget = annual_budget(s.place, p, d) / 12.0;
  t.savings = annual_savings(p, d) / 12.0;
  // Residential placements are not charged to the home care budget.
  ledger.year_overspend += t.spend - t.spend_residential - t.budget;
  if (d.month == 3) {
    ledger.last_year_overspent = ledger.year_overspend > 0;
    ledger.year_overspend = 0;
  }
}

}  // namespace homecare::model
