// Referrals by ward from the 65+ and 85+ populations, and each new package's needs.
#include "model/demand.hpp"

#include <algorithm>
#include <cmath>


namespace homecare::model {

double referrals_per_day(const Place& place, const Params& p, std::uint16_t ward, double day, bool reablement) {
  // New packages a day in `ward`: the rate per 1,000 (85+ weighted) residents aged 65+, with the
  // 65+ and 85+ populations growing geometrically from the pack's figures for its demand anchor.
  const double years = (static_cast<double>(kernel::to_day_number(p.run.start)) + day -
                        static_cast<double>(kernel::to_day_number(place.demand_anchor))) / kernel::days_per_year;
  const double pop65 = place.demand_pop65[ward] * std::pow(1.0 + p.demand.growth_65plus, years);
  const double pop85 = place.demand_pop85[ward] * std::pow(1.0 + p.demand.growth_85plus, years);
  const double weighted = pop65 + (p.demand.weight_85plus - 1.0) * pop85;
  const double rate = reablement ? p.demand.reablement_per_1000_65plus
                                 : p.demand.referrals_per_1000_65plus / (1.0 - std::min(0.95, p.demand.share_under_65));
  return rate * weighted / 1000.0 / kernel::days_per_year;
}

double double_handed_share(const Params& p, double day) {
  return std::min(1.0, p.demand.double_handed_share_2016 * std::pow(1.0 + p.demand.double_handed_growth, day / kernel::days_per_year));
}

namespace {

void build_visit_plan(ServiceUser& u, kernel::RandomStream& rs) {
  // Visit length: 30 minutes for most state-funded visits (FACTS.md: 65%), some 45 and 60.
  static constexpr double len_w[] = {0.65, 0.20, 0.15};
  static constexpr std::uint16_t lens[] = {30, 45, 60};
  const std::uint16_t len = lens[kernel::categorical(rs, len_w)];
  const double per_day = std::clamp(u.weekly_hours, 0.5, 60.0) * 60.0 / 7.0;
  const int visits = std::clamp(static_cast<int>(std::lround(per_day / len)), 1, 4);
  static constexpr int times[4][4] = {{9 * 60, 0, 0, 0}, {8 * 60 + 30, 18 * 60, 0, 0},
                                      {8 * 60, 12 * 60 + 30, 17 * 60 + 30, 0},
                                      {8 * 60, 12 * 60 + 30, 17 * 60, 20 * 60 + 30}};
  u.slots.clear();
  for (int v = 0; v < visits; ++v) {
    const int jitter = (static_cast<int>(kernel::uniform_index(rs, 5)) - 2) * 15;  // -30..+30
    VisitSlot slot;
    slot.minute = static_cast<std::uint16_t>(std::clamp(times[visits - 1][v] + jitter, roster_first_minute, 22 * 60));
    slot.duration = len;
    slot.double_handed = u.double_handed;
    u.slots.push_back(slot);
  }
  u.weekly_hours = visits * len * 7.0 / 60.0;
}

}  // namespace

UserId create_user(Route route, std::uint16_t ward, double day, UserKey key, const Setting& s, World& world, Agenda& agenda) {
  const Params& p = s.p;
  const UserId id(static_cast<std::uint32_t>(world.users.size()));
  agenda.open(CancelSlot::of(id));
  kernel::RandomStream rs(s.keys(rng_new_user, StreamAgent::user(key), 0));
  ServiceUser u;
  u.key = key;
  u.ward = ward;
  u.route = route;
  u.home = random_point_in_ward(s.place, ward, rs);
  if (route != Route::reablement && kernel::bernoulli(rs, p.demand.share_under_65)) {
    const double x = rs.uniform();
    u.group = x < 0.55 ? ClientGroup::physical_disability : x < 0.8 ? ClientGroup::learning_disability : ClientGroup::mental_health;
  }
  u.double_handed = route == Route::long_term && kernel::bernoulli(rs, double_handed_share(p, day));
  if (route == Route::direct_payment) {
    u.has_pa = kernel::bernoulli(rs, p.direct_payments.employ_pa_share);
    u.pa_wage_frailty = kernel::gamma(rs, p.workforce.frailty_shape, 1.0 / p.workforce.frailty_shape);
  }
  u.weekly_hours = route == Route::reablement ? kernel::lognormal_mean_cv(rs, p.reablement.weekly_hours, 0.3)
                                              : kernel::lognormal_mean_cv(rs, p.demand.mean_weekly_hours, p.demand.weekly_hours_cv);
  if (u.double_handed) u.weekly_hours *= p.demand.double_handed_hours_factor;
  build_visit_plan(u, rs);
  kernel::RandomStream clocks(s.keys(rng_new_user, StreamAgent::user(key), 3));
  for (double& c : u.exit_clock) c = kernel::exponential(clocks, 1.0);
  world.users.push_back(std::move(u));
  world.live_users.push_back(id);
  if (route == Route::reablement && day > 0) {
    const double len = std::min(kernel::exponential(rs, p.reablement.mean_days), p.reablement.max_days);
    agenda.at(std::max(agenda.now(), kernel::days(day + len)), Payload{EventKind::reablement_end, 0, id.value}, CancelSlot::of(id));
  }
  return id;
}

bool direct_payment_support_full(const Params& p, const World& world) {
  const auto& dp = p.direct_payments;
  if (dp.support_workers <= 0) return false;
  const double capacity = dp.support_workers * dp.users_per_support_worker;
  double n = 0;
  for (UserId id : world.live_users) {
    const ServiceUser& u = world.user(id);
    if (u.route == Route::direct_payment && u.state != UserState::ended) n += 1;
  }
  return n >= capacity;
}

Route long_term_route(bool chooses, const Params& p, const World& world, MonthTally& t) {
  if (!chooses) return Route::long_term;
  // Nobody to set it up: the council arranges care instead (the Care Act duty to meet needs).
  if (direct_payment_support_full(p, world)) {
    t.dp_unsupported += 1;
    return Route::long_term;
  }
  return Route::direct_payment;
}

void daily_referrals(std::int64_t day, const Setting& s, const Regime& regime, double referral_factor, World& world, Agenda& agenda,
                     Ledger& ledger) {
  const auto nward = static_cast<std::uint16_t>(s.place.wards.size());
  const double t0 = static_cast<double>(day);
  for (std::uint16_t w = 0; w < nward; ++w) {
    for (int reab = 0; reab < 2; ++reab) {
      const StreamAgent stream = StreamAgent::ward_stream(w, reab == 1);
      kernel::RandomStream count(s.keys(rng_referral, stream, static_cast<std::uint32_t>(day)));
      const double rate = referrals_per_day(s.place, s.p, w, t0, reab == 1);
      const auto n = kernel::poisson(count, reab == 1 || referral_factor == 1.0 ? rate : rate * referral_factor);
      for (std::uint64_t i = 0; i < n; ++i) {
        // The i-th referral of the ward's day is the same person in every variant: their route,
        // arrival and needs come from their own streams.
        const UserKey key = UserKey::referral(day, static_cast<std::uint32_t>(stream.id()), i);
        kernel::RandomStream rs(s.keys(rng_new_user, StreamAgent::user(key), 2));
        Route route = Route::reablement;
        if (reab == 0)
          route = long_term_route(kernel::bernoulli(rs, direct_payment_takeup(s.p, regime)), s.p, world, ledger.month(s.month_of(day)));
        const UserId id = create_user(route, w, t0, key, s, world, agenda);
        ++ledger.people_in;
        // Reablement starts straight after hospital; long-term needs an assessment first.
        const double delay = route == Route::reablement ? 0.0 : kernel::exponential(rs, std::max(1e-9, s.p.demand.assessment_days));
        agenda.at(kernel::days(t0 + rs.uniform() * 0.999 + delay), Payload{EventKind::assessment_done, 0, id.value},
                  CancelSlot::of(id));
      }
    }
  }
}

}  // namespace homecare::model
