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
