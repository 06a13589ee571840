// A person who needs care at home: their package, visit plan and experience of it.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "model/place.hpp"
#include "model/ids.hpp"
#include "model/streams.hpp"

namespace homecare::model {

enum class ClientGroup : std::uint8_t { older, physical_disability, learning_disability, mental_health };
enum class UserState : std::uint8_t { assessing, waiting, active, ended };
enum class Route : std::uint8_t { long_term, reablement, direct_payment };

/// One daily visit of a package. `regular[d]` are the workers rostered on weekday d (Monday 0):
/// the second only for double-handed visits. Invalid where nobody is rostered.
struct VisitSlot {
  std::uint16_t minute = 0;    // planned start, minutes after midnight
  std::uint16_t duration = 30; // minutes
  bool double_handed = false;
  std::array<std::array<WorkerId, 2>, 7> regular{};
  // Today's double-handed arrivals (minutes after midnight) by seat, valid when stamp == day.
  std::array<float, 2> arrival{};
  std::int32_t stamp = -1;
  std::int32_t missed_stamp = -1;  // day index on which this visit was missed
  std::array<std::int32_t, 2> cover_stamp{-1, -1};  // day index on which a seat was queued for cover
};

struct ServiceUser {
  // Hot: read for every visit of the day, kept together in the first cache lines.
  UserState state = UserState::assessing;
  bool in_hospital = false;
  bool double_handed = false;
  Route route = Route::long_term;
  std::uint16_t ward = 0;
  ProviderId provider;
  Point home;
  double price_premium = 0;       // spot purchase: GBP per hour over the provider's price
  UserKey key;                    // identity for random streams (streams.hpp)
  std::uint8_t seen_count = 0;
  std::uint16_t visits_month = 0;
  std::uint16_t late_month = 0;
  std::uint16_t missed_month = 0;
  WorkerId last_seen;               // the worker of the previous visit (most often the same)
  std::array<WorkerId, 16> seen{};  // distinct workers this month
  // Cold.
  ClientGroup group = ClientGroup::older;
  bool has_pa = false;          // direct payment spent on a personal assistant
  bool pa_vacant = false;
  bool dp_setup = false;         // a direct payment being set up (assessed, not yet working)
  bool changed_provider = false;  // since the switch (lost continuity at re-procurement)
  bool counted_calibration_year = false;
  bool ever_placed = false;
  bool emergency = false;       // waiting after its provider failed: the approved list is asked at once
  double awarded_min = 0;       // weekly minutes counted against its patch provider's award when placed     // has been placed with a provider (new_users counts first placements)
  std::uint8_t missed_days_month = 0;
  std::int32_t last_missed_day = -1;
  double weekly_hours = 0;      // planned contact hours a week (per carer)
  double pa_wage_frailty = 1;   // PA's quit propensity
  std::vector<VisitSlot> slots;
  double started_day = -1;      // day index the package started with a provider
  double waiting_since = -1;    // day index
  double unmet_share_last_month = 0;
  /// For each way of leaving (death, residential care, recovery), the hazard still to run before
  /// it happens: Exp(1) each, drawn when the user arrives (needs.cpp: user_month).
  std::array<double, 3> exit_clock{};
};

}  // namespace homecare::model
