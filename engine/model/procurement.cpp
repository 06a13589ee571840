// Procurement: the switch to a new commissioning model, and provider entry.
#include "model/procurement.hpp"

#include <algorithm>
#include <vector>

#include "kernel/random.hpp"
#include "model/demand.hpp"
#include "model/place.hpp"
#include "model/packages.hpp"
#include "model/provider_finance.hpp"
#include "model/workforce.hpp"

namespace homecare::model {

std::optional<PatchPartition> patches_at_switch(const Place& place, const Params& p) {
  if (p.commissioning.model != CommissioningModel::patch) return std::nullopt;
  // The same partition switch_commissioning draws: demand weights on the switch date.
  const double day = static_cast<double>(kernel::to_day_number(p.commissioning.switch_date) - kernel::to_day_number(p.run.start));
  std::vector<double> demand(place.wards.size());
  for (std::size_t w = 0; w < demand.size(); ++w) demand[w] = referrals_per_day(place, p, static_cast<std::uint16_t>(w), day, false);
  return partition_wards(place, p.patches, demand);
}

void switch_commissioning(std::int64_t day, const Setting& s, Economy& econ, World& world, Agenda& agenda, Ledger& ledger) {
  const Params& p = s.p;
  Regime& regime = econ.regime;
  auto& providers = world.providers;
  regime.switched = true;
  const CommissioningModel model = p.commissioning.model;
  if (model == CommissioningModel::dps) {
    for (auto& pr : providers)
      if (!pr.reablement_team) pr.price = std::max(1.0, pr.price - p.commissioning.dps_price_discount);
    return;
  }
  if (model != CommissioningModel::patch) return;
  // Re-procurement into patches: each patch's contracts go to the providers holding most of its
  // packages (size breaking ties); packages of providers that win nothing there move to a
  // winner (continuity is lost), and some of their workers follow them.
  regime.patches = *patches_at_switch(s.place, p);
  regime.patches_active = true;
  const PatchPartition& patches = regime.patches;
  const std::size_t np = providers.size();
  std::vector<std::vector<double>> held(static_cast<std::size_t>(patches.count), std::vector<double>(np, 0.0));
  for (std::size_t q = 0; q < np; ++q) {
    if (providers[q].reablement_team || !providers[q].active) continue;
    for (UserId u : providers[q].users) held[static_cast<std::size_t>(patches.ward_patch[world.user(u).ward])][q] += 1.0;
  }
  std::vector<std::vector<std::uint32_t>> winners(static_cast<std::size_t>(patches.count));
  for (int k = 0; k < patches.count; ++k) {
    std::vector<std::uint32_t> order;
    for (std::uint32_t q = 0; q < np; ++q)
      if (!providers[q].reablement_team && providers[q].active) order.push_back(q);
    auto& h = held[static_cast<std::size_t>(k)];
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (h[a] != h[b]) return h[a] > h[b];
      return providers[a].size_weight > providers[b].size_weight;
    });
    // The strongest bidders win, each at most max_patches_per_provider patches.
    const auto want = static_cast<std::size_t>(p.patches.providers_per_patch);
    for (std::size_t i = 0; i < order.size() && winners[static_cast<std::size_t>(k)].size() < want; ++i) {
      Provider& pr = providers[order[i]];
      if (static_cast<std::int64_t>(pr.patches.size()) >= p.patches.max_patches_per_provider) continue;
      winners[static_cast<std::size_t>(k)].push_back(order[i]);
      pr.patches.push_back(k);
    }
  }
  if (p.commissioning.patch_price > 0)
    for (auto& pr : providers)
      if (!pr.patches.empty()) pr.price = p.commissioning.patch_price;
  // Providers left without any patch stop first, all of them, so that none recruits or takes
  // movers from another while they wind down.
  std::vector<std::uint32_t> losers;
  for (std::uint32_t q = 0; q < np; ++q) {
    Provider& pr = providers[q];
    if (pr.reablement_team || !pr.patches.empty() || !pr.active) continue;
    pr.active = false;
    pr.vacancies = 0;
    losers.push_back(q);
  }
  // Their packages go back to brokerage; their workers transfer to a winner in their home patch
  // (TUPE) or leave.
  for (std::uint32_t q : losers) {
    std::vector<UserId> users = providers[q].users;
    for (UserId u : users) {
      world.user(u).changed_provider = true;  // continuity is lost: a new provider, new workers
      hand_back(u, day, s, world);
    }
    std::vector<WorkerId> staff = providers[q].workers;
    for (WorkerId w : staff) {
      kernel::RandomStream rs(s.keys(rng_switch, StreamAgent::worker(world.worker(w).key)));
      const auto& win = winners[static_cast<std::size_t>(patches.ward_patch[world.worker(w).ward])];
      if (!win.empty() && kernel::bernoulli(rs, p.commissioning.transfer_worker_share)) {
        // A TUPE transfer: the same job with a new employer, not a leaver.
        move_worker(w, ProviderId(win[kernel::uniform_index(rs, static_cast<std::uint32_t>(win.size()))]), day, s, econ, world);
      } else {
        worker_quit(w, day, s, econ, world, agenda, ledger);
      }
    }
    ledger.month(s.month_of(day)).provider_exits += 1;
  }
  // Winners give up packages outside their patches.
  for (std::uint32_t q = 0; q < np; ++q) {
    Provider& pr = providers[q];
    if (pr.reablement_team || pr.patches.empty()) continue;
    std::vector<UserId> users = pr.users;
    for (UserId u : users) {
      if (provider_serves(regime, pr, world.user(u).ward)) continue;
      world.user(u).changed_provider = true;  // continuity is lost: a new provider, new workers
      hand_back(u, day, s, world);
    }
  }
}

