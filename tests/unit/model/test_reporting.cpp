// Reporting (reporting.cpp): the day's counts, the month's snapshot and resets, and the surveys.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/council_budget.hpp"
#include "model/metrics.hpp"
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
  const auto waiting = sw.add_user(3, {{9 * 60, 60}});  // the others in ward 0
  sw.enqueue(waiting);
  const auto dp = sw.add_user(0, {{9 * 60, 60}}, m::Route::direct_payment);
  sw.world.user(dp).state = m::UserState::active;
  sw.world.user(dp).has_pa = true;
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
  // The vacant post's money is recouped in full: nothing spent.
  CHECK(t.spend_dp == Approx(0.0));
  CHECK(t.dp_recouped == Approx(2 * 1.0 * m::direct_payment_rate(sw.p, sw.econ.wages, sw.econ.regime)));
  CHECK(t.dp_unmet_min == Approx(2 * 60.0));
  CHECK(t.dp_planned_min == Approx(2 * 60.0));
  // The same by ward: the active long-term user and the vacant PA in ward 0, the waiting user in ward 3.
  const m::WardTally* ward = sw.ledger.ward_row(0);
  CHECK(ward[0].active == 2);
  CHECK(ward[0].unmet_min == Approx(2 * 60.0));
  CHECK(ward[3].active == 0);
  CHECK(ward[3].unmet_min == Approx(2 * 60.0));
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
  paid.wages.travel_time_paid_from = paid.run.start;  // the world's economy is on run.start
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

TEST_CASE("per financial year: sums, means and rates over each year's months, the partial years not scaled up") {
  // A run from 1 January 2017 to 30 June 2018 touches three financial years: 2016/17 (3 months),
  // 2017/18 (12) and 2018/19 (3). Month m's tallies are set by hand so that each figure has a
  // known answer.
  m::Params p;
  p.run.start = {2017, 1, 1};
  p.run.end = {2018, 6, 30};
  p.run.policy_start = {2017, 7, 1};
  p.commissioning.switch_date = {2017, 7, 1};
  CHECK(m::report_years(p) == std::vector<std::string>{"2016/17", "2017/18", "2018/19"});
  CHECK(m::financial_year_of_month(p, 2) == 2016);
  CHECK(m::financial_year_of_month(p, 3) == 2017);
  CHECK(m::financial_year_of_month(p, 15) == 2018);
  SmallWorld sw(p);
  REQUIRE(sw.ledger.months.size() == 18);
  for (std::size_t k = 0; k < 18; ++k) {
    auto& t = sw.ledger.months[k];
    t.days = 30;
    t.spend = 1000.0 * static_cast<double>(k + 1);
    t.budget = 5000.0;
    t.workers = 30 * 100;  // 100 a day
    t.active = 30 * 50;    // 50 a day
    t.leavers = 2;
    t.exit_leavers = k % 3 == 0 ? 2 : 0;  // months 0, 3, ... lose their 2 leavers to a provider's exit
    t.visits = 100;
    t.late = static_cast<std::int64_t>(k);
    t.complaints_continuity = 1;
    t.delivered_min = 600;
    t.wage_sum = 9.0 * 100;
    t.worker_count_end = 100;
  }
  const auto r = m::replicate_result(sw.s, sw.ledger, 0);
  auto y = [&](const char* name) { return r.yearly[m::yearly_index(name)]; };
  CHECK(y("months") == std::vector<double>{3, 12, 3});
  // Spend: months 1-3, 4-15 and 16-18 (thousands).
  CHECK(y("council_spend") == std::vector<double>{6000, 114000, 51000});
  CHECK(y("council_budget") == std::vector<double>{15000, 60000, 15000});
  CHECK(y("council_headroom") == std::vector<double>{9000, -54000, -36000});
  // 2 leavers a month over 100 heads: 24% a year, whatever the months covered.
  for (double t : y("turnover_rate")) CHECK(t == Approx(0.24));
  CHECK(y("care_workers") == std::vector<double>{100, 100, 100});
  CHECK(y("active_users") == std::vector<double>{50, 50, 50});
  CHECK(y("complaints") == std::vector<double>{3, 12, 3});
  for (double c : y("complaints_per_100_packages")) CHECK(c == Approx(24.0));  // 12 a year over 50 packages
  CHECK(y("late_visit_share")[0] == Approx((0 + 1 + 2) / 300.0));
  CHECK(y("hours_delivered") == std::vector<double>{30, 120, 30});
  CHECK(y("mean_hourly_wage") == std::vector<double>{9, 9, 9});
  // Turnover split by cause over the policy period (months 6 to 17): 4 of the 12 months' leavers
  // are provider exits', so 8% a year of the 24% is the exits' and 16% the rest.
  auto sum = [&](const char* name) { return r.summary[m::summary_index(name)]; };
  CHECK(sum("turnover_rate") == Approx(0.24));
  CHECK(sum("turnover_rate_provider_exits") == Approx(0.08));
  CHECK(sum("turnover_rate_excluding_provider_exits") == Approx(0.16));
  CHECK(r.monthly[m::monthly_index("leavers_provider_exit")][3] == 2.0);
  CHECK(r.monthly[m::monthly_index("leavers_provider_exit")][4] == 0.0);
}

