// One replicate: setup, the day loop, event dispatch. Processes live in market_*.cpp.
#include "model/market.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "model/geography.hpp"
#include "model/market_state.hpp"
#include "model/wages.hpp"

namespace homecare::model {

Market::Market(const Params& p, std::uint32_t seed, std::uint32_t replicate)
    : p_(p), seed_(seed), rep_(replicate), cal_(p.run.start) {
  costs_.travel_paid = p.wages.travel_time_paid;
  allowance_ = static_cast<int>(std::lround(p.providers.roster_travel_allowance_min));
  km_per_m_ = p.travel.circuity / 1000.0;
  for (const TravelMode m : {TravelMode::walk, TravelMode::bus, TravelMode::car}) {
    const double kmh = m == TravelMode::walk ? p.travel.walk_kmh : m == TravelMode::bus ? p.travel.bus_kmh : p.travel.car_kmh;
    travel_min_per_m_[static_cast<std::size_t>(m)] = {km_per_m_ / kmh * 60.0, km_per_m_ / (kmh * p.travel.event_slowdown) * 60.0};
  }
  costs_.ni_pension_rate = p.providers.oncost_rate * (1.14 / 3.11);
  costs_.other_oncost_rate = p.providers.oncost_rate * (1.97 / 3.11);
  const auto& wards = brent_wards();
  near_stadium_.resize(wards.size());
  for (std::size_t i = 0; i < wards.size(); ++i) {
    near_stadium_[i] = distance_m({wards[i].easting, wards[i].northing}, wembley_stadium) <=
                       p.travel.event_radius_km * 1000.0;
    ward_pop65_2017_.push_back(wards[i].pop65_2017);
  }
  last_day_ = kernel::to_day_number(p.run.end) - kernel::to_day_number(p.run.start);
  months_ = kernel::months_between(p.run.start, p.run.end) + 1;
  policy_month_ = std::clamp(kernel::months_between(p.run.start, p.run.policy_start), 0, months_ - 1);
  tally_.resize(static_cast<std::size_t>(months_));
  sim_.reserve(1 << 14);
}

void Market::setup_event_days() {
  // Major events at Wembley Stadium: 37 a year (more from August 2017 to May 2018), about half
  // of them concerts clustered June-September; the rest spread over the year. Drawn per year.
  event_day_.assign(static_cast<std::size_t>(last_day_ + 1), false);
  const kernel::Date first = p_.run.start;
  for (int year = first.year; year <= p_.run.end.year; ++year) {
    kernel::RandomStream s(key(rng_event_days, static_cast<std::uint32_t>(year)));
    double n = p_.travel.event_days_per_year;
    const auto count = static_cast<int>(std::lround(n));
    for (int k = 0; k < count; ++k) {
      const bool summer = k < count / 2;
      const kernel::Date from = summer ? kernel::Date{year, 6, 1} : kernel::Date{year, 1, 1};
      const int span = summer ? 122 : 365;
      const auto off = static_cast<std::int64_t>(kernel::uniform_index(s, static_cast<std::uint32_t>(span)));
      const std::int64_t d = kernel::to_day_number(from) + off - kernel::to_day_number(first);
      if (d >= 0 && d <= last_day_) event_day_[static_cast<std::size_t>(d)] = true;
    }
  }
  kernel::RandomStream s(key(rng_event_days, 0, 2017));
  const auto extra = static_cast<int>(std::lround(p_.travel.event_extra_2017));
  const std::int64_t from = kernel::to_day_number({2017, 8, 1}) - kernel::to_day_number(first);
  const std::int64_t to = kernel::to_day_number({2018, 5, 31}) - kernel::to_day_number(first);
  for (int k = 0; k < extra; ++k) {
    const std::int64_t d = from + static_cast<std::int64_t>(kernel::uniform_index(s, static_cast<std::uint32_t>(to - from + 1)));
    if (d >= 0 && d <= last_day_) event_day_[static_cast<std::size_t>(d)] = true;
  }
}

void Market::setup_providers() {
  const auto n = static_cast<std::size_t>(p_.providers.framework_providers);
  const std::size_t wards = brent_wards().size();
  double weight_sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    kernel::RandomStream s(key(rng_setup_provider, static_cast<std::uint32_t>(i)));
    Provider pr;
    pr.size_weight = kernel::lognormal(s, 0.0, p_.providers.size_sigma);
    pr.price = std::max(1.0, kernel::normal(s, p_.commissioning.price_2016, p_.commissioning.price_sd));
    pr.wage_premium = kernel::normal(s, p_.workforce.wage_premium_mean, p_.workforce.wage_premium_sd);
    pr.overhead_per_hour = kernel::lognormal_mean_cv(s, p_.providers.overhead_per_hour, p_.providers.overhead_cv);
    pr.recruit_difficulty = kernel::lognormal(s, -0.5 * p_.providers.recruit_difficulty_sigma * p_.providers.recruit_difficulty_sigma,
                                              p_.providers.recruit_difficulty_sigma);
    pr.by_ward.resize(wards);
    weight_sum += pr.size_weight;
    providers_.push_back(std::move(pr));
  }
  for (auto& pr : providers_) pr.size_weight /= weight_sum;
  // The specialist reablement service: one team, priced per hour, recruiting like the others.
  Provider team;
  team.reablement_team = true;
  team.size_weight = 0;
  team.price = p_.reablement.price_per_hour;
  team.wage_premium = p_.workforce.wage_premium_mean;
  team.overhead_per_hour = 0;
  team.recruit_difficulty = 1;
  team.by_ward.resize(wards);
  reablement_team_ = ProviderId(static_cast<std::uint32_t>(providers_.size()));
  providers_.push_back(std::move(team));
}

