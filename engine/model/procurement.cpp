// Procurement: the switch to a new commissioning model, tenders (scored bids for patches), the
// transfer of work and staff between providers (TUPE), re-tenders after a winner leaves, and new
// providers joining the framework or the approved list.
#include "model/procurement.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "kernel/random.hpp"
#include "kernel/time.hpp"
#include "model/demand.hpp"
#include "model/packages.hpp"
#include "model/place.hpp"
#include "model/provider_finance.hpp"
#include "model/roster.hpp"
#include "model/workforce.hpp"

namespace homecare::model {
namespace {

/// A provider new to the borough, drawn from `rs`: price near the market's, wage policy, running
/// costs and recruiting like any other (no staff yet). A framework entrant (not a spot provider)
/// may be based outside the borough.
ProviderId add_provider(kernel::RandomStream& rs, const Setting& s, World& world, bool framework = true) {
  const Params& p = s.p;
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
  // Based outside the borough when fewer of the framework's active providers are than
  // providers.out_of_borough_share (docs/MODEL.md 7.7a): entry keeps the mix set up on day 0.
  double active = 0, outside = 0;
  for (const auto& q : world.providers)
    if (q.active && !q.reablement_team && !q.off_framework) {
      active += 1;
      outside += q.out_of_borough ? 1 : 0;
    }
  if (framework && outside < p.providers.out_of_borough_share * active) {
    pr.out_of_borough = true;
    pr.wage_premium += p.providers.out_of_borough_wage_offset;
  }
  pr.by_ward.resize(s.place.wards.size());
  const ProviderId id(static_cast<std::uint32_t>(world.providers.size()));
  pr.losing_months_left = losing_months_borne(id, s);
  world.providers.push_back(std::move(pr));
  return id;
}

/// Weekly minutes each patch's long-term packages need now (placed or waiting).
std::vector<double> patch_minutes(const Setting& s, const PatchPartition& patches, const World& world) {
  std::vector<double> out(static_cast<std::size_t>(patches.count), 0.0);
  for (UserId u : world.live_users) {
    const ServiceUser& su = world.user(u);
    if (su.route != Route::long_term || (su.state != UserState::active && su.state != UserState::waiting)) continue;
    out[static_cast<std::size_t>(patches.ward_patch[su.ward])] += package_minutes(su, s);
  }
  return out;
}

/// Providers wanted in each patch (patches.providers_per_patch, or providers_by_patch).
std::vector<int> places_wanted(const Params& p, const PatchPartition& patches) { return providers_wanted(p.patches, patches); }

/// Active winners of patch `k`.
std::vector<std::uint32_t> winners_of(int k, const World& world) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t q = 0; q < world.providers.size(); ++q) {
    const Provider& pr = world.providers[q];
    if (pr.active && !pr.reablement_team && std::find(pr.patches.begin(), pr.patches.end(), k) != pr.patches.end()) out.push_back(q);
  }
  return out;
}

struct Scored {
  std::uint32_t provider;
  double bid, quality, score;
};

