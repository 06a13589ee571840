// The sidecar folder `<out>.partial/` of a batch under way: a manifest naming the run, one
// journal per process, and the finished file while it is being written. `--resume` reads it;
// the batch removes it once the results file is in place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace homecare::runner {

/// What the partial folder was made for. Written once per run, atomically.
struct Manifest {
  std::string fingerprint;           // runner::fingerprint(): what the journals must match
  std::string scenario_fingerprint;  // runner::scenario_fingerprint()
  std::string engine;                // runner::engine_identity()
  std::string scenario;              // the scenario's name
  std::uint32_t seed = 0;
  std::int64_t variants = 0;
  std::int64_t replicates = 0;       // per variant, in the finished file
  std::int64_t base_replicates = 0;  // taken from the complete file at --out (an extension)
};

/// The folder, locked (flock) for as long as this object lives, so that two runs never write
/// the same results. Only rank 0 of a job holds one; other ranks write their journals into it.
class PartialRun {
 public:
  /// `<out>.partial`
  [[nodiscard]] static std::string folder_for(const std::string& out) { return out + ".partial"; }

  /// Opens the folder, creating it when absent, and locks it. Throws InputError (key `--out`)
  /// when another homecare run holds the lock, EngineError on I/O failure.
  explicit PartialRun(std::string out);
  ~PartialRun();
  PartialRun(const PartialRun&) = delete;
  PartialRun& operator=(const PartialRun&) = delete;

  [[nodiscard]] const std::string& folder() const { return folder_; }
  /// The manifest, or nullopt when there is none yet (a run killed before writing it).
  /// Throws EngineError when it exists but cannot be understood.
  [[nodiscard]] std::optional<Manifest> manifest() const;
  /// Writes the manifest atomically (temporary, fsync, rename, fsync the folder).
  void write_manifest(const Manifest& m) const;
  /// Every journal in the folder, sorted by name.
  [[nodiscard]] std::vector<std::string> journals() const;
  /// Deletes everything in the folder (starting again); the folder and its lock stay.
  void clear() const;
  /// Deletes the folder (after the results file is in place).
  void remove();

  /// Where process `rank` writes its journal.
  [[nodiscard]] static std::string journal_path(const std::string& folder, int rank);
  /// Where the finished results file is written before it is renamed to `out`: inside the
  /// folder, so a crash mid-write leaves no stray file beside the results.
  [[nodiscard]] std::string temporary_results() const { return folder_ + "/results.h5.tmp"; }

 private:
  std::string out_;
  std::string folder_;
  int lock_fd_ = -1;
};

}  // namespace homecare::runner
