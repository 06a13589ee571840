// Commissioning: brokerage of packages to providers, the 1 October 2018 re-procurement,
// prices, provider finances, hand-backs, exits and entry.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/geography.hpp"
#include "model/market.hpp"
#include "model/market_state.hpp"
#include "model/wages.hpp"

namespace homecare::model {

bool Market::provider_serves(const Provider& pr, std::uint16_t ward) const {
  if (!pr.active || pr.reablement_team) return false;
  if (!patch_model_active_) return true;
  const int patch = patches_.ward_patch[ward];
  return std::find(pr.patches.begin(), pr.patches.end(), patch) != pr.patches.end();
}

bool Market::offer(UserId uid, ProviderId pid, std::int64_t day) {
  ServiceUser& u = users_[uid.index()];
  Provider& pr = providers_[pid.index()];
  // A provider declines at once when its free capacity cannot hold the package.
  double need = 0;
  for (const auto& sl : u.slots) need += 7.0 * (sl.duration + allowance_) * (sl.double_handed ? 2 : 1);
  if (spare_[pid.index()] < need) return false;
  if (!roster_package(uid, pid)) {
    unroster_user(uid);
    spare_[pid.index()] = std::min(spare_[pid.index()], need);  // it will not fit a larger one today
    return false;
  }
  spare_[pid.index()] -= need;
  u.provider = pid;
  u.state = UserState::active;
  pr.users.push_back(uid);
  const auto month = static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(day)));
  if (!u.ever_placed && u.route == Route::long_term) tally_[month].new_users += 1;
  if (!u.ever_placed) u.started_day = static_cast<double>(day);
  u.ever_placed = true;
  return true;
}

void Market::brokerage(std::int64_t day) {
  const std::size_t n = waiting_.size();
  if (n == 0) return;
  std::vector<double> weight(providers_.size());
  // Free weekly minutes of each provider, computed once a day and kept up to date as packages
  // are placed, so that hopeless offers cost nothing.
  spare_.assign(providers_.size(), 0.0);
  for (std::size_t p = 0; p < providers_.size(); ++p)
    if (providers_[p].active)
      for (WorkerId w : providers_[p].workers) spare_[p] += workers_[w.index()].capacity_min_week - workers_[w.index()].booked_min_week;
  for (std::size_t i = 0; i < n; ++i) {
    const UserId uid = waiting_.front();
    waiting_.pop_front();
    ServiceUser& u = users_[uid.index()];
    if (u.state != UserState::waiting) continue;
    bool placed = false;
    if (u.route == Route::reablement) {
      placed = offer(uid, reablement_team_, day);
    } else {
      // Who is asked: under the framework any provider, the larger more often; under patches
      // the patch's providers; on a dynamic purchasing system the cheapest first.
      kernel::RandomStream s(key(rng_brokerage, uid.value, static_cast<std::uint32_t>(day)));
      for (std::size_t p = 0; p < providers_.size(); ++p)
        weight[p] = provider_serves(providers_[p], u.ward) ? std::max(providers_[p].size_weight, 1e-4) : 0.0;
      const bool dps = switched_ && p_.commissioning.model == CommissioningModel::dps;
      for (int attempt = 0; attempt < 3 && !placed; ++attempt) {
        std::size_t pick = providers_.size();
        if (dps) {
          double best = 1e300;
          for (std::size_t p = 0; p < providers_.size(); ++p)
            if (weight[p] > 0 && providers_[p].price < best) { best = providers_[p].price; pick = p; }
        } else if (std::accumulate(weight.begin(), weight.end(), 0.0) > 0) {
          pick = kernel::categorical(s, weight);
        }
        if (pick >= providers_.size()) break;
        weight[pick] = 0;
        placed = offer(uid, ProviderId(static_cast<std::uint32_t>(pick)), day);
      }
      // A package waiting over a week is bought spot from a provider with room, at a premium
      // (a few are asked each day, not the whole market).
      if (!placed && static_cast<double>(day) - u.waiting_since >= 7.0) {
        for (int attempt = 0; attempt < 3 && !placed; ++attempt) {
          const std::size_t q = kernel::uniform_index(s, static_cast<std::uint32_t>(providers_.size()));
          if (!providers_[q].active || providers_[q].reablement_team) continue;
          if (patch_model_active_ && providers_[q].patches.empty()) continue;
          if (offer(uid, ProviderId(static_cast<std::uint32_t>(q)), day)) {
            placed = true;
            u.price_premium = p_.commissioning.spot_premium;
          }
        }
      }
    }
    if (!placed) waiting_.push_back(uid);
  }
}

