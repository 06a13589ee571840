// What must hold in Ealing's results whatever the calibration (issue 17 point 6), in every build
// (the monthly checks of test_invariants run in checked builds only): short runs of the shipped
// Ealing baseline (its pack: the London Living Wage floor from November 2022, 36% of the framework
// based outside the borough; direct payments buying from agencies at a self-funder rate), with the
// living wage for personal assistants and price parity for direct-payment users brought into the
// run. The council's spend is its categories; direct payments recoup no more than they pay; the
// out-of-borough share of hours is a share and starts near the pack's; no care worker is paid below
// the London Living Wage once Ealing's floor applies; with price parity an agency buyer's money buys
// every planned hour.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "model/market.hpp"
#include "model/metrics.hpp"
#include "scenario/scenario.hpp"

namespace m = homecare::model;
namespace sc = homecare::scenario;

namespace {

const sc::Scenario& ealing() {
  static const sc::Scenario s = sc::load_scenario(std::string(HOMECARE_SOURCE_DIR) + "/scenarios/ealing-baseline.yaml");
  return s;
}

/// Month index of `ym` ("YYYY-MM") among the run's reporting months.
std::size_t month_of(const m::Params& p, const std::string& ym) {
  const auto months = m::report_months(p);
  for (std::size_t i = 0; i < months.size(); ++i)
    if (months[i] == ym) return i;
  FAIL("no month " << ym);
  return 0;
}

const std::vector<double>& monthly(const m::ReplicateResult& r, const char* name) { return r.monthly[m::monthly_index(name)]; }

}  // namespace

TEST_CASE("Ealing, two years with its levers: spend, direct payments, out-of-borough hours and the LLW floor hold") {
  const auto& s = ealing();
  REQUIRE(s.borough == "ealing");
  auto p = s.base;
  REQUIRE(p.run.start == homecare::kernel::Date{2020, 4, 1});  // a year of burn-in (docs/CALIBRATION.md 7)
  p.run.start = {2021, 4, 1};  // shorter: the invariants need no burn-in
  REQUIRE(p.direct_payments.buy_from_agencies);
  const double pack_share = p.providers.out_of_borough_share;
  REQUIRE(pack_share == Approx(0.36));
  p.run.end = {2023, 3, 31};
  p.direct_payments.pa_living_wage = true;  // ealing-rlw-pa's lever, from November 2022
  p.direct_payments.pa_living_wage_from = {2022, 11, 1};
  p.direct_payments.dps_parity = true;      // ealing-dps-parity's, brought forward
  p.direct_payments.dps_parity_from = {2022, 4, 1};
  const auto r = m::simulate_replicate(*s.place, p, 17, 0);

  const auto& spend = monthly(r, "council_spend");
  const auto& dp_spend = monthly(r, "spend_direct_payments");
  const auto& recouped = monthly(r, "direct_payments_recouped");
  const auto& dp_users = monthly(r, "direct_payment_users");
  const auto& oob = monthly(r, "out_of_borough_hours_share");
  const auto& llw = monthly(r, "share_paid_llw");
  const std::size_t floor_from = month_of(p, "2022-11");
  REQUIRE(spend.size() == 24);
  for (std::size_t k = 0; k < spend.size(); ++k) {
    INFO("month " << m::report_months(p)[k]);
    // The council's spend is the sum of its categories.
    double categories = 0;
    for (const char* c : {"spend_long_term", "spend_reablement", "spend_direct_payments", "spend_training",
                          "spend_residential_unmet", "spend_forum"})
      categories += monthly(r, c)[k];
    CHECK(categories == Approx(spend[k]).epsilon(1e-9));
    // Direct payments: people have them; what is recouped is part of what is paid (paid =
    // spend_direct_payments + recouped), so neither is negative.
    CHECK(dp_users[k] > 0);
    CHECK(recouped[k] > 0);
    CHECK(dp_spend[k] > 0);
    CHECK(recouped[k] < dp_spend[k] + recouped[k]);
    // Providers based outside the borough deliver a share of the hours.
    CHECK(oob[k] >= 0);
    CHECK(oob[k] <= 1);
    // Ealing's floor (the pack's wages.llw_phasing): every care worker at the London Living Wage
    // from November 2022; before, the NLW floor leaves some below it.
    if (k >= floor_from) CHECK(llw[k] == 1.0);
  }
  CHECK(llw[0] < 1.0);
  // The first year's out-of-borough hours are near the share of the framework the pack gives
  // providers based outside the borough (they staff and keep packages a little differently).
  const auto& year_oob = r.yearly[m::yearly_index("out_of_borough_hours_share")];
  REQUIRE(!year_oob.empty());
  CHECK(std::fabs(year_oob[0] - pack_share) < 0.1);
}

TEST_CASE("Ealing, agency buyers only: a self-funder rate leaves hours unmet, price parity none") {
  // Every direct-payment user buys from agencies (no personal assistants, no set-up time): their
  // money buys 1 / (1 + self_funder_premium) of the planned hours until parity, all of them after.
  auto p = ealing().base;
  p.run.start = {2021, 4, 1};
  p.run.end = {2022, 9, 30};
  p.direct_payments.employ_pa_share = 0;
  p.direct_payments.setup_days = 0;
  p.direct_payments.dps_parity = true;
  p.direct_payments.dps_parity_from = {2022, 4, 1};
  REQUIRE(p.direct_payments.self_funder_premium == Approx(0.2));
  const auto r = m::simulate_replicate(*ealing().place, p, 17, 0);
  const auto& unmet = monthly(r, "direct_payment_hours_unmet");
  const auto& users = monthly(r, "direct_payment_users");
  const std::size_t parity = month_of(p, "2022-04");
  REQUIRE(unmet.size() == 18);
  for (std::size_t k = 0; k < unmet.size(); ++k) {
    INFO("month " << m::report_months(p)[k]);
    CHECK(users[k] > 0);
    if (k < parity) CHECK(unmet[k] > 0);
    else CHECK(unmet[k] == 0.0);
  }
  // Over the policy period (from April 2022, parity in force throughout) none is unmet.
  REQUIRE(p.run.policy_start == homecare::kernel::Date{2022, 4, 1});
  CHECK(r.summary[m::summary_index("direct_payment_hours_unmet_share")] == 0.0);
}
