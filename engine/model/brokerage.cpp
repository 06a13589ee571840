// Brokerage of waiting packages to providers.
#include "model/brokerage.hpp"

#include <algorithm>
#include <numeric>

#include "kernel/random.hpp"
#include "model/roster.hpp"

namespace homecare::model {
namespace {

/// Offers `uid`'s package to `pid`, which takes it if it can roster every visit.
bool offer(UserId uid, ProviderId pid, std::int64_t day, const Setting& s, World& world, Ledger& ledger,
           std::vector<double>& spare) {
  ServiceUser& u = world.user(uid);
  Provider& pr = world.provider(pid);
  // A provider declines at once when its free capacity cannot hold the package.
  double need = 0;
  for (const auto& sl : u.slots) need += 7.0 * (sl.duration + s.allowance) * (sl.double_handed ? 2 : 1);
  if (spare[pid.index()] < need) return false;
  if (!roster_package(uid, pid, s, world)) {
    unroster_user(uid, s, world);
    spare[pid.index()] = std::min(spare[pid.index()], need);  // it will not fit a larger one today
    return false;
  }
  spare[pid.index()] -= need;
  u.provider = pid;
  u.state = UserState::active;
  pr.users.push_back(uid);
  if (!u.ever_placed && u.route == Route::long_term) ledger.month(s.month_of(day)).new_users += 1;
  if (!u.ever_placed) u.started_day = static_cast<double>(day);
  u.ever_placed = true;
  return true;
}

}  // namespace

void brokerage(std::int64_t day, const Setting& s, const Regime& regime, World& world, Ledger& ledger,
               std::vector<double>& spare) {
  const std::size_t n = world.waiting.size();
  if (n == 0) return;
  auto& providers = world.providers;
  std::vector<double> weight(providers.size());
  // Free weekly minutes of each provider, computed once a day and kept up to date as packages
  // are placed, so that hopeless offers cost nothing.
  spare.assign(providers.size(), 0.0);
  for (std::size_t p = 0; p < providers.size(); ++p)
    if (providers[p].active)
      for (WorkerId w : providers[p].workers) spare[p] += world.worker(w).capacity_min_week - world.worker(w).booked_min_week;
  const bool dps = dps_in_force(s.p, regime);
  for (std::size_t i = 0; i < n; ++i) {
    const UserId uid = world.waiting.front();
    world.waiting.pop_front();
    ServiceUser& u = world.user(uid);
    if (u.state != UserState::waiting) continue;
    bool placed = false;
    if (u.route == Route::reablement) {
      placed = offer(uid, world.reablement_team, day, s, world, ledger, spare);
    } else {
      kernel::RandomStream rs(s.keys(rng_brokerage, StreamAgent::user(u.key), static_cast<std::uint32_t>(day)));
      for (std::size_t p = 0; p < providers.size(); ++p)
        weight[p] = provider_serves(regime, providers[p], u.ward) ? std::max(providers[p].size_weight, 1e-4) : 0.0;
      for (int attempt = 0; attempt < 3 && !placed; ++attempt) {
        std::size_t pick = providers.size();
        if (dps) {
          double best = 1e300;
          for (std::size_t p = 0; p < providers.size(); ++p)
            if (weight[p] > 0 && providers[p].price < best) {
              best = providers[p].price;
              pick = p;
            }
        } else if (std::accumulate(weight.begin(), weight.end(), 0.0) > 0) {
          pick = kernel::categorical(rs, weight);
        }
        if (pick >= providers.size()) break;
        weight[pick] = 0;
        placed = offer(uid, ProviderId(static_cast<std::uint32_t>(pick)), day, s, world, ledger, spare);
      }
      // A package waiting over a week is bought spot from a provider with room, at a premium
      // (a few are asked each day, not the whole market).
      if (!placed && static_cast<double>(day) - u.waiting_since >= 7.0) {
        for (int attempt = 0; attempt < 3 && !placed; ++attempt) {
          const std::size_t q = kernel::uniform_index(rs, static_cast<std::uint32_t>(providers.size()));
          if (!providers[q].active || providers[q].reablement_team) continue;
          if (regime.patches_active && providers[q].patches.empty()) continue;
          if (offer(uid, ProviderId(static_cast<std::uint32_t>(q)), day, s, world, ledger, spare)) {
            placed = true;
            u.price_premium = s.p.commissioning.spot_premium;
          }
        }
      }
    }
    if (!placed) world.waiting.push_back(uid);
  }
}

}  // namespace homecare::model