/// The bids of `bidders` and their scores (tender.* parameters): a bid is the bidder's cost per
/// contact hour over the last year plus its margin, no more than the council's ceiling (the mean
/// price it pays now, raised by price_ceiling_uplift); under a set patch price every bid is that
/// price. With tender.reject_below_cost, a bidder whose own cost is above that cap does not bid
/// (so a tender may fill fewer places than it has). Price score: the lowest bid over the bid.
/// Quality score: for each of four parts of the bidder's record over the last year (late and
/// missed visits over visits due, hand-backs per package-month, leavers per head-month), 1 for the
/// best bidder and 0 for the worst, linear between; the mean of the four. A bidder with no record (an entrant) is scored at the median of
/// those with one.
std::vector<Scored> score_bids(const std::vector<std::uint32_t>& bidders, const Setting& s, const World& world) {
  const Params& p = s.p;
  const auto& prs = world.providers;
  // The council's ceiling: the mean price of the packages it holds now.
  double price_sum = 0, packages = 0, cost_sum = 0, hours_sum = 0, overhead_sum = 0, with_books = 0;
  for (const Provider& pr : prs) {
    if (!pr.active || pr.reablement_team) continue;
    price_sum += pr.price * static_cast<double>(pr.users.size());
    packages += static_cast<double>(pr.users.size());
  }
  for (std::uint32_t b : bidders)
    if (prs[b].record.hours > 0) {
      cost_sum += prs[b].record.cost;
      hours_sum += prs[b].record.hours;
      overhead_sum += prs[b].overhead_per_hour;
      with_books += 1;
    }
  const double ceiling = (packages > 0 ? price_sum / packages : p.commissioning.price_2016) * (1.0 + p.tender.price_ceiling_uplift);
  const double mean_cost = hours_sum > 0 ? cost_sum / hours_sum : ceiling / (1.0 + p.tender.bid_margin);
  const double mean_overhead = with_books > 0 ? overhead_sum / with_books : p.providers.overhead_per_hour;
  std::vector<Scored> out;
  for (std::uint32_t b : bidders) {
    const Provider& pr = prs[b];
    const double cost = pr.record.hours > 0 ? pr.record.cost / pr.record.hours : mean_cost + pr.overhead_per_hour - mean_overhead;
    // A bid the ceiling or the set price would put below the bidder's own cost is abnormally low:
    // with tender.reject_below_cost it is not made.
    const double cap = p.commissioning.patch_price > 0 ? p.commissioning.patch_price : std::max(1.0, ceiling);
    if (p.tender.reject_below_cost && cost > cap) continue;
    const double bid = p.commissioning.patch_price > 0 ? cap : std::clamp(cost * (1.0 + p.tender.bid_margin), 1.0, cap);
    out.push_back({b, bid, -1.0, 0.0});
  }
  // Quality.
  constexpr int parts = 4;
  auto part = [&](const Provider& pr, int i) {
    const Provider::Record& r = pr.record;
    switch (i) {
      case 0: return r.late / r.due;
      case 1: return r.missed / r.due;
      case 2: return r.handbacks / r.packages;
      default: return r.leavers / r.headcount;
    }
  };
  auto has_record = [&](const Provider& pr) { return pr.record.due > 0 && pr.record.packages > 0 && pr.record.headcount > 0; };
  std::array<double, parts> lo{}, hi{};
  lo.fill(1e300);
  hi.fill(-1e300);
  for (const Scored& sc : out)
    if (has_record(prs[sc.provider]))
      for (int i = 0; i < parts; ++i) {
        lo[static_cast<std::size_t>(i)] = std::min(lo[static_cast<std::size_t>(i)], part(prs[sc.provider], i));
        hi[static_cast<std::size_t>(i)] = std::max(hi[static_cast<std::size_t>(i)], part(prs[sc.provider], i));
      }
  std::vector<double> recorded;
  for (Scored& sc : out) {
    if (!has_record(prs[sc.provider])) continue;
    double q = 0;
    for (int i = 0; i < parts; ++i) {
      const double span = hi[static_cast<std::size_t>(i)] - lo[static_cast<std::size_t>(i)];
      q += span > 0 ? (hi[static_cast<std::size_t>(i)] - part(prs[sc.provider], i)) / span : 1.0;
    }
    sc.quality = q / parts;
    recorded.push_back(sc.quality);
  }
  double median = 0.5;
  if (!recorded.empty()) {
    std::sort(recorded.begin(), recorded.end());
    const std::size_t n = recorded.size();
    median = n % 2 ? recorded[n / 2] : 0.5 * (recorded[n / 2 - 1] + recorded[n / 2]);
  }
  double lowest = 1e300;
  for (const Scored& sc : out) lowest = std::min(lowest, sc.bid);
  for (Scored& sc : out) {
    if (sc.quality < 0) sc.quality = median;
    sc.score = p.tender.price_weight * (lowest / sc.bid) + p.tender.quality_weight * sc.quality;
  }
  return out;
}

