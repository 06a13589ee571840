// Training that takes time (training.cpp): courses whose hours are paid over their length and come
// out of the worker's week, whose effects (recorded training, the Care Certificate, a level, its
// pay) start when they end; under a minimum, new starters and existing staff enrol on the Care
// Certificate, and level 2 and level 3 enrolments are paced to reach their targets by their deadlines.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/roster.hpp"
#include "model/training.hpp"
#include "model/workforce.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;

namespace {

m::Params minimum() {
  m::Params p;
  p.training.minimum = true;
  p.training.from = {2018, 10, 1};
  return p;
}

/// `n` employed workers of one provider, without recorded training, the Care Certificate or a qualification.
SmallWorld& staff(SmallWorld& sw, int n) {
  const auto pid = sw.add_provider();
  for (int i = 0; i < n; ++i) {
    const auto w = sw.add_worker(pid, 0);
    sw.world.worker(w).trained = false;
    sw.world.worker(w).care_certificate = false;
    sw.world.worker(w).qualification = m::Qualification::none;
  }
  return sw;
}

int count(const m::World& world, bool (*f)(const m::CareWorker&)) {
  int n = 0;
  for (const auto& w : world.workers) n += w.employed && f(w) ? 1 : 0;
  return n;
}
bool certified(const m::CareWorker& w) { return w.care_certificate && w.trained; }
bool on_certificate(const m::CareWorker& w) { return w.course == m::Course::certificate; }
bool qualified(const m::CareWorker& w) { return w.qualification != m::Qualification::none; }
bool on_level2(const m::CareWorker& w) { return w.course == m::Course::level2; }
bool on_level3(const m::CareWorker& w) { return w.course == m::Course::level3; }

/// Runs the month starts from `from` to `to` (inclusive), clearing the month's hours first, and
/// returns the hours worker `w` was paid over them.
double months(SmallWorld& sw, k::Date from, k::Date to, std::uint32_t w) {
  double hours = 0;
  for (k::Date d = from; !(to < d); d = k::add_months(d, 1)) {
    for (auto& cw : sw.world.workers) cw.training_hours_month = 0;
    m::training_month(d, sw.day_of(d), sw.s, sw.world);
    hours += sw.world.workers[w].training_hours_month;
  }
  return hours;
}

}  // namespace

TEST_CASE("induction: under the minimum a new starter enrols on the Care Certificate, paid and off the roster for its weeks") {
  m::Params p = minimum();
  p.training.from = p.run.start;
  p.workforce.share_care_certificate_2016 = 0.0;
  p.workforce.share_l2_2016 = 0.0;
  p.workforce.share_l3_2016 = 0.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const std::int64_t day = 3;  // 4 April 2016: 27 days of the month left
  for (int i = 0; i < 20; ++i) m::hire(pid, day, sw.s, sw.econ, sw.world, sw.agenda);
  const double len = p.training.certificate_course_weeks * 7.0;
  const double per_week = p.training.induction_hours * 60.0 / p.training.certificate_course_weeks;
  for (const auto& w : sw.world.workers) {
    CHECK(w.course == m::Course::certificate);
    CHECK_FALSE(w.care_certificate);  // not until it ends
    CHECK(w.course_end_day == Approx(day + len));
    CHECK(w.training_hours_month == Approx(p.training.induction_hours * 27.0 / len));
    CHECK(w.study_min_week == Approx(std::min(per_week, w.study_min_week + w.capacity_min_week)));
  }

  m::Params none = p;
  none.training.minimum = false;
  SmallWorld without(none);
  const auto pid2 = without.add_provider();
  for (int i = 0; i < 20; ++i) m::hire(pid2, day, without.s, without.econ, without.world, without.agenda);
  CHECK(count(without.world, on_certificate) == 0);

  SmallWorld early(minimum());  // the minimum applies from 1 October 2018
  const auto pid3 = early.add_provider();
  m::hire(pid3, early.day_of({2018, 9, 30}), early.s, early.econ, early.world, early.agenda);
  CHECK(early.world.workers[0].course == m::Course::none);
}

