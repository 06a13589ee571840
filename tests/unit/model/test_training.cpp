// Training under a training minimum (training.cpp): induction of new starters, Care Certificates
// for existing staff paced over certificate_weeks, refreshers, and level 2 enrolments paced to
// reach the target share by its deadline.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/training.hpp"
#include "model/workforce.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;

namespace {

m::TrainingParams minimum() {
  m::TrainingParams t;
  t.minimum = true;
  t.from = {2018, 10, 1};
  return t;
}

/// `n` employed workers of one provider, untrained and unqualified.
SmallWorld& staff(SmallWorld& sw, int n) {
  const auto pid = sw.add_provider();
  for (int i = 0; i < n; ++i) {
    const auto w = sw.add_worker(pid, 0);
    sw.world.worker(w).trained = false;
    sw.world.worker(w).qualification = m::Qualification::none;
  }
  return sw;
}

int trained(const m::World& world) {
  int n = 0;
  for (const auto& w : world.workers) n += w.employed && w.trained ? 1 : 0;
  return n;
}

int qualified(const m::World& world) {
  int n = 0;
  for (const auto& w : world.workers) n += w.employed && w.qualification != m::Qualification::none ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("induction: under the minimum a new starter is trained at once, its hours paid, and not before it applies") {
  const m::TrainingParams t = minimum();
  m::CareWorker w;
  m::induct(w, {2018, 9, 30}, t);
  CHECK_FALSE(w.trained);
  CHECK(w.training_hours_month == 0.0);
  m::induct(w, {2018, 10, 1}, t);
  CHECK(w.trained);
  CHECK(w.training_hours_month == t.induction_hours);
  m::induct(w, {2018, 10, 2}, t);  // already trained: nothing more
  CHECK(w.training_hours_month == t.induction_hours);
  m::CareWorker without;
  m::induct(without, {2019, 1, 1}, m::TrainingParams{});
  CHECK_FALSE(without.trained);
}

TEST_CASE("induction: a hire under the minimum starts trained") {
  m::Params p;
  p.training = minimum();
  p.training.from = p.run.start;
  p.workforce.share_trained_2016 = 0.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  for (int i = 0; i < 20; ++i) m::hire(pid, 3, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(trained(sw.world) == 20);
  for (const auto& w : sw.world.workers) CHECK(w.training_hours_month == p.training.induction_hours);

  m::Params none;
  none.workforce.share_trained_2016 = 0.0;
  SmallWorld untrained(none);
  const auto pid2 = untrained.add_provider();
  for (int i = 0; i < 20; ++i) m::hire(pid2, 3, untrained.s, untrained.econ, untrained.world, untrained.agenda);
  CHECK(trained(untrained.world) == 0);
}

TEST_CASE("training month: nothing without the minimum or before it applies") {
  SmallWorld sw;
  staff(sw, 10);
  m::training_month({2019, 1, 1}, m::TrainingParams{}, sw.world);
  m::training_month({2018, 9, 1}, minimum(), sw.world);
  CHECK(trained(sw.world) == 0);
  for (const auto& w : sw.world.workers) CHECK(w.training_hours_month == 0.0);
}

TEST_CASE("training month: Care Certificates for existing staff, paced to finish within certificate_weeks") {
  SmallWorld sw;
  staff(sw, 100);
  const m::TrainingParams t = minimum();  // 12 weeks
  // First month: 4.35 of 12 weeks, ceil(100 x 4.35 / 12) = 37.
  m::training_month({2018, 10, 1}, t, sw.world);
  CHECK(trained(sw.world) == 37);
  int with_hours = 0;
  for (const auto& w : sw.world.workers) with_hours += w.training_hours_month == t.induction_hours ? 1 : 0;
  CHECK(with_hours == 37);
  // Current behaviour: in order of worker index (docs/MODEL.md 10.3).
  CHECK(sw.world.workers[36].trained);
  CHECK_FALSE(sw.world.workers[37].trained);
  // Then the rest at the pace left: on 1 November 7.6 weeks are left, ceil(63 x 4.35 / 7.57) = 37;
  // on 1 December less than a month (4.35 weeks) is left, so all of them.
  m::training_month({2018, 11, 1}, t, sw.world);
  CHECK(trained(sw.world) == 74);
  m::training_month({2018, 12, 1}, t, sw.world);
  CHECK(trained(sw.world) == 100);
}

TEST_CASE("training month: refreshers for every employed worker, a twelfth of the yearly hours") {
  SmallWorld sw;
  staff(sw, 3);
  sw.world.workers[2].employed = false;
  for (auto& w : sw.world.workers) w.trained = true;
  m::TrainingParams t = minimum();
  t.refresher_hours = 6.0;
  m::training_month({2019, 2, 1}, t, sw.world);
  CHECK(sw.world.workers[0].training_hours_month == 0.5);
  CHECK(sw.world.workers[1].training_hours_month == 0.5);
  CHECK(sw.world.workers[2].training_hours_month == 0.0);
}

TEST_CASE("training month: level 2 enrolments paced to reach the target share by the deadline, fees to the provider") {
  SmallWorld sw;
  staff(sw, 100);
  for (std::size_t i = 0; i < 20; ++i) sw.world.workers[i].qualification = m::Qualification::level2;
  for (auto& w : sw.world.workers) w.trained = true;
  m::TrainingParams t = minimum();
  t.l2_target_share = 0.5;  // 50 of 100 by 1 October 2020
  // October 2018: 30 to go over 25 months: ceil(30 / 25) = 2.
  m::training_month({2018, 10, 1}, t, sw.world);
  CHECK(qualified(sw.world) == 22);
  CHECK(sw.world.provider(m::ProviderId(0)).training_fees_month == 2 * t.l2_fee);
  CHECK(sw.world.workers[20].training_hours_month == t.l2_hours);
  // The deadline month: all that are missing.
  m::training_month({2020, 10, 1}, t, sw.world);
  CHECK(qualified(sw.world) == 50);
  // At the target: no more.
  m::training_month({2020, 11, 1}, t, sw.world);
  CHECK(qualified(sw.world) == 50);
  // Past the deadline, below the target (staff joined): the rest at once.
  SmallWorld late;
  staff(late, 10);
  m::training_month({2021, 3, 1}, t, late.world);
  CHECK(qualified(late.world) == 5);
  // Those who have left are neither counted nor enrolled.
  SmallWorld gone;
  staff(gone, 10);
  for (std::size_t i = 0; i < 6; ++i) gone.world.workers[i].employed = false;
  m::training_month({2020, 10, 1}, t, gone.world);
  CHECK(qualified(gone.world) == 2);
  for (std::size_t i = 0; i < 6; ++i) CHECK(gone.world.workers[i].qualification == m::Qualification::none);
}