void Market::setup_initial_users() {
  // Packages running on day 0: long-term (by need weight per ward) and reablement episodes in
  // progress. Each starts with a provider chosen by size, as the framework would have placed it.
  kernel::RandomStream s(key(rng_setup_user, 0));
  std::vector<double> w(ward_pop65_2017_.size());
  for (std::size_t i = 0; i < w.size(); ++i) w[i] = need_weight(static_cast<std::uint16_t>(i), 0.0, false);
  std::vector<double> size;
  for (const auto& pr : providers_) size.push_back(pr.size_weight);
  // initial_users counts council-arranged packages; direct payments come on top, in the
  // proportion new packages choose them.
  const double takeup = std::min(p_.direct_payments.takeup, 0.95);
  const double lt = p_.demand.start_at_steady_state ? p_.demand.initial_users : 0.0;
  const auto n_lt = static_cast<std::uint64_t>(std::llround(lt / (1.0 - takeup)));
  double reab_rate = 0;
  for (std::size_t i = 0; i < w.size(); ++i) reab_rate += need_weight(static_cast<std::uint16_t>(i), 0.0, true);
  // Episodes in progress: starts a day times the mean length of an episode, which is the
  // exponential mean capped at max_days: E[min(X, c)] = m (1 - exp(-c / m)).
  const double m = p_.reablement.mean_days;
  const double mean_len = m * (1.0 - std::exp(-p_.reablement.max_days / m));
  const auto n_reab = p_.demand.start_at_steady_state ? kernel::poisson(s, reab_rate * mean_len) : 0;
  for (std::uint64_t i = 0; i < n_lt + n_reab; ++i) {
    const bool reab = i >= n_lt;
    const auto ward = static_cast<std::uint16_t>(kernel::categorical(s, w));
    const bool dp = !reab && i < static_cast<std::uint64_t>(std::llround(lt * takeup / (1.0 - takeup)));
    const Route route = reab ? Route::reablement : dp ? Route::direct_payment : Route::long_term;
    const UserId id = create_user(route, ward, s, 0.0);
    ServiceUser& u = users_[id.index()];
    if (reab) {
      u.provider = reablement_team_;
      const double left = std::min(kernel::exponential(s, p_.reablement.mean_days), p_.reablement.max_days);
      sim_.schedule_at(kernel::days(left), Payload{EventKind::reablement_end, 0, id.value});
    } else if (!dp) {
      u.provider = ProviderId(static_cast<std::uint32_t>(kernel::categorical(s, size)));
    }
    u.state = UserState::active;
    u.ever_placed = true;
    u.started_day = -kernel::exponential(s, 600.0);
    if (u.provider.valid()) providers_[u.provider.index()].users.push_back(id);
    ++people_in_;
  }
}

