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
/// The cost lines the model's providers use on `d`, from the default parameters and Brent's
/// tables (start_month derives them the same way each month): UKHCA 2020/21's itemisation, the
/// on-costs split 1.14 to 1.97, the other lines re-scaled to `d`'s year's minimum price.
m::CostLines model_lines(homecare::kernel::Date d = {2016, 4, 1}, bool travel_paid = false) {
  const m::Params p;
  m::CostLines c = m::cost_lines(brent().tables, d, p.providers.oncost_rate);
  c.travel_paid = travel_paid;
  return c;
}
}  // namespace

TEST_CASE("P1: fed the April 2018 NLW with travel paid, the build-up is UKHCA's 18.01 (its own basis)") {
  const double nlw = m::national_living_wage(brent(), {2018, 4, 1});
  REQUIRE(nlw == 7.83);
  // By construction: the year's other lines are what its price leaves after the wage-linked ones.
  const double price = m::break_even_price(nlw, model_lines({2018, 4, 1}, true));
  INFO("build-up at the NLW: " << price);
  CHECK(price == Approx(18.01).margin(0.05));
  // Travel unpaid, as the baseline's providers pay, the same wage costs well under it.
  CHECK(m::break_even_price(nlw, model_lines({2018, 4, 1}, false)) < 16.5);
}

TEST_CASE("P1: fed the 2017 LLW with travel unpaid, the build-up is within 1 GBP of the review's 19.47") {
  const double llw = m::london_living_wage_announced(brent(), {2017, 12, 1});
  REQUIRE(llw == 10.20);
  // Not by construction: the council's figure enters nowhere. It matches travel unpaid (its
  // review seems not to have costed travel time); with travel paid the build-up is about 21.4.
  for (const homecare::kernel::Date d : {homecare::kernel::Date{2017, 12, 1}, homecare::kernel::Date{2018, 10, 1}}) {
    const double price = m::break_even_price(llw, model_lines(d, false));
    INFO("build-up at the LLW on " << d.year << "-" << d.month << ": " << price);
    CHECK(std::fabs(price - 19.47) < 1.0);
    CHECK(m::break_even_price(llw, model_lines(d, true)) > 20.5);
  }
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
  // Before the table's first row: its ratios, the other lines re-scaled to that year's price
  // (2016/17: 16.70 at a wage of 7.20), in 2020/21's proportions.
  m::CostLines before = m::cost_lines(brent().tables, {2016, 4, 1}, (1.14 + 1.97) / 10.42);
  before.travel_paid = true;
  CHECK(m::break_even_price(7.20, before) == Approx(16.70).margin(0.02));
  CHECK(before.mileage / before.running_business == Approx(c.mileage / c.running_business));
  CHECK(before.mileage + before.running_business + before.profit < c.mileage + c.running_business + c.profit);
  // Every year between itemisations follows its own price (2022/23: 23.20 at 9.50).
  m::CostLines y2022 = m::cost_lines(brent().tables, {2022, 4, 1}, (1.14 + 1.97) / 10.42);
  y2022.travel_paid = true;
  CHECK(m::break_even_price(9.50, y2022) == Approx(23.20).margin(0.02));
  // The 2025/26 row (re-scaled to that year's price), likewise: on-costs 1.60 + 2.76 on 12.21 + 2.38.
  m::CostLines later = m::cost_lines(brent().tables, {2025, 4, 1}, (1.60 + 2.76) / (12.21 + 2.38));
  later.travel_paid = true;
  CHECK(m::break_even_price(12.21, later) == Approx(32.14).margin(0.02));
}
