// Demand: referrals by ward, visit plans, needs changing, exits.
#include <algorithm>
#include <cmath>

#include "model/geography.hpp"
#include "model/market.hpp"
#include "model/market_state.hpp"

namespace homecare::model {

double referral_rate(const Params& p, std::uint16_t ward, double day, bool reablement) {
  // New packages a day in `ward`: the rate per 1,000 (85+ weighted) residents aged 65+, with the
  // 65+ and 85+ populations growing geometrically from their 2017 estimates (BRENT.md).
  const auto& w = brent_wards()[ward];
  const double years = (static_cast<double>(kernel::to_day_number(p.run.start)) + day -
                        static_cast<double>(kernel::to_day_number({2017, 7, 1}))) / kernel::days_per_year;
  const double pop65 = w.pop65_2017 * std::pow(1.0 + p.demand.growth_65plus, years);
  const double pop85 = w.pop85 * std::pow(1.0 + p.demand.growth_85plus, years);
  const double weighted = pop65 + (p.demand.weight_85plus - 1.0) * pop85;
  const double rate = reablement ? p.demand.reablement_per_1000_65plus
                                 : p.demand.referrals_per_1000_65plus / (1.0 - std::min(0.95, p.demand.share_under_65));
  return rate * weighted / 1000.0 / kernel::days_per_year;
}

std::optional<PatchPartition> commissioned_patches(const Params& p) {
  if (p.commissioning.model != CommissioningModel::patch) return std::nullopt;
  // The same partition switch_commissioning draws: demand weights on the switch date.
  const double day = static_cast<double>(kernel::to_day_number(p.commissioning.switch_date) - kernel::to_day_number(p.run.start));
  std::vector<double> demand(brent_wards().size());
  for (std::size_t w = 0; w < demand.size(); ++w) demand[w] = referral_rate(p, static_cast<std::uint16_t>(w), day, false);
  return partition_wards(p.patches, demand);
}

double Market::need_weight(std::uint16_t ward, double day, bool reablement) const {
  return referral_rate(p_, ward, day, reablement);
}

double Market::double_handed_share(double day) const {
  return std::min(1.0, p_.demand.double_handed_share_2016 *
                           std::pow(1.0 + p_.demand.double_handed_growth, day / kernel::days_per_year));
}

void Market::daily_referrals(std::int64_t day) {
  const auto nward = static_cast<std::uint16_t>(brent_wards().size());
  const double t0 = static_cast<double>(day);
  for (std::uint16_t w = 0; w < nward; ++w) {
    for (int reab = 0; reab < 2; ++reab) {
      kernel::RandomStream s(key(rng_referral, static_cast<std::uint32_t>(w * 2 + reab), static_cast<std::uint32_t>(day)));
      const auto n = kernel::poisson(s, need_weight(w, t0, reab == 1));
      for (std::uint64_t i = 0; i < n; ++i) {
        Route route = Route::reablement;
        if (reab == 0) route = kernel::bernoulli(s, dp_takeup()) ? Route::direct_payment : Route::long_term;
        const UserId id = create_user(route, w, s, t0);
        ++people_in_;
        // Reablement starts straight after hospital; long-term needs an assessment first.
        const double delay = route == Route::reablement ? 0.0 : kernel::exponential(s, std::max(1e-9, p_.demand.assessment_days));
        sim_.schedule_at(kernel::days(t0 + s.uniform() * 0.999 + delay), Payload{EventKind::assessment_done, 0, id.value},
                         2 * id.value);
      }
    }
  }
}

UserId Market::create_user(Route route, std::uint16_t ward, kernel::RandomStream& s, double day) {
  const UserId id(static_cast<std::uint32_t>(users_.size()));
  sim_.slots().ensure(2 * users_.size() + 2);
  ServiceUser u;
  u.ward = ward;
  u.route = route;
  u.home = random_point_in_ward(ward, s);
  if (route != Route::reablement && kernel::bernoulli(s, p_.demand.share_under_65)) {
    const double x = s.uniform();
    u.group = x < 0.55 ? ClientGroup::physical_disability : x < 0.8 ? ClientGroup::learning_disability : ClientGroup::mental_health;
  }
  u.double_handed = route == Route::long_term && kernel::bernoulli(s, double_handed_share(day));
  if (route == Route::direct_payment) {
    u.has_pa = kernel::bernoulli(s, p_.direct_payments.employ_pa_share);
    u.pa_wage_frailty = kernel::gamma(s, p_.workforce.frailty_shape, 1.0 / p_.workforce.frailty_shape);
  }
  u.weekly_hours = route == Route::reablement
                       ? kernel::lognormal_mean_cv(s, p_.reablement.weekly_hours, 0.3)
                       : kernel::lognormal_mean_cv(s, p_.demand.mean_weekly_hours, p_.demand.weekly_hours_cv);
  if (u.double_handed) u.weekly_hours *= p_.demand.double_handed_hours_factor;
  build_visit_plan(u, s);
  users_.push_back(std::move(u));
  live_users_.push_back(id);
  if (route == Route::reablement && day > 0) {
    const double len = std::min(kernel::exponential(s, p_.reablement.mean_days), p_.reablement.max_days);
    sim_.schedule_at(std::max(sim_.now(), kernel::days(day + len)), Payload{EventKind::reablement_end, 0, id.value}, 2 * id.value);
  }
  return id;
}

void Market::build_visit_plan(ServiceUser& u, kernel::RandomStream& s) {
  // Visit length: 30 minutes for most state-funded visits (FACTS.md: 65%), some 45 and 60.
  static constexpr double len_w[] = {0.65, 0.20, 0.15};
  static constexpr std::uint16_t lens[] = {30, 45, 60};
  const std::uint16_t len = lens[kernel::categorical(s, len_w)];
  const double per_day = std::clamp(u.weekly_hours, 0.5, 60.0) * 60.0 / 7.0;
  const int visits = std::clamp(static_cast<int>(std::lround(per_day / len)), 1, 4);
  static constexpr int times[4][4] = {{9 * 60, 0, 0, 0}, {8 * 60 + 30, 18 * 60, 0, 0},
                                      {8 * 60, 12 * 60 + 30, 17 * 60 + 30, 0},
                                      {8 * 60, 12 * 60 + 30, 17 * 60, 20 * 60 + 30}};
  u.slots.clear();
  for (int v = 0; v < visits; ++v) {
    const int jitter = (static_cast<int>(kernel::uniform_index(s, 5)) - 2) * 15;  // -30..+30
    VisitSlot slot;
    slot.minute = static_cast<std::uint16_t>(std::clamp(times[visits - 1][v] + jitter, roster_first_minute, 22 * 60));
    slot.duration = len;
    slot.double_handed = u.double_handed;
    u.slots.push_back(slot);
  }
  u.weekly_hours = visits * len * 7.0 / 60.0;
}

void Market::user_month(UserId id, std::int64_t day, int month) {
  ServiceUser& u = users_[id.index()];
  if (u.route == Route::reablement) return;
  const kernel::Date d = cal_.date_of_day(day);
  // Hazards apply from now (a user arriving mid-day is at risk from arrival) to the month's end.
  const double from = std::max(static_cast<double>(day), sim_.now().value / kernel::minutes_per_day);
  const double len = static_cast<double>(day) + kernel::days_in_month(d.year, d.month) - (d.day - 1) - from;
  kernel::RandomStream s(key(rng_user_month, id.value, static_cast<std::uint32_t>(month)));
  const double f = u.group == ClientGroup::older ? 1.0 : p_.demand.under_65_exit_factor;
  const double unmet = u.state == UserState::waiting ? 1.0 : u.unmet_share_last_month;
  const double hz[3] = {p_.demand.death_hazard * f,
                        p_.demand.residential_hazard * f * (1.0 + p_.demand.unmet_residential_factor * unmet),
                        p_.demand.recovery_hazard * f};
  double first = len;
  int cause = -1;
  for (int c = 0; c < 3; ++c) {
    if (hz[c] <= 0) continue;
    const double t = kernel::exponential(s, kernel::days_per_year / hz[c]);
    if (t < first) { first = t; cause = c; }
  }
  const kernel::Minutes now = kernel::days(from);
  if (cause >= 0)
    sim_.schedule_at(now + kernel::days(first), Payload{EventKind::user_exit, static_cast<std::uint8_t>(cause), id.value}, 2 * id.value);
  if (u.route == Route::direct_payment) {
    if (u.has_pa && !u.pa_vacant) {
      const double wage = pa_wage();
      const double outside = nlw_ * (1.0 + p_.workforce.outside_premium);
      const double h = p_.workforce.base_quit_hazard * p_.direct_payments.pa_quit_factor * u.pa_wage_frailty *
                       std::pow(wage / outside, -p_.workforce.wage_elasticity);
      const double t = h > 0 ? kernel::exponential(s, kernel::days_per_year / h) : len + 1;
      if (t < len) sim_.schedule_at(now + kernel::days(t), Payload{EventKind::pa_quit, 0, id.value}, 2 * id.value);
    }
    return;
  }
  if (u.state != UserState::active) return;
  if (p_.demand.hospital_hazard > 0) {
    const double t = kernel::exponential(s, kernel::days_per_year / p_.demand.hospital_hazard);
    if (t < len) sim_.schedule_at(now + kernel::days(t), Payload{EventKind::hospital_admit, 0, id.value}, 2 * id.value);
  }
  // Reviews: needs rise to two carers, or hours change by a quarter of an hour a visit.
  if (!u.double_handed && kernel::bernoulli(s, 1.0 - std::exp(-p_.demand.review_to_double_handed / 12.0))) {
    u.double_handed = true;
    for (std::size_t k = 0; k < u.slots.size(); ++k) {
      u.slots[k].double_handed = true;
      for (std::uint8_t wd = 0; wd < 7; ++wd) {
        // The first carer's roster entry now belongs to a double-handed visit too.
        if (const WorkerId w = u.slots[k].regular[wd][0]; w.valid())
          for (RosterEntry& e : workers_[w.index()].week.day(wd))
            if (e.user == id && e.slot == k) e.double_handed = true;
        providers_[u.provider.index()].pending.push_back({id, static_cast<std::uint16_t>(k), wd, 1});
      }
    }
  }
  if (kernel::bernoulli(s, 1.0 - std::exp(-p_.demand.review_hours_change / 12.0))) {
    const bool up = kernel::bernoulli(s, 0.6);
    for (std::size_t k = 0; k < u.slots.size(); ++k) {
      VisitSlot& sl = u.slots[k];
      const int nd = std::clamp(sl.duration + (up ? 15 : -15), 30, 90);
      if (nd == sl.duration) continue;
      std::array<std::array<WorkerId, 2>, 7> before = sl.regular;
      for (int wd = 0; wd < 7; ++wd)
        for (int seat = 0; seat < 2; ++seat)
          if (before[static_cast<std::size_t>(wd)][static_cast<std::size_t>(seat)].valid()) unroster_entry(id, k, wd, seat);
      sl.duration = static_cast<std::uint16_t>(nd);
      for (int wd = 0; wd < 7; ++wd)
        for (int seat = 0; seat < (sl.double_handed ? 2 : 1); ++seat)
          if (!roster_slot(id, k, wd, seat, u.provider, true, before[static_cast<std::size_t>(wd)][static_cast<std::size_t>(seat)]))
            providers_[u.provider.index()].pending.push_back({id, static_cast<std::uint16_t>(k), static_cast<std::uint8_t>(wd), static_cast<std::uint8_t>(seat)});
    }
    double h = 0;
    for (const auto& sl : u.slots) h += sl.duration * 7.0 / 60.0;
    u.weekly_hours = h;
  }
}

double Market::pa_wage() const {
  // The 2016/17 PA wage moves with the NLW; the Real Living Wage policy puts a floor under it.
  const double w = p_.direct_payments.pa_wage * nlw_ / 7.20;
  return p_.direct_payments.pa_real_living_wage && switched_ ? std::max(w, real_living_wage_payable_) : w;
}

void Market::end_user(UserId id, ExitCause cause) {
  ServiceUser& u = users_[id.index()];
  if (u.state == UserState::ended) return;
  sim_.cancel(2 * id.value);
  if (u.route == Route::long_term && cause == ExitCause::residential) {
    // The part of this move that unmet need caused (MODEL.md: likelier when needs go unmet).
    const double unmet = u.state == UserState::waiting ? 1.0 : u.unmet_share_last_month;
    const double mult = 1.0 + p_.demand.unmet_residential_factor * unmet;
    residential_caused_ += (mult - 1.0) / mult;
  }
  if (u.provider.valid()) release_package(id);
  u.state = UserState::ended;
  ++people_out_;
}

}  // namespace homecare::model