void provider_entry(std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  const Params& p = s.p;
  // New providers join the framework (not a closed patch or DPS list) now and then.
  if (econ.regime.switched && p.commissioning.model == CommissioningModel::patch) return;
  kernel::RandomStream rs(s.keys(rng_entry, StreamAgent::month(month)));
  const auto n = kernel::poisson(rs, p.providers.entry_per_year / 12.0);
  for (std::uint64_t i = 0; i < n; ++i) {
    Provider pr;
    pr.size_weight = 0.3 / static_cast<double>(p.providers.framework_providers);
    pr.price = std::max(1.0, kernel::normal(rs, p.commissioning.price_2016, p.commissioning.price_sd));
    if (!world.providers.empty()) {
      double mean = 0;
      int k = 0;
      for (const auto& q : world.providers)
        if (!q.reablement_team && q.active) {
          mean += q.price;
          ++k;
        }
      // Like every other price, at least GBP 1 an hour (a wide price_sd could make it negative).
      if (k) pr.price = std::max(1.0, mean / k + kernel::normal(rs, 0.0, p.commissioning.price_sd));
    }
    pr.wage_premium = kernel::normal(rs, p.workforce.wage_premium_mean, p.workforce.wage_premium_sd);
    pr.overhead_per_hour = kernel::lognormal_mean_cv(rs, p.providers.overhead_per_hour, p.providers.overhead_cv);
    pr.recruit_difficulty = kernel::lognormal(rs, -0.5 * p.providers.recruit_difficulty_sigma * p.providers.recruit_difficulty_sigma,
                                              p.providers.recruit_difficulty_sigma);
    pr.by_ward.resize(s.place.wards.size());
    const ProviderId id(static_cast<std::uint32_t>(world.providers.size()));
    pr.losing_months_left = losing_months_borne(id, s);
    world.providers.push_back(std::move(pr));
    for (int k = 0; k < 4; ++k) hire(id, day, s, econ, world, agenda);
  }
}

}  // namespace homecare::model
