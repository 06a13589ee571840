// Journal records: encoding, checksums, durable appends, and reading back the intact prefix.
#include "runner/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <span>

#include "common/error.hpp"
#include "runner/crc32.hpp"

namespace homecare::runner {
namespace {

constexpr char header_magic[8] = {'H', 'C', 'J', 'R', 'N', 'L', '0', '1'};
constexpr std::size_t header_bytes = 32;
constexpr std::size_t fingerprint_bytes = 16;
constexpr std::uint32_t record_magic = 0x43524348U;  // "HCRC" little-endian
constexpr std::size_t record_head_bytes = 20;        // magic, kind, variant, replicate, length
constexpr std::uint32_t max_payload_bytes = 1U << 30;

std::string sys_error(const std::string& what, const std::string& path) {
  return "cannot " + what + " '" + path + "': " + std::strerror(errno);
}

void put_u32(std::vector<std::byte>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::byte>((v >> (8 * i)) & 0xFFU));
}
std::uint32_t get_u32(const std::byte* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::to_integer<std::uint32_t>(p[i]) << (8 * i);
  return v;
}
void put_u64(std::vector<std::byte>& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::byte>((v >> (8 * i)) & 0xFFU));
}
std::uint64_t get_u64(const std::byte* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= std::to_integer<std::uint64_t>(p[i]) << (8 * i);
  return v;
}

std::vector<std::byte> encode_header(std::string_view fingerprint) {
  if (fingerprint.size() != fingerprint_bytes)
    throw EngineError("journal: a fingerprint has 16 hex digits, got '" + std::string(fingerprint) + "'");
  std::vector<std::byte> h;
  for (char c : header_magic) h.push_back(static_cast<std::byte>(c));
  for (char c : fingerprint) h.push_back(static_cast<std::byte>(c));
  put_u32(h, 0);
  put_u32(h, crc32(h));
  return h;
}

std::vector<std::byte> encode_record(const JournalRecord& r) {
  std::vector<std::byte> payload;
  if (r.kind == JournalRecord::Kind::result) {
    payload.reserve(r.values.size() * 8);
    for (double d : r.values) put_u64(payload, std::bit_cast<std::uint64_t>(d));
  } else {
    for (char c : r.message) payload.push_back(static_cast<std::byte>(c));
  }
  if (payload.size() > max_payload_bytes) throw EngineError("journal: a record is too large");
  std::vector<std::byte> out;
  out.reserve(record_head_bytes + payload.size() + 4);
  put_u32(out, record_magic);
  put_u32(out, static_cast<std::uint32_t>(r.kind));
  put_u32(out, r.variant);
  put_u32(out, r.replicate);
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  out.insert(out.end(), payload.begin(), payload.end());
  put_u32(out, crc32(std::span(out).subspan(4)));
  return out;
}

/// Writes every byte; false (errno set) on failure.
bool write_all(int fd, std::span<const std::byte> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

/// Reads exactly `n` bytes, or fewer at the end of the file.
std::size_t read_full(int fd, std::byte* p, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    const ssize_t k = ::read(fd, p + got, n - got);
    if (k < 0) {
      if (errno == EINTR) continue;
      return static_cast<std::size_t>(-1);
    }
    if (k == 0) break;
    got += static_cast<std::size_t>(k);
  }
  return got;
}

void sync_folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  const std::string dir = parent.empty() ? "." : parent.string();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw EngineError(sys_error("open the folder", dir));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw EngineError(sys_error("sync the folder", dir));
}

}  // namespace

