// One replicate of the home care market: the entry point the batch runner calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/metrics.hpp"
#include "model/params.hpp"
#include "model/patches.hpp"
#include "model/place.hpp"

namespace homecare::model {

/// Names how this build of the model draws its random numbers: the generator, how streams are
/// keyed, and what each purpose's draws are used for. Two runs with the same scheme and seed give
/// replicate i the same chance events, so their replicates can be compared pair by pair; the
/// report pairs only then (and only between runs of the same build: a model that changed turns the
/// same random numbers into other events). Change it whenever a draw's key or use changes (results
/// files record it as `random_scheme`); a static_assert in market.cpp fails when a purpose is added.
inline constexpr std::string_view random_scheme =
    "homecare-crn-3: Philox4x32-10, key (seed, replicate), counter (purpose << 24 | agent >> 32, agent, sub); "
    "agents are stable identities (users by referral, workers by post); purposes 1-23";

/// The reporting months of a run, `YYYY-MM`, from run.start's month to run.end's month.
[[nodiscard]] std::vector<std::string> report_months(const Params& p);

/// New long-term (or reablement) packages a day expected in `ward` on day index `day` of the run.
[[nodiscard]] double referral_rate(const Place& place, const Params& p, std::uint16_t ward, double day, bool reablement);

/// The ward -> patch partition the council commissions on the switch date, when the scenario's
/// commissioning model is `patch` (for maps and reports); nullopt otherwise.
[[nodiscard]] std::optional<PatchPartition> commissioned_patches(const Place& place, const Params& p);

/// Simulates one replicate of `p` in `place`. A pure function of (place, params, seed,
/// replicate): every random draw comes from a stream keyed by (seed, replicate, purpose, agent).
/// Thread-safe: shares nothing but reads of `place` and `p`.
[[nodiscard]] ReplicateResult simulate_replicate(const Place& place, const Params& p, std::uint32_t seed,
                                                 std::uint32_t replicate);

}  // namespace homecare::model