/// Awards `places[k]` contracts in each patch `k` with places to fill, largest patch first, to
/// the best-scored bidders (each at most max_patches_per_provider patches), with weekly minutes
/// of their share of the patch's hours plus headroom. Winners are paid their bid.
void award(const std::vector<int>& places, const std::vector<std::uint32_t>& bidders, const std::vector<double>& minutes,
           const Setting& s, Economy& econ, World& world) {
  const Params& p = s.p;
  const PatchPartition& patches = econ.regime.patches;
  const std::vector<Scored> bids = score_bids(bidders, s, world);
  std::vector<std::size_t> ranked(bids.size());
  std::iota(ranked.begin(), ranked.end(), std::size_t{0});
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) { return bids[a].score > bids[b].score; });
  std::vector<int> lots;
  for (int k = 0; k < patches.count; ++k)
    if (places[static_cast<std::size_t>(k)] > 0) lots.push_back(k);
  std::stable_sort(lots.begin(), lots.end(),
                   [&](int a, int b) { return minutes[static_cast<std::size_t>(a)] > minutes[static_cast<std::size_t>(b)]; });
  const auto wanted = places_wanted(p, patches);
  for (int k : lots) {
    int left = places[static_cast<std::size_t>(k)];
    const double share = minutes[static_cast<std::size_t>(k)] / std::max(1, wanted[static_cast<std::size_t>(k)]);
    for (std::size_t i = 0; i < ranked.size() && left > 0; ++i) {
      const Scored& b = bids[ranked[i]];
      Provider& pr = world.providers[b.provider];
      if (!pr.active || static_cast<std::int64_t>(pr.patches.size()) >= p.patches.max_patches_per_provider) continue;
      if (std::find(pr.patches.begin(), pr.patches.end(), k) != pr.patches.end()) continue;
      pr.patches.push_back(k);
      pr.awarded_min.push_back(share * (1.0 + p.tender.capacity_headroom));
      pr.price = b.bid;
      pr.approved_list = false;
      --left;
      // Finance raised on the contract: its reserves are measured against at least the monthly
      // value of its awards (their hours without the headroom, at its price).
      if (p.tender.award_backed_reserves) {
        double weekly_min = 0;
        for (double m : pr.awarded_min) weekly_min += m / (1.0 + p.tender.capacity_headroom);
        pr.revenue_avg = std::max(pr.revenue_avg, weekly_min / 60.0 * (kernel::days_per_year / 12.0 / 7.0) * pr.price);
      }
    }
  }
}

/// TUPE: the packages in `moves` change hands, and each worker rostered on them follows the
/// provider taking most of their rostered minutes, if more than stay with their employer (the
/// organised grouping they are assigned to moves), unless they object (1 - transfer_worker_share:
/// they leave). Visits left without their worker are queued for cover with the package's new
/// provider. `round` tells one tender's draws from another's.
void transfer_work(const std::vector<std::pair<UserId, ProviderId>>& moves, std::uint32_t round, std::int64_t day,
                   const Setting& s, const Economy& econ, World& world, Agenda& agenda, Ledger& ledger) {
  std::vector<std::uint32_t> from;  // old providers, in first-seen order
  for (auto [u, to] : moves) {
    ServiceUser& su = world.user(u);
    const ProviderId a = su.provider;
    if (a == to) continue;
    if (std::find(from.begin(), from.end(), a.value) == from.end()) from.push_back(a.value);
    Provider& old = world.provider(a);
    if (auto it = std::find(old.users.begin(), old.users.end(), u); it != old.users.end()) {
      *it = old.users.back();
      old.users.pop_back();
    }
    Provider& pr = world.provider(to);
    std::size_t keep = 0;
    for (std::size_t i = 0; i < old.pending.size(); ++i) {
      if (old.pending[i].user == u) {
        const auto& ps = old.pending[i];
        pr.pending.emplace_back(ps.user, ps.slot, ps.weekday, ps.seat);
      } else {
        old.pending[keep++] = old.pending[i];
      }
    }
    old.pending.resize(keep);
    su.provider = to;
    su.price_premium = 0;
    su.emergency = false;
    su.changed_provider = true;
    pr.users.push_back(u);
  }
  auto requeue_foreign = [&](WorkerId w) {
    // Visits of packages now with another provider than the worker's are freed and queued there.
    CareWorker& cw = world.worker(w);
    for (int wd = 0; wd < 7; ++wd) {
      std::vector<RosterEntry> foreign;
      for (const RosterEntry& e : cw.week.day(wd))
        if (world.user(e.user).provider != cw.provider) foreign.push_back(e);
      for (const RosterEntry& e : foreign) {
        unroster_entry(e.user, e.slot, wd, e.seat, s, world);
        const ServiceUser& su = world.user(e.user);
        if (su.provider.valid() && su.state == UserState::active) queue_for_cover(world.provider(su.provider), e.user, e.slot, wd, e.seat);
      }
    }
  };
  for (std::uint32_t a : from) {
    const std::vector<WorkerId> staff = world.providers[a].workers;
    for (WorkerId w : staff) {
      const CareWorker& cw = world.worker(w);
      std::vector<std::pair<std::uint32_t, double>> minutes;  // destination, rostered minutes
      double stay = 0;
      for (int wd = 0; wd < 7; ++wd)
        for (const RosterEntry& e : cw.week.day(wd)) {
          const ProviderId dest = world.user(e.user).provider;
          const double m = blocks_for(e.minute, e.duration, s.allowance).minutes;
          if (dest == cw.provider || !dest.valid()) {
            stay += m;
            continue;
          }
          auto it = std::find_if(minutes.begin(), minutes.end(), [&](const auto& x) { return x.first == dest.value; });
          if (it == minutes.end()) minutes.emplace_back(dest.value, m);
          else it->second += m;
        }
      if (minutes.empty()) continue;
      const auto best = *std::max_element(minutes.begin(), minutes.end(), [](const auto& x, const auto& y) {
        return x.second < y.second || (x.second == y.second && x.first > y.first);
      });
      if (best.second <= stay) {
        requeue_foreign(w);
        continue;
      }
      kernel::RandomStream rs(s.keys(rng_switch, StreamAgent::worker(cw.key), round));
      if (kernel::bernoulli(rs, s.p.commissioning.transfer_worker_share)) {
        transfer_worker(w, ProviderId(best.first), s, econ, world);
        requeue_foreign(w);
      } else {
        worker_quit(w, day, s, econ, world, agenda, ledger);  // objects to the transfer: leaves
      }
    }
  }
}

