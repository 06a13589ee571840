// Providers based outside the borough (docs/MODEL.md 7.7a): set-up gives them the stated share of
// the framework and their offset on pay; their workers' days have a leg into the borough and one
// home; with local supply, brokerage asks in-borough providers first; their hours are reported.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "model/brokerage.hpp"
#include "model/delivery.hpp"
#include "model/pay_law.hpp"
#include "model/reporting.hpp"
#include "model/roster.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;
using m::test::Visit;

namespace {

constexpr std::uint16_t ward = 12;
std::uint16_t nth_nearest(std::uint16_t w, std::size_t i) { return m::test::brent().graph.by_distance[w][i]; }

/// Places `u` with `pid` and rosters every visit with `w`.
void roster_with(SmallWorld& sw, m::UserId u, m::ProviderId pid, m::WorkerId w) {
  sw.place(u, pid);
  const auto& su = sw.world.user(u);
  for (std::size_t k = 0; k < su.slots.size(); ++k)
    for (int wd = 0; wd < 7; ++wd) REQUIRE(m::roster_slot(u, k, wd, 0, pid, true, sw.s, sw.world, w));
}

/// A provider with one worker visiting two users a day (ward 12 at 09:00, a neighbouring ward
/// at 11:00), the provider based outside the borough or not; the day's tallies after day 3.
struct Day {
  explicit Day(bool outside, double leg = 20.0) : sw(params(leg)) {
    pid = sw.add_provider();
    sw.world.provider(pid).out_of_borough = outside;
    w = sw.add_worker(pid, ward);
    roster_with(sw, sw.add_user(ward, {Visit{9 * 60, 30}}), pid, w);
    roster_with(sw, sw.add_user(nth_nearest(ward, 1), {Visit{11 * 60, 45}}), pid, w);
    m::DeliveryScratch scratch;
    m::deliver_day(3, sw.s, sw.world, sw.ledger, scratch);
  }
  static m::Params params(double leg) {
    m::Params p;
    p.providers.out_of_borough_leg_min = leg;
    return p;
  }
  SmallWorld sw;
  m::ProviderId pid;
  m::WorkerId w;
};

/// `n` packages of one half-hour visit a day in `ward`, queued on day 0.
void queue_users(SmallWorld& sw, int n) {
  for (int i = 0; i < n; ++i) {
    const auto u = sw.add_user(ward, {Visit{7 * 60 + 30 * (i % 32), 30, false}});
    sw.enqueue(u, 0.0);
  }
}

}  // namespace

