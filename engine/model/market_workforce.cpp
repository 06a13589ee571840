// Workforce: hiring, pay, training, absence, and the quit hazard that drives turnover.
#include <algorithm>
#include <cmath>

#include "model/geography.hpp"
#include "model/market_state.hpp"
#include "model/wages.hpp"

namespace homecare::model {

WorkerId Market::create_worker(ProviderId pid, kernel::RandomStream& s, double day, bool from_sector) {
  const WorkerId id(static_cast<std::uint32_t>(workers_.size()));
  sim_.slots().ensure(2 * workers_.size() + 2);
  Provider& pr = providers_[pid.index()];
  CareWorker w;
  w.provider = pid;
  w.employed = true;
  ++pr.roster_version;  // a new worker may take visits that found nobody
  ++employed_;
  // Workers live near the work: the home ward of one of the provider's users (or, for a new
  // provider, any ward by population), within the provider's patches under the patch model.
  std::uint16_t ward = 0;
  if (!pr.users.empty() && kernel::bernoulli(s, 0.7)) {
    ward = users_[pr.users[kernel::uniform_index(s, static_cast<std::uint32_t>(pr.users.size()))].index()].ward;
  } else {
    std::vector<double> weights;
    for (std::size_t i = 0; i < brent_wards().size(); ++i) {
      const bool ok = pr.patches.empty() ||
                      std::find(pr.patches.begin(), pr.patches.end(), patches_.ward_patch[i]) != pr.patches.end();
      weights.push_back(ok ? brent_wards()[i].pop_2016 : 0.0);
    }
    ward = static_cast<std::uint16_t>(kernel::categorical(s, weights));
  }
  w.ward = ward;
  w.home = random_point_in_ward(ward, s);
  const double m = s.uniform();
  w.mode = m < p_.travel.share_walk ? TravelMode::walk : m < p_.travel.share_walk + p_.travel.share_bus ? TravelMode::bus : TravelMode::car;
  w.zero_hours = kernel::bernoulli(s, p_.workforce.share_zero_hours);
  const double hours = std::clamp(kernel::lognormal_mean_cv(s, p_.workforce.mean_hours_wanted, 0.35), 6.0, 48.0);
  w.capacity_min_week = hours * 60.0 * p_.workforce.council_share_of_work;
  w.frailty = kernel::gamma(s, p_.workforce.frailty_shape, 1.0 / p_.workforce.frailty_shape);
  const int off = static_cast<int>(kernel::uniform_index(s, 7));
  w.days_off = static_cast<std::uint8_t>((1U << off) | (1U << ((off + 1) % 7)));
  w.hired_day = day;
  w.sector_start_day = from_sector ? day - kernel::exponential(s, 4.0 * 365.25) : day;
  if (from_sector) w.changed_agency_day = day;
  w.trained = kernel::bernoulli(s, p_.workforce.share_trained_2016);
  w.qualification = from_sector && kernel::bernoulli(s, p_.workforce.share_l2_2016) ? Qualification::level2 : Qualification::none;
  w.wage = std::max(wage_floor_, nlw_ + pr.wage_premium);
  workers_.push_back(std::move(w));
  pr.workers.push_back(id);
  pr.by_ward[ward].push_back(id);
  return id;
}

double Market::quit_hazard(const CareWorker& w, double day, kernel::Date) const {
  // Proportional hazards (FACTS.md): pay relative to the outside option (retail at NLW plus a
  // premium), zero-hours insecurity, the first year in the sector, unpaid travel, training and
  // qualification, and an individual frailty that makes the restless leave first.
  const auto& q = p_.workforce;
  const double outside = nlw_ * (1.0 + q.outside_premium);
  double h = q.base_quit_hazard * w.frailty * std::pow(w.wage / outside, -q.wage_elasticity);
  if (w.zero_hours) h *= q.zero_hours_factor;
  if (day - w.sector_start_day < kernel::days_per_year) h *= q.new_starter_factor;
  h *= 1.0 + q.unpaid_travel_factor * w.unpaid_travel_share;
  if (!w.trained && q.trained_factor > 0) h /= q.trained_factor;
  if (w.qualification == Qualification::none && q.qualified_factor > 0) h /= q.qualified_factor;
  return h;
}

void Market::worker_month(WorkerId wid, int month, kernel::Date d, std::uint32_t sub) {
  // The hazard is piecewise constant by month: one exponential draw covers what is left of the
  // month from now (a worker hired or moved mid-month is at risk from that moment; `sub` gives
  // such a draw a stream of its own).
  const CareWorker& w = workers_[wid.index()];
  const double day = static_cast<double>(kernel::to_day_number(d) - kernel::to_day_number(p_.run.start));
  const double month_end = day + kernel::days_in_month(d.year, d.month) - (d.day - 1);
  const double from = std::max(day, sim_.now().value / kernel::minutes_per_day);
  const double h = quit_hazard(w, from, d);
  if (h <= 0) return;
  kernel::RandomStream s(key(rng_worker_month, wid.value, sub == 0 ? static_cast<std::uint32_t>(month) : sub));
  const double t = kernel::exponential(s, kernel::days_per_year / h);
  if (from + t < month_end) sim_.schedule_at(kernel::days(from + t), Payload{EventKind::worker_quit, 0, wid.value}, 2 * wid.value + 1);
}

void Market::worker_quit(WorkerId wid, std::int64_t day) {
  CareWorker& w = workers_[wid.index()];
  if (!w.employed) return;
  const ProviderId from = w.provider;
  const auto month = static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(std::max<std::int64_t>(day, 0))));
  tally_[month].leavers += 1;
  if (wid.value < cohort_size_ && day < 365 && !cohort_left_[wid.index()]) {
    cohort_left_[wid.index()] = true;
    cohort_leavers_ += 1;
  }
  // Where the leaver goes: out of the sector, to another Brent provider, or elsewhere.
  kernel::RandomStream s(key(rng_leaver, wid.value, static_cast<std::uint32_t>(day)));
  const bool stays = !kernel::bernoulli(s, p_.workforce.leave_sector_share);
  std::uint32_t best = 0;
  double best_score = 0;
  if (stays && kernel::bernoulli(s, p_.workforce.move_within_brent_share)) {
    for (std::uint32_t q = 0; q < providers_.size(); ++q) {
      const Provider& pr = providers_[q];
      if (q == from.value || !pr.active || pr.reablement_team || pr.vacancies <= 0) continue;
      const double score = pr.vacancies * std::exp(2.0 * (nlw_ + pr.wage_premium - w.wage)) * (0.5 + s.uniform());
      if (score > best_score) { best_score = score; best = q; }
    }
  }
  if (best_score > 0) {
    move_worker(wid, ProviderId(best), day);
    workers_[wid.index()].changed_agency_day = static_cast<double>(day);
    const kernel::Date d = cal_.date_of_day(day);
    worker_month(wid, kernel::months_between(p_.run.start, d), d, 0x80000000U | moves_++);
  } else {
    unroster_worker(wid);
    Provider& pr = providers_[from.index()];
    pr.workers.erase(std::find(pr.workers.begin(), pr.workers.end(), wid));
    auto& bw = pr.by_ward[w.ward];
    bw.erase(std::find(bw.begin(), bw.end(), wid));
    w.employed = false;
    --employed_;
    sim_.cancel(2 * wid.value + 1);
  }
  if (providers_[from.index()].active) recruit(from, day);
}