TEST_CASE("direct payments: recouped money and unmet hours by month, year and policy period, and the E1 and E4 calibration figures") {
  // Brent's calibration year (April 2016 - March 2017) and six months after it; month m has
  // 30 days with 140 direct-payment users a day, recoups 1,000 GBP and leaves 60 of 600 planned
  // minutes a day unmet.
  m::Params p;
  p.run.start = {2016, 4, 1};
  p.run.end = {2017, 9, 30};
  p.run.policy_start = {2017, 4, 1};
  p.direct_payments.home_care_share = 0.7;
  SmallWorld sw(p);
  REQUIRE(sw.ledger.months.size() == 18);
  for (auto& t : sw.ledger.months) {
    t.days = 30;
    t.dp = 30 * 140;
    t.dp_recouped = 1000.0;
    t.dp_unmet_min = 30 * 60.0;
    t.dp_planned_min = 30 * 600.0;
    t.dp_unsupported = 2;
  }
  const auto r = m::replicate_result(sw.s, sw.ledger, 0);
  auto sum = [&](const char* name) { return r.summary[m::summary_index(name)]; };
  auto y = [&](const char* name) { return r.yearly[m::yearly_index(name)]; };
  CHECK(r.monthly[m::monthly_index("direct_payments_recouped")][0] == 1000.0);
  CHECK(r.monthly[m::monthly_index("direct_payment_hours_unmet")][0] == Approx(30.0));
  CHECK(r.monthly[m::monthly_index("direct_payment_choices_unsupported")][0] == 2.0);
  CHECK(y("direct_payments_recouped") == std::vector<double>{12000, 6000});
  CHECK(y("direct_payment_users") == std::vector<double>{140, 140});
  CHECK(y("direct_payment_hours_unmet")[1] == Approx(6 * 30.0));
  CHECK(sum("direct_payments_recouped_total") == 6000.0);
  CHECK(sum("direct_payment_hours_unmet_share") == Approx(0.1));
  // E1: 140 users of direct payments for home care are 200 adults' at a home-care share of 0.7; E4 likewise.
  CHECK(sum("calibration_direct_payment_adults") == Approx(200.0));
  CHECK(sum("calibration_direct_payments_recouped") == Approx(12000.0 / 0.7));
}