TEST_CASE("out of borough, set-up: the last round(share x n) providers hold the share of the size weight and pay the offset") {
  m::Params p;
  p.providers.framework_providers = 50;
  p.demand.initial_users = 1500;
  SmallWorld in_borough(p);
  m::setup_market(in_borough.s, in_borough.econ, in_borough.world, in_borough.agenda, in_borough.ledger);
  p.providers.out_of_borough_share = 0.36;
  p.providers.out_of_borough_wage_offset = -0.2;
  SmallWorld sw(p);
  m::setup_market(sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  const auto& providers = sw.world.providers;
  REQUIRE(providers.size() == 51);
  double outside = 0, all = 0;
  int flagged = 0;
  for (std::size_t q = 0; q < 50; ++q) {
    INFO("provider " << q);
    CHECK(providers[q].out_of_borough == (q >= 50 - 18));  // round(0.36 x 50) = 18
    CHECK_FALSE(in_borough.world.providers[q].out_of_borough);
    // The same draws; the premium moved by the offset on those based outside.
    CHECK(providers[q].wage_premium ==
          Approx(in_borough.world.providers[q].wage_premium + (providers[q].out_of_borough ? -0.2 : 0.0)));
    all += providers[q].size_weight;
    outside += providers[q].out_of_borough ? providers[q].size_weight : 0.0;
    flagged += providers[q].out_of_borough ? 1 : 0;
  }
  CHECK(flagged == 18);
  CHECK(all == Approx(1.0));
  CHECK(outside == Approx(0.36));
  CHECK_FALSE(providers[50].out_of_borough);  // the reablement team
  // Day 0's packages are placed by size: their hours near the share.
  double hours = 0, hours_outside = 0;
  for (const auto& u : sw.world.users) {
    if (u.route != m::Route::long_term) continue;
    hours += u.weekly_hours;
    hours_outside += sw.world.provider(u.provider).out_of_borough ? u.weekly_hours : 0.0;
  }
  INFO(hours_outside / hours << " of day 0's long-term hours with providers based outside");
  CHECK(hours_outside / hours == Approx(0.36).margin(0.06));
  // Their workers live outside, the others' in the borough.
  for (const auto& w : sw.world.workers) CHECK(w.lives_outside == sw.world.provider(w.provider).out_of_borough);
}

TEST_CASE("out of borough, set-up: a share of 0 flags nobody and leaves the weights as drawn") {
  m::Params p;
  p.providers.framework_providers = 10;
  p.demand.initial_users = 50;
  SmallWorld a(p);
  m::setup_market(a.s, a.econ, a.world, a.agenda, a.ledger);
  p.providers.out_of_borough_wage_offset = -1.0;  // no provider to pay it
  p.providers.out_of_borough_leg_min = 40;
  SmallWorld b(p);
  m::setup_market(b.s, b.econ, b.world, b.agenda, b.ledger);
  REQUIRE(a.world.providers.size() == b.world.providers.size());
  for (std::size_t q = 0; q < a.world.providers.size(); ++q) {
    CHECK_FALSE(b.world.providers[q].out_of_borough);
    CHECK(a.world.providers[q].size_weight == b.world.providers[q].size_weight);
    CHECK(a.world.providers[q].wage_premium == b.world.providers[q].wage_premium);
  }
  for (const auto& w : b.world.workers) CHECK_FALSE(w.lives_outside);
}

TEST_CASE("out of borough, delivery: a worker living outside has exactly 2 x leg minutes more travel a working day") {
  Day in(false), out(true);
  const auto& ti = in.sw.ledger.month(0);
  const auto& to = out.sw.ledger.month(0);
  REQUIRE(ti.visits == 2);
  REQUIRE(to.visits == 2);
  CHECK(ti.travel_min > 0);  // between the two visits
  CHECK(to.travel_min - ti.travel_min == Approx(40.0));
  CHECK(to.commute_min == 40.0);
  CHECK(ti.commute_min == 0.0);
  // The legs are not travel between visits: the worker's pay and working time are unchanged.
  const auto& wi = in.sw.world.worker(in.w);
  const auto& wo = out.sw.world.worker(out.w);
  CHECK(wo.travel_min_month == wi.travel_min_month);
  CHECK(wo.commute_min_month == 40.0);
  CHECK(wi.commute_min_month == 0.0);
  CHECK(m::worked_minutes(wo) == m::worked_minutes(wi));
  CHECK(m::minimum_wage_shortfall(wo, 9.0, false) == m::minimum_wage_shortfall(wi, 9.0, false));
  // The first visit still starts on time; the day's lateness is unchanged.
  CHECK(to.late == ti.late);
  // One leg to the first visit's ward, one from the last visit's: the wards add up to the borough.
  const m::WardTally* row = out.sw.ledger.ward_row(0);
  double wards = 0;
  for (std::size_t i = 0; i < out.sw.ledger.ward_count; ++i) wards += row[i].travel_min;
  CHECK(wards == Approx(to.travel_min));
  CHECK(row[ward].travel_min == Approx(in.sw.ledger.ward_row(0)[ward].travel_min + 20.0));
  // Their hours are the provider's based outside.
  CHECK(to.out_of_borough_hours == Approx(75.0 / 60.0));
  CHECK(to.price_hours == Approx(75.0 / 60.0));
  CHECK(ti.out_of_borough_hours == 0.0);
  // The leg is a parameter.
  Day longer(true, 45.0);
  CHECK(longer.sw.ledger.month(0).commute_min == 90.0);
}

TEST_CASE("out of borough, delivery: no visits, no legs") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  sw.world.provider(pid).out_of_borough = true;
  const auto w = sw.add_worker(pid, ward);
  REQUIRE(sw.world.worker(w).lives_outside);
  m::DeliveryScratch scratch;
  m::deliver_day(3, sw.s, sw.world, sw.ledger, scratch);
  CHECK(sw.ledger.month(0).travel_min == 0.0);
  CHECK(sw.world.worker(w).commute_min_month == 0.0);
}

