// Brokerage of waiting packages to providers.
#include "model/brokerage.hpp"

#include <algorithm>
#include <numeric>

#include "kernel/random.hpp"
#include "model/packages.hpp"
#include "model/procurement.hpp"
#include "model/roster.hpp"

namespace homecare::model {
namespace {

/// Offers `uid`'s package to `pid`, which takes it if it can roster every visit.
bool offer(UserId uid, ProviderId pid, std::int64_t day, const Setting& s, World& world, Ledger& ledger,
           std::vector<double>& spare) {
  ServiceUser& u = world.user(uid);
  Provider& pr = world.provider(pid);
  // A provider declines at once when its free capacity cannot hold the package.
  const double need = package_minutes(u, s);
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

void brokerage(std::int64_t day, const Setting& s, const Regime& regime, const Levers& levers, World& world, Ledger& ledger,
               std::vector<double>& spare) {
  const std::size_t n = world.waiting.size();
  if (n == 0) return;
  auto& providers = world.providers;
  std::vector<double> weight(providers.size());
  std::vector<double> held;  // with local supply: the weights of providers based outside, for a second round
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
      // Under patches a winner takes packages only within its awarded hours.
      const int patch = regime.patches_active ? regime.patches.ward_patch[u.ward] : -1;
      const double need = patch >= 0 ? package_minutes(u, s) : 0.0;
      if (patch >= 0)
        for (std::size_t p = 0; p < providers.size(); ++p)
          if (weight[p] > 0 && spare_award(providers[p], patch, regime.patches, world) < need) weight[p] = 0;
      // With local supply in force, a first round of offers goes to the providers based in the
      // borough; those based outside are held back for a second round, asked only when no
      // in-borough provider took the package.
      const bool local = levers.local_supply;
      if (local) {
        held.assign(providers.size(), 0.0);
        for (std::size_t p = 0; p < providers.size(); ++p)
          if (providers[p].out_of_borough) std::swap(held[p], weight[p]);
      }
      for (int round = 0; round < (local ? 2 : 1) && !placed; ++round) {
        if (round == 1) weight.swap(held);  // the outside providers (those tried in round 0 are 0 in both)
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
          if (placed && patch >= 0) u.awarded_min = need;
        }
      }
      // Under patches with an approved list: a package the patch providers have not started within
      // approved_list.after_days, or at once one whose provider failed or handed it back, goes to
      // the list (a few asked each day, the larger more often), at the list provider's own price,
      // plus a premium in an emergency.
      const bool listed = regime.patches_active && s.p.approved_list.enabled;
      if (!placed && listed && (u.emergency || static_cast<double>(day) - u.waiting_since >= s.p.approved_list.after_days)) {
        for (std::size_t p = 0; p < providers.size(); ++p)
          weight[p] = providers[p].active && providers[p].approved_list ? std::max(providers[p].size_weight, 1e-4) : 0.0;
        const bool emergency = u.emergency;
        for (int attempt = 0; attempt < 3 && !placed && std::accumulate(weight.begin(), weight.end(), 0.0) > 0; ++attempt) {
          const std::size_t q = kernel::categorical(rs, weight);
          weight[q] = 0;
          if (offer(uid, ProviderId(static_cast<std::uint32_t>(q)), day, s, world, ledger, spare)) {
            placed = true;
            u.price_premium = emergency ? s.p.approved_list.emergency_premium : 0.0;
          }
        }
      }
      // With spot providers outside the framework, a package waiting over a week is bought from
      // them (a few asked, equally), at their own price.
      const bool off_market = s.p.spot_market.providers > 0;
      if (!placed && off_market && static_cast<double>(day) - u.waiting_since >= 7.0) {
        for (std::size_t p = 0; p < providers.size(); ++p) weight[p] = providers[p].active && providers[p].off_framework ? 1.0 : 0.0;
        for (int attempt = 0; attempt < 3 && !placed && std::accumulate(weight.begin(), weight.end(), 0.0) > 0; ++attempt) {
          const std::size_t q = kernel::categorical(rs, weight);
          weight[q] = 0;
          placed = offer(uid, ProviderId(static_cast<std::uint32_t>(q)), day, s, world, ledger, spare);
        }
      }
      // Otherwise a package waiting over a week is bought spot from a provider with room, at a
      // premium (a few are asked each day, not the whole market).
      if (!placed && !listed && !off_market && static_cast<double>(day) - u.waiting_since >= 7.0) {
        for (int attempt = 0; attempt < 3 && !placed; ++attempt) {
          const std::size_t q = kernel::uniform_index(rs, static_cast<std::uint32_t>(providers.size()));
          if (!providers[q].active || providers[q].reablement_team) continue;
          if (regime.patches_active && providers[q].patches.empty()) continue;
          // Under patches without a list, only within the provider's award in the package's patch.
          if (patch >= 0 && spare_award(providers[q], patch, regime.patches, world) < need) continue;
          if (offer(uid, ProviderId(static_cast<std::uint32_t>(q)), day, s, world, ledger, spare)) {
            placed = true;
            u.price_premium = s.p.commissioning.spot_premium;
            if (patch >= 0) u.awarded_min = need;
          }
        }
      }
    }
    if (!placed) world.waiting.push_back(uid);
  }
}

}  // namespace homecare::model
