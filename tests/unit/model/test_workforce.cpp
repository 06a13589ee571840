// The workforce (workforce.cpp): the quit hazard factor by factor, quits drawn within a month,
// leavers leaving or moving, recruitment, absence and pay.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "model/roster.hpp"
#include "model/training.hpp"
#include "model/workforce.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;
using m::test::contains;

namespace {

/// The reference worker of the hazard: paid exactly the outside option, guaranteed hours,
/// experienced, no unpaid travel, trained, qualified, frailty 1.
m::CareWorker reference_worker(const m::WorkforceParams& /*q*/, const m::WageEnvironment& w) {
  m::CareWorker cw;
  cw.employed = true;
  cw.wage = w.outside;
  cw.zero_hours = false;
  cw.sector_start_day = -3650;
  cw.unpaid_travel_share = 0;
  cw.trained = true;
  cw.qualification = m::Qualification::level2;
  cw.frailty = 1.0;
  return cw;
}

/// The hazard of `cw` relative to the reference worker's, on day 0.
double relative_hazard(const m::CareWorker& cw, const m::WorkforceParams& q, const m::WageEnvironment& w) {
  return m::quit_hazard(cw, 0.0, q, w) / m::quit_hazard(reference_worker(q, w), 0.0, q, w);
}

}  // namespace

TEST_CASE("quit hazard: the reference worker, paid the outside option, quits at the base hazard") {
  SmallWorld sw;
  const auto& q = sw.p.workforce;
  CHECK(m::quit_hazard(reference_worker(q, sw.econ.wages), 0.0, q, sw.econ.wages) == q.base_quit_hazard);
}

TEST_CASE("quit hazard: pay relative to the outside option enters with the wage elasticity") {
  SmallWorld sw;
  m::WorkforceParams q = sw.p.workforce;
  const auto& w = sw.econ.wages;
  for (const double elasticity : {0.0, 1.0, 2.5}) {
    q.wage_elasticity = elasticity;
    m::CareWorker low = reference_worker(q, w);
    low.wage /= 1.2;  // paid a sixth less than the outside option
    m::CareWorker high = reference_worker(q, w);
    high.wage *= 1.5;
    INFO("elasticity " << elasticity);
    CHECK(relative_hazard(low, q, w) == Approx(std::pow(1.2, elasticity)));
    CHECK(relative_hazard(high, q, w) == Approx(std::pow(1.5, -elasticity)));
  }
  // A rise in the outside option (labour_market.hpp) with pay unchanged raises the hazard.
  m::WageEnvironment later = w;
  later.outside = w.outside * 1.1;
  q.wage_elasticity = 1.0;
  const m::CareWorker cw = reference_worker(q, w);
  CHECK(m::quit_hazard(cw, 0, q, later) == Approx(1.1 * m::quit_hazard(cw, 0, q, w)));
}

TEST_CASE("quit hazard: a zero-hours contract multiplies it by zero_hours_factor") {
  SmallWorld sw;
  const auto& q = sw.p.workforce;
  m::CareWorker cw = reference_worker(q, sw.econ.wages);
  cw.zero_hours = true;
  CHECK(relative_hazard(cw, q, sw.econ.wages) == Approx(q.zero_hours_factor));
}

TEST_CASE("quit hazard: the first year in the sector multiplies it by new_starter_factor") {
  SmallWorld sw;
  const auto& q = sw.p.workforce;
  const auto& w = sw.econ.wages;
  m::CareWorker cw = reference_worker(q, w);
  cw.sector_start_day = 100.0;
  const double ref = m::quit_hazard(reference_worker(q, w), 0, q, w);
  CHECK(m::quit_hazard(cw, 100.0, q, w) == Approx(q.new_starter_factor * ref));             // first day
  CHECK(m::quit_hazard(cw, 100.0 + 365.0, q, w) == Approx(q.new_starter_factor * ref));     // day 365
  CHECK(m::quit_hazard(cw, 100.0 + k::days_per_year, q, w) == Approx(ref));                // a year on
}