TEST_CASE("induction: starters who hold the Care Certificate or a qualification do not enrol") {
  m::Params p = minimum();
  p.training.from = p.run.start;
  p.workforce.share_care_certificate_2016 = 1.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  for (int i = 0; i < 10; ++i) m::hire(pid, 3, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(count(sw.world, on_certificate) == 0);
  for (const auto& w : sw.world.workers) CHECK(w.training_hours_month == 0.0);
}

TEST_CASE("a course's effects start when it ends: hours paid month by month add up to the course's, capacity given back") {
  SmallWorld sw(minimum());
  staff(sw, 1);
  m::CareWorker& w = sw.world.workers[0];
  w.qualification = m::Qualification::none;
  const double capacity = w.capacity_min_week;
  const double start = static_cast<double>(sw.day_of({2018, 10, 15}));
  m::enrol(m::WorkerId(0), m::Course::level2, start, static_cast<double>(sw.day_of({2018, 11, 1})), sw.s, sw.world);
  const double paid_first = w.training_hours_month;
  CHECK(w.capacity_min_week == Approx(capacity - w.study_min_week));
  CHECK(w.study_min_week == Approx(sw.p.training.l2_hours * 60.0 / (sw.p.training.l2_course_months * 365.25 / 12.0 / 7.0)));
  CHECK(sw.world.provider(m::ProviderId(0)).training_fees_month == sw.p.training.l2_fee);
  // Nine months from 15 October 2018 end on 15 July 2019; it counts from 1 August.
  const double paid_later = months(sw, {2018, 11, 1}, {2019, 7, 1}, 0);
  CHECK(w.course == m::Course::level2);
  CHECK(w.qualification == m::Qualification::none);
  CHECK(paid_first + paid_later == Approx(sw.p.training.l2_hours));
  const double wage = w.wage;
  months(sw, {2019, 8, 1}, {2019, 8, 1}, 0);
  CHECK(w.course == m::Course::none);
  CHECK(w.qualification == m::Qualification::level2);
  CHECK(w.capacity_min_week == Approx(capacity));
  CHECK(w.study_min_week == 0.0);
  CHECK(w.wage == Approx(wage + sw.p.workforce.pay_premium_l2));
}

TEST_CASE("enrolment frees the worker's latest visits beyond the capacity left, for cover") {
  SmallWorld sw(minimum());
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 0, 300.0);  // five hours a week for council work
  const auto u = sw.add_user(0, {{9 * 60, 30}});
  sw.place(u, pid);
  REQUIRE(m::roster_package(u, pid, sw.s, sw.world));
  const double visit = sw.world.worker(w).booked_min_week / 7.0;  // the visit and its travel allowance, in quarter hours
  REQUIRE(visit > 0);
  sw.world.worker(w).qualification = m::Qualification::none;
  sw.world.worker(w).care_certificate = false;
  m::enrol(w, m::Course::certificate, 10.0, 30.0, sw.s, sw.world);  // 24 hours over 6 weeks: 4 hours a week
  const auto& cw = sw.world.worker(w);
  CHECK(cw.capacity_min_week == Approx(300.0 - 240.0));
  CHECK(cw.booked_min_week <= cw.capacity_min_week);
  const auto kept = static_cast<std::size_t>(std::floor(60.0 / visit + 1e-9));  // the week's first visits stay
  CHECK(cw.booked_min_week == Approx(static_cast<double>(kept) * visit));
  CHECK(sw.world.provider(pid).pending.size() == 7 - kept);
  for (const auto& ps : sw.world.provider(pid).pending) CHECK(ps.weekday >= static_cast<int>(kept));
}

TEST_CASE("training month: nothing is enrolled without the minimum or before it applies") {
  SmallWorld sw;
  staff(sw, 10);
  months(sw, {2019, 1, 1}, {2019, 3, 1}, 0);
  CHECK(count(sw.world, on_certificate) == 0);
  SmallWorld before(minimum());
  staff(before, 10);
  months(before, {2018, 9, 1}, {2018, 9, 1}, 0);
  CHECK(count(before.world, on_certificate) == 0);
  for (const auto& w : before.world.workers) CHECK(w.training_hours_month == 0.0);
}

