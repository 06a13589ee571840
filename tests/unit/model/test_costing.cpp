// P1: the provider cost build-up lands near UKHCA's minimum price at the NLW and near the
// council's review figure at the LLW (Brent report para 27).
#include <catch2/catch.hpp>

#include <cmath>

#include "model/costing.hpp"
#include "model/params.hpp"
#include "model/wages.hpp"
#include "brent_place.hpp"

namespace m = homecare::model;
using m::test::brent;

namespace {
/// The cost lines the model's providers use, from the default parameters and Brent's tables
/// (initial_economy derives them the same way): UKHCA 2020/21's lines, the on-costs split 1.14 to
/// 1.97.
m::CostLines model_lines() {
  const m::Params p;
  m::CostLines c = m::cost_lines(brent().tables, p.run.start, p.providers.oncost_rate);
  c.travel_paid = p.wages.travel_time_paid;
  return c;
}
}  // namespace

TEST_CASE("P1: fed the April 2018 NLW the build-up is within 1 GBP of UKHCA's 18.01") {
  const double nlw = m::national_living_wage(brent(), {2018, 4, 1});
  REQUIRE(nlw == 7.83);
  const double price = m::break_even_price(nlw, model_lines());
  INFO("build-up at the NLW: " << price);
  CHECK(std::fabs(price - 18.01) < 1.0);
}

TEST_CASE("P1: fed the 2017 LLW the build-up is within 1 GBP of the review's 19.47") {
  const double llw = m::london_living_wage_announced(brent(), {2017, 12, 1});
  REQUIRE(llw == 10.20);
  const double price = m::break_even_price(llw, model_lines());
  INFO("build-up at the LLW: " << price);
  CHECK(std::fabs(price - 19.47) < 1.0);
}

TEST_CASE("the build-up rises with the wage by the on-cost multiplier, more when travel is paid") {
  m::CostLines c = model_lines();
  const double slope = m::break_even_price(10.0, c) - m::break_even_price(9.0, c);
  CHECK(slope == Approx(1.0 + c.ni_pension_rate + c.other_oncost_rate));
  c.travel_paid = true;
  const double paid_slope = m::break_even_price(10.0, c) - m::break_even_price(9.0, c);
  CHECK(paid_slope == Approx((1.0 + c.travel_minutes_per_contact_hour / 60.0) * (1.0 + c.ni_pension_rate + c.other_oncost_rate)));
}

TEST_CASE("UKHCA 2020/21's own lines at its own wage give its own price") {
  // The table's 2020/21 row, on-costs 1.14 + 1.97 on a paid wage of 10.42 (8.72 contact + 1.70 travel).
  m::CostLines c = m::cost_lines(brent().tables, {2020, 4, 1}, (1.14 + 1.97) / 10.42);
  c.travel_paid = true;
  CHECK(c.ni_pension_rate == Approx(1.14 / 10.42));
  CHECK(c.other_oncost_rate == Approx(1.97 / 10.42));
  CHECK(c.travel_minutes_per_contact_hour == 11.7);
  CHECK(m::break_even_price(8.72, c) == Approx(20.69).margin(0.02));
  // Before the table's first row, its first row's lines.
  const m::CostLines before = m::cost_lines(brent().tables, {2016, 4, 1}, (1.14 + 1.97) / 10.42);
  CHECK(before.mileage == c.mileage);
  CHECK(before.running_business == c.running_business);
  CHECK(before.profit == c.profit);
  // The 2025/26 row (re-scaled to that year's price), likewise: on-costs 1.60 + 2.76 on 12.21 + 2.38.
  m::CostLines later = m::cost_lines(brent().tables, {2025, 4, 1}, (1.60 + 2.76) / (12.21 + 2.38));
  later.travel_paid = true;
  CHECK(m::break_even_price(12.21, later) == Approx(32.14).margin(0.02));
}
