// Setting up a replicate: setting, providers, day-0 packages and staff.
#include "model/setup.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernel/random.hpp"
#include "model/demand.hpp"
#include "model/place.hpp"
#include "model/provider_finance.hpp"
#include "model/roster.hpp"
#include "model/training.hpp"
#include "model/workforce.hpp"

namespace homecare::model {
namespace {

/// Major events at the place's venues: each year a number of them (for the first venue
/// travel.event_days_per_year, for others the pack's figure), a share falling in the venue's
/// summer season and the rest anywhere in the year; plus the extra events of each extra window
/// (for the first venue's first window travel.event_extra). Drawn per venue and year.
std::vector<bool> draw_event_days(const Place& place, const Params& p, const StreamKeys& keys, std::int64_t last_day) {
  std::vector<bool> event_day(static_cast<std::size_t>(last_day + 1), false);
  const kernel::Date first = p.run.start;
  for (std::size_t v = 0; v < place.venues.size(); ++v) {
    const Venue& venue = place.venues[v];
    const auto sub = static_cast<std::uint32_t>(v);
    for (int year = first.year; year <= p.run.end.year; ++year) {
      kernel::RandomStream rs(keys(rng_event_days, StreamAgent::year(year), sub));
      const auto count = static_cast<int>(std::lround(v == 0 ? p.travel.event_days_per_year : venue.events_per_year));
      const auto summer_count = static_cast<int>(count * venue.summer_share);
      for (int k = 0; k < count; ++k) {
        const bool summer = k < summer_count;
        const kernel::Date from = summer ? kernel::Date{year, venue.summer_month, venue.summer_day} : kernel::Date{year, 1, 1};
        const int span = summer ? venue.summer_days : 365;
        const auto off = static_cast<std::int64_t>(kernel::uniform_index(rs, static_cast<std::uint32_t>(span)));
        const std::int64_t d = kernel::to_day_number(from) + off - kernel::to_day_number(first);
        if (d >= 0 && d <= last_day) event_day[static_cast<std::size_t>(d)] = true;
      }
    }
    for (std::size_t x = 0; x < venue.extra.size(); ++x) {
      const EventWindow& window = venue.extra[x];
      // Keyed by the window's first year (and the venue, the window): the same extra days
      // whatever else the pack or the scenario changes.
      kernel::RandomStream rs(keys(rng_event_days, StreamAgent::year(static_cast<int>(1000 * v + x)),
                                   static_cast<std::uint32_t>(window.from.year)));
      const auto extra = static_cast<int>(std::lround(v == 0 && x == 0 ? p.travel.event_extra : window.events));
      const std::int64_t from = kernel::to_day_number(window.from) - kernel::to_day_number(first);
      const std::int64_t to = kernel::to_day_number(window.to) - kernel::to_day_number(first);
      for (int k = 0; k < extra; ++k) {
        const std::int64_t d = from + static_cast<std::int64_t>(kernel::uniform_index(rs, static_cast<std::uint32_t>(to - from + 1)));
        if (d >= 0 && d <= last_day) event_day[static_cast<std::size_t>(d)] = true;
      }
    }
  }
  return event_day;
}

void setup_providers(const Setting& s, World& world) {
  const Params& p = s.p;
  const auto n = static_cast<std::size_t>(p.providers.framework_providers);
  const std::size_t wards = s.place.wards.size();
  double weight_sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    kernel::RandomStream rs(s.keys(rng_setup_provider, StreamAgent::provider(ProviderId(static_cast<std::uint32_t>(i)))));
    Provider pr;
    pr.size_weight = kernel::lognormal(rs, 0.0, p.providers.size_sigma);
    pr.price = std::max(1.0, kernel::normal(rs, p.commissioning.price_2016, p.commissioning.price_sd));
    pr.wage_premium = kernel::normal(rs, p.workforce.wage_premium_mean, p.workforce.wage_premium_sd);
    pr.overhead_per_hour = kernel::lognormal_mean_cv(rs, p.providers.overhead_per_hour, p.providers.overhead_cv);
    pr.recruit_difficulty = kernel::lognormal(rs, -0.5 * p.providers.recruit_difficulty_sigma * p.providers.recruit_difficulty_sigma,
                                              p.providers.recruit_difficulty_sigma);
    pr.by_ward.resize(wards);
    pr.losing_months_left = losing_months_borne(ProviderId(static_cast<std::uint32_t>(i)), s);
    weight_sum += pr.size_weight;
    world.providers.push_back(std::move(pr));
  }
  for (auto& pr : world.providers) pr.size_weight /= weight_sum;
  // Providers based outside the borough (docs/MODEL.md 7.7a): the last round(share x n), their
  // weights scaled so that together they hold the stated share of the framework's size (so of the
  // packages placed on day 0 and offered after), each paying its offset on the wage premium drawn.
  // No draw: with a share of 0 nothing changes.
  const auto k = static_cast<std::size_t>(std::llround(p.providers.out_of_borough_share * static_cast<double>(n)));
  if (k > 0) {
    double out_weight = 0, in_weight = 0;
    for (std::size_t i = 0; i < n; ++i) (i + k >= n ? out_weight : in_weight) += world.providers[i].size_weight;
    for (std::size_t i = 0; i < n; ++i) {
      Provider& pr = world.providers[i];
      if (i + k >= n) {
        pr.out_of_borough = true;
        pr.wage_premium += p.providers.out_of_borough_wage_offset;
        if (k < n) pr.size_weight *= p.providers.out_of_borough_share / out_weight;
      } else {
        pr.size_weight *= (1.0 - p.providers.out_of_borough_share) / in_weight;
      }
    }
  }
  // The specialist reablement service: one team, priced per hour, recruiting like the others.
  Provider team;
  team.reablement_team = true;
  team.size_weight = 0;
  team.price = p.reablement.price_per_hour;
  team.wage_premium = p.workforce.wage_premium_mean;
  team.overhead_per_hour = 0;
  team.recruit_difficulty = 1;
  team.by_ward.resize(wards);
  world.reablement_team = ProviderId(static_cast<std::uint32_t>(world.providers.size()));
  world.providers.push_back(std::move(team));
}

void setup_initial_users(const Setting& s, World& world, Agenda& agenda, Ledger& ledger) {
  // Packages running on day 0: long-term (by need weight per ward) and reablement episodes in
  // progress. Each starts with a provider chosen by size, as the framework would have placed it.
  const Params& p = s.p;
  std::vector<double> w(s.place.wards.size());
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = referrals_per_day(s.place, p, static_cast<std::uint16_t>(i), 0.0, false);
  std::vector<double> size;
  for (const auto& pr : world.providers) size.push_back(pr.size_weight);
  // initial_users counts council-arranged packages; direct payments come on top, in the
  // proportion new packages choose them.
  const double takeup = std::min(p.direct_payments.takeup, 0.95);
  const double lt = p.demand.start_at_steady_state ? p.demand.initial_users : 0.0;
  const auto n_lt = static_cast<std::uint64_t>(std::llround(lt / (1.0 - takeup)));
  double reab_rate = 0;
  for (std::size_t i = 0; i < w.size(); ++i) reab_rate += referrals_per_day(s.place, p, static_cast<std::uint16_t>(i), 0.0, true);
  // Episodes in progress: starts a day times the mean length of an episode, which is the
  // exponential mean capped at max_days: E[min(X, c)] = m (1 - exp(-c / m)).
  const double m = p.reablement.mean_days;
  const double mean_len = m * (1.0 - std::exp(-p.reablement.max_days / m));
  kernel::RandomStream stock(s.keys(rng_setup_stock, StreamAgent::none()));
  const auto n_reab = p.demand.start_at_steady_state ? kernel::poisson(stock, reab_rate * mean_len) : 0;
  for (std::uint64_t i = 0; i < n_lt + n_reab; ++i) {
    // Each package of day 0 draws from its own streams: a change to how many there are (or to a
    // parameter of one) leaves the others as they were.
    const UserKey key = UserKey::initial(i);
    kernel::RandomStream rs(s.keys(rng_setup_user, StreamAgent::user(key)));
    const bool reab = i >= n_lt;
    const auto ward = static_cast<std::uint16_t>(kernel::categorical(rs, w));
    const bool dp = !reab && i < static_cast<std::uint64_t>(std::llround(lt * takeup / (1.0 - takeup)));
    const Route route = reab ? Route::reablement : dp ? Route::direct_payment : Route::long_term;
    const UserId id = create_user(route, ward, 0.0, key, s, world, agenda);
    ServiceUser& u = world.user(id);
    if (reab) {
      u.provider = world.reablement_team;
      const double left = std::min(kernel::exponential(rs, p.reablement.mean_days), p.reablement.max_days);
      agenda.at(kernel::days(left), Payload{EventKind::reablement_end, 0, id.value});
    } else if (!dp) {
      u.provider = ProviderId(static_cast<std::uint32_t>(kernel::categorical(rs, size)));
    }
    u.state = UserState::active;
    u.ever_placed = true;
    u.started_day = -kernel::exponential(rs, 600.0);
    if (u.provider.valid()) world.provider(u.provider).users.push_back(id);
    ++ledger.people_in;
  }
}

void setup_initial_workers(const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  // Each provider staffs the minutes its packages book plus its buffer, less the vacancies a
  // market at the 2016/17 vacancy rate carries. Tenures are drawn as in a market that has been
  // running for years, so new starters are as common on day 0 as later.
  const Params& p = s.p;
  for (std::uint32_t pi = 0; pi < world.providers.size(); ++pi) {
    Provider& pr = world.providers[pi];
    double booked = 0;
    for (UserId u : pr.users)
      for (const auto& sl : world.user(u).slots)
        booked += 7.0 * (std::ceil((sl.duration + s.allowance) / double(roster_block_minutes)) * roster_block_minutes) *
                  (sl.double_handed ? 2 : 1);
    const double target_minutes_week = booked * (1.0 + p.workforce.capacity_buffer);  // what it staffs for
    double capacity = 0;
    while (capacity < target_minutes_week * (1.0 - 0.066)) {
      // Posts 0, 1, 2... in turn, each worker drawn from the stream of their post.
      const auto [post, key] = take_post(ProviderId(pi), world);
      kernel::RandomStream rs(s.keys(rng_setup_worker, StreamAgent::worker(key)));
      const WorkerId w = create_worker(ProviderId(pi), 0.0, kernel::bernoulli(rs, p.workforce.from_sector_share), key, post, rs, s,
                                       econ, world, agenda);
      CareWorker& cw = world.worker(w);
      const double job_years = kernel::exponential(rs, 3.0);
      cw.hired_day = -job_years * 365.25;
      // Survivors of years in post are the less restless: frailty given survival is gamma with
      // the same shape and a rate raised by the hazard endured (a typical 0.3 a year).
      const double k = p.workforce.frailty_shape;
      cw.frailty = kernel::gamma(rs, k, 1.0 / (k + 0.3 * job_years));
      cw.sector_start_day = cw.hired_day - kernel::exponential(rs, 3.0) * 365.25;
      start_quit_clock(cw, s);
      if (cw.changed_agency_day > -1e8) cw.changed_agency_day = cw.hired_day;
      cw.trained = kernel::bernoulli(rs, p.workforce.share_trained_2016);
      cw.qualification = kernel::bernoulli(rs, p.workforce.share_l2_2016) ? Qualification::level2 : Qualification::none;
      draw_credentials(cw, s);
      cw.wage = econ.wages.offered_wage(world.provider(ProviderId(pi))) + pay_premium(cw.qualification, p.workforce);
      capacity += cw.capacity_min_week;
    }
  }
  // Roster every package; what cannot be rostered yet is queued for cover and retried daily.
  for (std::uint32_t pi = 0; pi < world.providers.size(); ++pi)
    for (UserId u : world.providers[pi].users) {
      const ServiceUser& su = world.user(u);
      for (std::size_t k = 0; k < su.slots.size(); ++k)
        for (int wd = 0; wd < 7; ++wd)
          for (int seat = 0; seat < (su.slots[k].double_handed ? 2 : 1); ++seat)
            if (!roster_slot(u, k, wd, seat, ProviderId(pi), true, s, world)) queue_for_cover(world.providers[pi], u, k, wd, seat);
    }
}

}  // namespace

