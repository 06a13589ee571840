// A stable identity for (scenario, engine, seed): resuming or extending a results file is allowed
// only when it matches.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "scenario/scenario.hpp"

namespace homecare::runner {

/// 64-bit FNV-1a, as 16 hex digits.
[[nodiscard]] std::string fnv1a_hex(std::string_view data);
/// Hash of every variant's name and resolved parameters (minus run.replicates), the engine
/// version and the seed.
[[nodiscard]] std::string fingerprint(const scenario::Scenario& sc, std::uint32_t seed);

}  // namespace homecare::runner