/// Moves each long-term package in the patches `lots` that is not held against an award there to
/// the winner of its patch with most awarded minutes to spare (if one can hold it), then transfers
/// the work (TUPE). Packages no winner can hold stay where they are when their provider still
/// takes council work there, else go back to brokerage.
void reallocate(const std::vector<bool>& lots, std::uint32_t round, std::int64_t day, const Setting& s, Economy& econ, World& world,
                Agenda& agenda, Ledger& ledger) {
  const PatchPartition& patches = econ.regime.patches;
  const Regime& regime = econ.regime;
  std::vector<UserId> users;
  for (UserId u : world.live_users) {
    ServiceUser& su = world.user(u);
    if (su.route == Route::long_term && su.state == UserState::active && su.provider.valid() &&
        lots[static_cast<std::size_t>(patches.ward_patch[su.ward])]) {
      users.push_back(u);
      su.awarded_min = 0;  // counted again below
    }
  }
  std::sort(users.begin(), users.end());
  // Winners keep the packages they hold in their patches, in the order of the users' arrival, up
  // to their award.
  std::vector<UserId> to_move;
  for (UserId u : users) {
    ServiceUser& su = world.user(u);
    const Provider& pr = world.provider(su.provider);
    const double need = package_minutes(su, s);
    if (provider_serves(regime, pr, su.ward) && spare_award(pr, patches.ward_patch[su.ward], patches, world) >= need) su.awarded_min = need;
    else to_move.push_back(u);
  }
  // The rest go to the winner with most to spare; minutes promised to moves are counted at once.
  std::vector<std::pair<UserId, ProviderId>> moves;
  struct Promise {
    std::uint32_t provider;
    int patch;
    double minutes;
  };
  std::vector<Promise> promised;
  auto promised_to = [&](std::uint32_t q, int k) {
    double m = 0;
    for (const Promise& pm : promised)
      if (pm.provider == q && pm.patch == k) m += pm.minutes;
    return m;
  };
  for (UserId u : to_move) {
    ServiceUser& su = world.user(u);
    const int k = patches.ward_patch[su.ward];
    const double need = package_minutes(su, s);
    std::uint32_t pick = 0;
    double pick_spare = -1;
    for (std::uint32_t q : winners_of(k, world)) {
      const double spare = spare_award(world.providers[q], k, patches, world) - promised_to(q, k);
      if (spare >= need && spare > pick_spare) {
        pick = q;
        pick_spare = spare;
      }
    }
    if (pick_spare >= 0) {
      moves.emplace_back(u, ProviderId(pick));
      promised.push_back({pick, k, need});
      continue;
    }
    const Provider& pr = world.provider(su.provider);
    if (!pr.active || (!pr.approved_list && !provider_serves(regime, pr, su.ward))) {
      su.changed_provider = true;
      hand_back(u, day, s, world);
    }
  }
  transfer_work(moves, round, day, s, econ, world, agenda, ledger);
  for (auto [u, to] : moves) world.user(u).awarded_min = package_minutes(world.user(u), s);
}