void Market::release_package(UserId uid) {
  ServiceUser& u = users_[uid.index()];
  unroster_user(uid);
  Provider& pr = providers_[u.provider.index()];
  auto it = std::find(pr.users.begin(), pr.users.end(), uid);
  if (it != pr.users.end()) {
    *it = pr.users.back();
    pr.users.pop_back();
  }
  u.provider = ProviderId{};
  u.price_premium = 0;  // a spot premium belonged to that placement
}

void Market::hand_back(UserId uid, std::int64_t day) {
  ServiceUser& u = users_[uid.index()];
  release_package(uid);
  u.state = UserState::waiting;
  u.waiting_since = static_cast<double>(day);
  waiting_.push_front(uid);
}

void Market::update_prices(kernel::Date d) {
  // Each April the council uplifts prices by its rule; the LLW supplement follows the floor.
  static constexpr double wage_share = 0.6;  // UKHCA: wages are about 60% of the price
  const double paid = 1.0 + (p_.wages.travel_time_paid ? costs_.travel_minutes_per_contact_hour / 60.0 : 0.0);
  const double oncost = 1.0 + p_.providers.oncost_rate;
  if (d.month == 4 && !(d == p_.run.start) && d.day == 1) {
    const double old_nlw = national_living_wage(kernel::from_day_number(kernel::to_day_number(d) - 1));
    const double new_nlw = national_living_wage(d);
    for (auto& pr : providers_) {
      if (pr.reablement_team) continue;
      // cost_build_up sets prices only from the switch; before it the framework's uplift applies.
      const bool uplift = p_.commissioning.price_rule == PriceRule::nlw_uplift || (p_.commissioning.price_rule == PriceRule::cost_build_up && !switched_);
      if (uplift) pr.price *= 1.0 + wage_share * (new_nlw / old_nlw - 1.0);
      else if (p_.commissioning.price_rule == PriceRule::fund_wage_gap) pr.price += (new_nlw - old_nlw) * oncost * paid;
    }
  }
  if (p_.commissioning.price_rule == PriceRule::cost_build_up && switched_) {
    for (auto& pr : providers_) {
      if (pr.reablement_team) continue;
      CostLines c = costs_;
      pr.price = break_even_price(std::max(wage_floor_, nlw_ + pr.wage_premium), c);
    }
  }
  // The LLW supplement: the council funds its share of each provider's own gap between the pay
  // floor and what it would pay anyway, with on-costs (none under cost_build_up, whose price
  // already pays the floor).
  for (auto& pr : providers_) {
    const double gap = std::max(0.0, wage_floor_ - std::max(nlw_, nlw_ + pr.wage_premium));
    pr.llw_supplement = p_.commissioning.price_rule == PriceRule::cost_build_up ? 0.0 : p_.wages.llw_council_funded_share * gap * oncost * paid;
  }
}

