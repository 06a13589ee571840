// The month's pay (economy.cpp: wage_environment, offered_wage) across an LLW phasing schedule,
// against the tables of wages.hpp, and what follows from pay and the regime (pa_wage,
// market_wage, provider_serves, the direct-payment take-up, the DPS).
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "model/economy.hpp"
#include "model/setup.hpp"
#include "model/wages.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::brent;
namespace k = homecare::kernel;
using k::Date;

namespace {

/// llw-phased.yaml's schedule: a third, two thirds, then all of the gap, from each October.
m::Params phased(double lag_months = 6.0) {
  m::Params p;
  p.wages.llw_phasing = {{{2018, 10, 1}, 0.33}, {{2019, 10, 1}, 0.67}, {{2020, 10, 1}, 1.0}};
  p.wages.llw_lag_months = lag_months;
  return p;
}

m::WageEnvironment month(const m::Params& p, Date first) { return m::wage_environment(brent(), p, first, m::month_close_date(p, first)); }

}  // namespace

TEST_CASE("wage environment: every month of the run matches the wage tables") {
  const m::Params p = phased();
  const Date first{2016, 4, 1};
  for (int i = 0; i <= k::months_between(p.run.start, p.run.end); ++i) {
    const Date from = k::add_months(first, i);
    const Date close = m::month_close_date(p, from);
    const m::WageEnvironment w = m::wage_environment(brent(), p, from, close);
    INFO(k::to_iso(from));
    CHECK(w.nlw == m::national_living_wage(brent(), from));
    CHECK(w.llw_payable == m::london_living_wage_payable(brent(), from, 6.0));
    CHECK(w.floor == m::wage_floor(brent(), from, p.wages.llw_phasing, 6.0));
    CHECK(w.real_living_wage == m::real_living_wage_payable(brent(), from));
    CHECK(w.llw_payable_at_close == m::london_living_wage_payable(brent(), close, 6.0));
    CHECK(w.floor >= w.nlw);
    CHECK(w.floor <= std::max(w.nlw, w.llw_payable));
  }
}

TEST_CASE("wage environment: the NLW, the payable LLW and the floor on the dates of the schedule") {
  const m::Params p = phased();
  SECTION("before the first step the floor is the NLW") {
    const auto w = month(p, {2016, 4, 1});
    CHECK(w.nlw == 7.20);
    CHECK(w.llw_payable == 9.40);  // 2015's, announced before the run
    CHECK(w.floor == 7.20);
    CHECK(month(p, {2018, 9, 1}).floor == 7.83);
  }
  SECTION("a third of the gap from October 2018, to the LLW announced in November 2017") {
    const auto w = month(p, {2018, 10, 1});
    CHECK(w.nlw == 7.83);
    CHECK(w.llw_payable == 10.20);
    CHECK(w.floor == Approx(7.83 + 0.33 * (10.20 - 7.83)));
  }
  SECTION("the November 2018 LLW is payable six months on: from June 2019") {
    CHECK(month(p, {2019, 5, 1}).llw_payable == 10.20);
    CHECK(month(p, {2019, 6, 1}).llw_payable == 10.55);
    CHECK(month(p, {2019, 6, 1}).floor == Approx(8.21 + 0.33 * (10.55 - 8.21)));
    CHECK(month(p, {2019, 10, 1}).floor == Approx(8.21 + 0.67 * (10.55 - 8.21)));
  }
  SECTION("all of the gap from October 2020") {
    const auto w = month(p, {2020, 10, 1});
    CHECK(w.nlw == 8.72);
    CHECK(w.llw_payable == 10.75);
    CHECK(w.floor == Approx(10.75));
  }
}

TEST_CASE("wage environment: the lag decides which LLW is payable, and the close date can see the next") {
  // Announced 5 November 2018 (10.55): payable at once with no lag, six months later with six.
  CHECK(month(phased(0.0), {2018, 12, 1}).llw_payable == 10.55);
  CHECK(month(phased(6.0), {2018, 12, 1}).llw_payable == 10.20);
  // A fractional lag goes back whole months and then 30.44 days a month.
  CHECK(m::wage_environment(brent(), phased(1.5), {2018, 12, 20}, {2018, 12, 31}).llw_payable == 10.55);
  CHECK(m::wage_environment(brent(), phased(1.5), {2018, 12, 19}, {2018, 12, 31}).llw_payable == 10.20);
  // May 2019 with a lag of six months: 10.20 on the 1st, 10.55 by the 31st.
  const auto may = month(phased(6.0), {2019, 5, 1});
  CHECK(may.llw_payable == 10.20);
  CHECK(may.llw_payable_at_close == 10.55);
  // The run's last month closes on run.end.
  m::Params shortened = phased(6.0);
  shortened.run.end = {2019, 5, 4};
  CHECK(month(shortened, {2019, 5, 1}).llw_payable_at_close == 10.20);
}

TEST_CASE("wage environment: the Real Living Wage is payable six months after its announcement") {
  const m::Params p;
  CHECK(m::wage_environment(brent(), p, {2019, 5, 4}, {2019, 5, 31}).real_living_wage == 8.75);
  CHECK(m::wage_environment(brent(), p, {2019, 5, 5}, {2019, 5, 31}).real_living_wage == 9.00);
  CHECK(month(p, {2016, 4, 1}).real_living_wage == 8.25);
}

