// Model invariants, compiled in by HOMECARE_CHECKED: every month (Market::check_invariants)
// people in = out + present, no worker double-booked or over capacity, rosters and visits point
// at each other, every unrostered visit is queued, spend finite, no more late or missed visits
// than due, payments to providers = what their visits earned; every day, minutes commissioned =
// delivered + unmet; always, no event scheduled in the past. A violation throws ModelError,
// failing the test. Runs every shipped scenario, short, a few replicates.
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
