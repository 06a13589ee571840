// A care worker: employer, home, travel mode, contract, pay, training and weekly roster.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "model/place.hpp"
#include "model/ids.hpp"
#include "model/streams.hpp"

namespace homecare::model {

enum class TravelMode : std::uint8_t { walk, bus, car };
enum class Qualification : std::uint8_t { none, level2, level3 };
/// A course a worker is enrolled on (training.cpp): its hours come out of their week until it ends.
enum class Course : std::uint8_t { none, certificate, level2, level3 };

/// One rostered visit in a worker's standard week.
struct RosterEntry {
  std::uint16_t minute;
  std::uint16_t duration;
  UserId user;
  std::uint16_t slot;  // index into the user's slots
  std::uint8_t seat;   // 0 or 1 (second carer of a double-handed visit)
  bool double_handed;  // copied from the slot, so a single-handed visit needs no slot lookup
};

/// Quarter-hour blocks from 07:00 to 23:00 (64 blocks) that a worker's roster occupies.
/// A worker's standing week: every roster entry in one block, sorted by (weekday, minute), so a
/// day's visits are one short contiguous run (the day's delivery reads them for every worker).
class WeekRoster {
 public:
  [[nodiscard]] std::span<const RosterEntry> day(int wd) const {
    return {entries_.data() + start_[static_cast<std::size_t>(wd)], entries_.data() + start_[static_cast<std::size_t>(wd) + 1]};
  }
  [[nodiscard]] std::span<RosterEntry> day(int wd) {
    return {entries_.data() + start_[static_cast<std::size_t>(wd)], entries_.data() + start_[static_cast<std::size_t>(wd) + 1]};
  }
  /// Where the day's entries start, for prefetching.
  [[nodiscard]] const RosterEntry* day_data(int wd) const { return entries_.data() + start_[static_cast<std::size_t>(wd)]; }
  /// Adds an entry after any of the same day with an earlier or equal minute.
  void insert(int wd, const RosterEntry& e) {
    const auto d = day(wd);
    const auto at = std::upper_bound(d.begin(), d.end(), e, [](const RosterEntry& a, const RosterEntry& b) { return a.minute < b.minute; });
    entries_.insert(entries_.begin() + (at - d.begin()) + start_[static_cast<std::size_t>(wd)], e);
    for (std::size_t k = static_cast<std::size_t>(wd) + 1; k < start_.size(); ++k) ++start_[k];
  }
  /// Removes the day's entry at `i` (an index into day(wd)).
  void erase(int wd, std::size_t i) {
    entries_.erase(entries_.begin() + start_[static_cast<std::size_t>(wd)] + static_cast<std::ptrdiff_t>(i));
    for (std::size_t k = static_cast<std::size_t>(wd) + 1; k < start_.size(); ++k) --start_[k];
  }
  void clear() {
    entries_.clear();
    start_.fill(0);
  }

 private:
  std::vector<RosterEntry> entries_;
  std::array<std::uint16_t, 8> start_{};  // day d is [start_[d], start_[d + 1])
};

inline constexpr int roster_first_minute = 7 * 60;
inline constexpr int roster_block_minutes = 15;

struct CareWorker {
  // Hot: read for every worker every day (availability, free blocks, then the day's roster),
  // and for every candidate when rostering.
  bool employed = false;
  std::uint8_t days_off = 0;     // weekday bits not worked
  ProviderId provider;
  double absent_until_day = -1;  // absence (sickness, leave) ends at this day index
  std::array<std::uint64_t, 7> busy{};
  double booked_min_week = 0;
  double capacity_min_week = 0;  // minutes a week available for council work
  WeekRoster week;
  std::uint16_t ward = 0;
  TravelMode mode = TravelMode::bus;
  bool trained = false;          // recorded training (any induction, or the Care Certificate)
  Point home;
  // This month, for pay, costs and turnover.
  double contact_min_month = 0;
  double travel_min_month = 0;
  double km_month = 0;
  double training_hours_month = 0;
  // Travel into the borough and home again, for a worker who lives outside it: not travel
  // between visits (travel_min_month), nor working time as minimum-wage law counts it.
  double commute_min_month = 0;
  // Cold.
  WorkerKey key;                 // identity for random streams: the post first held (streams.hpp)
  std::uint32_t post = 0;        // the post held now at its provider
  double quit_clock = 0;         // the job's quit hazard still to run before they quit (Exp(1) at its start)
  double quit_due = -1;          // minutes: when the quit scheduled for this job falls (-1: none)
  bool zero_hours = true;
  bool benefit_limited = false;  // benefit rules limit the hours they work (workforce.benefit_limit_hours)
  double zero_hours_draw = 0;    // uniform drawn at hire: on zero hours while below the share in force
  Qualification qualification = Qualification::none;
  bool care_certificate = false;  // holds the Care Certificate (trained to its standards)
  Course course = Course::none;   // enrolled on this course until course_end_day
  double course_start_day = 0;
  double course_end_day = 0;
  double study_min_week = 0;      // council minutes a week the course takes from capacity_min_week
  double wage = 0;
  // TUPE reg. 4: the base pay (wage less the qualification premium) brought to this job by a
  // transfer, which the new employer may not cut; 0 for a job taken any other way.
  double protected_base_wage = 0;
  double frailty = 1;            // individual quit propensity (gamma, mean 1)
  double hired_day = 0;
  double sector_start_day = 0;   // day index the worker entered the sector (may be negative)
  double changed_agency_day = -1e9;
  double unpaid_travel_share = 0;  // last month: unpaid travel over working time
  bool lives_outside = false;     // lives outside the borough (hired by a provider based there): longer first and last legs
};


}  // namespace homecare::model