TEST_CASE("quit hazard: unpaid travel raises it in proportion to its share of working time") {
  SmallWorld sw;
  m::WorkforceParams q = sw.p.workforce;
  m::CareWorker cw = reference_worker(q, sw.econ.wages);
  cw.unpaid_travel_share = 0.25;
  q.unpaid_travel_factor = 1.0;
  CHECK(relative_hazard(cw, q, sw.econ.wages) == Approx(1.25));
  q.unpaid_travel_factor = 2.0;
  CHECK(relative_hazard(cw, q, sw.econ.wages) == Approx(1.5));
  q.unpaid_travel_factor = 0.0;
  CHECK(relative_hazard(cw, q, sw.econ.wages) == Approx(1.0));
}

TEST_CASE("quit hazard: training and qualification lower it by their factors (a zero factor is ignored)") {
  SmallWorld sw;
  m::WorkforceParams q = sw.p.workforce;
  const auto& w = sw.econ.wages;
  m::CareWorker untrained = reference_worker(q, w);
  untrained.trained = false;
  CHECK(relative_hazard(untrained, q, w) == Approx(1.0 / q.trained_factor));
  m::CareWorker unqualified = reference_worker(q, w);
  unqualified.qualification = m::Qualification::none;
  CHECK(relative_hazard(unqualified, q, w) == Approx(1.0 / q.qualified_factor));
  m::CareWorker level3 = reference_worker(q, w);
  level3.qualification = m::Qualification::level3;
  CHECK(relative_hazard(level3, q, w) == Approx(1.0));  // level 3 counts as qualified
  // A factor of 0 (the parameter table allows 0 to 10) is skipped, i.e. taken as 1, while a
  // factor of 0.01 multiplies the hazard of the untrained by 100: current behaviour.
  q.trained_factor = 0.0;
  q.qualified_factor = 0.0;
  CHECK(relative_hazard(untrained, q, w) == Approx(1.0));
  CHECK(relative_hazard(unqualified, q, w) == Approx(1.0));
}

TEST_CASE("quit hazard: frailty multiplies it, and the factors combine multiplicatively") {
  SmallWorld sw;
  const auto& q = sw.p.workforce;
  const auto& w = sw.econ.wages;
  m::CareWorker frail = reference_worker(q, w);
  frail.frailty = 2.5;
  CHECK(relative_hazard(frail, q, w) == Approx(2.5));
  frail.frailty = 0.0;
  CHECK(m::quit_hazard(frail, 0, q, w) == 0.0);

  m::CareWorker all = reference_worker(q, w);
  all.frailty = 1.7;
  all.wage /= 1.1;
  all.zero_hours = true;
  all.sector_start_day = 0;
  all.unpaid_travel_share = 0.2;
  all.trained = false;
  all.qualification = m::Qualification::none;
  const double product = 1.7 * std::pow(1.1, q.wage_elasticity) * q.zero_hours_factor * q.new_starter_factor *
                         (1.0 + q.unpaid_travel_factor * 0.2) / q.trained_factor / q.qualified_factor;
  CHECK(relative_hazard(all, q, w) == Approx(product));
}

TEST_CASE("schedule_quit: quits fall within the month at the rate the hazard gives") {
  m::Params p;
  p.workforce.base_quit_hazard = 4.0;  // a year: 1 - exp(-4 x 30 / 365.25) = 28% within April
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const int n = 3000;
  for (int i = 0; i < n; ++i) {
    const auto w = sw.add_worker(pid, 0);
    sw.world.worker(w).wage = sw.econ.wages.outside;
    m::schedule_quit(w, p.run.start, sw.s, sw.econ, sw.world, sw.agenda);
  }
  const auto events = sw.drain();
  const double expected = 1.0 - std::exp(-4.0 * 30.0 / k::days_per_year);
  INFO("quits " << events.size() << " of " << n << ", expected share " << expected);
  CHECK(std::fabs(static_cast<double>(events.size()) / n - expected) < 0.04);
  for (const auto& e : events) {
    CHECK(e.payload.kind == m::EventKind::worker_quit);
    CHECK(e.time < k::days(30.0));  // before 1 May
  }
}