kernel::Date month_close_date(const Params& p, kernel::Date d) {
  const kernel::Date last{d.year, d.month, kernel::days_in_month(d.year, d.month)};
  return std::min(last, p.run.end);
}

Setting make_setting(const Place& place, const Params& p, std::uint32_t seed, std::uint32_t replicate) {
  Setting s{place, p, StreamKeys{seed, replicate}, kernel::Calendar(p.run.start), 0, 0, 0, 0, {}, {}, {}};
  s.allowance = static_cast<int>(std::lround(p.providers.roster_travel_allowance_min));
  s.travel.km_per_m = p.travel.circuity / 1000.0;
  s.travel.leg_overhead_min = p.travel.leg_overhead_min;
  for (const TravelMode m : {TravelMode::walk, TravelMode::bus, TravelMode::car}) {
    const double kmh = m == TravelMode::walk ? p.travel.walk_kmh : m == TravelMode::bus ? p.travel.bus_kmh : p.travel.car_kmh;
    s.travel.min_per_m[static_cast<std::size_t>(m)] = {s.travel.km_per_m / kmh * 60.0,
                                                        s.travel.km_per_m / (kmh * p.travel.event_slowdown) * 60.0};
  }
  const auto& wards = place.wards;
  s.near_stadium.assign(wards.size(), false);
  for (std::size_t i = 0; i < wards.size(); ++i)
    for (const Venue& v : place.venues)
      if (distance_m(wards[i].centroid, v.at) <= p.travel.event_radius_km * 1000.0) s.near_stadium[i] = true;
  s.last_day = kernel::to_day_number(p.run.end) - kernel::to_day_number(p.run.start);
  s.months = kernel::months_between(p.run.start, p.run.end) + 1;
  s.policy_month = std::clamp(kernel::months_between(p.run.start, p.run.policy_start), 0, s.months - 1);
  s.event_day = draw_event_days(place, p, s.keys, s.last_day);
  return s;
}