TEST_CASE("by ward and by patch: the policy period's tallies per ward, summed per patch, with the summaries' shares") {
  // A 2017 run whose policy period is July to December (6 months). Ward w's every month: w + 1
  // users a day, 100 visits of which w late and 1 missed, 10 hours delivered and 1 unmet, 10
  // hours of visits and 2 of travel to them, GBP 1000, one user who saw 3 workers, one complaint.
  m::Params p;
  p.run.start = {2017, 1, 1};
  p.run.end = {2017, 12, 31};
  p.run.policy_start = {2017, 7, 1};
  p.commissioning.switch_date = {2017, 7, 1};
  CHECK(m::policy_months(p) == 6);
  SmallWorld sw(p);
  const std::size_t W = sw.ledger.ward_count;
  REQUIRE(W == sw.s.place.wards.size());
  REQUIRE(W >= 4);
  for (int k = 0; k < 12; ++k) {
    sw.ledger.month(k).days = 30;
    for (std::size_t w = 0; w < W; ++w) {
      m::WardTally& t = sw.ledger.ward_row(k)[w];
      const auto n = static_cast<std::int64_t>(w);
      t.active = 30 * (n + 1);
      t.visits = 100;
      t.late = n;
      t.missed = 1;
      t.delivered_min = 600;
      t.unmet_min = 60;
      t.contact_min = 600;
      t.travel_min = 120;
      t.paid_for_visits = 1000;
      t.distinct_sum = 3;
      t.distinct_users = 1;
      t.complaints = 1;
    }
  }
  const auto r = m::replicate_result(sw.s, sw.ledger, 0);
  REQUIRE(r.by_ward.size() == m::by_ward_metrics().size());
  auto w = [&](const char* name) { return r.by_ward[m::by_ward_index(name)]; };
  for (std::size_t i = 0; i < W; ++i) {
    const double n = static_cast<double>(i);
    CHECK(w("active_users")[i] == Approx(n + 1));
    CHECK(w("visits_due")[i] == 600);
    CHECK(w("late_visits")[i] == 6 * n);
    CHECK(w("missed_visits")[i] == 6);
    CHECK(w("hours_delivered")[i] == Approx(60));
    CHECK(w("hours_unmet")[i] == Approx(6));
    CHECK(w("contact_hours")[i] == Approx(60));
    CHECK(w("travel_hours")[i] == Approx(12));
    CHECK(w("spend_on_visits")[i] == 6000);
    CHECK(w("user_months")[i] == 6);
    CHECK(w("workers_seen")[i] == 18);
    CHECK(w("complaints")[i] == 6);
  }
  // Two patches: even wards and odd wards.
  std::vector<int> ward_patch(W);
  for (std::size_t i = 0; i < W; ++i) ward_patch[i] = static_cast<int>(i % 2);
  const auto fig = m::patch_figures(p, r.by_ward, ward_patch, 2);
  REQUIRE(fig.size() == m::by_patch_metrics().size());
  auto pf = [&](const char* name) { return fig[m::by_patch_index(name)]; };
  for (int k = 0; k < 2; ++k) {
    double wards = 0, late = 0, users = 0;
    for (std::size_t i = static_cast<std::size_t>(k); i < W; i += 2) {
      wards += 1;
      late += 6.0 * static_cast<double>(i);
      users += static_cast<double>(i) + 1;
    }
    const auto K = static_cast<std::size_t>(k);
    CHECK(pf("visits_due")[K] == 600 * wards);
    CHECK(pf("late_visits")[K] == late);
    CHECK(pf("active_users")[K] == Approx(users));
    CHECK(pf("late_visit_share")[K] == Approx(late / (600 * wards)));
    CHECK(pf("hours_unmet_share")[K] == Approx(6.0 / 66.0));
    CHECK(pf("travel_share")[K] == Approx(12.0 / 72.0));
    CHECK(pf("distinct_workers_per_user")[K] == Approx(3.0));
    // 6 complaints per ward in half a year: 12 a year per ward, over the patch's users.
    CHECK(pf("complaints_per_100_packages")[K] == Approx(12.0 * wards / users * 100.0));
  }
  // The patches add up to the borough's pooled share.
  double late = 0, due = 0;
  for (std::size_t i = 0; i < W; ++i) late += w("late_visits")[i], due += w("visits_due")[i];
  CHECK((pf("late_visits")[0] + pf("late_visits")[1]) / (pf("visits_due")[0] + pf("visits_due")[1]) == Approx(late / due));
  // Shapes that do not match are the caller's error.
  CHECK_THROWS_AS(m::patch_figures(p, r.by_ward, std::vector<int>(W - 1, 0), 2), homecare::ModelError);
  ward_patch[0] = 2;
  CHECK_THROWS_AS(m::patch_figures(p, r.by_ward, ward_patch, 2), homecare::ModelError);
}