JournalWriter::JournalWriter(std::string path, std::string_view fingerprint) : path_(std::move(path)) {
  const auto header = encode_header(fingerprint);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw EngineError(sys_error("open the journal", path_));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    ::close(fd_);
    throw EngineError(sys_error("inspect the journal", path_));
  }
  if (st.st_size == 0) {
    if (!write_all(fd_, header) || ::fdatasync(fd_) != 0) {
      const std::string msg = sys_error("write the journal", path_);
      ::close(fd_);
      throw EngineError(msg);
    }
    try {
      sync_folder_of(path_);  // the new file's name, too, must survive a crash
    } catch (...) {
      ::close(fd_);
      throw;
    }
  }
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void JournalWriter::append(const JournalRecord& r) {
  const auto bytes = encode_record(r);
  std::lock_guard lock(mutex_);
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw EngineError(sys_error("inspect the journal", path_));
  if (!write_all(fd_, bytes)) {
    const std::string msg = sys_error("append to the journal", path_);
    // Cut back to the last whole record, so that later records are not hidden behind a torn one.
    [[maybe_unused]] const int rc = ::ftruncate(fd_, st.st_size);
    throw EngineError(msg);
  }
  if (::fdatasync(fd_) != 0) throw EngineError(sys_error("sync the journal", path_));
}

JournalContents read_journal(const std::string& path, std::string_view fingerprint, bool with_values) {
  JournalContents out;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw EngineError(sys_error("open the journal", path));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw EngineError(sys_error("inspect the journal", path));
  out.file_bytes = static_cast<std::uint64_t>(st.st_size);

  std::byte head[header_bytes];
  if (read_full(fd, head, header_bytes) != header_bytes) return out;  // torn at creation
  if (std::memcmp(head, header_magic, sizeof header_magic) != 0 ||
      get_u32(head + 28) != crc32(std::span<const std::byte>(head, 28)))
    return out;
  const std::string_view file_fp(reinterpret_cast<const char*>(head + 8), fingerprint_bytes);
  if (file_fp != fingerprint)
    throw EngineError("the journal '" + path + "' belongs to another run (fingerprint " +
                      std::string(file_fp) + ", expected " + std::string(fingerprint) + ")");
  out.intact_bytes = header_bytes;

  std::vector<std::byte> buf;
  for (;;) {
    buf.resize(record_head_bytes);
    if (read_full(fd, buf.data(), record_head_bytes) != record_head_bytes) break;
    if (get_u32(buf.data()) != record_magic) break;
    const std::uint32_t kind = get_u32(buf.data() + 4);
    const std::uint32_t length = get_u32(buf.data() + 16);
    if (length > max_payload_bytes || (kind != 1 && kind != 2)) break;
    if (kind == 1 && length % 8 != 0) break;
    buf.resize(record_head_bytes + length + 4);
    if (read_full(fd, buf.data() + record_head_bytes, length + 4) != length + 4) break;
    const std::uint32_t stored = get_u32(buf.data() + record_head_bytes + length);
    if (stored != crc32(std::span<const std::byte>(buf.data() + 4, record_head_bytes - 4 + length))) break;

    JournalRecord r;
    r.kind = static_cast<JournalRecord::Kind>(kind);
    r.variant = get_u32(buf.data() + 8);
    r.replicate = get_u32(buf.data() + 12);
    const std::byte* payload = buf.data() + record_head_bytes;
    if (r.kind == JournalRecord::Kind::failure) {
      r.message.assign(reinterpret_cast<const char*>(payload), length);
    } else if (with_values) {
      r.values.resize(length / 8);
      for (std::size_t i = 0; i < r.values.size(); ++i) r.values[i] = std::bit_cast<double>(get_u64(payload + 8 * i));
    }
    out.records.push_back(std::move(r));
    out.intact_bytes += record_head_bytes + length + 4;
  }
  return out;
}

void truncate_journal(const std::string& path, std::uint64_t bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw EngineError(sys_error("open the journal", path));
  const int rc = ::ftruncate(fd, static_cast<off_t>(bytes));
  const int rs = rc == 0 ? ::fsync(fd) : -1;
  const int err = errno;
  ::close(fd);
  errno = err;
  if (rc != 0 || rs != 0) throw EngineError(sys_error("cut back the journal", path));
}

}  // namespace homecare::runner
