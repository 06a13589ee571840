// The processes sharing one batch: this process alone, or the K processes of an MPI job
// (`mpirun -np K homecare run ...`). The only code that calls MPI.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace homecare::runner {

/// Progress one process reports to rank 0.
struct ProgressNote {
  std::int64_t done = 0;     // replicates this process attempted (succeeded or failed)
  std::int64_t failed = 0;   // of which failed
  std::int64_t status = -1;  // -1: still running; else how the process's share ended (0, 1, 130)
};

/// A group of cooperating processes, rank 0 its coordinator.
/// Every collective call (broadcast, max) must be made by every process in the same order.
/// Waits poll every few milliseconds rather than spin, so that a process that has finished its
/// share does not take a core from those still computing.
/// Thread-safety: call from the thread that created the group (MPI_THREAD_FUNNELED).
class ProcessGroup {
 public:
  /// A group of one process; no MPI.
  ProcessGroup();
  /// Joins the MPI job when this process was started by an MPI launcher (mpirun, mpiexec,
  /// srun: recognised by the variables they set), else a group of one. A plain run never
  /// initialises MPI: OpenMPI's singleton start-up costs about half a second. Throws
  /// EngineError when launched by mpirun in a build without MPI (HOMECARE_MPI=OFF).
  static std::unique_ptr<ProcessGroup> from_environment();
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }

  /// Every process receives rank 0's `bytes`.
  void broadcast(std::string& bytes);
  /// Rank 0's `value`, on every process.
  [[nodiscard]] std::int64_t broadcast(std::int64_t value);
  /// The largest `value` over the processes, on every process.
  [[nodiscard]] std::int64_t max(std::int64_t value);

  /// Sends this process's progress to rank 0 (a no-op on rank 0). A note may be dropped while
  /// the previous one is still on its way, unless it is final (status >= 0): final notes always
  /// arrive, after every earlier note of the same process.
  void send_progress(const ProgressNote& note);
  /// Rank 0: a note that has arrived, with its sender's rank, if any. Never waits.
  [[nodiscard]] std::optional<std::pair<int, ProgressNote>> poll_progress();

  /// Ends every process of the job with `status` (an error one process cannot recover from).
  [[noreturn]] void abort(int status);

  /// True when the environment says an MPI launcher started this process.
  [[nodiscard]] static bool launched_by_mpi();

 private:
  struct Mpi;
  std::unique_ptr<Mpi> mpi_;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace homecare::runner
