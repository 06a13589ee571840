// Pay as minimum-wage law counts it: the minutes a worker is paid for, the minutes the law counts
// as working time, and whether a month's pay over those minutes reaches the National Living Wage.
//
// The law (docs/MODEL.md, "Pay as the law counts it"; FACTS-ADDENDUM §6) counts travel between
// visits and training as working time, whether or not the employer pays for them. Providers pay
// contact and training time, and travel time only when wages.travel_time_paid is set, so a
// worker's pay averaged over the hours the law counts can fall below the floor even when the
// hourly wage is above it.
//
// What the model leaves out: waiting time between visits (gaps in the day that are neither
// travel nor contact) is not modelled separately, so it is neither paid nor counted here;
// the model has no worker ages, so every worker is held to the adult rate (the NLW); and pay
// is the wage alone (no on-costs, mileage or other allowances count towards it).
#pragma once

#include <cstdint>
#include <span>

#include "model/care_worker.hpp"

namespace homecare::model {

/// Minutes this month the worker's employer pays for: contact, travel when `travel_paid`, training.
[[nodiscard]] double paid_minutes(const CareWorker& w, bool travel_paid);

/// Minutes this month the law counts as working time: contact, travel and training.
[[nodiscard]] double worked_minutes(const CareWorker& w);

/// GBP the worker's pay this month (wage × paid minutes) falls short of `nlw` × the hours
/// worked (wages only, no on-costs); 0 when it does not, or when they did not work.
[[nodiscard]] double minimum_wage_shortfall(const CareWorker& w, double nlw, bool travel_paid);

/// One month's count over the workers who worked in it.
struct MinimumWageCheck {
  std::int64_t worked = 0;  // workers with working time > 0
  std::int64_t below = 0;   // of them, paid less than `nlw` for each hour worked
  double shortfall = 0;     // GBP to bring those below up to `nlw` for every hour worked
};

/// The month's check over `workers` (employed or not: one who left in the month worked in it).
[[nodiscard]] MinimumWageCheck check_minimum_wage(std::span<const CareWorker> workers, double nlw, bool travel_paid);

}  // namespace homecare::model
