// The council's budget and spend (council_budget.cpp): the budget by financial year (growth until
// growth_until, standstill after), the direct-payment rate, and the month's spend.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/council_budget.hpp"
#include "model/setup.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::brent;
namespace k = homecare::kernel;
using m::test::SmallWorld;

TEST_CASE("budget: the precept and demography grow it each financial year until growth_until") {
  const m::Params p;  // 15m in 2016/17, 2% precept, 1.5m demography, growth until 31 March 2019
  const double b16 = 15.0e6, b17 = 15.0e6 * 1.02 + 1.5e6, b18 = 15.0e6 * 1.02 * 1.02 + 3.0e6;
  CHECK(m::annual_budget(brent(), p, {2016, 4, 1}) == Approx(b16));
  CHECK(m::annual_budget(brent(), p, {2017, 3, 31}) == Approx(b16));  // still 2016/17
  CHECK(m::annual_budget(brent(), p, {2017, 4, 1}) == Approx(b17));
  CHECK(m::annual_budget(brent(), p, {2018, 4, 1}) == Approx(b18));
  CHECK(m::annual_budget(brent(), p, {2019, 3, 31}) == Approx(b18));
  // Standstill after: the 2018/19 budget every year.
  CHECK(m::annual_budget(brent(), p, {2019, 4, 1}) == Approx(b18));
  CHECK(m::annual_budget(brent(), p, {2021, 9, 30}) == Approx(b18));
}

TEST_CASE("budget: growth_until decides the last year of growth, and with no growth the budget is flat") {
  m::Params p;
  p.council.growth_until = {2020, 3, 31};
  CHECK(m::annual_budget(brent(), p, {2019, 4, 1}) == Approx(15.0e6 * std::pow(1.02, 3) + 4.5e6));
  CHECK(m::annual_budget(brent(), p, {2021, 4, 1}) == Approx(15.0e6 * std::pow(1.02, 3) + 4.5e6));
  p.council.growth_until = {2016, 12, 31};  // within the first year: no growth at all
  for (int y = 2016; y <= 2021; ++y) CHECK(m::annual_budget(brent(), p, {y, 6, 1}) == 15.0e6);
  p.council.growth_until = {2021, 3, 31};
  p.council.precept_share = 0;
  p.council.demography_growth = 0;
  CHECK(m::annual_budget(brent(), p, {2020, 6, 1}) == 15.0e6);
}

TEST_CASE("direct-payment rate: the 2016 rate moved with what a personal assistant must be paid, net of the underspend") {
  m::Params p;  // 13.00 an hour, PA wage 9.00 in 2016, on-costs 30%, underspend 10%
  const m::Regime before{};
  m::Regime after{};
  after.switched = true;
  const auto w2016 = m::wage_environment(brent(), p, {2016, 4, 1}, {2016, 4, 30});
  const auto w2019 = m::wage_environment(brent(), p, {2019, 4, 1}, {2019, 4, 30});
  CHECK(m::direct_payment_rate(p, w2016, before) == Approx(13.0 * 0.9));
  const double pa2019 = 9.0 * 8.21 / 7.20;
  CHECK(m::direct_payment_rate(p, w2019, before) == Approx((13.0 + (pa2019 - 9.0) * 1.3) * 0.9));
  // Real Living Wage for PAs, from the switch: the rate follows the RLW when it is higher.
  p.direct_payments.pa_wage = 7.5;
  p.direct_payments.pa_real_living_wage = true;
  CHECK(m::direct_payment_rate(p, w2019, before) == Approx((13.0 + (7.5 * 8.21 / 7.20 - 7.5) * 1.3) * 0.9));
  CHECK(m::direct_payment_rate(p, w2019, after) == Approx((13.0 + (8.75 - 7.5) * 1.3) * 0.9));
  // Never negative.
  p.direct_payments.rate_per_hour = 0;
  p.direct_payments.pa_wage = 0;
  CHECK(m::direct_payment_rate(p, w2019, before) == 0.0);
  p.direct_payments.underspend = 1.0;
  p.direct_payments.rate_per_hour = 13.0;
  CHECK(m::direct_payment_rate(p, w2019, before) == 0.0);
}

TEST_CASE("council month: spend is direct payments, payments to providers, training and caused placements, and its budget a twelfth") {
  SmallWorld sw;
  auto& t = sw.ledger.month(2);
  t.spend_dp = 1000.0;
  t.paid_for_visits = 50000.0;  // what the visits earned (a checked build compares)
  sw.ledger.training_supplement_month = 300.0;
  sw.ledger.residential_caused = 2.0;
  const k::Date d{2016, 6, 30};
  m::close_council_month(2, d, 50000.0, sw.s, sw.ledger);
  const double residents = 2.0 * std::exp(-sw.p.demand.death_hazard * 1.5 / 12.0);
  CHECK(sw.ledger.residential_caused == Approx(residents));
  CHECK(t.spend == Approx(1000.0 + 50000.0 + 300.0 + residents * sw.p.council.residential_week_cost * 30.0 / 7.0));
  CHECK(t.budget == Approx(15.0e6 / 12.0));
  // In 2019/20: the standstill budget.
  m::close_council_month(37, {2019, 5, 31}, 0.0, sw.s, sw.ledger);
  CHECK(sw.ledger.month(37).budget == Approx(m::annual_budget(brent(), sw.p, {2019, 5, 31}) / 12.0));
}