TEST_CASE("schedule_quit: a worker hired mid-month is at risk from now to the month's end") {
  m::Params p;
  p.workforce.base_quit_hazard = 40.0;  // 1 - exp(-40 x 15 / 365.25) = 81% by the month's end
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  sw.advance_to_day(15.0);  // 16 April
  for (int i = 0; i < 200; ++i) {
    const auto w = sw.add_worker(pid, 0);
    m::schedule_quit(w, {2016, 4, 16}, sw.s, sw.econ, sw.world, sw.agenda);
  }
  const auto events = sw.drain();
  REQUIRE(events.size() > 100);
  for (const auto& e : events) {
    CHECK(e.time >= k::days(15.0));
    CHECK(e.time < k::days(30.0));
  }
}

TEST_CASE("schedule_quit: no hazard, no quit, and a cancelled worker's quit never happens") {
  m::Params p;
  p.workforce.base_quit_hazard = 0.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 0);
  m::schedule_quit(w, p.run.start, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(sw.agenda.sim.pending() == 0);

  SmallWorld busy([] {
    m::Params q;
    q.workforce.base_quit_hazard = 1000.0;
    return q;
  }());
  const auto pid2 = busy.add_provider();
  const auto w2 = busy.add_worker(pid2, 0);
  m::schedule_quit(w2, busy.p.run.start, busy.s, busy.econ, busy.world, busy.agenda);
  REQUIRE(busy.agenda.sim.pending() == 1);
  busy.agenda.cancel(m::CancelSlot::of(w2));
  CHECK(busy.drain().empty());
}

TEST_CASE("worker_quit: a leaver out of the sector is unrostered, removed from the provider, and the gaps queued") {
  m::Params p;
  p.workforce.leave_sector_share = 1.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 3);
  const auto u = sw.add_user(3, {{9 * 60, 30}, {18 * 60, 30}});
  sw.place(u, pid);
  REQUIRE(m::roster_package(u, pid, sw.s, sw.world));
  REQUIRE(sw.world.worker(w).booked_min_week == 14 * 30.0);
  const auto employed = sw.world.employed;

  m::worker_quit(w, 10, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  const auto& cw = sw.world.worker(w);
  const auto& pr = sw.world.provider(pid);
  CHECK_FALSE(cw.employed);
  CHECK(sw.world.employed == employed - 1);
  CHECK_FALSE(contains(pr.workers, w));
  CHECK_FALSE(contains(pr.by_ward[3], w));
  CHECK(cw.booked_min_week == 0);
  CHECK(cw.week.day(0).empty());
  CHECK(pr.pending.size() == 14);  // every visit of the week, both slots
  for (const auto& sl : sw.world.user(u).slots)
    for (const auto& cell : sl.regular) CHECK_FALSE(cell[0].valid());
  CHECK(sw.ledger.month(0).leavers == 1);
  CHECK(pr.vacancies > 0);  // it recruits a replacement
  CHECK(pr.hires_pending == pr.vacancies);
  // Quitting twice changes nothing.
  m::worker_quit(w, 11, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.ledger.month(0).leavers == 1);
}

