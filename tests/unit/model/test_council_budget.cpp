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

TEST_CASE("direct-payment rate: the 2016 rate moved with what a personal assistant must be paid, gross") {
  m::Params p;  // 13.00 an hour, PA wage 9.00 in 2016, on-costs 30%
  const m::Regime r{};
  const auto w2016 = m::wage_environment(brent(), p, {2016, 4, 1}, {2016, 4, 30});
  const auto w2019 = m::wage_environment(brent(), p, {2019, 4, 1}, {2019, 4, 30});
  CHECK(m::direct_payment_rate(p, w2016, r) == Approx(13.0));
  const double pa2019 = 9.0 * 8.21 / 7.20;
  CHECK(m::direct_payment_rate(p, w2019, r) == Approx(13.0 + (pa2019 - 9.0) * 1.3));
  CHECK(m::pa_hours_share(p, w2019, r) == 1.0);
  // The living wage for PAs from its date: the rate follows the LLW payable (10.20) when it is higher.
  p.direct_payments.pa_wage = 7.5;
  p.direct_payments.pa_living_wage = true;
  p.direct_payments.pa_living_wage_from = {2019, 4, 1};
  const auto floored = m::wage_environment(brent(), p, {2019, 4, 1}, {2019, 4, 30});
  CHECK(m::direct_payment_rate(p, floored, r) == Approx(13.0 + (10.20 - 7.5) * 1.3));
  CHECK(m::pa_hours_share(p, floored, r) == 1.0);
  // A council that does not fund the floor: the rate moves with the unfloored wage, the hours fall.
  p.direct_payments.rate_covers_pa_floor = false;
  const double unfunded = 13.0 + (7.5 * 8.21 / 7.20 - 7.5) * 1.3;
  CHECK(m::direct_payment_rate(p, floored, r) == Approx(unfunded));
  CHECK(m::pa_hours_share(p, floored, r) == Approx(unfunded / (13.0 + (10.20 - 7.5) * 1.3)));
  // Never negative.
  p.direct_payments.rate_per_hour = 0;
  p.direct_payments.pa_wage = 0;
  p.direct_payments.pa_living_wage = false;
  CHECK(m::direct_payment_rate(p, w2019, r) == 0.0);
}

TEST_CASE("direct-payment day: paid, recouped and unmet for a PA in post, a vacant post, set-up and agency buyers") {
  m::Params p;  // underspend 10%, self-funder premium 20%
  m::ServiceUser u;
  u.route = m::Route::direct_payment;
  u.weekly_hours = 7.0;  // an hour a day
  m::Levers l;
  u.has_pa = true;
  auto d = m::direct_payment_day(u, false, p, l, 14.0, 20.0, 1.0);
  CHECK(d.paid == Approx(14.0));
  CHECK(d.recouped == Approx(1.4));
  CHECK(d.unmet_min == 0.0);
  // An unfunded floor: the hours fall, the money is spent on fewer.
  d = m::direct_payment_day(u, false, p, l, 14.0, 20.0, 0.8);
  CHECK(d.unmet_min == Approx(12.0));
  CHECK(d.recouped == Approx(1.4));
  // A vacant post: nothing delivered, all recouped.
  u.pa_vacant = true;
  d = m::direct_payment_day(u, false, p, l, 14.0, 20.0, 1.0);
  CHECK(d.recouped == Approx(14.0));
  CHECK(d.unmet_min == Approx(60.0));
  // Being set up: not paid, hours unmet.
  d = m::direct_payment_day(u, true, p, l, 14.0, 20.0, 1.0);
  CHECK(d.paid == 0.0);
  CHECK(d.recouped == 0.0);
  CHECK(d.unmet_min == Approx(60.0));
  // Without a PA and not buying from agencies (Brent's default): fully served at the rate.
  u.has_pa = false;
  u.pa_vacant = false;
  d = m::direct_payment_day(u, false, p, l, 14.0, 20.0, 0.5);
  CHECK(d.paid == Approx(14.0));
  CHECK(d.unmet_min == 0.0);
  // Buying from agencies: the budget is the council's price; the self-funder rate buys 1/1.2 of the hours.
  p.direct_payments.buy_from_agencies = true;
  d = m::direct_payment_day(u, false, p, l, 14.0, 20.0, 0.5);
  CHECK(d.paid == Approx(20.0));
  CHECK(d.recouped == Approx(2.0));
  CHECK(d.unmet_min == Approx(60.0 * (1.0 - 1.0 / 1.2)));
  // With parity through the DPS, every hour.
  l.dps_parity = true;
  d = m::direct_payment_day(u, false, p, l, 14.0, 20.0, 0.5);
  CHECK(d.unmet_min == Approx(0.0));
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
