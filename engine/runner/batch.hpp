// The Monte Carlo batch: every (variant, replicate) of a scenario, spread over oneTBB threads and
// MPI processes, journaled as it goes, and written to one results file.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

namespace homecare::runner {

class ProcessGroup;

struct BatchOptions {
  std::string scenario_path;
  std::optional<std::int64_t> replicates;  // overrides run.replicates (and, with resume, the partial run's)
  std::optional<std::uint32_t> seed;       // overrides run.seed
  int threads = 0;                         // per process; 0: every core this process may use
  std::string out;                         // default: output/<scenario>.h5
  std::optional<std::string> boroughs;     // where borough packs are found (scenario::boroughs_root)
  bool resume = false;                     // complete an interrupted run, or extend a complete file
  bool quiet = false;                      // no progress, no notes; errors still go to stderr
  bool force = false;                      // replace or discard what is at --out when it cannot be resumed
};

/// Set by SIGINT/SIGTERM: replicates not yet started are skipped, those running finish and are
/// journaled, and the batch ends with 130 leaving a partial run that --resume completes.
std::atomic<bool>& stop_requested();

/// Runs the batch on `group`'s processes; every process calls it with the same options.
/// Returns the exit status, the same on every process: 0 written; 1 a replicate failed or the
/// engine did (the partial run is kept); 2 bad input or an unsafe request (refused before any
/// work, messages on rank 0's stderr); 130 interrupted (the partial run is kept).
///
/// What --out holds afterwards, whatever happens: the complete file, or what it held before,
/// with at most a partial run beside it (`<out>.partial/`) that `--resume` completes.
/// Results depend only on (scenario, seed, replicate): never on threads, processes or timing.
int run_batch(const BatchOptions& opts, ProcessGroup& group);

/// The same on this process alone.
int run_batch(const BatchOptions& opts);

}  // namespace homecare::runner