/// A tender for the places `places` (per patch): the active providers that may still win and
/// `tender.entrants` new ones bid; losers new to the borough join the approved list when there is
/// one (and leave otherwise); then the work moves to the winners.
void run_tender(const std::vector<int>& places, std::int64_t day, int month, const Setting& s, Economy& econ, World& world,
                Agenda& agenda, Ledger& ledger) {
  const Params& p = s.p;
  const std::uint32_t round = econ.regime.tenders++;
  std::vector<std::uint32_t> bidders;
  for (std::uint32_t q = 0; q < world.providers.size(); ++q)
    if (world.providers[q].active && !world.providers[q].reablement_team && !world.providers[q].off_framework) bidders.push_back(q);
  std::vector<std::uint32_t> entrants;
  kernel::RandomStream rs(s.keys(rng_entry, StreamAgent::month(month), 1000U + round));
  for (std::int64_t i = 0; i < p.tender.entrants; ++i) {
    const ProviderId id = add_provider(rs, s, world);
    bidders.push_back(id.value);
    entrants.push_back(id.value);
  }
  const std::vector<double> minutes = patch_minutes(s, econ.regime.patches, world);
  award(places, bidders, minutes, s, econ, world);
  // Bidders that won nothing are on the approved list, if there is one; entrants that won nothing
  // without one never start (not an exit).
  for (std::uint32_t q : bidders) {
    Provider& pr = world.providers[q];
    if (pr.patches.empty()) pr.approved_list = p.approved_list.enabled;
  }
  for (std::uint32_t q : entrants) {
    Provider& pr = world.providers[q];
    if (pr.patches.empty() && !p.approved_list.enabled) {
      pr.active = false;
      continue;
    }
    for (int k = 0; k < 4; ++k) hire(ProviderId(q), day, s, econ, world, agenda);
  }
  std::vector<bool> lots(static_cast<std::size_t>(econ.regime.patches.count));
  for (std::size_t k = 0; k < lots.size(); ++k) lots[k] = places[k] > 0;
  reallocate(lots, round, day, s, econ, world, agenda, ledger);
}

}  // namespace

double held_award(const Provider& pr, int patch, const PatchPartition& patches, const World& world) {
  double held = 0;
  for (UserId u : pr.users) {
    const ServiceUser& su = world.user(u);
    if (patches.ward_patch[su.ward] == patch) held += su.awarded_min;
  }
  return held;
}

double spare_award(const Provider& pr, int patch, const PatchPartition& patches, const World& world) {
  const auto it = std::find(pr.patches.begin(), pr.patches.end(), patch);
  if (it == pr.patches.end()) return 0.0;
  const auto j = static_cast<std::size_t>(it - pr.patches.begin());
  if (j >= pr.awarded_min.size()) return std::numeric_limits<double>::infinity();  // no stated volume
  return pr.awarded_min[j] - held_award(pr, patch, patches, world);
}

std::optional<PatchPartition> patches_at_switch(const Place& place, const Params& p) {
  if (p.commissioning.model != CommissioningModel::patch) return std::nullopt;
  // The same partition switch_commissioning draws: demand weights on the switch date.
  const double day = static_cast<double>(kernel::to_day_number(p.commissioning.switch_date) - kernel::to_day_number(p.run.start));
  std::vector<double> demand(place.wards.size());
  for (std::size_t w = 0; w < demand.size(); ++w) demand[w] = referrals_per_day(place, p, static_cast<std::uint16_t>(w), day, false);
  return partition_wards(place, p.patches, demand);
}

