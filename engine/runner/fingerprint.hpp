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

/// Hash of every variant's name and resolved parameters (minus run.replicates, so replicates can
/// be added later) and the seed: the scenario's identity, whichever build runs it.
[[nodiscard]] std::string scenario_fingerprint(const scenario::Scenario& sc, std::uint32_t seed);

/// Which build this is: version and git commit; for a build of uncommitted sources (commit
/// ending `-dirty`) also a hash of the executable, since the commit does not say what was built.
/// Computed once per process. Thread-safe.
[[nodiscard]] const std::string& engine_identity();

/// Hash of the scenario fingerprint and the engine identity: what `--resume` must match.
[[nodiscard]] std::string fingerprint(const scenario::Scenario& sc, std::uint32_t seed);

}  // namespace homecare::runner
