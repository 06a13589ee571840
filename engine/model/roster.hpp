// Rostering: each package's standing weekly roster, which keeps a user's regular workers from week
// to week; gaps are queued with the provider for daily cover (delivery.cpp) and retried.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "model/ids.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Quarter-hour blocks a visit occupies in a roster: the visit plus the travel allowance, rounded
/// up, within 07:00-23:00 (64 blocks). Inline: the day's delivery asks for every visit.
struct Blocks {
  std::uint64_t mask;
  double minutes;
};
[[nodiscard]] inline Blocks blocks_for(int minute, int duration, int allowance) {
  const int b0 = std::clamp((minute - roster_first_minute) / roster_block_minutes, 0, 63);
  const int n = std::clamp((duration + allowance + roster_block_minutes - 1) / roster_block_minutes, 1, 64 - b0);
  const std::uint64_t bits = n >= 64 ? ~0ULL : ((1ULL << n) - 1ULL);
  return {bits << b0, static_cast<double>(n * roster_block_minutes)};
}

/// Whether `w` works on `day` (weekday `weekday`): employed, not a day off, not absent.
[[nodiscard]] inline bool works_on(const CareWorker& w, std::int64_t day, int weekday) {
  return w.employed && ((w.days_off >> weekday) & 1U) == 0 && static_cast<double>(day) >= w.absent_until_day;
}

/// Finds a worker of provider `pid` for seat `seat` of slot `k` of `u`'s package on weekday `wd`
/// (`prefer` first, then the user's regular workers, then the nearest with room, at most
/// providers.roster_search of them); with `commit`, books them. False when nobody fits.
bool roster_slot(UserId u, std::size_t k, int wd, int seat, ProviderId pid, bool commit, const Setting& s, World& world,
                 WorkerId prefer = WorkerId{});
/// Rosters every visit of `u`'s package with `pid`; false at the first that finds nobody (the
/// visits already rostered stay booked: the caller unrosters them).
bool roster_package(UserId u, ProviderId pid, const Setting& s, World& world);
/// Frees the worker of one seat of one visit.
void unroster_entry(UserId u, std::size_t k, int wd, int seat, const Setting& s, World& world);
/// Frees every worker of `u`'s package.
void unroster_user(UserId u, const Setting& s, World& world);
/// Empties `w`'s roster; each visit it held is queued for cover with the user's provider.
void unroster_worker(WorkerId w, World& world);
/// Frees `w`'s latest visits of the week (Sunday's last first) until their booked minutes fit
/// their capacity; each is queued for cover with the user's provider.
void shed_to_capacity(WorkerId w, const Setting& s, World& world);
/// Queues a visit that nobody is rostered for with its provider, for cover and daily retries.
void queue_for_cover(Provider& pr, UserId u, std::size_t k, int wd, int seat);

}  // namespace homecare::model
