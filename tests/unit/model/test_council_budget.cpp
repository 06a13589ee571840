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
  m::Params p;  // 15m + 1.2m direct payments in 2016/17, 2% precept, 1.5m demography, growth until 31 March 2019
  p.council.savings_home_care_share = 0;  // no savings here (their own case below)
  const double base = 15.0e6 + 1.2e6;
  const double b16 = base, b17 = base * 1.02 + 1.5e6, b18 = base * 1.02 * 1.02 + 3.0e6;
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
  p.council.savings_home_care_share = 0;
  p.council.dp_budget_2016 = 0;
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

TEST_CASE("budget: the home care share of the savings is taken in equal steps each April from savings_from to savings_until, for good") {
  m::Params p;  // 5% of 30m over 2019/20 and 2020/21
  CHECK(m::annual_savings(p, {2019, 3, 31}) == 0.0);
  CHECK(m::annual_savings(p, {2019, 4, 1}) == Approx(0.75e6));
  CHECK(m::annual_savings(p, {2020, 4, 1}) == Approx(1.5e6));
  CHECK(m::annual_savings(p, {2025, 6, 1}) == Approx(1.5e6));
  const double b18 = 16.2e6 * 1.02 * 1.02 + 3.0e6;
  CHECK(m::annual_budget(brent(), p, {2019, 6, 1}) == Approx(b18 - 0.75e6));
  CHECK(m::annual_budget(brent(), p, {2023, 6, 1}) == Approx(b18 - 1.5e6));
  // One year of savings: all at once.
  p.council.savings_from = {2020, 4, 1};
  p.council.savings_until = {2021, 3, 31};
  CHECK(m::annual_savings(p, {2019, 6, 1}) == 0.0);
  CHECK(m::annual_savings(p, {2020, 6, 1}) == Approx(1.5e6));
  p.council.savings_home_care_share = 0;
  CHECK(m::annual_savings(p, {2020, 6, 1}) == 0.0);
}

TEST_CASE("council responses: none by default, each from its date, only in a year after an overspent one") {
  m::Params p;
  m::Ledger ledger;
  ledger.last_year_overspent = true;
  auto r = m::responses_in_force(p, {2020, 4, 1}, ledger);
  CHECK_FALSE(r.price_freeze);
  CHECK_FALSE(r.review_hours_cut);
  CHECK(r.referral_factor == 1.0);
  p.council.responses.price_freeze = true;
  p.council.responses.eligibility = true;
  p.council.responses.eligibility_cut = 0.2;
  p.council.responses.review_hours_cut = true;
  r = m::responses_in_force(p, {2019, 3, 1}, ledger);  // before their dates (2019-04-01)
  CHECK_FALSE(r.price_freeze);
  CHECK_FALSE(r.review_hours_cut);
  CHECK(r.referral_factor == 1.0);
  r = m::responses_in_force(p, {2019, 4, 1}, ledger);
  CHECK(r.price_freeze);
  CHECK(r.review_hours_cut);
  CHECK(r.referral_factor == Approx(0.8));
  ledger.last_year_overspent = false;
  r = m::responses_in_force(p, {2019, 4, 1}, ledger);
  CHECK_FALSE(r.price_freeze);
  CHECK_FALSE(r.review_hours_cut);
  CHECK(r.referral_factor == 1.0);
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

TEST_CASE("council month: spend is direct payments, payments to providers, training, caused placements and the forum, by category, its budget a twelfth") {
  SmallWorld sw;
  auto& t = sw.ledger.month(2);
  t.spend_dp = 1000.0;
  t.paid_for_visits = 50000.0;  // what the visits earned (a checked build compares)
  t.spend_long_term = 45000.0;  // as delivery tallies them, by the provider's route
  t.spend_reablement = 5000.0;
  sw.ledger.training_supplement_month = 300.0;
  sw.ledger.residential_caused = 2.0;
  const k::Date d{2016, 6, 30};
  m::close_council_month(2, d, 50000.0, sw.s, sw.econ, sw.ledger);
  const double residents = 2.0 * std::exp(-sw.p.demand.death_hazard * 1.5 / 12.0);
  const double residential = residents * sw.p.council.residential_week_cost * 30.0 / 7.0;
  CHECK(sw.ledger.residential_caused == Approx(residents));
  CHECK(t.spend == Approx(1000.0 + 50000.0 + 300.0 + residential));
  CHECK(t.spend_training == 300.0);
  CHECK(t.spend_residential == Approx(residential));
  CHECK(t.spend_forum == 0.0);  // no forum
  CHECK(t.spend_long_term + t.spend_reablement + t.spend_dp + t.spend_training + t.spend_residential + t.spend_forum ==
        Approx(t.spend));
  CHECK(t.budget == Approx((15.0e6 + 1.2e6) / 12.0));
  // The year's balance leaves residential placements out.
  CHECK(sw.ledger.year_overspend == Approx(t.spend - residential - t.budget));
  // In 2019/20: the standstill budget less the first step of savings; with the forum meeting, its cost.
  sw.econ.levers.forum = true;
  sw.ledger.training_supplement_month = 0;
  auto& t37 = sw.ledger.month(37);
  m::close_council_month(37, {2019, 5, 31}, 0.0, sw.s, sw.econ, sw.ledger);
  CHECK(t37.budget == Approx(m::annual_budget(brent(), sw.p, {2019, 5, 31}) / 12.0));
  CHECK(t37.spend_forum == Approx(sw.p.council.forum_running_cost / 12.0));
}

TEST_CASE("council month: March's close records whether the financial year overspent, and starts the next") {
  SmallWorld sw;
  sw.ledger.month(11).spend_dp = 2.0e6;  // far above a month's budget
  sw.ledger.month(11).spend_long_term = 0;
  m::close_council_month(11, {2017, 3, 31}, 0.0, sw.s, sw.econ, sw.ledger);
  CHECK(sw.ledger.last_year_overspent);
  CHECK(sw.ledger.year_overspend == 0.0);
  m::close_council_month(23, {2018, 3, 31}, 0.0, sw.s, sw.econ, sw.ledger);  // a month with no spend
  CHECK_FALSE(sw.ledger.last_year_overspent);
}