TEST_CASE("out of borough: the commute counts as unpaid travel in the quit hazard's share, paid travel or not") {
  for (const bool paid : {false, true}) {
    m::Params p;
    p.wages.travel_time_paid = paid;
    p.wages.travel_time_paid_from = p.run.start;
    SmallWorld sw(p);
    REQUIRE(sw.econ.levers.travel_paid == paid);
    const auto pid = sw.add_provider();
    sw.world.provider(pid).out_of_borough = true;
    const auto w = sw.add_worker(pid, ward);
    auto& cw = sw.world.worker(w);
    cw.contact_min_month = 600;
    cw.travel_min_month = 200;
    cw.commute_min_month = 200;
    m::close_month_snapshot(0, sw.p.run.start, sw.s, sw.econ, sw.world, sw.ledger);
    INFO("travel paid: " << paid);
    CHECK(sw.world.worker(w).unpaid_travel_share == Approx((paid ? 200.0 : 400.0) / 1000.0));
    CHECK(sw.world.worker(w).commute_min_month == 0.0);
  }
}

TEST_CASE("out of borough, brokerage: with local supply in-borough providers are asked first") {
  auto run = [](bool local, int local_workers) {
    SmallWorld sw;
    const auto outside = sw.add_provider(0.9);
    const auto inside = sw.add_provider(0.1);
    sw.world.provider(outside).out_of_borough = true;
    for (int i = 0; i < 20; ++i) sw.add_worker(outside, ward, 7 * 32 * 30.0);
    for (int i = 0; i < local_workers; ++i) sw.add_worker(inside, ward, 7 * 32 * 30.0);
    queue_users(sw, 200);
    sw.econ.levers.local_supply = local;
    std::vector<double> spare;
    m::brokerage(0, sw.s, sw.econ.regime, sw.econ.levers, sw.world, sw.ledger, spare);
    REQUIRE(sw.world.waiting.empty());
    return std::pair{sw.world.provider(inside).users.size(), sw.world.provider(outside).users.size()};
  };
  // Without the lever, by size: most go to the larger provider based outside.
  const auto [in_off, out_off] = run(false, 20);
  CHECK(out_off > 150);
  // With it, every package goes to the in-borough provider, which has room for them all.
  const auto [in_on, out_on] = run(true, 20);
  CHECK(in_on == 200);
  CHECK(out_on == 0);
  // Those the in-borough provider has no room for go to the one outside the same day.
  const auto [in_full, out_full] = run(true, 2);
  CHECK(in_full == 64);  // 2 workers x 32 half-hour visits a day
  CHECK(out_full == 136);
}

TEST_CASE("out of borough: with local supply, providers outside staff for none of the waiting list, those inside for all") {
  SmallWorld sw;
  const auto outside = sw.add_provider(0.5);
  const auto inside = sw.add_provider(0.5);
  sw.world.provider(outside).out_of_borough = true;
  queue_users(sw, 100);
  const int outside_off = m::count_vacancies(outside, sw.s, sw.econ, sw.world);
  const int inside_off = m::count_vacancies(inside, sw.s, sw.econ, sw.world);
  CHECK(outside_off == inside_off);
  CHECK(outside_off > 0);
  sw.econ.levers.local_supply = true;
  CHECK(m::count_vacancies(outside, sw.s, sw.econ, sw.world) == 0);
  const int inside_on = m::count_vacancies(inside, sw.s, sw.econ, sw.world);
  CHECK(inside_on >= 2 * inside_off - 1);
  CHECK(inside_on <= 2 * inside_off);
}