Economy initial_economy(const Setting& s) {
  Economy e;
  e.costs = cost_lines(s.place.tables, s.p.run.start, s.p.providers.oncost_rate);
  e.levers = levers_in_force(s.p, s.p.run.start);
  e.costs.travel_paid = e.levers.travel_paid;
  e.wages = wage_environment(s.place, s.p, s.p.run.start, month_close_date(s.p, s.p.run.start));
  return e;
}

void setup_market(const Setting& s, const Economy& econ, World& world, Agenda& agenda, Ledger& ledger) {
  ledger.open(static_cast<std::size_t>(s.months), s.place.wards.size());
  setup_providers(s, world);
  setup_initial_users(s, world, agenda, ledger);
  setup_initial_workers(s, econ, world, agenda);
  ledger.cohort_size = static_cast<std::uint32_t>(world.workers.size());
  ledger.cohort_left.assign(ledger.cohort_size, false);
  for (std::uint32_t w = 0; w < world.workers.size(); ++w) {
    kernel::RandomStream rs(s.keys(rng_absence, StreamAgent::worker(world.workers[w].key)));
    schedule_absence(WorkerId(w), rs.uniform() * 60.0, s, world, agenda);
  }
  for (const auto& u : world.users)
    if (u.route == Route::long_term && u.double_handed && u.state == UserState::active) ledger.dh_packages_start += 1;
}

}  // namespace homecare::model
