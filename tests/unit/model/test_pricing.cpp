// The council's prices (pricing.cpp: update_prices): the April uplift under each rule from the
// rule's date (the framework's NLW uplift before it), the cost build-up, and the monthly LLW
// supplement.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/costing.hpp"
#include "model/pricing.hpp"
#include "model/setup.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;

namespace {

/// A world with a provider at `price` (premium 1.0) and the reablement team, its pay on `d`.
struct Priced {
  explicit Priced(const m::Params& p, k::Date d) : sw(p) {
    pid = sw.add_provider(1.0, 15.0, 1.0);
    team = sw.add_reablement_team();
    sw.econ.wages = m::wage_environment(sw.s.place, sw.p, d, m::month_close_date(sw.p, d));
  }
  /// Prices after the month starting `d`, with the levers and cost lines in force then (as
  /// start_month sets them).
  double price_after(k::Date d) {
    sw.econ.levers = m::levers_in_force(sw.p, d);
    sw.econ.costs = m::cost_lines(sw.s.place.tables, d, sw.p.providers.oncost_rate);
    sw.econ.costs.travel_paid = sw.econ.levers.travel_paid;
    m::update_prices(d, sw.s, sw.econ, sw.world);
    return sw.world.provider(pid).price;
  }
  SmallWorld sw;
  m::ProviderId pid, team;
};

m::Params with_rule(m::PriceRule rule) {
  m::Params p;
  p.commissioning.price_rule = rule;
  return p;
}

}  // namespace

TEST_CASE("pricing, nlw_uplift: each 1 April prices rise by 60% of the NLW's rise, the team's price does not") {
  Priced x(with_rule(m::PriceRule::nlw_uplift), {2017, 4, 1});
  CHECK(x.price_after({2017, 4, 1}) == Approx(15.0 * (1.0 + 0.6 * (7.50 / 7.20 - 1.0))).epsilon(1e-12));
  CHECK(x.sw.world.provider(x.team).price == x.sw.p.reablement.price_per_hour);
  const double after_2017 = x.sw.world.provider(x.pid).price;
  CHECK(x.price_after({2017, 5, 1}) == after_2017);  // other months: no change
  CHECK(x.price_after({2018, 4, 1}) == Approx(after_2017 * (1.0 + 0.6 * (7.83 / 7.50 - 1.0))).epsilon(1e-12));
}

TEST_CASE("pricing: no uplift on the run's first day") {
  for (const auto rule : {m::PriceRule::nlw_uplift, m::PriceRule::fund_wage_gap, m::PriceRule::cost_build_up}) {
    Priced x(with_rule(rule), {2016, 4, 1});
    CHECK(x.price_after({2016, 4, 1}) == 15.0);
  }
  // A run starting on another day has its first April uplift.
  m::Params p = with_rule(m::PriceRule::nlw_uplift);
  p.run.start = {2016, 3, 1};
  Priced later(p, {2016, 4, 1});
  CHECK(later.price_after({2016, 4, 1}) > 15.0);
}

TEST_CASE("pricing, fund_wage_gap: each April prices rise by the NLW's rise with on-costs (and paid travel)") {
  m::Params from_start = with_rule(m::PriceRule::fund_wage_gap);
  from_start.commissioning.price_rule_from = from_start.run.start;
  Priced x(from_start, {2017, 4, 1});
  const double oncost = 1.0 + x.sw.p.providers.oncost_rate;
  CHECK(x.price_after({2017, 4, 1}) == Approx(15.0 + (7.50 - 7.20) * oncost));
  CHECK(x.price_after({2017, 6, 1}) == Approx(15.0 + (7.50 - 7.20) * oncost));
  m::Params paid = from_start;
  paid.wages.travel_time_paid = true;
  paid.wages.travel_time_paid_from = paid.run.start;
  Priced y(paid, {2017, 4, 1});
  y.sw.world.provider(y.pid).travel_per_contact = 0.5;  // its workers travelled 30 minutes per contact hour
  CHECK(y.price_after({2017, 4, 1}) == Approx(15.0 + (7.50 - 7.20) * oncost * 1.5));
  CHECK(y.sw.world.provider(y.team).price == y.sw.p.reablement.price_per_hour);
  // Before the rule's date (by default the switch, October 2018) the framework's NLW uplift
  // applies, and paid travel (also from the switch) is not yet priced.
  m::Params later = with_rule(m::PriceRule::fund_wage_gap);
  later.wages.travel_time_paid = true;
  Priced z(later, {2017, 4, 1});
  z.sw.world.provider(z.pid).travel_per_contact = 0.5;
  CHECK(z.price_after({2017, 4, 1}) == Approx(15.0 * (1.0 + 0.6 * (7.50 / 7.20 - 1.0))).epsilon(1e-12));
  const double before = z.sw.world.provider(z.pid).price;
  CHECK(z.price_after({2019, 4, 1}) == Approx(before + (8.21 - 7.83) * oncost * 1.5));
}