void switch_commissioning(std::int64_t day, int month, const Setting& s, Economy& econ, World& world, Agenda& agenda, Ledger& ledger) {
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
  // Re-procurement into patches by tender: every provider active now and a few new ones bid;
  // the best-scored win each patch's contracts; the work moves to them with its staff.
  regime.patches = *patches_at_switch(s.place, p);
  regime.patches_active = true;
  regime.retender_month.assign(static_cast<std::size_t>(regime.patches.count), -1);
  const std::size_t incumbents = providers.size();
  run_tender(places_wanted(p, regime.patches), day, month, s, econ, world, agenda, ledger);
  // Incumbents that won nothing stay on the approved list, or stop when there is none: then their
  // staff left after the transfers follow to a winner in their home patch (TUPE) or leave.
  for (std::uint32_t q = 0; q < incumbents; ++q) {
    Provider& pr = providers[q];
    if (pr.reablement_team || !pr.patches.empty() || !pr.active || pr.approved_list) continue;
    pr.active = false;
    pr.vacancies = 0;
    std::vector<UserId> users = pr.users;
    for (UserId u : users) {
      world.user(u).changed_provider = true;
      hand_back(u, day, s, world);
    }
    std::vector<WorkerId> staff = pr.workers;
    MonthTally& tally = ledger.month(s.month_of(day));
    const std::int64_t leavers_before = tally.leavers;
    for (WorkerId w : staff) {
      kernel::RandomStream rs(s.keys(rng_switch, StreamAgent::worker(world.worker(w).key), 1000000U));
      const auto win = winners_of(regime.patches.ward_patch[world.worker(w).ward], world);
      if (!win.empty() && kernel::bernoulli(rs, p.commissioning.transfer_worker_share)) {
        const double before = world.worker(w).wage;
        move_worker(w, ProviderId(win[kernel::uniform_index(rs, static_cast<std::uint32_t>(win.size()))]), day, s, econ, world);
        protect_pay(world.worker(w), before, p);  // a transfer under TUPE: the pay goes with them
      } else {
        worker_quit(w, day, s, econ, world, agenda, ledger);
      }
    }
    tally.exit_leavers += tally.leavers - leavers_before;  // those who left (a move under TUPE is no leaving)
    tally.provider_exits += 1;
  }
}

void retender(std::int64_t day, int month, const Setting& s, Economy& econ, World& world, Agenda& agenda, Ledger& ledger) {
  Regime& regime = econ.regime;
  if (!regime.patches_active) return;
  const auto wanted = places_wanted(s.p, regime.patches);
  std::vector<int> places(static_cast<std::size_t>(regime.patches.count), 0);
  bool any = false;
  for (int k = 0; k < regime.patches.count; ++k) {
    const auto ku = static_cast<std::size_t>(k);
    const int missing = wanted[ku] - static_cast<int>(winners_of(k, world).size());
    if (missing <= 0) {
      regime.retender_month[ku] = -1;
      continue;
    }
    // A winner has gone: the patch is tendered again after retender_months (its packages on the
    // approved list meanwhile).
    if (regime.retender_month[ku] < 0) regime.retender_month[ku] = month + static_cast<int>(s.p.tender.retender_months);
    if (month >= regime.retender_month[ku]) {
      places[ku] = missing;
      regime.retender_month[ku] = -1;
      any = true;
    }
  }
  if (any) run_tender(places, day, month, s, econ, world, agenda, ledger);
}

void add_spot_market(const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  const Params& p = s.p;
  if (p.spot_market.providers <= 0) return;
  kernel::RandomStream rs(s.keys(rng_entry, StreamAgent::month(0), 2000U));
  for (std::int64_t i = 0; i < p.spot_market.providers; ++i) {
    const ProviderId id = add_provider(rs, s, world, false);
    Provider& pr = world.provider(id);
    pr.off_framework = true;
    pr.size_weight = 1.0 / static_cast<double>(p.spot_market.providers);  // among themselves
    pr.price = p.commissioning.price_2016 + p.spot_market.price_premium;
    for (std::int64_t k = 0; k < p.spot_market.workers_each; ++k) hire(id, 0, s, econ, world, agenda);
  }
}

void provider_entry(std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  const Params& p = s.p;
  // New providers join the framework, or under patches the approved list (none without one).
  const bool patches = econ.regime.switched && p.commissioning.model == CommissioningModel::patch;
  if (patches && !p.approved_list.enabled) return;
  kernel::RandomStream rs(s.keys(rng_entry, StreamAgent::month(month)));
  const auto n = kernel::poisson(rs, p.providers.entry_per_year / 12.0);
  for (std::uint64_t i = 0; i < n; ++i) {
    const ProviderId id = add_provider(rs, s, world);
    world.provider(id).approved_list = patches;
    for (int k = 0; k < 4; ++k) hire(id, day, s, econ, world, agenda);
  }
}

}  // namespace homecare::model
