// What a batch tells the person waiting for it: a redrawn progress bar on a terminal, a line
// now and then in a log (CI, Slurm), nothing with --quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace homecare::runner {

/// Progress of one batch, counted in replicates (one variant's replicate each).
/// Thread-safety: use from one thread (in an MPI job, rank 0's main thread).
class Progress {
 public:
  /// `total`: replicates the finished file holds; `done_before`: those already done (resume,
  /// extension); `to_run`: those this run computes. `out` == nullptr disables all output.
  Progress(std::int64_t total, std::int64_t done_before, std::int64_t to_run, std::FILE* out);

  /// `done` replicates of this run attempted so far (succeeded or failed), `failed` of them
  /// failed. Cheap to call often: it draws only when there is something new to say.
  void update(std::int64_t done, std::int64_t failed);
  /// The final state: ends the bar's line, or writes the last log line.
  void finish(std::int64_t done, std::int64_t failed);

  /// "45s", "3m05s", "2h07m": how long, for people.
  [[nodiscard]] static std::string duration_text(double seconds);

 private:
  [[nodiscard]] std::string line(std::int64_t done, std::int64_t failed, bool bar) const;
  using Clock = std::chrono::steady_clock;
  std::int64_t total_;
  std::int64_t done_before_;
  std::int64_t to_run_;
  std::FILE* out_;
  bool terminal_ = false;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_draw_{};
  std::int64_t last_done_ = -1;
  std::int64_t last_decile_ = 0;
  bool drawn_ = false;
};

}  // namespace homecare::runner
