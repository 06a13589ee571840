// The append-only journal of attempted replicates: each record is checksummed and on disk before
// its replicate counts as done, so a batch killed at any moment (SIGKILL included) resumes.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace homecare::runner {

/// One attempted (variant, replicate): its results, or why it failed.
struct JournalRecord {
  enum class Kind : std::uint32_t { result = 1, failure = 2 };
  Kind kind = Kind::result;
  std::uint32_t variant = 0;    // index into the scenario's variants
  std::uint32_t replicate = 0;  // replicate index (the random streams' key)
  /// result: every monthly series in the catalogue's order (metric-major, month-minor), then
  /// every summary figure, then every yearly series (metric-major, year-minor). Stored bit for bit.
  std::vector<double> values;
  std::string message;  // failure: the exception's message
};

/// Appends records to one journal file. A file has one writer: each MPI process writes its own.
/// Layout (little-endian): a 32-byte header (magic `HCJRNL01`, the run's 16-hex-digit
/// fingerprint, 4 reserved bytes, CRC-32 of the first 28), then records: magic `HCRC`, kind,
/// variant, replicate, payload length (u32 each), the payload, CRC-32 of kind..payload.
/// Thread-safety: append() may be called from any number of threads at once.
class JournalWriter {
 public:
  /// Opens `path` for appending, creating it (with its header) when absent or empty. The caller
  /// has cut any torn tail first (truncate_journal). Throws EngineError.
  JournalWriter(std::string path, std::string_view fingerprint);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  /// Appends `r` and returns once it is on disk (fdatasync). On failure the file is cut back to
  /// where it was, so it never holds half a record followed by whole ones. Throws EngineError.
  void append(const JournalRecord& r);

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex mutex_;
};

/// What a journal holds: its intact prefix.
struct JournalContents {
  std::vector<JournalRecord> records;  // in file order
  std::uint64_t intact_bytes = 0;      // length of the intact prefix, header included (0: none)
  std::uint64_t file_bytes = 0;
};

/// Reads every record up to the first torn or corrupt one (a crash mid-append leaves at most
/// one). A torn or missing header gives no records and intact_bytes 0. With `with_values` false
/// result payloads are checked but not kept. Throws EngineError when the file cannot be read,
/// or when its intact header names another fingerprint (it belongs to another run).
[[nodiscard]] JournalContents read_journal(const std::string& path, std::string_view fingerprint,
                                           bool with_values);

/// Cuts a journal back to `bytes` and syncs it. Throws EngineError.
void truncate_journal(const std::string& path, std::uint64_t bytes);

}  // namespace homecare::runner
