// Referrals and demand (demand.cpp): the rates by ward, the share of double-handed packages,
// each new user's needs and visit plan, and the day's referrals.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "model/demand.hpp"
#include "model/market.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::brent;
using m::test::SmallWorld;

TEST_CASE("demand: the double-handed share grows by double_handed_growth a year, at most 1") {
  m::Params p;
  CHECK(m::double_handed_share(p, 0.0) == p.demand.double_handed_share_2016);
  CHECK(m::double_handed_share(p, k::days_per_year) == Approx(0.11 * 1.12));
  CHECK(m::double_handed_share(p, 3 * k::days_per_year) == Approx(0.11 * std::pow(1.12, 3)));
  p.demand.double_handed_growth = 10.0;
  CHECK(m::double_handed_share(p, 10 * k::days_per_year) == 1.0);
}

TEST_CASE("demand: referral rates follow the ward's 65+ and weighted 85+ residents, growing with them") {
  m::Params p;
  p.run.start = {2017, 7, 1};  // the year of the population estimates: no growth yet
  const auto& w = brent().wards[5];
  const double weighted = m::test::ward_population(w, "pop_65plus_2017") +
                          (p.demand.weight_85plus - 1.0) * m::test::ward_population(w, "pop_85plus_2017");
  CHECK(m::referral_rate(brent(), p, 5, 0.0, true) == Approx(p.demand.reablement_per_1000_65plus * weighted / 1000.0 / k::days_per_year));
  CHECK(m::referral_rate(brent(), p, 5, 0.0, false) ==
        Approx(p.demand.referrals_per_1000_65plus / (1.0 - p.demand.share_under_65) * weighted / 1000.0 / k::days_per_year));
  // A year on, between the growth of the 65+ and of the 85+.
  const double ratio = m::referral_rate(brent(), p, 5, k::days_per_year, false) / m::referral_rate(brent(), p, 5, 0.0, false);
  CHECK(ratio > 1.0 + p.demand.growth_65plus);
  CHECK(ratio < 1.0 + p.demand.growth_85plus);
  // Proportional to the rate per 1,000.
  m::Params doubled = p;
  doubled.demand.referrals_per_1000_65plus *= 2.0;
  CHECK(m::referral_rate(brent(), doubled, 5, 100.0, false) == Approx(2.0 * m::referral_rate(brent(), p, 5, 100.0, false)));
}

TEST_CASE("create_user: a visit plan of one to four visits on quarter hours, of one length, matching the weekly hours") {
  SmallWorld sw;
  int dh = 0;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    const auto id = m::create_user(m::Route::long_term, 3, 0.0, m::UserKey::referral(0, 6, static_cast<std::uint32_t>(i)), sw.s,
                                   sw.world, sw.agenda);
    const auto& u = sw.world.user(id);
    CHECK(u.state == m::UserState::assessing);
    CHECK(u.ward == 3);
    REQUIRE(!u.slots.empty());
    CHECK(u.slots.size() <= 4);
    const int len = u.slots[0].duration;
    CHECK((len == 30 || len == 45 || len == 60));
    for (const auto& sl : u.slots) {
      CHECK(sl.duration == len);
      CHECK(sl.minute % 15 == 0);
      CHECK(sl.minute >= 7 * 60);
      CHECK(sl.minute <= 22 * 60);
      CHECK(sl.double_handed == u.double_handed);
    }
    for (std::size_t j = 1; j < u.slots.size(); ++j) CHECK(u.slots[j].minute > u.slots[j - 1].minute);
    CHECK(u.weekly_hours == Approx(static_cast<double>(u.slots.size()) * len * 7.0 / 60.0));
    dh += u.double_handed ? 1 : 0;
  }
  INFO(dh << " of " << n << " double-handed");
  CHECK(dh > 0.08 * n);  // 11% in 2016
  CHECK(dh < 0.14 * n);
  CHECK(sw.world.live_users.size() == static_cast<std::size_t>(n));
  CHECK(sw.agenda.sim.pending() == 0);
}

TEST_CASE("create_user: reablement is never double-handed and ends within max_days, and direct payments may employ a PA") {
  SmallWorld sw;
  sw.advance_to_day(10.0);
  int pa = 0;
  for (std::uint32_t i = 0; i < 500; ++i) {
    const auto r = m::create_user(m::Route::reablement, 4, 10.0, m::UserKey::referral(10, 9, i), sw.s, sw.world, sw.agenda);
    CHECK_FALSE(sw.world.user(r).double_handed);
    CHECK(sw.world.user(r).group == m::ClientGroup::older);
    const auto d = m::create_user(m::Route::direct_payment, 4, 10.0, m::UserKey::referral(10, 8, i), sw.s, sw.world, sw.agenda);
    CHECK_FALSE(sw.world.user(d).double_handed);
    CHECK(sw.world.user(d).pa_wage_frailty > 0.0);
    pa += sw.world.user(d).has_pa ? 1 : 0;
  }
  CHECK(pa > 0.2 * 500);  // employ_pa_share 30%
  CHECK(pa < 0.4 * 500);
  const auto events = sw.drain();
  CHECK(events.size() == 500);
  for (const auto& e : events) {
    CHECK(e.payload.kind == m::EventKind::reablement_end);
    CHECK(e.time > k::days(10.0));
    CHECK(e.time <= k::days(10.0 + sw.p.reablement.max_days));
  }
}

TEST_CASE("daily referrals: as many as the rates say, a take-up share as direct payments, each assessed once") {
  SmallWorld sw;
  double expected_lt = 0, expected_reab = 0;
  const int days = 200;
  std::vector<std::int64_t> referred_on;  // by user
  for (std::int64_t day = 0; day < days; ++day) {
    for (std::uint16_t w = 0; w < brent().wards.size(); ++w) {
      expected_lt += m::referral_rate(brent(), sw.p, w, static_cast<double>(day), false);
      expected_reab += m::referral_rate(brent(), sw.p, w, static_cast<double>(day), true);
    }
    m::daily_referrals(day, sw.s, sw.econ.regime, 1.0, sw.world, sw.agenda, sw.ledger);
    referred_on.resize(sw.world.users.size(), day);
  }
  double lt = 0, dp = 0, reab = 0;
  for (const auto& u : sw.world.users) {
    lt += u.route == m::Route::long_term ? 1 : 0;
    dp += u.route == m::Route::direct_payment ? 1 : 0;
    reab += u.route == m::Route::reablement ? 1 : 0;
  }
  INFO("long-term " << lt << " + dp " << dp << " against " << expected_lt << ", reablement " << reab << " against " << expected_reab);
  CHECK(std::fabs((lt + dp) / expected_lt - 1.0) < 0.15);
  CHECK(std::fabs(reab / expected_reab - 1.0) < 0.15);
  CHECK(dp / (lt + dp) > 0.05);  // take-up 10%
  CHECK(dp / (lt + dp) < 0.15);
  CHECK(sw.ledger.people_in == sw.world.users.size());
  std::vector<int> assessed(sw.world.users.size(), 0);
  for (const auto& e : sw.drain()) {
    if (e.payload.kind != m::EventKind::assessment_done) continue;
    assessed[e.payload.id] += 1;
    // Reablement starts on the day of referral; long-term packages wait for an assessment.
    const auto day = static_cast<double>(referred_on[e.payload.id]);
    CHECK(e.time >= k::days(day));
    if (sw.world.users[e.payload.id].route == m::Route::reablement) CHECK(e.time < k::days(day + 1.0));
  }
  for (const int a : assessed) CHECK(a == 1);
}