TEST_CASE("training month: existing staff enrol on the Care Certificate within certificate_weeks and hold it when it ends") {
  SmallWorld sw(minimum());
  staff(sw, 100);
  const m::TrainingParams& t = sw.p.training;  // 12 weeks to enrol, 6-week course
  // First month: 4.35 of 12 weeks, ceil(100 x 4.35 / 12) = 37, in order of worker index.
  months(sw, {2018, 10, 1}, {2018, 10, 1}, 0);
  CHECK(count(sw.world, on_certificate) == 37);
  CHECK(count(sw.world, certified) == 0);
  CHECK(sw.world.workers[36].course == m::Course::certificate);
  CHECK(sw.world.workers[37].course == m::Course::none);
  CHECK(sw.world.workers[0].training_hours_month == Approx(t.induction_hours * 31.0 / (t.certificate_course_weeks * 7.0)));
  // 1 November: 7.6 weeks are left, ceil(63 x 4.35 / 7.57) = 37 more; the first 37 still study
  // (their six weeks end on 12 November).
  months(sw, {2018, 11, 1}, {2018, 11, 1}, 0);
  CHECK(count(sw.world, on_certificate) == 74);
  // 1 December: the first 37 hold it; the rest enrol (less than a month is left).
  months(sw, {2018, 12, 1}, {2018, 12, 1}, 0);
  CHECK(count(sw.world, certified) == 37);
  CHECK(count(sw.world, on_certificate) == 63);
  months(sw, {2019, 1, 1}, {2019, 2, 1}, 0);
  CHECK(count(sw.world, certified) == 100);
  // Those holding a qualification are not asked to.
  SmallWorld qual(minimum());
  staff(qual, 10);
  for (auto& w : qual.world.workers) w.qualification = m::Qualification::level2;
  months(qual, {2018, 10, 1}, {2018, 12, 1}, 0);
  CHECK(count(qual.world, on_certificate) == 0);
}

TEST_CASE("training month: refreshers for every employed worker, a twelfth of the yearly hours") {
  m::Params p = minimum();
  p.training.refresher_hours = 6.0;
  SmallWorld sw(p);
  staff(sw, 3);
  sw.world.workers[2].employed = false;
  for (auto& w : sw.world.workers) w.care_certificate = w.trained = true;
  months(sw, {2019, 2, 1}, {2019, 2, 1}, 0);
  CHECK(sw.world.workers[0].training_hours_month == 0.5);
  CHECK(sw.world.workers[1].training_hours_month == 0.5);
  CHECK(sw.world.workers[2].training_hours_month == 0.0);
}

TEST_CASE("training month: level 2 enrolments paced to end by the deadline, fees to the provider, qualified when they end") {
  m::Params p = minimum();
  p.training.l2_target_share = 0.5;  // 50 of 100 by 1 October 2020, nine-month courses
  SmallWorld sw(p);
  staff(sw, 100);
  for (std::size_t i = 0; i < 20; ++i) sw.world.workers[i].qualification = m::Qualification::level2;
  for (auto& w : sw.world.workers) w.care_certificate = w.trained = true;
  // October 2018: 30 to go, 25 months to the deadline of which the last 9 are too late to start:
  // ceil(30 / 16) = 2.
  months(sw, {2018, 10, 1}, {2018, 10, 1}, 0);
  CHECK(count(sw.world, on_level2) == 2);
  CHECK(count(sw.world, qualified) == 20);
  CHECK(sw.world.provider(m::ProviderId(0)).training_fees_month == 2 * p.training.l2_fee);
  // By the deadline everyone needed is qualified or enrolled; those enrolled in time have ended.
  months(sw, {2018, 11, 1}, {2020, 10, 1}, 0);
  CHECK(count(sw.world, qualified) + count(sw.world, on_level2) == 50);
  CHECK(count(sw.world, qualified) >= 48);
  // Those who have left are neither counted nor enrolled.
  SmallWorld gone(p);
  staff(gone, 10);
  for (auto& w : gone.world.workers) w.care_certificate = w.trained = true;
  for (std::size_t i = 0; i < 6; ++i) gone.world.workers[i].employed = false;
  months(gone, {2020, 10, 1}, {2020, 10, 1}, 0);
  CHECK(count(gone.world, on_level2) == 2);
  for (std::size_t i = 0; i < 6; ++i) CHECK(gone.world.workers[i].course == m::Course::none);
}