TEST_CASE("worker_quit: a leaver who stays moves to an active provider with vacancies, at its wage") {
  m::Params p;
  p.workforce.leave_sector_share = 0.0;
  p.workforce.move_within_borough_share = 1.0;
  SmallWorld sw(p);
  const auto from = sw.add_provider(1.0, 15.0, 0.5);
  const auto full = sw.add_provider(1.0, 15.0, 3.0);    // no vacancies
  const auto gone = sw.add_provider(1.0, 15.0, 3.0);    // inactive
  const auto team = sw.add_reablement_team();
  const auto to = sw.add_provider(1.0, 15.0, 2.0);
  sw.world.provider(gone).active = false;
  sw.world.provider(gone).vacancies = 50;
  sw.world.provider(team).vacancies = 50;
  sw.world.provider(to).vacancies = 2;
  const auto w = sw.add_worker(from, 5);
  const auto u = sw.add_user(5);
  sw.place(u, from);
  REQUIRE(m::roster_package(u, from, sw.s, sw.world));
  const auto version = sw.world.provider(to).roster_version;

  m::worker_quit(w, 40, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  const auto& cw = sw.world.worker(w);
  CHECK(cw.employed);
  CHECK(cw.provider == to);
  CHECK(cw.wage == sw.econ.wages.offered_wage(sw.world.provider(to)) + m::pay_premium(cw.qualification, sw.p.workforce));
  CHECK(cw.changed_agency_day == 40.0);
  CHECK(cw.hired_day == 40.0);
  CHECK(cw.booked_min_week == 0);
  CHECK(contains(sw.world.provider(to).workers, w));
  CHECK(contains(sw.world.provider(to).by_ward[5], w));
  CHECK_FALSE(contains(sw.world.provider(from).workers, w));
  CHECK_FALSE(contains(sw.world.provider(from).by_ward[5], w));
  CHECK(sw.world.provider(to).vacancies == 1);
  CHECK(sw.world.provider(to).roster_version > version);
  CHECK(sw.world.provider(full).workers.empty());
  CHECK(sw.world.provider(from).pending.size() == 7);
  CHECK(sw.ledger.month(1).leavers == 1);  // day 40 is in May
}

TEST_CASE("worker_quit outside a quit event (an exit, a re-procurement): a mover's quit for the job left no longer applies") {
  // provider_exit and switch_commissioning call worker_quit for staff whose quit for the month may
  // still be pending. A mover's new job runs a clock of its own (schedule_quit); the quit scheduled
  // for the job they left stays in the agenda but no longer applies (quit_due), so they face the
  // quit hazard once, not twice (a bug until issue 12).
  m::Params p;
  p.workforce.base_quit_hazard = 1000.0;  // a quit certainly falls within the month
  p.workforce.leave_sector_share = 0.0;
  p.workforce.move_within_borough_share = 1.0;
  SmallWorld sw(p);
  const auto from = sw.add_provider();
  const auto to = sw.add_provider();
  sw.world.provider(to).vacancies = 5;
  const auto w = sw.add_worker(from, 0);
  m::schedule_quit(w, p.run.start, sw.s, sw.econ, sw.world, sw.agenda);
  REQUIRE(sw.agenda.sim.pending() == 1);
  const double first_due = sw.world.worker(w).quit_due;
  m::worker_quit(w, 0, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  REQUIRE(sw.world.worker(w).provider == to);
  REQUIRE(sw.world.worker(w).quit_due >= 0);
  CHECK(sw.world.worker(w).quit_due != first_due);
  int quits = 0, live = 0;
  for (const auto& e : sw.drain())
    if (e.payload.kind == m::EventKind::worker_quit && e.payload.id == w.value) {
      ++quits;
      live += e.time.value == sw.world.worker(w).quit_due ? 1 : 0;
    }
  CHECK(quits == 2);  // both are in the agenda...
  CHECK(live == 1);   // ...but only the new job's applies
}

TEST_CASE("quit_due: a quit event for a job the worker has left is ignored") {
  m::Params p;
  p.workforce.base_quit_hazard = 1000.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 0);
  m::schedule_quit(w, p.run.start, sw.s, sw.econ, sw.world, sw.agenda);
  const auto due = k::Minutes{sw.world.worker(w).quit_due};
  m::quit_due(w, k::Minutes{due.value + 1.0}, 0, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.worker(w).employed);  // not its time
  m::quit_due(w, due, 0, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK_FALSE(sw.world.worker(w).employed);
}

TEST_CASE("worker_quit: a mover weighs providers by vacancies and by NLW + premium, not by the wage offered under the floor") {
  // Current behaviour, documented as an oddity: the score is vacancies x exp(2 x (NLW + premium -
  // own wage)) x (0.5 + U). When the pay floor binds, two providers offering the same floored
  // wage are weighed by their premiums all the same (the seventh place where a provider's pay is
  // written out, and the only one without the floor).
  m::Params p;
  p.workforce.leave_sector_share = 0.0;
  p.workforce.move_within_borough_share = 1.0;
  p.wages.llw_phasing = {{{2018, 10, 1}, 1.0}};
  SmallWorld sw(p);
  sw.econ.wages = m::wage_environment(sw.s.place, p, {2018, 10, 1}, {2018, 10, 31});  // floor 10.20, NLW 7.83
  const auto from = sw.add_provider(1.0, 15.0, 0.0);
  const auto a = sw.add_provider(1.0, 15.0, 0.0);
  const auto b = sw.add_provider(1.0, 15.0, 2.0);
  REQUIRE(sw.econ.wages.offered_wage(sw.world.provider(a)) == sw.econ.wages.offered_wage(sw.world.provider(b)));
  sw.world.provider(a).vacancies = 1000;
  sw.world.provider(b).vacancies = 1000;
  const int n = 200;
  for (int i = 0; i < n; ++i) sw.add_worker(from, 0);
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n); ++i) m::worker_quit(m::WorkerId(i), 913, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  const auto to_b = sw.world.provider(b).workers.size();
  INFO(to_b << " of " << n << " moved to the provider with the higher premium, at the same wage");
  CHECK(sw.world.provider(a).workers.size() + to_b == static_cast<std::size_t>(n));
  CHECK(to_b > static_cast<std::size_t>(0.9 * n));  // by the offered wage it would be about half
}

TEST_CASE("move_worker: the worker is unrostered, paid the new wage, and fills a vacancy") {
  SmallWorld sw;
  const auto a = sw.add_provider(1.0, 15.0, 0.0);
  const auto b = sw.add_provider(1.0, 15.0, 1.5);
  sw.world.provider(b).vacancies = 1;
  const auto w = sw.add_worker(a, 2);
  const auto u = sw.add_user(2);
  sw.place(u, a);
  REQUIRE(m::roster_package(u, a, sw.s, sw.world));
  m::move_worker(w, b, 12, sw.s, sw.econ, sw.world);
  CHECK(sw.world.worker(w).provider == b);
  CHECK(sw.world.worker(w).wage == Approx(sw.econ.wages.nlw + 1.5 + sw.p.workforce.pay_premium_l2));  // level 2: its premium
  CHECK(sw.world.worker(w).booked_min_week == 0);
  CHECK(sw.world.provider(a).pending.size() == 7);
  CHECK(sw.world.provider(b).vacancies == 0);
  m::move_worker(w, a, 13, sw.s, sw.econ, sw.world);
  CHECK(sw.world.provider(a).vacancies == 0);  // never negative
}

TEST_CASE("recruit: vacancies cover booked, pending and queued minutes with the buffer, less capacity") {
  // One staff member's worth: mean_hours_wanted x 60 x council_share_of_work x 0.9 = 534.6 minutes.
  SmallWorld sw;
  const auto pid = sw.add_provider(0.5);
  const auto w = sw.add_worker(pid, 0, 600.0);
  sw.world.worker(w).booked_min_week = 500.0;
  sw.world.provider(pid).pending.resize(2);  // 45 minutes each
  // (500 + 90) x 1.1 - 600 = 49: one vacancy.
  m::recruit(pid, 0, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(sw.world.provider(pid).vacancies == 1);
  CHECK(sw.world.provider(pid).hires_pending == 1);
  CHECK(sw.agenda.sim.pending() == 1);
  // A vacancy already being filled is not started again.
  m::recruit(pid, 0, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(sw.agenda.sim.pending() == 1);

  // Its share (its size weight) of a waiting package of 20 hours a week: (590 + 600) x 1.1 - 600
  // = 709 minutes, two vacancies; a reablement package in the queue is not its to staff.
  const auto u = sw.add_user(0, {{9 * 60, 60}, {12 * 60, 60}, {16 * 60, 60}});
  sw.world.user(u).weekly_hours = 20.0;
  sw.enqueue(u);
  const auto r = sw.add_user(0, {{9 * 60, 60}}, m::Route::reablement);
  sw.world.user(r).weekly_hours = 40.0;
  sw.enqueue(r);
  m::recruit(pid, 0, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(sw.world.provider(pid).vacancies == 2);
  CHECK(sw.world.provider(pid).hires_pending == 2);
  const auto events = sw.drain();
  REQUIRE(events.size() == 2);
  for (const auto& e : events) {
    CHECK(e.payload.kind == m::EventKind::hire);
    CHECK(e.payload.id == pid.value);
    CHECK(e.time > k::days(1.0));  // no sooner than the next day
  }
  // Staffed above need: no vacancy.
  sw.world.worker(w).capacity_min_week = 5000.0;
  m::recruit(pid, 0, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(sw.world.provider(pid).vacancies == 0);
}

TEST_CASE("recruit: a provider paying more than the market fills its vacancies faster") {
  SmallWorld sw;
  const auto low = sw.add_provider(1.0, 15.0, 0.0);
  const auto high = sw.add_provider(1.0, 15.0, 2.0);
  for (const auto pid : {low, high}) {
    sw.world.provider(pid).pending.resize(2000);  // about 185 vacancies each
    m::recruit(pid, 0, sw.s, sw.econ, sw.world, sw.agenda);
  }
  REQUIRE(sw.world.provider(low).vacancies > 150);
  double sum[2] = {0, 0};
  int count[2] = {0, 0};
  for (const auto& e : sw.drain()) {
    const int i = e.payload.id == high.value ? 1 : 0;
    sum[i] += e.time.value / k::minutes_per_day - 1.0;
    count[i] += 1;
  }
  const double mean_low = sum[0] / count[0], mean_high = sum[1] / count[1];
  // Expected ratio (9.20 / 7.20)^5 = 3.4 with the default elasticity of 5.
  INFO("mean days to fill: " << mean_low << " at the NLW, " << mean_high << " at NLW + 2");
  CHECK(mean_low > 2.0 * mean_high);
}

TEST_CASE("vacancy_filled: an active provider hires, one that has left does not") {
  SmallWorld sw;
  const auto a = sw.add_provider();
  const auto b = sw.add_provider();
  sw.world.provider(a).hires_pending = 1;
  sw.world.provider(a).vacancies = 1;
  sw.world.provider(b).hires_pending = 1;
  sw.world.provider(b).active = false;
  m::vacancy_filled(a, 3, sw.s, sw.econ, sw.world, sw.agenda);
  m::vacancy_filled(b, 3, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(sw.world.provider(a).workers.size() == 1);
  CHECK(sw.world.provider(a).hires_pending == 0);
  CHECK(sw.world.provider(a).vacancies == 0);
  CHECK(sw.world.provider(a).hires_month == 1);
  CHECK(sw.world.provider(b).workers.empty());
  CHECK(sw.world.provider(b).hires_pending == 0);
  const auto& w = sw.world.worker(sw.world.provider(a).workers[0]);
  CHECK(w.employed);
  CHECK(w.hired_day == 3.0);
  CHECK(w.wage == sw.econ.wages.offered_wage(sw.world.provider(a)) + m::pay_premium(w.qualification, sw.p.workforce));
}

TEST_CASE("create_worker: workers live where the provider's users do, and within its patches") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const std::uint16_t ward = 7;
  for (int i = 0; i < 5; ++i) sw.place(sw.add_user(ward), pid);
  int home = 0;
  const int n = 400;
  for (int i = 0; i < n; ++i) {
    const auto post = m::take_post(pid, sw.world);
    k::RandomStream rs(sw.s.keys(m::rng_new_worker, m::StreamAgent::worker(post.key)));
    const auto w = m::create_worker(pid, 0, true, post.key, post.number, rs, sw.s, sw.econ, sw.world, sw.agenda);
    home += sw.world.worker(w).ward == ward ? 1 : 0;
  }
  // 70% from the users' wards, plus a population share of the rest.
  INFO(home << " of " << n << " in the users' ward");
  CHECK(home > 0.62 * n);
  CHECK(home < 0.85 * n);

  // A new provider (no users) under patches: its workers live in its patches only.
  sw.econ.regime.patches.count = 2;
  sw.econ.regime.patches.ward_patch.assign(m::test::brent().wards.size(), 0);
  for (std::size_t i = 0; i < 5; ++i) sw.econ.regime.patches.ward_patch[i] = 1;
  const auto fresh = sw.add_provider();
  sw.world.provider(fresh).patches = {1};
  for (std::uint32_t i = 0; i < 100; ++i) {
    const auto post = m::take_post(fresh, sw.world);
    k::RandomStream rs(sw.s.keys(m::rng_new_worker, m::StreamAgent::worker(post.key)));
    const auto w = m::create_worker(fresh, 0, false, post.key, post.number, rs, sw.s, sw.econ, sw.world, sw.agenda);
    CHECK(sw.world.worker(w).ward < 5);
    CHECK(sw.world.worker(w).sector_start_day == 0.0);  // not from the sector: a new starter
  }
}

TEST_CASE("absence: a spell lasts whole days, the worker does not work them, and the next is scheduled after") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 0);
  sw.advance_to_day(20.0);
  m::absence_start(w, 20, sw.s, sw.world, sw.agenda);
  const double until = sw.world.worker(w).absent_until_day;
  CHECK(until >= 21.0);
  CHECK(until == std::floor(until));
  CHECK_FALSE(m::works_on(sw.world.worker(w), 20, 0));
  CHECK_FALSE(m::works_on(sw.world.worker(w), static_cast<std::int64_t>(until) - 1, 0));
  CHECK(m::works_on(sw.world.worker(w), static_cast<std::int64_t>(until), 0));
  const auto events = sw.drain();
  REQUIRE(events.size() == 1);
  CHECK(events[0].payload.kind == m::EventKind::absence_start);
  CHECK(events[0].time >= k::days(until));
}

TEST_CASE("absence: with no sickness and no holiday nobody is ever absent") {
  m::Params p;
  p.workforce.sickness_days_per_year = 0;
  p.workforce.holiday_days_per_year = 0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 0);
  m::schedule_absence(w, 0.0, sw.s, sw.world, sw.agenda);
  CHECK(sw.agenda.sim.pending() == 0);
}

TEST_CASE("apply_wages: every employed worker is paid what its provider offers this month") {
  SmallWorld sw;
  const auto a = sw.add_provider(1.0, 15.0, -0.5);  // below the floor
  const auto b = sw.add_provider(1.0, 15.0, 1.25);
  const auto wa = sw.add_worker(a, 0);
  const auto wb = sw.add_worker(b, 0);
  const auto gone = sw.add_worker(b, 0);
  sw.world.worker(gone).employed = false;
  sw.world.worker(gone).wage = 1.0;
  m::Params later = sw.p;
  later.wages.llw_phasing = {{{2018, 10, 1}, 0.5}};
  sw.econ.wages = m::wage_environment(sw.s.place, later, {2018, 11, 1}, {2018, 11, 30});
  m::apply_wages(sw.econ.wages, sw.s.p.workforce, sw.world);
  // Level 2 workers (SmallWorld's): the provider's wage and the level's premium.
  CHECK(sw.world.worker(wa).wage == sw.econ.wages.floor + sw.p.workforce.pay_premium_l2);
  CHECK(sw.world.worker(wb).wage == std::max(sw.econ.wages.floor, sw.econ.wages.nlw + 1.25) + sw.p.workforce.pay_premium_l2);
  CHECK(sw.world.worker(gone).wage == 1.0);
}

TEST_CASE("guaranteed hours: from their date, zero-hours workers take them but for those who keep zero hours by choice") {
  m::Params p;
  p.workforce.guaranteed_hours_offered = true;  // from the switch, 1 October 2018 by default
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto keeps = sw.add_worker(pid, 0);
  const auto takes = sw.add_worker(pid, 0);
  const auto never = sw.add_worker(pid, 0);
  sw.world.worker(keeps).zero_hours_draw = 0.05;  // below zero_hours_share_if_offered (0.10)
  sw.world.worker(takes).zero_hours_draw = 0.30;  // below share_zero_hours (0.58) only
  sw.world.worker(never).zero_hours_draw = 0.90;  // had guaranteed hours from the start
  m::apply_contracts(m::levers_in_force(p, {2018, 9, 1}), sw.world);
  CHECK(sw.world.worker(keeps).zero_hours);
  CHECK(sw.world.worker(takes).zero_hours);
  CHECK_FALSE(sw.world.worker(never).zero_hours);
  m::apply_contracts(m::levers_in_force(p, {2018, 10, 1}), sw.world);
  CHECK(sw.world.worker(keeps).zero_hours);
  CHECK_FALSE(sw.world.worker(takes).zero_hours);
  CHECK_FALSE(sw.world.worker(never).zero_hours);
}
