// Reporting (reporting.cpp): the day's counts, the month's snapshot and resets, and the surveys.
#include <catch2/catch.hpp>

#include "model/council_budget.hpp"
#include "model/reporting.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;

TEST_CASE("count_day: people by state and route, direct-payment spend, unmet hours, workers and vacancies") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto gone = sw.add_provider();
  sw.world.provider(pid).vacancies = 3;
  sw.world.provider(gone).vacancies = 7;
  sw.world.provider(gone).active = false;
  sw.add_worker(pid, 0);
  sw.add_worker(pid, 0);
  const auto lt = sw.add_user(0);
  sw.place(lt, pid);
  const auto waiting = sw.add_user(0, {{9 * 60, 60}});
  sw.enqueue(waiting);
  const auto dp = sw.add_user(0, {{9 * 60, 60}}, m::Route::direct_payment);
  sw.world.user(dp).state = m::UserState::active;
  sw.world.user(dp).pa_vacant = true;
  const auto reab = sw.add_user(0, {{9 * 60, 30}}, m::Route::reablement);
  sw.world.user(reab).state = m::UserState::active;
  sw.add_user(0);  // still being assessed: not counted
  m::count_day(0, 0, sw.s, sw.econ, sw.world, sw.ledger);
  m::count_day(1, 0, sw.s, sw.econ, sw.world, sw.ledger);
  const auto& t = sw.ledger.month(0);
  CHECK(t.days == 2);
  CHECK(t.active == 2);
  CHECK(t.waiting == 2);
  CHECK(t.dp == 2);
  CHECK(t.reablement == 2);
  CHECK(t.workers == 4);
  CHECK(t.vacancies == 6);  // the inactive provider's are not counted
  // A day of the waiting package and of the vacant PA's hours: 7 hours a week each.
  CHECK(t.unmet_min == Approx(2 * (60.0 + 60.0)));
  CHECK(t.spend_dp == Approx(2 * 1.0 * m::direct_payment_rate(sw.p, sw.econ.wages, sw.econ.regime)));
  // 2016/17 users counted once each.
  CHECK(sw.ledger.calibration_distinct_users == 1);
  CHECK(sw.ledger.calibration_reablement == 1);
}

TEST_CASE("month snapshot: wages and qualifications of those employed at the close, unpaid travel, and the month reset") {
  m::Params p;
  p.wages.llw_phasing = {{{2016, 4, 1}, 1.0}};  // everyone paid the LLW payable at the close
  SmallWorld sw(p);
  const auto pid = sw.add_provider(1.0, 15.0, 0.0);
  const auto a = sw.add_worker(pid, 0);
  const auto b = sw.add_worker(pid, 0);
  const auto gone = sw.add_worker(pid, 0);
  sw.world.worker(gone).employed = false;
  sw.world.worker(b).qualification = m::Qualification::none;
  sw.world.worker(b).wage = 7.20;
  sw.world.worker(a).contact_min_month = 300;
  sw.world.worker(a).travel_min_month = 100;
  sw.world.worker(a).km_month = 12;
  sw.world.worker(a).training_hours_month = 2;
  sw.world.provider(pid).revenue_month = 99;
  sw.world.provider(pid).hires_month = 2;
  sw.place(sw.add_user(0), pid);
  const auto ended = sw.add_user(0);
  sw.world.user(ended).state = m::UserState::ended;
  m::close_month_snapshot(0, {2016, 4, 30}, sw.s, sw.econ, sw.world, sw.ledger);
  const auto& t = sw.ledger.month(0);
  CHECK(t.worker_count_end == 2);
  CHECK(t.wage_sum == Approx(sw.world.worker(a).wage + 7.20));
  CHECK(t.llw_count == 1);
  CHECK(t.l2_count == 1);
  CHECK(t.providers_active == 1);
  CHECK(sw.world.worker(a).unpaid_travel_share == Approx(0.25));
  CHECK(sw.world.worker(a).contact_min_month == 0);
  CHECK(sw.world.worker(a).travel_min_month == 0);
  CHECK(sw.world.worker(a).km_month == 0);
  CHECK(sw.world.worker(a).training_hours_month == 0);
  CHECK(sw.world.worker(b).unpaid_travel_share == 0.0);  // worked nothing
  CHECK(sw.world.provider(pid).revenue_month == 0);
  CHECK(sw.world.provider(pid).hires_month == 0);
  CHECK(sw.world.live_users.size() == 1);  // the ended user dropped

  // Travel paid: none of it is unpaid.
  m::Params paid;
  paid.wages.travel_time_paid = true;
  SmallWorld sw2(paid);
  const auto w2 = sw2.add_worker(sw2.add_provider(), 0);
  sw2.world.worker(w2).contact_min_month = 300;
  sw2.world.worker(w2).travel_min_month = 100;
  m::close_month_snapshot(0, {2016, 4, 30}, sw2.s, sw2.econ, sw2.world, sw2.ledger);
  CHECK(sw2.world.worker(w2).unpaid_travel_share == 0.0);
}

TEST_CASE("surveys: the share of workers who changed agency in the two years to 1 November 2017") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto day = sw.day_of({2017, 11, 1});
  for (int i = 0; i < 4; ++i) sw.add_worker(pid, 0);
  sw.world.workers[0].changed_agency_day = static_cast<double>(day - 100);
  sw.world.workers[1].changed_agency_day = static_cast<double>(day - 730);
  sw.world.workers[2].changed_agency_day = static_cast<double>(day - 731);
  m::take_surveys(day - 1, {2017, 10, 31}, sw.s, sw.world, sw.ledger);
  CHECK(sw.ledger.survey_changed_agency == -1.0);
  m::take_surveys(day, {2017, 11, 1}, sw.s, sw.world, sw.ledger);
  CHECK(sw.ledger.survey_changed_agency == 0.5);
}
