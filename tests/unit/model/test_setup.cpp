// Setting up a replicate (setup.cpp): the setting, the economy on run.start, and a small market
// on day 0 (a few providers and packages).
#include <catch2/catch.hpp>

#include <cmath>

#include "model/setup.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;

TEST_CASE("setting: the run's days and months, the roster allowance in whole minutes, travel by mode") {
  m::Params p;
  p.providers.roster_travel_allowance_min = 7.6;
  const m::Setting s = m::make_setting(m::test::brent(), p, 1, 0);
  CHECK(s.allowance == 8);
  CHECK(s.last_day == k::to_day_number({2021, 9, 30}) - k::to_day_number({2016, 4, 1}));
  CHECK(s.months == 66);
  CHECK(s.policy_month == 30);  // October 2018
  CHECK(s.month_of(0) == 0);
  CHECK(s.month_of(30) == 1);
  CHECK(s.event_day.size() == static_cast<std::size_t>(s.last_day + 1));
  // Walking 1 km of straight line: 1.3 km of road at 4.8 km/h, plus the overhead of a leg.
  const m::Point a{500000, 180000}, b{501000, 180000};
  CHECK(s.travel.minutes(m::TravelMode::walk, a, b, false) == Approx(1.3 / 4.8 * 60.0 + 3.0));
  CHECK(s.travel.minutes(m::TravelMode::car, a, b, false) == Approx(1.3 / 18.0 * 60.0 + 3.0));
  CHECK(s.travel.minutes(m::TravelMode::bus, a, b, true) == Approx(1.3 / (12.0 * 0.6) * 60.0 + 3.0));
  // Wards near the stadium are slowed on event days.
  std::size_t near = 0;
  for (const bool x : s.near_stadium) near += x ? 1 : 0;
  CHECK(near >= 1);
  CHECK(near < s.near_stadium.size());
}

TEST_CASE("setting: about event_days_per_year stadium events a year, more in 2017/18") {
  const m::Params p;
  const m::Setting s = m::make_setting(m::test::brent(), p, 3, 1);
  auto count = [&](k::Date from, k::Date to) {
    int n = 0;
    for (auto d = k::to_day_number(from); d < k::to_day_number(to); ++d)
      n += s.event_day[static_cast<std::size_t>(d - k::to_day_number(p.run.start))] ? 1 : 0;
    return n;
  };
  const int y2019 = count({2019, 1, 1}, {2020, 1, 1});
  CHECK(y2019 <= 37);  // drawn days can coincide
  CHECK(y2019 >= 30);
  CHECK(count({2017, 8, 1}, {2018, 6, 1}) > count({2019, 8, 1}, {2020, 6, 1}));
  // A pure function of (seed, replicate).
  CHECK(m::make_setting(m::test::brent(), p, 3, 1).event_day == s.event_day);
  CHECK(m::make_setting(m::test::brent(), p, 3, 2).event_day != s.event_day);
}

TEST_CASE("economy on run.start: pay in force and the on-costs split in UKHCA's proportions") {
  m::Params p;
  p.providers.oncost_rate = 0.311;
  p.wages.travel_time_paid = true;
  const m::Setting s = m::make_setting(m::test::brent(), p, 1, 0);
  const m::Economy e = m::initial_economy(s);
  CHECK(e.wages.nlw == 7.20);
  CHECK_FALSE(e.regime.switched);
  CHECK_FALSE(e.costs.travel_paid);  // paid from its date: by default the switch, 2018
  p.wages.travel_time_paid_from = p.run.start;
  CHECK(m::initial_economy(m::make_setting(m::test::brent(), p, 1, 0)).costs.travel_paid);
  CHECK(e.costs.ni_pension_rate == Approx(0.114));
  CHECK(e.costs.other_oncost_rate == Approx(0.197));
  CHECK(m::month_close_date(p, {2016, 4, 1}) == k::Date{2016, 4, 30});
  CHECK(m::month_close_date(p, {2021, 9, 1}) == k::Date{2021, 9, 30});
  p.run.end = {2021, 9, 14};
  CHECK(m::month_close_date(p, {2021, 9, 1}) == k::Date{2021, 9, 14});
}

TEST_CASE("setup: a small market on day 0, every package placed and every visit rostered or queued") {
  m::Params p;
  p.providers.framework_providers = 4;
  p.demand.initial_users = 60;
  SmallWorld sw(p);
  m::setup_market(sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  auto& providers = sw.world.providers;
  REQUIRE(providers.size() == 5);
  double weights = 0;
  for (std::size_t q = 0; q < 4; ++q) weights += providers[q].size_weight;
  CHECK(weights == Approx(1.0));
  CHECK(sw.world.reablement_team == m::ProviderId(4));
  CHECK(providers[4].reablement_team);
  int long_term = 0;
  for (std::uint32_t i = 0; i < sw.world.users.size(); ++i) {
    const auto& u = sw.world.users[i];
    CHECK(u.state == m::UserState::active);
    if (u.route == m::Route::direct_payment) {
      CHECK_FALSE(u.provider.valid());
      continue;
    }
    REQUIRE(u.provider.valid());
    long_term += u.route == m::Route::long_term ? 1 : 0;
    const auto& pr = sw.world.provider(u.provider);
    CHECK(m::test::contains(pr.users, m::UserId(i)));
    for (std::size_t k = 0; k < u.slots.size(); ++k)
      for (std::uint8_t wd = 0; wd < 7; ++wd)
        for (std::uint8_t seat = 0; seat < (u.slots[k].double_handed ? 2 : 1); ++seat) {
          const auto w = u.slots[k].regular[wd][seat];
          if (w.valid()) {
            CHECK(sw.world.worker(w).provider == u.provider);
            continue;
          }
          bool queued = false;
          for (const auto& ps : pr.pending)
            queued = queued || (ps.user == m::UserId(i) && ps.slot == k && ps.weekday == wd && ps.seat == seat);
          CHECK(queued);
        }
  }
  CHECK(long_term == 60);  // initial_users counts the council-arranged long-term packages
  CHECK(sw.ledger.cohort_size == sw.world.workers.size());
  CHECK(sw.world.employed == static_cast<std::int64_t>(sw.world.workers.size()));
  CHECK(sw.ledger.people_in == sw.world.users.size());
  // Each provider staffs about what its packages book (the 2016/17 vacancy rate below it).
  for (const auto& pr : providers) {
    double booked = 0, capacity = 0;
    for (const auto w : pr.workers) {
      booked += sw.world.worker(w).booked_min_week;
      capacity += sw.world.worker(w).capacity_min_week;
    }
    CHECK(booked <= capacity);
  }
}
