// One replicate of the home care market: the entry point the batch runner calls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/metrics.hpp"
#include "model/params.hpp"

namespace homecare::model {

/// The reporting months of a run, `YYYY-MM`, from run.start's month to run.end's month.
[[nodiscard]] std::vector<std::string> report_months(const Params& p);

/// Simulates one replicate. A pure function of (params, seed, replicate): every random draw
/// comes from a stream keyed by (seed, replicate, purpose, agent). Thread-safe: shares nothing.
[[nodiscard]] ReplicateResult simulate_replicate(const Params& p, std::uint32_t seed,
                                                 std::uint32_t replicate);

}  // namespace homecare::model