void Market::move_worker(WorkerId wid, ProviderId to, std::int64_t day) {
  CareWorker& w = workers_[wid.index()];
  unroster_worker(wid);
  Provider& old = providers_[w.provider.index()];
  old.workers.erase(std::find(old.workers.begin(), old.workers.end(), wid));
  auto& bw = old.by_ward[w.ward];
  bw.erase(std::find(bw.begin(), bw.end(), wid));
  Provider& pr = providers_[to.index()];
  w.provider = to;
  w.hired_day = static_cast<double>(day);
  w.wage = std::max(wage_floor_, nlw_ + pr.wage_premium);
  pr.workers.push_back(wid);
  pr.by_ward[w.ward].push_back(wid);
  ++pr.roster_version;
  if (pr.vacancies > 0) --pr.vacancies;
}

void Market::recruit(ProviderId pid, std::int64_t day) {
  // Vacancies: the staff a provider needs for its booked and pending minutes plus its buffer,
  // and its share of the waiting list, less those it has and is already hiring. Each vacancy
  // fills after a time that falls steeply with the wage offered relative to the market.
  Provider& pr = providers_[pid.index()];
  double capacity = 0, booked = 0;
  for (WorkerId w : pr.workers) {
    capacity += workers_[w.index()].capacity_min_week;
    booked += workers_[w.index()].booked_min_week;
  }
  booked += 45.0 * static_cast<double>(pr.pending.size());
  // Its share of the waiting list: all of the reablement queue for the reablement team; under
  // patches, an equal share of each of its patches' queue; otherwise a share by size.
  double waiting = 0;
  for (UserId u : waiting_) {
    const ServiceUser& su = users_[u.index()];
    if (su.state != UserState::waiting || (su.route == Route::reablement) != pr.reablement_team) continue;
    double share = 1.0;
    if (!pr.reablement_team) {
      if (patch_model_active_) {
        if (!provider_serves(pr, su.ward)) continue;
        share = 1.0 / static_cast<double>(std::max<std::int64_t>(1, p_.patches.providers_per_patch));
      } else {
        share = pr.size_weight;
      }
    }
    waiting += share * su.weekly_hours * 60.0 * (su.double_handed ? 2 : 1);
  }
  const double per_worker = p_.workforce.mean_hours_wanted * 60.0 * p_.workforce.council_share_of_work * 0.9;
  const double need = (booked + waiting) * (1.0 + p_.workforce.capacity_buffer) - capacity;
  const int want = need > 0 ? static_cast<int>(std::ceil(need / per_worker)) : 0;
  pr.vacancies = std::max(0, want);
  const int to_start = want - pr.hires_pending;
  if (to_start <= 0) return;
  const double wage = std::max(wage_floor_, nlw_ + pr.wage_premium);
  const double mean_days = p_.workforce.mean_days_to_fill * pr.recruit_difficulty *
                           std::pow(wage / std::max(1.0, market_wage()), -p_.workforce.fill_wage_elasticity);
  for (int i = 0; i < to_start; ++i) {
    kernel::RandomStream s(key(rng_hire, pid.value, static_cast<std::uint32_t>(hires_++)));
    sim_.schedule_at(kernel::days(static_cast<double>(day) + 1.0 + kernel::exponential(s, std::max(0.01, mean_days))),
                     Payload{EventKind::hire, 0, pid.value});
    ++pr.hires_pending;
  }
}