TEST_CASE("training month: level 3 from those at level 2, and its pay when it ends") {
  m::Params p = minimum();
  p.training.l2_target_share = 0.0;
  p.training.l3_target_share = 0.2;
  p.training.l3_deadline = {2019, 10, 1};  // twelve-month courses: all must start at once
  SmallWorld sw(p);
  staff(sw, 10);
  for (auto& w : sw.world.workers) {
    w.care_certificate = w.trained = true;
    w.qualification = m::Qualification::level2;
    w.wage = 9.0 + p.workforce.pay_premium_l2;
  }
  months(sw, {2018, 10, 1}, {2018, 10, 1}, 0);
  CHECK(count(sw.world, on_level3) == 2);
  CHECK(sw.world.provider(m::ProviderId(0)).training_fees_month == 2 * p.training.l3_fee);
  months(sw, {2018, 11, 1}, {2019, 10, 1}, 0);
  CHECK(count(sw.world, on_level3) == 2);  // twelve months from 1 October end on 1 October 2019
  months(sw, {2019, 11, 1}, {2019, 11, 1}, 0);
  CHECK(count(sw.world, on_level3) == 0);
  CHECK(sw.world.workers[0].qualification == m::Qualification::level3);
  CHECK(sw.world.workers[0].wage == Approx(9.0 + p.workforce.pay_premium_l3));
  CHECK(sw.world.workers[2].qualification == m::Qualification::level2);
}

TEST_CASE("credentials on hiring: the Care Certificate and level 3 by their shares, from a stream of their own") {
  m::Params p;
  p.workforce.share_care_certificate_2016 = 0.3;
  p.workforce.share_l2_2016 = 0.5;
  p.workforce.share_l3_2016 = 0.2;
  p.workforce.from_sector_share = 1.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  for (int i = 0; i < 4000; ++i) m::hire(pid, 3, sw.s, sw.econ, sw.world, sw.agenda);
  double cc = 0, l2 = 0, l3 = 0;
  for (const auto& w : sw.world.workers) {
    cc += w.care_certificate ? 1 : 0;
    l2 += w.qualification != m::Qualification::none ? 1 : 0;
    l3 += w.qualification == m::Qualification::level3 ? 1 : 0;
    CHECK(w.wage == Approx(sw.econ.wages.offered_wage(sw.world.provider(pid)) + m::pay_premium(w.qualification, p.workforce)));
  }
  const double n = 4000;
  CHECK(cc / n == Approx(0.3).margin(0.03));
  CHECK(l2 / n == Approx(0.5).margin(0.03));
  CHECK(l3 / n == Approx(0.2).margin(0.03));
  // The other draws of a hire are those of a world without these shares.
  m::Params q = p;
  q.workforce.share_care_certificate_2016 = 0.9;
  q.workforce.share_l3_2016 = 0.0;
  SmallWorld other(q);
  const auto pid2 = other.add_provider();
  for (int i = 0; i < 50; ++i) m::hire(pid2, 3, other.s, other.econ, other.world, other.agenda);
  for (std::size_t i = 0; i < 50; ++i) {
    CHECK(other.world.workers[i].home.x == sw.world.workers[i].home.x);
    CHECK(other.world.workers[i].frailty == sw.world.workers[i].frailty);
    CHECK((other.world.workers[i].qualification != m::Qualification::none) ==
          (sw.world.workers[i].qualification != m::Qualification::none));
  }
}
