// One replicate of the home care market: the entry point the batch runner calls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <optional>

#include "model/metrics.hpp"
#include "model/params.hpp"
#include "model/patches.hpp"

namespace homecare::model {

/// The reporting months of a run, `YYYY-MM`, from run.start's month to run.end's month.
[[nodiscard]] std::vector<std::string> report_months(const Params& p);

/// New long-term (or reablement) packages a day expected in `ward` on day index `day` of the run.
[[nodiscard]] double referral_rate(const Params& p, std::uint16_t ward, double day, bool reablement);

/// The ward -> patch partition the council commissions on the switch date, when the scenario's
/// commissioning model is `patch` (for maps and reports); nullopt otherwise.
[[nodiscard]] std::optional<PatchPartition> commissioned_patches(const Params& p);

/// Simulates one replicate. A pure function of (params, seed, replicate): every random draw
/// comes from a stream keyed by (seed, replicate, purpose, agent). Thread-safe: shares nothing.
[[nodiscard]] ReplicateResult simulate_replicate(const Params& p, std::uint32_t seed,
                                                 std::uint32_t replicate);

}  // namespace homecare::model
