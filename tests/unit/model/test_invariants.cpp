// Model invariants, compiled in by HOMECARE_CHECKED: every month (Market::check_invariants)
// people in = out + present, no worker double-booked or over capacity, rosters and visits point
// at each other, every unrostered visit is queued, spend finite, no more late or missed visits
// than due, payments to providers = what their visits earned; every day, minutes commissioned =
// delivered + unmet; no care worker paid below the pay floor; direct payments recoup no more than
// they pay and leave no more unmet than planned (none, for an agency buyer with price parity);
// always, no event scheduled in the past. A violation throws ModelError, failing the test. Runs
// every shipped scenario, short, a few replicates: Brent's, and Ealing's with its levers brought
// forward into the short run.
#include <catch2/catch.hpp>

#include <string>

#include "model/market.hpp"
#include "scenario/scenario.hpp"

#ifndef HOMECARE_CHECKED
#error "test_invariants needs a checked build (HOMECARE_CHECKED: the debug and asan presets)"
#endif

namespace sc = homecare::scenario;

TEST_CASE("every shipped scenario keeps the model's invariants every month") {
  for (const char* name : {"brent-baseline", "llw-phased", "patches", "patches-gp-localities", "training-minimum", "direct-payments", "combined"}) {
    const auto s = sc::load_scenario(std::string(HOMECARE_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
    for (const auto& v : s.variants) {
      auto p = v.params;
      p.run.end = {2019, 6, 30};  // past the switch, short enough for a sanitizer build
      for (std::uint32_t r = 0; r < 2; ++r) {
        INFO(v.name << " replicate " << r);
        CHECK_NOTHROW(homecare::model::simulate_replicate(*s.place, p, 99, r));
      }
    }
  }
}

TEST_CASE("every Ealing scenario keeps the model's invariants every month, its levers in force") {
  // Ealing's pack: the London Living Wage floor from November 2022, 36% of the framework based
  // outside the borough; its scenarios: direct payments buying from agencies at a self-funder rate,
  // more take-up, price parity, a living wage for personal assistants, local supply. Parity and
  // local supply (from 2024 in the shipped files) start in April 2022 here, so that every lever is
  // in force within two years.
  for (const char* name : {"ealing-baseline", "ealing-dp-growth", "ealing-dps-parity", "ealing-rlw-pa", "ealing-local-supply"}) {
    const auto s = sc::load_scenario(std::string(HOMECARE_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
    REQUIRE(s.borough == "ealing");
    REQUIRE(s.base.providers.out_of_borough_share > 0);
    REQUIRE(s.base.direct_payments.buy_from_agencies);
    for (const auto& v : s.variants) {
      auto p = v.params;
      p.run.start = {2021, 4, 1};  // the baseline's year of burn-in left out: two years suffice
      p.run.end = {2023, 3, 31};
      p.direct_payments.dps_parity_from = {2022, 4, 1};
      p.commissioning.local_supply_from = {2022, 4, 1};
      INFO(name << ": " << v.name);
      CHECK_NOTHROW(homecare::model::simulate_replicate(*s.place, p, 99, 0));
    }
  }
}