void Market::switch_commissioning(std::int64_t day) {
  switched_ = true;
  const CommissioningModel model = p_.commissioning.model;
  if (model == CommissioningModel::dps) {
    for (auto& pr : providers_)
      if (!pr.reablement_team) pr.price = std::max(1.0, pr.price - p_.commissioning.dps_price_discount);
    return;
  }
  if (model != CommissioningModel::patch) return;
  // Re-procurement into patches: each patch's contracts go to the providers holding most of its
  // packages (size breaking ties); packages of providers that win nothing there move to a
  // winner (continuity is lost), and some of their workers follow them.
  patches_ = *commissioned_patches(p_);
  patch_model_active_ = true;
  const std::size_t np = providers_.size();
  std::vector<std::vector<double>> held(static_cast<std::size_t>(patches_.count), std::vector<double>(np, 0.0));
  for (std::size_t p = 0; p < np; ++p) {
    if (providers_[p].reablement_team || !providers_[p].active) continue;
    for (UserId u : providers_[p].users) held[static_cast<std::size_t>(patches_.ward_patch[users_[u.index()].ward])][p] += 1.0;
  }
  std::vector<std::vector<std::uint32_t>> winners(static_cast<std::size_t>(patches_.count));
  for (int k = 0; k < patches_.count; ++k) {
    std::vector<std::uint32_t> order;
    for (std::uint32_t p = 0; p < np; ++p)
      if (!providers_[p].reablement_team && providers_[p].active) order.push_back(p);
    auto& h = held[static_cast<std::size_t>(k)];
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      if (h[a] != h[b]) return h[a] > h[b];
      return providers_[a].size_weight > providers_[b].size_weight;
    });
    // The strongest bidders win, each at most max_patches_per_provider patches.
    const auto want = static_cast<std::size_t>(p_.patches.providers_per_patch);
    for (std::size_t i = 0; i < order.size() && winners[static_cast<std::size_t>(k)].size() < want; ++i) {
      Provider& pr = providers_[order[i]];
      if (static_cast<std::int64_t>(pr.patches.size()) >= p_.patches.max_patches_per_provider) continue;
      winners[static_cast<std::size_t>(k)].push_back(order[i]);
      pr.patches.push_back(k);
    }
  }
  if (p_.commissioning.patch_price > 0)
    for (auto& pr : providers_)
      if (!pr.patches.empty()) pr.price = p_.commissioning.patch_price;
  kernel::RandomStream s(key(rng_switch, 0));
  // Providers left without any patch stop first, all of them, so that none recruits or takes
  // movers from another while they wind down.
  std::vector<std::uint32_t> losers;
  for (std::uint32_t p = 0; p < np; ++p) {
    Provider& pr = providers_[p];
    if (pr.reablement_team || !pr.patches.empty() || !pr.active) continue;
    pr.active = false;
    pr.vacancies = 0;
    losers.push_back(p);
  }
  // Their packages go back to brokerage; their workers transfer to a winner in their home patch
  // (TUPE) or leave.
  for (std::uint32_t p : losers) {
    Provider& pr = providers_[p];
    std::vector<UserId> users = pr.users;
    for (UserId u : users) {
      users_[u.index()].changed_provider = true;  // continuity is lost: a new provider, new workers
      hand_back(u, day);
    }
    std::vector<WorkerId> staff = pr.workers;
    for (WorkerId w : staff) {
      const auto& win = winners[static_cast<std::size_t>(patches_.ward_patch[workers_[w.index()].ward])];
      if (!win.empty() && kernel::bernoulli(s, p_.commissioning.transfer_worker_share)) {
        // A TUPE transfer: the same job with a new employer, not a leaver.
        move_worker(w, ProviderId(win[kernel::uniform_index(s, static_cast<std::uint32_t>(win.size()))]), day);
      } else {
        worker_quit(w, day);
      }
    }
    tally_[static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(day)))].provider_exits += 1;
  }
  // Winners give up packages outside their patches.
  for (std::uint32_t p = 0; p < np; ++p) {
    Provider& pr = providers_[p];
    if (pr.reablement_team || pr.patches.empty()) continue;
    std::vector<UserId> users = pr.users;
    for (UserId u : users) {
      if (provider_serves(pr, users_[u.index()].ward)) continue;
      users_[u.index()].changed_provider = true;  // continuity is lost: a new provider, new workers
      hand_back(u, day);
    }
  }
}

void Market::provider_month(ProviderId pid, int month) {
  Provider& pr = providers_[pid.index()];
  // Costs of council work: wages for paid time with on-costs, mileage, running costs,
  // recruitment and training (less the council's training funding).
  double wages = 0;
  double km = 0;
  for (WorkerId w : pr.workers) {
    const CareWorker& cw = workers_[w.index()];
    const double paid_min = cw.contact_min_month + (p_.wages.travel_time_paid ? cw.travel_min_month : 0.0) +
                            cw.training_hours_month * 60.0;
    wages += paid_min / 60.0 * cw.wage;
    km += cw.km_month;
  }
  const double training_fees = pr.training_fees_month;
  double training_cost = training_fees;
  for (WorkerId w : pr.workers) training_cost += workers_[w.index()].training_hours_month * workers_[w.index()].wage * (1.0 + p_.providers.oncost_rate);
  const double council_training = p_.training.council_funded_share * training_cost;
  training_supplement_month_ += council_training;
  pr.cost_month = wages * (1.0 + p_.providers.oncost_rate) + km * p_.travel.mileage_per_km +
                  pr.overhead_per_hour * pr.hours_month + pr.hires_month * p_.workforce.recruitment_cost + training_fees -
                  council_training;
  const double profit = pr.revenue_month - pr.cost_month;
  pr.cash += profit;
  if (pr.reablement_team) return;
  // Reserves: a provider absorbs losses up to reserve_months of its (smoothed) monthly revenue;
  // beyond that it may leave each month. One that holds no package for a year leaves too.
  pr.revenue_avg = pr.revenue_avg <= 0 ? pr.revenue_month : 0.9 * pr.revenue_avg + 0.1 * pr.revenue_month;
  pr.empty_months = pr.users.empty() ? pr.empty_months + 1 : 0;
  kernel::RandomStream s(key(rng_provider_month, pid.value, static_cast<std::uint32_t>(month)));
  const bool losing = pr.cash < -p_.providers.reserve_months * pr.revenue_avg && pr.revenue_avg > 0 &&
                      kernel::bernoulli(s, p_.providers.exit_probability);
  if (losing || pr.empty_months >= 12) provider_exit(pid, static_cast<std::int64_t>(-1));
}

