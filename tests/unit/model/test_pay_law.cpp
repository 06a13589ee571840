// Pay as minimum-wage law counts it (pay_law.cpp): paid and worked minutes, the shortfall below
// the National Living Wage when travel between visits is unpaid, and the month's tallies and
// metrics (reporting.cpp). Every answer is worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <vector>

#include "model/metrics.hpp"
#include "model/pay_law.hpp"
#include "model/reporting.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;

namespace {

/// A worker's month: `contact` and `travel` in minutes, `training` in hours, on `wage`.
m::CareWorker month_of(double wage, double contact, double travel, double training = 0) {
  m::CareWorker w;
  w.wage = wage;
  w.contact_min_month = contact;
  w.travel_min_month = travel;
  w.training_hours_month = training;
  return w;
}

}  // namespace

TEST_CASE("pay law: paid minutes leave out unpaid travel, worked minutes count it and training") {
  const auto w = month_of(8.32, 3900, 2100, 2);
  CHECK(m::paid_minutes(w, false) == 3900 + 120);
  CHECK(m::paid_minutes(w, true) == 3900 + 2100 + 120);
  CHECK(m::worked_minutes(w) == 3900 + 2100 + 120);
  CHECK(m::worked_minutes(month_of(9.0, 0, 0)) == 0);
}

TEST_CASE("pay law: £8.32 an hour with 35% of working time unpaid travel is below a £7.20 NLW") {
  // 65 hours of visits and 35 of travel: 100 hours worked, 65 paid. Pay 65 x 8.32 = £540.80, or
  // £5.408 an hour worked; the NLW for 100 hours is £720, so £179.20 short.
  const auto w = month_of(8.32, 65 * 60, 35 * 60);
  CHECK(m::minimum_wage_shortfall(w, 7.20, false) == Approx(179.20));
  // Travel paid: £832 for 100 hours, above the floor.
  CHECK(m::minimum_wage_shortfall(w, 7.20, true) == 0.0);
  // The break-even unpaid share is 1 - 7.20 / 8.32 = 13.5%: 10% unpaid travel stays above
  // (90 x 8.32 = £748.80 for 100 hours), 15% falls below (85 x 8.32 = £707.20: £12.80 short).
  CHECK(m::minimum_wage_shortfall(month_of(8.32, 90 * 60, 10 * 60), 7.20, false) == 0.0);
  CHECK(m::minimum_wage_shortfall(month_of(8.32, 85 * 60, 15 * 60), 7.20, false) == Approx(12.80));
  // Paid exactly the NLW for every minute: at the floor, not below it.
  CHECK(m::minimum_wage_shortfall(month_of(7.20, 1234, 567, 3), 7.20, true) == 0.0);
  // Training is working time and paid: 10 hours' training on top of the 35% case adds £83.20 pay
  // and £72 due, so the shortfall falls by £11.20 to £168.
  CHECK(m::minimum_wage_shortfall(month_of(8.32, 65 * 60, 35 * 60, 10), 7.20, false) == Approx(168.0));
  // No work, no shortfall.
  CHECK(m::minimum_wage_shortfall(month_of(8.32, 0, 0), 7.20, false) == 0.0);
}

TEST_CASE("pay law: a month's count is over workers who worked, the shortfall over those below") {
  const std::vector<m::CareWorker> workers = {
      month_of(8.32, 65 * 60, 35 * 60),  // below: £179.20 short
      month_of(8.32, 90 * 60, 10 * 60),  // above
      month_of(7.20, 540, 60),           // at the NLW, 1 hour of 10 unpaid: £64.80 for £72, £7.20 short
      month_of(9.00, 0, 0),              // did not work: not counted
  };
  const auto c = m::check_minimum_wage(workers, 7.20, false);
  CHECK(c.worked == 3);
  CHECK(c.below == 2);
  CHECK(c.shortfall == Approx(179.20 + 7.20));
  const auto paid = m::check_minimum_wage(workers, 7.20, true);
  CHECK(paid.worked == 3);
  CHECK(paid.below == 0);
  CHECK(paid.shortfall == 0.0);
}

TEST_CASE("pay law: the month's close tallies it before the reset, and the metrics report it") {
  m::Params p;
  p.run.end = {2017, 6, 30};
  p.run.policy_start = {2017, 4, 1};
  p.commissioning.switch_date = {2017, 4, 1};
  SmallWorld sw(p);  // travel unpaid by default
  REQUIRE_FALSE(sw.p.wages.travel_time_paid);
  const auto pid = sw.add_provider();
  const auto a = sw.add_worker(pid, 0);
  const auto b = sw.add_worker(pid, 0);
  const auto left = sw.add_worker(pid, 0);
  sw.add_worker(pid, 0);  // worked nothing
  sw.econ.wages.nlw = 7.20;
  auto work = [&](m::WorkerId w, double wage, double contact, double travel) {
    sw.world.worker(w).wage = wage;
    sw.world.worker(w).contact_min_month = contact;
    sw.world.worker(w).travel_min_month = travel;
  };
  work(a, 8.32, 65 * 60, 35 * 60);  // £179.20 short
  work(b, 8.32, 90 * 60, 10 * 60);  // above
  work(left, 7.20, 540, 60);        // £7.20 short; left before the close, but worked in the month
  sw.world.worker(left).employed = false;
  m::close_month_snapshot(0, {2016, 4, 30}, sw.s, sw.econ, sw.world, sw.ledger);
  const auto& t = sw.ledger.month(0);
  CHECK(t.nlw_worked == 3);
  CHECK(t.nlw_below == 2);
  CHECK(t.nlw_shortfall == Approx(186.40));
  CHECK(sw.world.worker(a).travel_min_month == 0);  // reset after the count

  // Month 12 (April 2017, the policy period's first): one of two below, £10 short.
  auto& t12 = sw.ledger.month(12);
  t12.nlw_worked = 2;
  t12.nlw_below = 1;
  t12.nlw_shortfall = 10.0;
  const auto r = m::replicate_result(sw.s, sw.ledger, 0);
  const auto& share = r.monthly[m::monthly_index("share_workers_below_minimum_wage")];
  const auto& gbp = r.monthly[m::monthly_index("minimum_wage_shortfall")];
  CHECK(share[0] == Approx(2.0 / 3.0));
  CHECK(gbp[0] == Approx(186.40));
  CHECK(share[1] == 0.0);  // nobody worked: no share, not NaN
  CHECK(share[12] == 0.5);
  // The policy period (April - June 2017): 1 of 2 worker-months below, £10.
  CHECK(r.summary[m::summary_index("share_workers_below_minimum_wage")] == 0.5);
  CHECK(r.summary[m::summary_index("minimum_wage_shortfall_total")] == Approx(10.0));
  // Financial years 2016/17 (months 0-11) and 2017/18 (12-14).
  const auto& ys = r.yearly[m::yearly_index("share_workers_below_minimum_wage")];
  const auto& yg = r.yearly[m::yearly_index("minimum_wage_shortfall")];
  REQUIRE(ys.size() == 2);
  CHECK(ys[0] == Approx(2.0 / 3.0));
  CHECK(ys[1] == 0.5);
  CHECK(yg[0] == Approx(186.40));
  CHECK(yg[1] == Approx(10.0));
}