TEST_CASE("pricing, cost_build_up: the break-even price every month from the switch, the framework's uplift before it") {
  const m::Params p = with_rule(m::PriceRule::cost_build_up);
  // Before the rule's date (by default the switch) the April uplift of nlw_uplift applies.
  Priced before(p, {2017, 4, 1});
  CHECK(before.price_after({2017, 4, 1}) == Approx(15.0 * (1.0 + 0.6 * (7.50 / 7.20 - 1.0))));
  CHECK(before.price_after({2017, 5, 1}) == before.sw.world.provider(before.pid).price);
  // From the switch, in any month: the build-up at the wage the provider offers.
  Priced after(p, {2018, 11, 1});
  const double wage = after.sw.econ.wages.offered_wage(after.sw.world.provider(after.pid));
  CHECK(wage == Approx(7.83 + 1.0));
  const double nov = after.price_after({2018, 11, 1});  // first: it sets the month's cost lines
  CHECK(nov == Approx(m::break_even_price(wage, after.sw.econ.costs)));
  CHECK(after.sw.world.provider(after.team).price == p.reablement.price_per_hour);
  // In April after the switch: the build-up only, no uplift on top.
  Priced april(p, {2019, 4, 1});
  const double w2019 = april.sw.econ.wages.offered_wage(april.sw.world.provider(april.pid));
  const double apr = april.price_after({2019, 4, 1});
  CHECK(apr == Approx(m::break_even_price(w2019, april.sw.econ.costs)));
}

TEST_CASE("pricing: the LLW supplement funds each provider's own gap to the floor, with on-costs") {
  m::Params p;
  p.wages.llw_phasing = {{{2018, 10, 1}, 1.0}};
  Priced x(p, {2018, 10, 1});
  const auto low = x.sw.add_provider(1.0, 15.0, -0.5);
  const auto high = x.sw.add_provider(1.0, 15.0, 3.0);
  const auto& w = x.sw.econ.wages;
  REQUIRE(w.floor == Approx(10.20));  // NLW 7.83 and all of the gap to the LLW payable
  x.price_after({2018, 10, 1});
  const double oncost = 1.0 + p.providers.oncost_rate;
  CHECK(x.sw.world.provider(x.pid).llw_supplement == Approx((10.20 - 8.83) * oncost));
  CHECK(x.sw.world.provider(low).llw_supplement == Approx((10.20 - 7.83) * oncost));  // the gap from the NLW
  CHECK(x.sw.world.provider(high).llw_supplement == 0.0);                              // already above the floor
  // The team is supplemented too.
  CHECK(x.sw.world.provider(x.team).llw_supplement == Approx((10.20 - 7.83 - p.workforce.wage_premium_mean) * oncost));
  CHECK(x.sw.world.provider(x.pid).price == 15.0);  // prices move only in April

  // The council's share, and paid travel.
  p.wages.llw_council_funded_share = 0.4;
  p.wages.travel_time_paid = true;
  Priced y(p, {2018, 10, 1});
  y.sw.world.provider(y.pid).travel_per_contact = 0.5;  // its own travel, not UKHCA's 11.7 minutes
  y.price_after({2018, 10, 1});
  CHECK(y.sw.world.provider(y.pid).llw_supplement == Approx(0.4 * (10.20 - 8.83) * oncost * 1.5));
}

TEST_CASE("pricing: no LLW supplement without phasing (even below the NLW), nor ever under cost_build_up") {
  Priced base(m::Params{}, {2018, 10, 1});
  const auto negative = base.sw.add_provider(1.0, 15.0, -0.5);
  base.price_after({2018, 10, 1});
  // A provider whose premium is negative is paid no supplement, since the floor is then the NLW
  // it must pay anyway (docs/MODEL.md 7.14).
  CHECK(base.sw.world.provider(negative).llw_supplement == 0.0);
  CHECK(base.sw.world.provider(base.pid).llw_supplement == 0.0);

  m::Params p = with_rule(m::PriceRule::cost_build_up);
  p.wages.llw_phasing = {{{2018, 10, 1}, 1.0}};
  Priced x(p, {2018, 10, 1});
  x.price_after({2018, 10, 1});
  CHECK(x.sw.world.provider(x.pid).llw_supplement == 0.0);  // the build-up's price pays the floor
  CHECK(x.sw.world.provider(x.team).llw_supplement == 0.0);
  // A floor in force before the build-up's date is funded as under the framework's rule.
  p.commissioning.price_rule_from = {2019, 4, 1};
  Priced y(p, {2018, 10, 1});
  y.price_after({2018, 10, 1});
  CHECK(y.sw.world.provider(y.pid).llw_supplement == Approx((10.20 - 8.83) * (1.0 + p.providers.oncost_rate)));
  y.price_after({2019, 4, 1});
  CHECK(y.sw.world.provider(y.pid).llw_supplement == 0.0);
}

