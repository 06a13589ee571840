// Pay as minimum-wage law counts it (pay_law.hpp).
#include "model/pay_law.hpp"

namespace homecare::model {
namespace {
// Pay within a thousandth of a penny of the floor is at the floor (a worker paid exactly the NLW
// for every minute must not count as below it through rounding).
constexpr double tolerance_gbp = 1e-5;
}  // namespace

double paid_minutes(const CareWorker& w, bool travel_paid) {
  return w.contact_min_month + (travel_paid ? w.travel_min_month : 0.0) + w.training_hours_month * 60.0;
}

double worked_minutes(const CareWorker& w) { return w.contact_min_month + w.travel_min_month + w.training_hours_month * 60.0; }

double minimum_wage_shortfall(const CareWorker& w, double nlw, bool travel_paid) {
  const double worked = worked_minutes(w);
  if (worked <= 0) return 0.0;
  const double pay = paid_minutes(w, travel_paid) / 60.0 * w.wage;
  const double due = worked / 60.0 * nlw;
  return pay < due - tolerance_gbp ? due - pay : 0.0;
}

MinimumWageCheck check_minimum_wage(std::span<const CareWorker> workers, double nlw, bool travel_paid) {
  MinimumWageCheck c;
  for (const CareWorker& w : workers) {
    if (worked_minutes(w) <= 0) continue;
    c.worked += 1;
    const double gap = minimum_wage_shortfall(w, nlw, travel_paid);
    if (gap > 0) {
      c.below += 1;
      c.shortfall += gap;
    }
  }
  return c;
}

}  // namespace homecare::model
