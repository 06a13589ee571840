// Workforce: hiring, pay, absence, and the quit hazard that drives turnover.
#include "model/workforce.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/labour_market.hpp"
#include "model/patches.hpp"
#include "model/place.hpp"
#include "model/roster.hpp"
#include "model/training.hpp"

namespace homecare::model {

Post take_post(ProviderId pid, World& world) {
  Provider& pr = world.provider(pid);
  std::uint32_t n = 0;
  while (n < pr.post_held.size() && pr.post_held[n]) ++n;
  if (n == pr.post_held.size()) {
    pr.post_held.push_back(0);
    pr.post_holders.push_back(0);
  }
  pr.post_held[n] = 1;
  return {n, WorkerKey::post(pid, n, pr.post_holders[n]++)};
}

void free_post(Provider& pr, std::uint32_t number) { pr.post_held[number] = 0; }

WorkerId create_worker(ProviderId pid, double day, bool from_sector, WorkerKey key, std::uint32_t post, kernel::RandomStream& rs,
                       const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  const Params& p = s.p;
  const WorkerId id(static_cast<std::uint32_t>(world.workers.size()));
  agenda.open(CancelSlot::of(id));
  Provider& pr = world.provider(pid);
  CareWorker w;
  w.provider = pid;
  w.key = key;
  w.post = post;
  w.employed = true;
  w.lives_outside = pr.out_of_borough;  // a provider based outside the borough hires near its base
  ++pr.roster_version;  // a new worker may take visits that found nobody
  ++world.employed;
  // Workers live near the work: the home ward of one of the provider's users (or, for a new
  // provider, any ward by population), within the provider's patches under the patch model.
  std::uint16_t ward = 0;
  if (!pr.users.empty() && kernel::bernoulli(rs, 0.7)) {
    ward = world.user(pr.users[kernel::uniform_index(rs, static_cast<std::uint32_t>(pr.users.size()))]).ward;
  } else {
    std::vector<double> weights;
    for (std::size_t i = 0; i < s.place.wards.size(); ++i) {
      const bool ok = pr.patches.empty() ||
                      std::find(pr.patches.begin(), pr.patches.end(), econ.regime.patches.ward_patch[i]) != pr.patches.end();
      weights.push_back(ok ? s.place.worker_home_weights[i] : 0.0);
    }
    ward = static_cast<std::uint16_t>(kernel::categorical(rs, weights));
  }
  w.ward = ward;
  w.home = random_point_in_ward(s.place, ward, rs);
  const double m = rs.uniform();
  w.mode = m < p.travel.share_walk ? TravelMode::walk : m < p.travel.share_walk + p.travel.share_bus ? TravelMode::bus : TravelMode::car;
  w.zero_hours_draw = rs.uniform();  // kept: the contract follows the share in force (apply_contracts)
  w.zero_hours = w.zero_hours_draw < econ.levers.share_zero_hours;
  double hours = std::clamp(kernel::lognormal_mean_cv(rs, p.workforce.mean_hours_wanted, 0.35), 6.0, 48.0);
  {
    // Benefit rules (Brent report para 26) limit some to a few hours a week: from a stream of
    // its own, so the draws above and after are those of every variant.
    kernel::RandomStream terms(s.keys(rng_worker_terms, StreamAgent::worker(key)));
    w.benefit_limited = terms.uniform() < p.workforce.share_benefit_limited;
    if (w.benefit_limited) hours = std::min(hours, p.workforce.benefit_limit_hours);
  }
  w.capacity_min_week = hours * 60.0 * p.workforce.council_share_of_work;
  w.frailty = kernel::gamma(rs, p.workforce.frailty_shape, 1.0 / p.workforce.frailty_shape);
  const int off = static_cast<int>(kernel::uniform_index(rs, 7));
  w.days_off = static_cast<std::uint8_t>((1U << off) | (1U << ((off + 1) % 7)));
  w.hired_day = day;
  w.sector_start_day = from_sector ? day - kernel::exponential(rs, 4.0 * 365.25) : day;
  if (from_sector) w.changed_agency_day = day;
  w.trained = kernel::bernoulli(rs, p.workforce.share_trained_2016);
  w.qualification = from_sector && kernel::bernoulli(rs, p.workforce.share_l2_2016) ? Qualification::level2 : Qualification::none;
  draw_credentials(w, s);
  w.wage = econ.wages.offered_wage(pr) + pay_premium(w.qualification, p.workforce);
  world.workers.push_back(std::move(w));
  pr.workers.push_back(id);
  pr.by_ward[ward].push_back(id);
  return id;
}

double quit_hazard(const CareWorker& w, double day, const WorkforceParams& q, const WageEnvironment& wages) {
  // Proportional hazards (FACTS.md): pay relative to the outside option (the dated outside wages
  // of labour_market.hpp), zero-hours insecurity, the first year in the sector, unpaid travel,
  // training and qualification, and an individual frailty that makes the restless leave first.
  double h = q.base_quit_hazard * w.frailty * std::pow(w.wage / wages.outside, -q.wage_elasticity);
  if (w.zero_hours) h *= q.zero_hours_factor;
  if (day - w.sector_start_day < kernel::days_per_year) h *= q.new_starter_factor;
  h *= 1.0 + q.unpaid_travel_factor * w.unpaid_travel_share;
  if (!w.trained && q.trained_factor > 0) h /= q.trained_factor;
  if (w.qualification == Qualification::none && q.qualified_factor > 0) h /= q.qualified_factor;
  return h;
}

void start_quit_clock(CareWorker& w, const Setting& s) {
  const auto job = static_cast<std::uint32_t>(static_cast<std::int64_t>(std::floor(w.hired_day)) + 1000000);
  kernel::RandomStream rs(s.keys(rng_worker_month, StreamAgent::worker(w.key), job));
  w.quit_clock = kernel::exponential(rs, 1.0);
  w.quit_due = -1;
}

void schedule_quit(WorkerId wid, kernel::Date d, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  // The hazard is piecewise constant by month; the clock runs from now (a worker hired or moved
  // mid-month is at risk from that moment) to the month's end.
  CareWorker& w = world.worker(wid);
  const double day = static_cast<double>(kernel::to_day_number(d) - kernel::to_day_number(s.p.run.start));
  const double month_end = day + kernel::days_in_month(d.year, d.month) - (d.day - 1);
  const double from = std::max(day, agenda.now().value / kernel::minutes_per_day);
  const double h = quit_hazard(w, from, s.p.workforce, econ.wages) / kernel::days_per_year;  // per day
  if (h <= 0) return;
  const double t = w.quit_clock / h;
  if (from + t < month_end) {
    const kernel::Minutes due = kernel::days(from + t);
    w.quit_due = due.value;
    agenda.at(due, Payload{EventKind::worker_quit, 0, wid.value}, CancelSlot::of(wid));
  } else {
    w.quit_clock -= h * (month_end - from);
  }
}

void quit_due(WorkerId wid, kernel::Minutes t, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
              Ledger& ledger) {
  if (world.worker(wid).quit_due != t.value) return;  // scheduled for a job left since
  worker_quit(wid, day, s, econ, world, agenda, ledger);
}

void worker_quit(WorkerId wid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                 Ledger& ledger) {
  const Params& p = s.p;
  CareWorker& w = world.worker(wid);
  if (!w.employed) return;
  w.quit_due = -1;  // a quit scheduled for this job no longer applies
  const ProviderId from = w.provider;
  ledger.month(s.month_of(std::max<std::int64_t>(day, 0))).leavers += 1;
  world.provider(from).record_month.leavers += 1;
  if (wid.value < ledger.cohort_size && day < 365 && !ledger.cohort_left[wid.index()]) {
    ledger.cohort_left[wid.index()] = true;
    ledger.cohort_leavers += 1;
  }
  // Where the leaver goes: out of the sector, to another Brent provider, or elsewhere.
  // Keyed by the job being left (its start), so the same leaving draws the same in two variants
  // even when it comes on another day.
  const auto job = static_cast<std::uint32_t>(static_cast<std::int64_t>(std::floor(w.hired_day)) + 1000000);
  kernel::RandomStream rs(s.keys(rng_leaver, StreamAgent::worker(w.key), job));
  const bool stays = !kernel::bernoulli(rs, p.workforce.leave_sector_share);
  std::uint32_t best = 0;
  double best_score = 0;
  if (stays && kernel::bernoulli(rs, p.workforce.move_within_borough_share)) {
    for (std::uint32_t q = 0; q < world.providers.size(); ++q) {
      const Provider& pr = world.providers[q];
      if (q == from.value || !pr.active || pr.reablement_team || pr.vacancies <= 0) continue;
      const double score = pr.vacancies * std::exp(2.0 * (econ.wages.nlw + pr.wage_premium - w.wage)) * (0.5 + rs.uniform());
      if (score > best_score) {
        best_score = score;
        best = q;
      }
    }
  }
  if (best_score > 0) {
    move_worker(wid, ProviderId(best), day, s, econ, world);
    world.worker(wid).changed_agency_day = static_cast<double>(day);
    schedule_quit(wid, s.cal.date_of_day(day), s, econ, world, agenda);
  } else {
    unroster_worker(wid, world);
    Provider& pr = world.provider(from);
    free_post(pr, w.post);
    pr.workers.erase(std::find(pr.workers.begin(), pr.workers.end(), wid));
    auto& bw = pr.by_ward[w.ward];
    bw.erase(std::find(bw.begin(), bw.end(), wid));
    w.employed = false;
    --world.employed;
    agenda.cancel(CancelSlot::of(wid));
  }
  if (world.provider(from).active) recruit(from, day, s, econ, world, agenda);
}

void move_worker(WorkerId wid, ProviderId to, std::int64_t day, const Setting& s, const Economy& econ, World& world) {
  CareWorker& w = world.worker(wid);
  unroster_worker(wid, world);
  Provider& old = world.provider(w.provider);
  free_post(old, w.post);
  old.workers.erase(std::find(old.workers.begin(), old.workers.end(), wid));
  auto& bw = old.by_ward[w.ward];
  bw.erase(std::find(bw.begin(), bw.end(), wid));
  w.post = take_post(to, world).number;  // the worker keeps their identity (key)
  Provider& pr = world.provider(to);
  w.provider = to;
  w.hired_day = static_cast<double>(day);
  start_quit_clock(w, s);  // a new job: its own clock (the mover keeps their identity)
  w.protected_base_wage = 0;  // a job taken on the new employer's terms
  w.wage = econ.wages.offered_wage(pr) + pay_premium(w.qualification, s.p.workforce);
  pr.workers.push_back(wid);
  pr.by_ward[w.ward].push_back(wid);
  ++pr.roster_version;
  if (pr.vacancies > 0) --pr.vacancies;
}

void transfer_worker(WorkerId wid, ProviderId to, const Setting& s, const Economy& econ, World& world) {
  CareWorker& w = world.worker(wid);
  Provider& old = world.provider(w.provider);
  free_post(old, w.post);
  old.workers.erase(std::find(old.workers.begin(), old.workers.end(), wid));
  auto& bw = old.by_ward[w.ward];
  bw.erase(std::find(bw.begin(), bw.end(), wid));
  ++old.roster_version;
  w.post = take_post(to, world).number;
  Provider& pr = world.provider(to);
  w.provider = to;
  const double before = w.wage;
  w.wage = econ.wages.offered_wage(pr) + pay_premium(w.qualification, s.p.workforce);
  protect_pay(w, before, s.p);
  pr.workers.push_back(wid);
  pr.by_ward[w.ward].push_back(wid);
  ++pr.roster_version;
  if (pr.vacancies > 0) --pr.vacancies;
}

int count_vacancies(ProviderId pid, const Setting& s, const Economy& econ, World& world) {
  // Vacancies: the staff a provider needs for its booked and pending minutes plus its buffer,
  // and its share of the waiting list, less those it has.
  const Params& p = s.p;
  Provider& pr = world.provider(pid);
  double capacity = 0, booked = 0;
  for (WorkerId w : pr.workers) {
    capacity += world.worker(w).capacity_min_week;
    booked += world.worker(w).booked_min_week;
  }
  booked += 45.0 * static_cast<double>(pr.pending.size());
  // Its share of the waiting list: all of the reablement queue for the reablement team; under
  // patches, an equal share of each of its patches' queue (1 / the providers the patch contracts);
  // otherwise a share by size.
  const std::vector<int> wanted = econ.regime.patches_active ? providers_wanted(p.patches, econ.regime.patches) : std::vector<int>{};
  // With local supply in force (outside patches) the waiting list is offered to in-borough
  // providers first: they staff for all of it between them (by size), those based outside for none.
  double local_scale = 1.0;
  if (econ.levers.local_supply && !econ.regime.patches_active && !pr.reablement_team) {
    if (pr.out_of_borough) {
      local_scale = 0.0;
    } else {
      double all = 0, local = 0;
      for (const auto& q : world.providers)
        if (q.active && !q.reablement_team && !q.off_framework) {
          all += q.size_weight;
          local += q.out_of_borough ? 0.0 : q.size_weight;
        }
      local_scale = local > 0 ? all / local : 1.0;
    }
  }
  double waiting = 0;
  for (UserId u : world.waiting) {
    const ServiceUser& su = world.user(u);
    if (su.state != UserState::waiting || (su.route == Route::reablement) != pr.reablement_team) continue;
    if (pr.off_framework) break;  // spot providers staff what they hold, not the council's queue
    double share = 1.0;
    if (!pr.reablement_team) {
      if (econ.regime.patches_active) {
        if (!provider_serves(econ.regime, pr, su.ward)) continue;
        share = 1.0 / static_cast<double>(std::max(1, wanted[static_cast<std::size_t>(econ.regime.patches.ward_patch[su.ward])]));
      } else {
        share = econ.levers.local_supply ? pr.size_weight * local_scale : pr.size_weight;
      }
    }
    waiting += share * su.weekly_hours * 60.0 * (su.double_handed ? 2 : 1);
  }
  const double per_worker = p.workforce.mean_hours_wanted * 60.0 * p.workforce.council_share_of_work * 0.9;
  const double need = (booked + waiting) * (1.0 + p.workforce.capacity_buffer) - capacity;
  const int want = need > 0 ? static_cast<int>(std::ceil(need / per_worker)) : 0;
  pr.vacancies = std::max(0, want);
  return want;
}

void recruit(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  // Each vacancy not yet being filled fills after a time drawn now: from the month's labour
  // market (labour_market.pool, once the first month has computed it), or, without the pool,
  // one that falls steeply with the wage offered relative to the market.
  const Params& p = s.p;
  const int want = count_vacancies(pid, s, econ, world);
  Provider& pr = world.provider(pid);
  const int to_start = want - pr.hires_pending;
  if (to_start <= 0) return;
  const double wage = econ.wages.offered_wage(pr);
  const double mean_days =
      p.labour_market.pool && econ.labour_ref.set
          ? mean_days_to_fill(pr, wage, econ.labour, econ.labour_ref, p)
          : p.workforce.mean_days_to_fill * pr.recruit_difficulty *
                std::pow(wage / std::max(1.0, market_wage(world.providers, econ.wages)), -p.workforce.fill_wage_elasticity);
  for (int i = 0; i < to_start; ++i) {
    // Each vacancy is keyed by the place in the establishment it is to fill and the day it opens.
    const auto place = static_cast<std::uint32_t>(pr.workers.size()) + static_cast<std::uint32_t>(pr.hires_pending);
    kernel::RandomStream rs(s.keys(rng_hire, StreamAgent::vacancy(pid, place), static_cast<std::uint32_t>(day)));
    const double wait = 1.0 + kernel::exponential(rs, std::max(0.01, mean_days));
    agenda.at(kernel::days(static_cast<double>(day) + wait), Payload{EventKind::hire, 0, pid.value});
    ++pr.hires_pending;
    pr.vacancies_opened_month += 1;
    pr.fill_days_month += wait;
  }
}

void hire(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  const Post post = take_post(pid, world);
  kernel::RandomStream rs(s.keys(rng_new_worker, StreamAgent::worker(post.key)));
  const WorkerId id = create_worker(pid, static_cast<double>(day), kernel::bernoulli(rs, s.p.workforce.from_sector_share), post.key,
                                    post.number, rs, s, econ, world, agenda);
  Provider& pr = world.provider(pid);
  CareWorker& w = world.worker(id);
  pr.hires_month += 1;
  if (pr.vacancies > 0) --pr.vacancies;
  const kernel::Date d = s.cal.date_of_day(day);
  induct(id, d, day, s, world);
  schedule_absence(id, static_cast<double>(day) + 30.0, s, world, agenda);
  // The quit hazard applies from the first day, for the rest of this month (then month by month).
  start_quit_clock(w, s);
  schedule_quit(id, d, s, econ, world, agenda);
}

void vacancy_filled(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  Provider& pr = world.provider(pid);
  if (pr.hires_pending > 0) --pr.hires_pending;
  if (pr.active) hire(pid, day, s, econ, world, agenda);
}

void schedule_absence(WorkerId wid, double from_day, const Setting& s, const World& world, Agenda& agenda) {
  const auto& q = s.p.workforce;
  const double spells_per_day = (q.sickness_days_per_year + q.holiday_days_per_year) / kernel::days_per_year / q.absence_spell_days;
  if (spells_per_day <= 0) return;
  kernel::RandomStream rs(s.keys(rng_absence, StreamAgent::worker(world.worker(wid).key), static_cast<std::uint32_t>(from_day) + 1U));
  const double start =
      std::max(from_day, static_cast<double>(s.cal.day_index(agenda.now())) + 1.0) + kernel::exponential(rs, 1.0 / spells_per_day);
  if (start > static_cast<double>(s.last_day + 1)) return;
  agenda.at(kernel::days(std::floor(start)), Payload{EventKind::absence_start, 0, wid.value}, CancelSlot::of(wid));
}

void absence_start(WorkerId wid, std::int64_t day, const Setting& s, World& world, Agenda& agenda) {
  CareWorker& w = world.worker(wid);
  if (!w.employed) return;
  kernel::RandomStream rs(s.keys(rng_absence, StreamAgent::worker(w.key), static_cast<std::uint32_t>(day) + 1000000U));
  const double len = std::max(1.0, std::round(kernel::exponential(rs, s.p.workforce.absence_spell_days)));
  w.absent_until_day = static_cast<double>(day) + len;
  schedule_absence(wid, w.absent_until_day, s, world, agenda);
}

void apply_contracts(const Levers& levers, World& world) {
  for (auto& w : world.workers)
    if (w.employed) w.zero_hours = w.zero_hours_draw < levers.share_zero_hours;
}

void protect_pay(CareWorker& w, double wage_before, const Params& p) {
  if (!p.commissioning.tupe_protects_pay) return;
  w.protected_base_wage = std::max(w.protected_base_wage, wage_before - pay_premium(w.qualification, p.workforce));
  w.wage = std::max(w.wage, w.protected_base_wage + pay_premium(w.qualification, p.workforce));
}

void apply_wages(const WageEnvironment& wages, const WorkforceParams& q, World& world) {
  for (auto& w : world.workers)
    if (w.employed)
      w.wage = std::max(wages.offered_wage(world.provider(w.provider)), w.protected_base_wage) + pay_premium(w.qualification, q);
}

}  // namespace homecare::model
