// Wage floors over time (FACTS.md) and LLW phasing.
#include <catch2/catch.hpp>

#include "model/wages.hpp"
#include "brent_place.hpp"

namespace m = homecare::model;
using m::test::brent;
using homecare::kernel::Date;

TEST_CASE("the NLW changes on 1 April") {
  CHECK(m::national_living_wage(brent(), {2017, 3, 31}) == 7.20);
  CHECK(m::national_living_wage(brent(), {2017, 4, 1}) == 7.50);
  CHECK(m::national_living_wage(brent(), {2021, 4, 1}) == 8.91);
}

TEST_CASE("the LLW is payable six months after its November announcement") {
  CHECK(m::london_living_wage_announced(brent(), {2017, 11, 6}) == 10.20);
  CHECK(m::london_living_wage_payable(brent(), {2018, 5, 5}, 6.0) == 9.75);
  CHECK(m::london_living_wage_payable(brent(), {2018, 5, 6}, 6.0) == 10.20);
  CHECK(m::london_living_wage_payable(brent(), {2017, 11, 6}, 0.0) == 10.20);
}

TEST_CASE("the floor closes the phased share of the gap and never falls below the NLW") {
  const std::vector<m::ScheduleStep> phasing = {{{2018, 10, 1}, 0.5}, {{2020, 10, 1}, 1.0}};
  CHECK(m::wage_floor(brent(), {2018, 9, 30}, phasing, 6.0) == 7.83);
  const double mid = 7.83 + 0.5 * (10.20 - 7.83);
  CHECK(m::wage_floor(brent(), {2018, 10, 1}, phasing, 6.0) == Approx(mid));
  CHECK(m::wage_floor(brent(), {2020, 10, 1}, phasing, 6.0) == Approx(10.75));
  CHECK(m::llw_share(phasing, {2019, 1, 1}) == 0.5);
  CHECK(m::wage_floor(brent(), {2019, 1, 1}, {}, 6.0) == 7.83);
}

TEST_CASE("llw_steps: the gap closed in equal yearly steps from llw_from, and 0 steps leaves llw_phasing") {
  m::WageParams w;
  w.llw_phasing = {{{2018, 10, 1}, 0.33}};
  CHECK(m::llw_schedule(w).size() == 1);  // no steps: the schedule as written
  w.llw_phasing.clear();
  w.llw_from = {2019, 10, 1};
  w.llw_steps = 1;  // all at once
  auto at_once = m::llw_schedule(w);
  REQUIRE(at_once.size() == 1);
  CHECK(m::llw_share(at_once, {2019, 9, 30}) == 0.0);
  CHECK(m::llw_share(at_once, {2019, 10, 1}) == 1.0);
  w.llw_steps = 3;  // thirds, a year apart
  auto thirds = m::llw_schedule(w);
  REQUIRE(thirds.size() == 3);
  CHECK(thirds[2].from == Date{2021, 10, 1});
  CHECK(m::llw_share(thirds, {2019, 10, 1}) == Approx(1.0 / 3.0));
  CHECK(m::llw_share(thirds, {2020, 12, 1}) == Approx(2.0 / 3.0));
  CHECK(m::llw_share(thirds, {2021, 10, 1}) == 1.0);
  w.llw_from = {2020, 2, 29};  // a leap day steps to 28 February in other years
  CHECK(m::llw_schedule(w)[1].from == Date{2021, 2, 28});
}
