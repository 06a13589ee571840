// What stays fixed through one replicate: its place and parameters, calendar and reporting months,
// the keys of its random streams, travel times and the days of major events at the place's venues. Made once (setup.cpp),
// read by every mechanism.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "kernel/calendar.hpp"
#include "model/care_worker.hpp"
#include "model/params.hpp"
#include "model/place.hpp"
#include "model/streams.hpp"

namespace homecare::model {

/// Travel between two homes: road distance (straight line times circuity) at the mode's speed,
/// slower near the stadium on event days, plus a fixed overhead per leg. Factors precomputed,
/// so a leg costs no division.
struct TravelModel {
  double km_per_m = 0;                               // road km per metre of straight line
  std::array<std::array<double, 2>, 3> min_per_m{};  // by mode, by event-day slowdown
  double leg_overhead_min = 0;
  [[nodiscard]] double minutes(TravelMode mode, Point a, Point b, bool slow) const {
    return distance_m(a, b) * min_per_m[static_cast<std::size_t>(mode)][slow ? 1 : 0] + leg_overhead_min;
  }
};

struct Setting {
  const Place& place;
  const Params& p;
  StreamKeys keys;
  kernel::Calendar cal;
  std::int64_t last_day = 0;  // day index of run.end
  int months = 0;             // reporting months
  int policy_month = 0;       // first month of the policy period
  int allowance = 0;          // providers.roster_travel_allowance_min, whole minutes
  TravelModel travel;
  std::vector<bool> event_day;     // per day index: a major event at a venue
  std::vector<bool> near_stadium;  // per ward: near a venue, so slowed on event days
  /// The reporting month (0-based) of day index `day`.
  [[nodiscard]] int month_of(std::int64_t day) const { return kernel::months_between(p.run.start, cal.date_of_day(day)); }
};

}  // namespace homecare::model