void Market::hire(ProviderId pid, std::int64_t day) {
  Provider& pr = providers_[pid.index()];
  kernel::RandomStream s(key(rng_hire, pid.value, static_cast<std::uint32_t>(hires_++)));
  const WorkerId id = create_worker(pid, s, static_cast<double>(day), kernel::bernoulli(s, p_.workforce.from_sector_share));
  CareWorker& w = workers_[id.index()];
  pr.hires_month += 1;
  if (pr.vacancies > 0) --pr.vacancies;
  const kernel::Date d = cal_.date_of_day(day);
  if (p_.training.minimum && !(d < p_.training.from) && !w.trained) {
    w.trained = true;  // Care Certificate within the deadline: its hours paid in the first month
    w.training_hours_month += p_.training.induction_hours;
  }
  schedule_absence(id, static_cast<double>(day) + 30.0);
  // The quit hazard applies from the first day, for the rest of this month (then month by month).
  worker_month(id, kernel::months_between(p_.run.start, d), d, 0x40000000U | id.value);
}

void Market::schedule_absence(WorkerId wid, double from_day) {
  const auto& q = p_.workforce;
  const double spells_per_day = (q.sickness_days_per_year + q.holiday_days_per_year) / kernel::days_per_year / q.absence_spell_days;
  if (spells_per_day <= 0) return;
  kernel::RandomStream s(key(rng_absence, wid.value, static_cast<std::uint32_t>(from_day) + 1U));
  const double start = std::max(from_day, static_cast<double>(cal_.day_index(sim_.now())) + 1.0) + kernel::exponential(s, 1.0 / spells_per_day);
  if (start > static_cast<double>(last_day_ + 1)) return;
  sim_.schedule_at(kernel::days(std::floor(start)), Payload{EventKind::absence_start, 0, wid.value}, 2 * wid.value + 1);
}