void Market::provider_exit(ProviderId pid, std::int64_t) {
  Provider& pr = providers_[pid.index()];
  const std::int64_t day = current_day_;
  pr.active = false;  // first, so its leavers do not trigger its own recruitment
  std::vector<UserId> users = pr.users;
  for (UserId u : users) hand_back(u, day);
  kernel::RandomStream s(key(rng_provider_month, pid.value, 0xffffU));
  std::vector<WorkerId> staff = pr.workers;
  for (WorkerId w : staff) {
    // Half of the staff find work with another provider at once; the rest leave.
    std::uint32_t best = 0;
    int best_v = -1;
    for (std::uint32_t q = 0; q < providers_.size(); ++q)
      if (q != pid.value && providers_[q].active && !providers_[q].reablement_team && providers_[q].vacancies > best_v) {
        best_v = providers_[q].vacancies;
        best = q;
      }
    if (best_v > 0 && kernel::bernoulli(s, 0.5)) {
      // Leaves this employer for another at once: a leaver here and a change of agency.
      const auto m = static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(std::max<std::int64_t>(day, 0))));
      tally_[m].leavers += 1;
      move_worker(w, ProviderId(best), day);
      workers_[w.index()].changed_agency_day = static_cast<double>(day);
    } else {
      worker_quit(w, day);
    }
  }
  pr.active = false;
  pr.vacancies = 0;
  const auto month = static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(std::max<std::int64_t>(day, 0))));
  tally_[month].provider_exits += 1;
}

void Market::provider_entry(std::int64_t day, int month) {
  // New providers join the framework (not a closed patch or DPS list) now and then.
  if (switched_ && p_.commissioning.model == CommissioningModel::patch) return;
  kernel::RandomStream s(key(rng_entry, static_cast<std::uint32_t>(month)));
  const auto n = kernel::poisson(s, p_.providers.entry_per_year / 12.0);
  for (std::uint64_t i = 0; i < n; ++i) {
    Provider pr;
    pr.size_weight = 0.3 / static_cast<double>(p_.providers.framework_providers);
    pr.price = std::max(1.0, kernel::normal(s, p_.commissioning.price_2016, p_.commissioning.price_sd));
    if (!providers_.empty()) {
      double mean = 0;
      int k = 0;
      for (const auto& q : providers_)
        if (!q.reablement_team && q.active) { mean += q.price; ++k; }
      // Like every other price, at least GBP 1 an hour (a wide price_sd could make it negative).
      if (k) pr.price = std::max(1.0, mean / k + kernel::normal(s, 0.0, p_.commissioning.price_sd));
    }
    pr.wage_premium = kernel::normal(s, p_.workforce.wage_premium_mean, p_.workforce.wage_premium_sd);
    pr.overhead_per_hour = kernel::lognormal_mean_cv(s, p_.providers.overhead_per_hour, p_.providers.overhead_cv);
    pr.recruit_difficulty = kernel::lognormal(s, -0.5 * p_.providers.recruit_difficulty_sigma * p_.providers.recruit_difficulty_sigma,
                                              p_.providers.recruit_difficulty_sigma);
    pr.by_ward.resize(brent_wards().size());
    const ProviderId id(static_cast<std::uint32_t>(providers_.size()));
    providers_.push_back(std::move(pr));
    for (int k = 0; k < 4; ++k) hire(id, day);
  }
}

}  // namespace homecare::model