TEST_CASE("pricing: paid travel is funded through the price in the council's share of each provider's own travel, from its date") {
  m::Params p;
  p.wages.travel_time_paid = true;  // from the switch, 1 October 2018 by default
  p.wages.travel_time_council_funded_share = 0.5;
  Priced x(p, {2018, 9, 1});
  x.sw.world.provider(x.pid).travel_per_contact = 0.5;  // its workers travelled 30 minutes per contact hour
  x.price_after({2018, 9, 1});
  CHECK(x.sw.world.provider(x.pid).travel_supplement == 0.0);  // before its date nothing is paid
  x.sw.econ.wages = m::wage_environment(x.sw.s.place, x.sw.p, {2018, 10, 1}, {2018, 10, 31});
  x.price_after({2018, 10, 1});
  const double oncost = 1.0 + p.providers.oncost_rate;
  // Half of its own 30 minutes of travel per contact hour at its wage (NLW 7.83 + 1.00), with on-costs.
  CHECK(x.sw.world.provider(x.pid).travel_supplement == Approx(0.5 * 8.83 * 0.5 * oncost));
  CHECK(x.sw.world.provider(x.pid).price == 15.0);
  // Providers bear all of it by default.
  p.wages.travel_time_council_funded_share = 0.0;
  Priced y(p, {2018, 10, 1});
  y.sw.world.provider(y.pid).travel_per_contact = 0.5;
  y.price_after({2018, 10, 1});
  CHECK(y.sw.world.provider(y.pid).travel_supplement == 0.0);
}

TEST_CASE("pricing, cost_build_up: the council funds its share of what the floor adds to the build-up") {
  m::Params p = with_rule(m::PriceRule::cost_build_up);
  p.wages.llw_phasing = {{{2018, 10, 1}, 1.0}};
  p.wages.llw_council_funded_share = 0.5;
  Priced x(p, {2018, 11, 1});
  const double price = x.price_after({2018, 11, 1});  // first: it sets the month's cost lines
  const double own = m::break_even_price(7.83 + 1.0, x.sw.econ.costs);  // what it pays anyway
  const double floor = m::break_even_price(x.sw.econ.wages.floor, x.sw.econ.costs);
  REQUIRE(floor > own);
  CHECK(price == Approx(own + 0.5 * (floor - own)));
}

TEST_CASE("P1 through the model's own pricing: the build-up lands near 18.01 at the 2018 NLW and 19.47 at the 2017 LLW") {
  // A provider paying the NLW (no premium) under cost_build_up from October 2018, travel paid:
  // UKHCA's basis for its minimum price.
  m::Params nlw = with_rule(m::PriceRule::cost_build_up);
  nlw.wages.travel_time_paid = true;
  Priced x(nlw, {2018, 10, 1});
  const auto at_nlw = x.sw.add_provider(1.0, 15.0, 0.0);
  x.price_after({2018, 10, 1});
  INFO("price at the NLW: " << x.sw.world.provider(at_nlw).price);
  CHECK(x.sw.world.provider(at_nlw).price == Approx(18.01).margin(0.1));
  // The floor at the LLW payable then (10.20, announced November 2017), travel unpaid.
  m::Params llw = with_rule(m::PriceRule::cost_build_up);
  llw.wages.llw_steps = 1;
  Priced y(llw, {2018, 10, 1});
  const auto at_llw = y.sw.add_provider(1.0, 15.0, 0.0);
  REQUIRE(y.sw.econ.wages.floor == Approx(10.20));
  y.price_after({2018, 10, 1});
  INFO("price at the LLW: " << y.sw.world.provider(at_llw).price);
  CHECK(std::fabs(y.sw.world.provider(at_llw).price - 19.47) < 1.0);
}

TEST_CASE("pricing, fixed: the council's dated schedule every month from the rule's date, with the LLW supplement on top") {
  m::Params p = with_rule(m::PriceRule::fixed);
  p.commissioning.fixed_price = {{{2018, 10, 1}, 16.12}, {{2020, 4, 1}, 18.50}};
  p.wages.llw_phasing = {{{2018, 10, 1}, 1.0}};
  Priced x(p, {2018, 9, 1});
  CHECK(x.price_after({2018, 9, 1}) == 15.0);  // before the rule's date: the framework's price
  x.sw.econ.wages = m::wage_environment(x.sw.s.place, x.sw.p, {2018, 10, 1}, {2018, 10, 31});
  CHECK(x.price_after({2018, 10, 1}) == 16.12);
  CHECK(x.sw.world.provider(x.team).price == p.reablement.price_per_hour);
  CHECK(x.sw.world.provider(x.pid).llw_supplement == Approx((10.20 - 8.83) * (1.0 + p.providers.oncost_rate)));
  CHECK(x.price_after({2019, 4, 1}) == 16.12);  // no April uplift under a fixed price
  CHECK(x.price_after({2020, 5, 1}) == 18.50);
}