double Market::market_wage() const {
  double sum = 0;
  int n = 0;
  for (const auto& pr : providers_)
    if (pr.active && !pr.reablement_team) { sum += std::max(wage_floor_, nlw_ + pr.wage_premium); ++n; }
  return n ? sum / n : wage_floor_;
}

void Market::update_wages(kernel::Date d) {
  nlw_ = national_living_wage(d);
  llw_payable_ = london_living_wage_payable(d, p_.wages.llw_lag_months);
  llw_share_ = llw_share(p_.wages.llw_phasing, d);
  wage_floor_ = wage_floor(d, p_.wages.llw_phasing, p_.wages.llw_lag_months);
  real_living_wage_payable_ = real_living_wage_payable(d);
  for (auto& w : workers_)
    if (w.employed) w.wage = std::max(wage_floor_, nlw_ + providers_[w.provider.index()].wage_premium);
}

void Market::training_month(kernel::Date d, int) {
  if (!p_.training.minimum || d < p_.training.from) return;
  // Refreshers for everyone; level 2 enrolments paced to reach the target share by the deadline.
  double employed = 0, l2 = 0;
  for (auto& w : workers_) {
    if (!w.employed) continue;
    employed += 1;
    if (w.qualification != Qualification::none) l2 += 1;
    w.training_hours_month += p_.training.refresher_hours / 12.0;
  }
  // Existing staff without the Care Certificate complete it within certificate_weeks of the
  // start date, spread evenly over those weeks.
  const double weeks_in = static_cast<double>(kernel::to_day_number(d) - kernel::to_day_number(p_.training.from)) / 7.0;
  const double weeks_left = std::max(4.35, p_.training.certificate_weeks - weeks_in);
  double untrained = 0;
  for (const auto& w : workers_) untrained += w.employed && !w.trained ? 1 : 0;
  auto certify = static_cast<int>(std::ceil(untrained * std::min(1.0, 4.35 / weeks_left)));
  for (std::uint32_t i = 0; i < workers_.size() && certify > 0; ++i) {
    CareWorker& w = workers_[i];
    if (!w.employed || w.trained) continue;
    w.trained = true;
    w.training_hours_month += p_.training.induction_hours;
    --certify;
  }
  const double target = p_.training.l2_target_share * employed;
  if (l2 >= target) return;
  const int months_left = std::max(1, kernel::months_between(d, p_.training.l2_deadline) + 1);
  auto enrol = static_cast<int>(std::ceil((target - l2) / months_left));
  for (std::uint32_t i = 0; i < workers_.size() && enrol > 0; ++i) {
    CareWorker& w = workers_[i];
    if (!w.employed || w.qualification != Qualification::none) continue;
    w.qualification = Qualification::level2;
    w.training_hours_month += p_.training.l2_hours;
    providers_[w.provider.index()].training_fees_month += p_.training.l2_fee;
    --enrol;
  }
}

}  // namespace homecare::model