TEST_CASE("wage environment: with no phasing the floor is always the NLW") {
  const m::Params p;
  for (int i = 0; i < 66; ++i) {
    const Date from = k::add_months({2016, 4, 1}, i);
    CHECK(month(p, from).floor == m::national_living_wage(brent(), from));
  }
}

TEST_CASE("offered wage: the NLW plus the provider's premium, never below the floor") {
  const m::Params p = phased();
  for (int i = 0; i < 66; ++i) {
    const auto w = month(p, k::add_months({2016, 4, 1}, i));
    for (double premium = -2.0; premium <= 3.0; premium += 0.25) {
      m::Provider pr;
      pr.wage_premium = premium;
      const double offered = w.offered_wage(pr);
      CHECK(offered >= w.floor);
      CHECK(offered >= w.nlw);
      CHECK(offered == std::max(w.floor, w.nlw + premium));
    }
  }
}

TEST_CASE("market wage: the mean offered by active framework providers, the floor when there are none") {
  m::test::SmallWorld sw(phased());
  const auto w = month(sw.p, {2020, 10, 1});
  CHECK(m::market_wage(sw.world.providers, w) == w.floor);
  sw.add_provider(1.0, 15.0, 0.0);   // paid the floor, 10.75
  sw.add_provider(1.0, 15.0, 3.0);   // 11.72
  const auto gone = sw.add_provider(1.0, 15.0, 9.0);
  sw.world.provider(gone).active = false;
  const auto team = sw.add_reablement_team();
  sw.world.provider(team).wage_premium = 9.0;
  CHECK(m::market_wage(sw.world.providers, w) == Approx((w.floor + 8.72 + 3.0) / 2.0));
}

TEST_CASE("personal assistants' wage: the 2016 wage moved with the NLW, at least the pack's living wage from the policy's date") {
  m::Params p;
  p.direct_payments.pa_wage = 7.5;
  const auto w2019 = month(p, {2019, 4, 1});  // NLW 8.21; LLW payable 10.20 (announced November 2017, 6 months' lag)
  const m::Regime r{};
  CHECK(m::pa_wage(p, month(p, {2016, 4, 1}), r) == Approx(7.5));
  CHECK(m::pa_wage(p, w2019, r) == Approx(7.5 * 8.21 / 7.20));  // the policy is off
  CHECK(w2019.pa_floor == 0.0);
  p.direct_payments.pa_living_wage = true;
  p.direct_payments.pa_living_wage_from = {2018, 10, 1};
  CHECK(m::pa_wage(p, month(p, {2018, 9, 1}), r) == Approx(7.5 * 7.83 / 7.20));  // only from its date
  // Brent's pack pays towards the London Living Wage: in London the Real Living Wage is the LLW.
  CHECK(month(p, {2019, 4, 1}).pa_floor == 10.20);
  CHECK(m::pa_wage(p, month(p, {2019, 4, 1}), r) == 10.20);
  CHECK(m::pa_wage_unfloored(p, month(p, {2019, 4, 1})) == Approx(7.5 * 8.21 / 7.20));
  p.direct_payments.pa_wage = 9.5;
  p.direct_payments.pa_living_wage_from = {2016, 4, 1};
  CHECK(month(p, {2017, 4, 1}).pa_floor == 9.40);
  CHECK(m::pa_wage(p, month(p, {2017, 4, 1}), r) == Approx(9.5 * 7.50 / 7.20));  // already above it
}

TEST_CASE("regime: who serves a ward, the direct-payment take-up and the DPS before and after the switch") {
  m::Params p;
  p.direct_payments.takeup = 0.1;
  p.direct_payments.policy_takeup = 0.25;
  m::Regime r;
  m::Provider pr;
  CHECK(m::provider_serves(r, pr, 4));
  CHECK(m::direct_payment_takeup(p, r) == 0.1);
  CHECK_FALSE(m::dps_in_force(p, r));
  r.switched = true;
  CHECK(m::direct_payment_takeup(p, r) == 0.25);
  CHECK_FALSE(m::dps_in_force(p, r));  // the framework goes on
  p.commissioning.model = m::CommissioningModel::dps;
  CHECK(m::dps_in_force(p, r));
  r.switched = false;
  CHECK_FALSE(m::dps_in_force(p, r));

  // Patches: only the providers holding the ward's patch; never an inactive provider or the team.
  r.patches_active = true;
  r.patches.count = 2;
  r.patches.ward_patch.assign(brent().wards.size(), 0);
  r.patches.ward_patch[4] = 1;
  pr.patches = {1};
  CHECK(m::provider_serves(r, pr, 4));
  CHECK_FALSE(m::provider_serves(r, pr, 3));
  pr.patches = {};
  CHECK_FALSE(m::provider_serves(r, pr, 4));  // under patches, no patch: no packages
  r.patches_active = false;
  CHECK(m::provider_serves(r, pr, 4));
  pr.active = false;
  CHECK_FALSE(m::provider_serves(r, pr, 4));
  pr.active = true;
  pr.reablement_team = true;
  CHECK_FALSE(m::provider_serves(r, pr, 4));
}