void Market::setup_initial_workers() {
  // Each provider staffs the minutes its packages book plus its buffer, less the vacancies a
  // market at the 2016/17 vacancy rate carries. Tenures are drawn as in a market that has been
  // running for years, so new starters are as common on day 0 as later.
  for (std::uint32_t pi = 0; pi < providers_.size(); ++pi) {
    Provider& pr = providers_[pi];
    double booked = 0;
    for (UserId u : pr.users)
      for (const auto& sl : users_[u.index()].slots)
        booked += 7.0 * (std::ceil((sl.duration + allowance_) / double(roster_block_minutes)) * roster_block_minutes) *
                  (sl.double_handed ? 2 : 1);
    pr.target_minutes_week = booked * (1.0 + p_.workforce.capacity_buffer);
    kernel::RandomStream s(key(rng_setup_worker, pi));
    double capacity = 0;
    while (capacity < pr.target_minutes_week * (1.0 - 0.066)) {
      const WorkerId w = create_worker(ProviderId(pi), s, 0.0, kernel::bernoulli(s, p_.workforce.from_sector_share));
      CareWorker& cw = workers_[w.index()];
      const double job_years = kernel::exponential(s, 3.0);
      cw.hired_day = -job_years * 365.25;
      // Survivors of years in post are the less restless: frailty given survival is gamma with
      // the same shape and a rate raised by the hazard endured (a typical 0.3 a year).
      const double k = p_.workforce.frailty_shape;
      cw.frailty = kernel::gamma(s, k, 1.0 / (k + 0.3 * job_years));
      cw.sector_start_day = cw.hired_day - kernel::exponential(s, 3.0) * 365.25;
      if (cw.changed_agency_day > -1e8) cw.changed_agency_day = cw.hired_day;
      cw.trained = kernel::bernoulli(s, p_.workforce.share_trained_2016);
      cw.qualification = kernel::bernoulli(s, p_.workforce.share_l2_2016) ? Qualification::level2 : Qualification::none;
      capacity += cw.capacity_min_week;
    }
  }
  // Roster every package; what cannot be rostered yet is queued for cover and retried daily.
  for (std::uint32_t pi = 0; pi < providers_.size(); ++pi)
    for (UserId u : providers_[pi].users) {
      ServiceUser& su = users_[u.index()];
      for (std::size_t k = 0; k < su.slots.size(); ++k)
        for (int wd = 0; wd < 7; ++wd)
          for (int seat = 0; seat < (su.slots[k].double_handed ? 2 : 1); ++seat)
            if (!roster_slot(u, k, wd, seat, ProviderId(pi), true))
              providers_[pi].pending.push_back({u, static_cast<std::uint16_t>(k), static_cast<std::uint8_t>(wd), static_cast<std::uint8_t>(seat)});
    }
}

void Market::handle(const Event& e) {
  const std::int64_t day = cal_.day_index(sim_.now());
  switch (e.payload.kind) {
    case EventKind::assessment_done: {
      ServiceUser& u = users_[e.payload.id];
      if (u.state != UserState::assessing) break;
      if (u.route == Route::direct_payment) {
        u.state = UserState::active;
        u.started_day = static_cast<double>(day);
        tally_[static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(day)))].new_users += 1;
      } else {
        u.state = UserState::waiting;
        u.waiting_since = static_cast<double>(day);
        waiting_.push_back(UserId(e.payload.id));
      }
      // Exit hazards apply from arrival, for the rest of this month (then month by month).
      user_month(UserId(e.payload.id), day, kernel::months_between(p_.run.start, cal_.date_of_day(day)));
      break;
    }
    case EventKind::user_exit: end_user(UserId(e.payload.id), static_cast<ExitCause>(e.payload.cause)); break;
    case EventKind::hospital_admit: {
      ServiceUser& u = users_[e.payload.id];
      if (u.state != UserState::active || u.in_hospital) break;
      u.in_hospital = true;
      kernel::RandomStream s(key(rng_hospital, e.payload.id, static_cast<std::uint32_t>(day)));
      sim_.schedule_at(sim_.now() + kernel::days(kernel::exponential(s, p_.demand.hospital_mean_days)),
                       Payload{EventKind::hospital_discharge, 0, e.payload.id}, 2 * e.payload.id);
      break;
    }
    case EventKind::hospital_discharge: users_[e.payload.id].in_hospital = false; break;
    case EventKind::reablement_end: {
      ServiceUser& u = users_[e.payload.id];
      if (u.state == UserState::ended) break;
      kernel::RandomStream s(key(rng_new_user, e.payload.id, 1));
      const double x = s.uniform();
      const std::uint16_t ward = u.ward;
      end_user(UserId(e.payload.id), x < p_.reablement.to_residential ? ExitCause::residential : ExitCause::recovery);
      if (x >= p_.reablement.to_residential && x < p_.reablement.to_residential + p_.reablement.to_long_term) {
        const bool dp = kernel::bernoulli(s, dp_takeup());
        const UserId id = create_user(dp ? Route::direct_payment : Route::long_term, ward, s, static_cast<double>(day));
        users_[id.index()].home = users_[e.payload.id].home;
        sim_.schedule_in(kernel::Minutes{0.0}, Payload{EventKind::assessment_done, 0, id.value});
      }
      break;
    }
    case EventKind::worker_quit: worker_quit(WorkerId(e.payload.id), day); break;
    case EventKind::absence_start: {
      CareWorker& w = workers_[e.payload.id];
      if (!w.employed) break;
      kernel::RandomStream s(key(rng_absence, e.payload.id, static_cast<std::uint32_t>(day) + 1000000U));
      const double len = std::max(1.0, std::round(kernel::exponential(s, p_.workforce.absence_spell_days)));
      w.absent_until_day = static_cast<double>(day) + len;
      schedule_absence(WorkerId(e.payload.id), w.absent_until_day);
      break;
    }
    case EventKind::absence_end: break;
    case EventKind::hire: {
      Provider& pr = providers_[e.payload.id];
      if (pr.hires_pending > 0) --pr.hires_pending;
      if (pr.active) hire(ProviderId(e.payload.id), day);
      break;
    }
    case EventKind::pa_quit: {
      ServiceUser& u = users_[e.payload.id];
      if (u.state != UserState::active || !u.has_pa || u.pa_vacant) break;
      u.pa_vacant = true;
      kernel::RandomStream s(key(rng_pa, e.payload.id, static_cast<std::uint32_t>(day)));
      sim_.schedule_at(sim_.now() + kernel::days(kernel::exponential(s, p_.direct_payments.pa_replace_days)),
                       Payload{EventKind::pa_replaced, 0, e.payload.id}, 2 * e.payload.id);
      break;
    }
    case EventKind::pa_replaced: users_[e.payload.id].pa_vacant = false; break;
  }
}

