// The partial folder: lock, manifest, journals, clean-up.
#include "runner/partial_run.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/error.hpp"

namespace homecare::runner {
namespace fs = std::filesystem;
namespace {

constexpr const char* manifest_name = "manifest";
constexpr const char* manifest_first_line = "# homecare partial run; complete it with `homecare run ... --resume`. Do not edit.";

void sync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw EngineError("cannot open the folder '" + dir + "': " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw EngineError("cannot sync the folder '" + dir + "': " + std::strerror(err));
}

std::string parent_of(const std::string& path) {
  const auto p = fs::path(path).parent_path();
  return p.empty() ? "." : p.string();
}

}  // namespace

PartialRun::PartialRun(std::string out) : out_(std::move(out)), folder_(folder_for(out_)) {
  std::error_code ec;
  if (fs::create_directory(folder_, ec)) sync_dir(parent_of(folder_));
  if (ec) throw EngineError("cannot create the folder '" + folder_ + "': " + ec.message());
  lock_fd_ = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock_fd_ < 0) throw EngineError("cannot open the folder '" + folder_ + "': " + std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (err == EWOULDBLOCK)
      throw InputError(SourceLocation{}, "--out",
                       "another homecare run is writing '" + out_ + "' (it holds '" + folder_ +
                           "'); wait for it to finish, or choose another --out");
    throw EngineError("cannot lock the folder '" + folder_ + "': " + std::strerror(err));
  }
}

PartialRun::~PartialRun() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // closing releases the lock
}

std::optional<Manifest> PartialRun::manifest() const {
  const std::string path = folder_ + "/" + manifest_name;
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::map<std::string, std::string> kv;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(": ");
    if (colon == std::string::npos) throw EngineError("the manifest '" + path + "' is damaged: '" + line + "'");
    kv[line.substr(0, colon)] = line.substr(colon + 2);
  }
  auto text = [&](const char* key) {
    const auto it = kv.find(key);
    if (it == kv.end()) throw EngineError("the manifest '" + path + "' lacks '" + key + "'");
    return it->second;
  };
  auto number = [&](const char* key) {
    const std::string s = text(key);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v < 0)
      throw EngineError("the manifest '" + path + "' has a bad '" + key + "': '" + s + "'");
    return v;
  };
  if (text("format") != "1") throw EngineError("the manifest '" + path + "' has an unknown format");
  Manifest m;
  m.fingerprint = text("fingerprint");
  m.scenario_fingerprint = text("scenario_fingerprint");
  m.engine = text("engine");
  m.scenario = text("scenario");
  m.seed = static_cast<std::uint32_t>(number("seed"));
  m.variants = number("variants");
  m.replicates = number("replicates");
  m.base_replicates = number("base_replicates");
  return m;
}

void PartialRun::write_manifest(const Manifest& m) const {
  const std::string path = folder_ + "/" + manifest_name;
  const std::string tmp = path + ".tmp";
  std::ostringstream s;
  s << manifest_first_line << "\n"
    << "format: 1\n"
    << "fingerprint: " << m.fingerprint << "\n"
    << "scenario_fingerprint: " << m.scenario_fingerprint << "\n"
    << "engine: " << m.engine << "\n"
    << "scenario: " << m.scenario << "\n"
    << "seed: " << m.seed << "\n"
    << "variants: " << m.variants << "\n"
    << "replicates: " << m.replicates << "\n"
    << "base_replicates: " << m.base_replicates << "\n";
  const std::string text = s.str();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw EngineError("cannot write '" + tmp + "': " + std::strerror(errno));
  const ssize_t n = ::write(fd, text.data(), text.size());
  const int rs = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size()) || rs != 0)
    throw EngineError("cannot write '" + tmp + "': " + std::strerror(err));
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw EngineError("cannot write '" + path + "': " + ec.message());
  sync_dir(folder_);
}

std::vector<std::string> PartialRun::journals() const {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(folder_)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("journal-") && name.ends_with(".bin")) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void PartialRun::clear() const {
  for (const auto& e : fs::directory_iterator(folder_)) fs::remove_all(e.path());
  sync_dir(folder_);
}

void PartialRun::remove() {
  std::error_code ec;
  fs::remove_all(folder_, ec);
  if (ec) throw EngineError("cannot remove '" + folder_ + "': " + ec.message());
  sync_dir(parent_of(folder_));
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
}

std::string PartialRun::journal_path(const std::string& folder, int rank) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/journal-%05d.bin", rank);
  return folder + buf;
}

}  // namespace homecare::runner
