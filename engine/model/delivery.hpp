// Delivery of a day: each provider retries the gaps in its rosters, covers the visits of absent
// workers and the gaps (the user's own workers first, then the nearest free worker, else the visit
// is missed), and each worker goes round their visits: travel, overruns, lateness, continuity.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Space one day's delivery reuses, so that it allocates nothing day after day.
struct DeliveryScratch {
  struct CoverVisit {
    std::uint16_t minute;
    UserId user;
    std::uint16_t slot;
    std::uint8_t seat;
  };
  std::vector<std::vector<RosterEntry>> today;  // cover given to each worker today, in time order
  std::vector<std::uint64_t> busy_today;        // roster blocks taken today, by local worker index (all if absent)
  std::vector<std::uint8_t> available_today;
  std::vector<std::int32_t> local_of;           // worker -> index in its provider's list today (-1 otherwise)
  std::vector<CoverVisit> cover;
  std::vector<std::pair<UserId, std::uint16_t>> double_visits;
};

/// Delivers day `day` for every active provider: visits, travel, tallies, users' experience and
/// providers' revenue. Draws each visit's overrun from its own stream (user, day, slot).
void deliver_day(std::int64_t day, const Setting& s, World& world, Ledger& ledger, DeliveryScratch& scratch);

}  // namespace homecare::model