ReplicateResult Market::run() {
  setup_event_days();
  update_wages(p_.run.start);
  setup_providers();
  setup_initial_users();
  update_wages(p_.run.start);
  setup_initial_workers();
  cohort_size_ = static_cast<std::uint32_t>(workers_.size());
  cohort_left_.assign(cohort_size_, false);
  for (std::uint32_t w = 0; w < workers_.size(); ++w) {
    kernel::RandomStream s(key(rng_absence, w, 0));
    schedule_absence(WorkerId(w), s.uniform() * 60.0);
  }
  for (const auto& u : users_)
    if (u.route == Route::long_term && u.double_handed && u.state == UserState::active) dh_packages_start_ += 1;

  int month = -1;
  for (std::int64_t day = 0; day <= last_day_; ++day) {
    current_day_ = day;
    const kernel::Date date = cal_.date_of_day(day);
    const int m = kernel::months_between(p_.run.start, date);
    if (m != month) {
      month = m;
      update_wages(date);
      if (!switched_ && !(date < p_.commissioning.switch_date)) switch_commissioning(day);
      update_prices(date);
      for (std::uint32_t w = 0; w < workers_.size(); ++w)
        if (workers_[w].employed) worker_month(WorkerId(w), month, date);
      for (std::uint32_t u = 0; u < users_.size(); ++u)
        if (users_[u].state == UserState::active || users_[u].state == UserState::waiting) user_month(UserId(u), day, month);
      training_month(date, month);
      provider_entry(day, month);
      for (std::uint32_t pi = 0; pi < providers_.size(); ++pi)
        if (providers_[pi].active) recruit(ProviderId(pi), day);
    }
    if (date == kernel::Date{2017, 11, 1}) {
      double n = 0, changed = 0;
      for (const auto& w : workers_)
        if (w.employed) {
          n += 1;
          if (static_cast<double>(day) - w.changed_agency_day <= 730.0) changed += 1;
        }
      survey_changed_agency_ = n > 0 ? changed / n : 0;
    }
    if (date == kernel::add_months({p_.run.start.year, p_.run.start.month, 1}, 36)) {
      for (const auto& u : users_)
        if (u.route == Route::long_term && u.double_handed && u.state == UserState::active) dh_packages_3y_ += 1;
    }
    daily_referrals(day);
    sim_.run_until(kernel::days(static_cast<double>(day)) + kernel::Minutes{1.0}, [this](const Event& e) { handle(e); });
    brokerage(day);
    deliver_day(day);
    sim_.run_until(kernel::days(static_cast<double>(day + 1)), [this](const Event& e) { handle(e); });
    day_tally(day, month);
    const kernel::Date tomorrow = cal_.date_of_day(day + 1);
    if (tomorrow.month != date.month || day == last_day_) month_close(month, date);
  }
  ReplicateResult r;
  fill_result(r);
  r.events = sim_.processed();
  return r;
}

std::vector<std::string> report_months(const Params& p) {
  std::vector<std::string> out;
  const int n = kernel::months_between(p.run.start, p.run.end) + 1;
  const kernel::Date first{p.run.start.year, p.run.start.month, 1};
  for (int i = 0; i < n; ++i) out.push_back(kernel::month_label(kernel::add_months(first, i)));
  return out;
}

ReplicateResult simulate_replicate(const Params& p, std::uint32_t seed, std::uint32_t replicate) {
  Market m(p, seed, replicate);
  return m.run();
}

}  // namespace homecare::model
