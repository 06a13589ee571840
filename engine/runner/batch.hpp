// The Monte Carlo batch: every (variant, replicate) of a scenario, run in parallel, written to
// one results file.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace homecare::runner {

struct BatchOptions {
  std::string scenario_path;
  std::optional<std::int64_t> replicates;  // overrides run.replicates
  std::optional<std::uint32_t> seed;       // overrides run.seed
  int threads = 0;                         // 0: all cores
  std::string out;                         // default: output/<scenario>.h5
  bool resume = false;
  bool quiet = false;
  bool force = false;
};

/// Set by SIGINT/SIGTERM: replicates not yet started are skipped and the batch ends with 130.
std::atomic<bool>& stop_requested();

/// Runs the batch. Returns the process exit status (0, 1 or 130); throws InputError for bad input.
int run_batch(const BatchOptions& opts);

}  // namespace homecare::runner
