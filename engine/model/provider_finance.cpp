// Providers' monthly books and their exit from the market.
#include "model/provider_finance.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "kernel/random.hpp"
#include "model/packages.hpp"
#include "model/pay_law.hpp"
#include "model/workforce.hpp"

namespace homecare::model {
namespace {

void provider_month(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world,
                    Agenda& agenda, Ledger& ledger) {
  const Params& p = s.p;
  Provider& pr = world.provider(pid);
  // Costs of council work: wages for paid time with on-costs, mileage, running costs,
  // recruitment and training (less the council's training funding).
  // A worker on guaranteed hours is paid at least their guaranteed minutes for the days of the
  // month they were employed, worked or not.
  double wages = 0;
  double km = 0;
  double travel = 0, contact = 0;
  const kernel::Date today = s.cal.date_of_day(day);
  const double month_first = std::max(0.0, static_cast<double>(day - (today.day - 1)));
  for (WorkerId w : pr.workers) {
    const CareWorker& cw = world.worker(w);
    travel += cw.travel_min_month;
    contact += cw.contact_min_month;
    double paid_min = paid_minutes(cw, econ.levers.travel_paid);
    if (!cw.zero_hours) {
      const double days = static_cast<double>(day + 1) - std::max(month_first, std::ceil(cw.hired_day));
      const double guaranteed = p.workforce.guaranteed_share_of_hours * cw.capacity_min_week * std::max(0.0, days) / 7.0;
      if (guaranteed > paid_min) {
        ledger.month(s.month_of(day)).unused_paid_min += guaranteed - paid_min;
        paid_min = guaranteed;
      }
    }
    wages += paid_min / 60.0 * cw.wage;
    km += cw.km_month;
  }
  if (contact > 0) pr.travel_per_contact = travel / contact;  // what paid travel costs it per hour
  const double training_fees = pr.training_fees_month;
  double training_cost = training_fees;
  for (WorkerId w : pr.workers) training_cost += world.worker(w).training_hours_month * world.worker(w).wage * (1.0 + p.providers.oncost_rate);
  const double council_training = p.training.council_funded_share * training_cost;
  ledger.training_supplement_month += council_training;
  pr.cost_month = wages * (1.0 + p.providers.oncost_rate) + km * p.travel.mileage_per_km + pr.overhead_per_hour * pr.hours_month +
                  static_cast<double>(pr.hires_month) * p.workforce.recruitment_cost + training_fees - council_training;
  // Its record for tenders: the month's, and the last year's (older months weighing less).
  Provider::Record& m = pr.record_month;
  m.packages = static_cast<double>(pr.users.size());
  m.headcount = static_cast<double>(pr.workers.size());
  m.cost = pr.cost_month;
  m.hours = pr.hours_month;
  for (auto [sum, add] : {std::pair{&pr.record.due, m.due}, {&pr.record.late, m.late}, {&pr.record.missed, m.missed},
                          {&pr.record.handbacks, m.handbacks}, {&pr.record.packages, m.packages}, {&pr.record.leavers, m.leavers},
                          {&pr.record.headcount, m.headcount}, {&pr.record.cost, m.cost}, {&pr.record.hours, m.hours}})
    *sum = *sum * (11.0 / 12.0) + add;
  m = Provider::Record{};
  const double profit = pr.revenue_month - pr.cost_month;
  pr.cash += profit;
  if (pr.reablement_team) return;
  // Reserves: a provider absorbs losses up to reserve_months of its (smoothed) monthly revenue;
  // beyond that it may leave each month. One that holds no package for a year leaves too.
  pr.revenue_avg = pr.revenue_avg <= 0 ? pr.revenue_month : 0.9 * pr.revenue_avg + 0.1 * pr.revenue_month;
  pr.empty_months = pr.users.empty() ? pr.empty_months + 1 : 0;
  // A month beyond its reserves uses up one of the losing months it bears (a geometric count drawn
  // when it joined: the same chance to leave each such month as a fresh draw would give, but the
  // same provider bears the same number in every variant).
  bool leaves = false;
  if (pr.cash < -p.providers.reserve_months * pr.revenue_avg && pr.revenue_avg > 0 && pr.losing_months_left >= 0)
    leaves = --pr.losing_months_left <= 0;
  if (leaves || pr.empty_months >= 12) provider_exit(pid, day, s, econ, world, agenda, ledger);
}

}  // namespace

std::int64_t losing_months_borne(ProviderId pid, const Setting& s) {
  const double q = s.p.providers.exit_probability;
  if (q <= 0) return -1;
  if (q >= 1) return 1;
  kernel::RandomStream rs(s.keys(rng_provider_exit, StreamAgent::provider(pid)));
  // Geometric on 1, 2, ...: the first losing month whose chance q comes up.
  const double k = 1.0 + std::floor(std::log(rs.uniform_open()) / std::log1p(-q));
  return k > 1e9 ? -1 : static_cast<std::int64_t>(k);
}

double close_provider_books(std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                            Ledger& ledger) {
  double payments = 0;
  ledger.training_supplement_month = 0;
  // Block contracts: the council pays each patch winner for its awarded hours whether used or not
  // (what its delivered hours fall short of them, at its price).
  if (s.p.tender.block_contracts && econ.regime.patches_active) {
    const kernel::Date d = s.cal.date_of_day(day);
    const double weeks = kernel::days_in_month(d.year, d.month) / 7.0;
    MonthTally& t = ledger.month(s.month_of(day));
    for (Provider& pr : world.providers) {
      if (!pr.active || pr.awarded_min.empty()) continue;
      double awarded_hours = 0;
      for (double m : pr.awarded_min) awarded_hours += m / 60.0 * weeks;
      const double unused = std::max(0.0, awarded_hours - pr.hours_month) * pr.price;
      pr.revenue_month += unused;
      t.paid_for_blocks += unused;
      t.spend_long_term += unused;
    }
  }
  for (std::uint32_t q = 0; q < world.providers.size(); ++q) payments += world.providers[q].revenue_month;
  for (std::uint32_t q = 0; q < world.providers.size(); ++q)
    if (world.providers[q].active) provider_month(ProviderId(q), day, s, econ, world, agenda, ledger);
  return payments;
}

void provider_exit(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                   Ledger& ledger) {
  Provider& pr = world.provider(pid);
  pr.active = false;  // first, so its leavers do not trigger its own recruitment
  std::vector<UserId> users = pr.users;
  // Under patches the council keeps their care going: its approved list is asked at once.
  const bool listed = econ.regime.patches_active && s.p.approved_list.enabled;
  for (UserId u : users) {
    hand_back(u, day, s, world);
    world.user(u).emergency = listed;
  }
  std::vector<WorkerId> staff = pr.workers;
  MonthTally& tally = ledger.month(s.month_of(std::max<std::int64_t>(day, 0)));
  const std::int64_t leavers_before = tally.leavers;
  for (WorkerId w : staff) {
    const auto job = static_cast<std::uint32_t>(static_cast<std::int64_t>(std::floor(world.worker(w).hired_day)) + 1000000);
    kernel::RandomStream rs(s.keys(rng_exit_move, StreamAgent::worker(world.worker(w).key), job));
    // Half of the staff find work with another provider at once; the rest leave.
    std::uint32_t best = 0;
    int best_v = -1;
    for (std::uint32_t q = 0; q < world.providers.size(); ++q)
      if (q != pid.value && world.providers[q].active && !world.providers[q].reablement_team && world.providers[q].vacancies > best_v) {
        best_v = world.providers[q].vacancies;
        best = q;
      }
    if (best_v > 0 && kernel::bernoulli(rs, 0.5)) {
      // Leaves this employer for another at once: a leaver here and a change of agency.
      ledger.month(s.month_of(std::max<std::int64_t>(day, 0))).leavers += 1;
      move_worker(w, ProviderId(best), day, s, econ, world);
      world.worker(w).changed_agency_day = static_cast<double>(day);
    } else {
      worker_quit(w, day, s, econ, world, agenda, ledger);
    }
  }
  tally.exit_leavers += tally.leavers - leavers_before;  // every one of its staff, moved or gone
  pr.active = false;
  pr.vacancies = 0;
  tally.provider_exits += 1;
}

}  // namespace homecare::model
