// Runs the real `homecare` binary as a child process and captures its exit status and output.
#pragma once

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>
#include <fstream>
#include <sstream>
#include <string>

namespace homecare::test {

struct ProcessResult {
  int status = -1;  // exit status, or 128 + signal
  int signal = 0;   // the signal that ended the process, 0 when it exited
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs `command` through /bin/sh in `workdir`, output captured to files in `workdir`.
inline ProcessResult run_shell(const std::string& command, const std::string& workdir) {
  const std::string out = workdir + "/.stdout";
  const std::string err = workdir + "/.stderr";
  const std::string full = "cd '" + workdir + "' && " + command + " >'" + out + "' 2>'" + err + "' </dev/null";
  const int raw = std::system(full.c_str());
  ProcessResult r;
  if (WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  else if (WIFSIGNALED(raw)) r.status = 128 + WTERMSIG(raw), r.signal = WTERMSIG(raw);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// Like run_shell, with the size of any file the command writes limited to `max_file_bytes`
/// (setrlimit RLIMIT_FSIZE in the child, as `ulimit -f` does): a full disk, as one process sees it.
inline ProcessResult run_shell_with_file_limit(const std::string& command, const std::string& workdir,
                                               rlim_t max_file_bytes) {
  const std::string full = "cd '" + workdir + "' && exec " + command + " >'" + workdir + "/.stdout' 2>'" +
                           workdir + "/.stderr' </dev/null";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const struct rlimit limit {max_file_bytes, max_file_bytes};
    if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
    ::execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int raw = 0;
  ::waitpid(pid, &raw, 0);
  ProcessResult r;
  if (WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  else if (WIFSIGNALED(raw)) r.status = 128 + WTERMSIG(raw), r.signal = WTERMSIG(raw);
  r.out = slurp(workdir + "/.stdout");
  r.err = slurp(workdir + "/.stderr");
  return r;
}

/// Runs the homecare binary with `args` (already shell-quoted as needed).
inline ProcessResult run_homecare(const std::string& args, const std::string& workdir) {
  return run_shell(std::string("'") + HOMECARE_BINARY + "' " + args, workdir);
}

/// A child process running `command` (through /bin/sh, which exec's it: pid() is the command's
/// own), in `workdir`, output captured like run_shell's. Killed and reaped if still running
/// when destroyed.
class Child {
 public:
  Child(const std::string& command, const std::string& workdir) : workdir_(workdir) {
    const std::string full = "cd '" + workdir + "' && exec " + command + " >'" + workdir + "/.stdout' 2>'" +
                             workdir + "/.stderr' </dev/null";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Child() {
    if (pid_ > 0 && running()) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  [[nodiscard]] pid_t pid() const { return pid_; }
  void signal(int sig) const { ::kill(pid_, sig); }
  /// True while the child has not exited (reaps it when it has).
  bool running() {
    if (reaped_) return false;
    int raw = 0;
    const pid_t r = ::waitpid(pid_, &raw, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      raw_ = raw;
      return false;
    }
    return r == 0;
  }
  /// Waits for the exit.
  ProcessResult wait() {
    if (!reaped_) {
      ::waitpid(pid_, &raw_, 0);
      reaped_ = true;
    }
    ProcessResult r;
    if (WIFEXITED(raw_)) r.status = WEXITSTATUS(raw_);
    else if (WIFSIGNALED(raw_)) r.status = 128 + WTERMSIG(raw_), r.signal = WTERMSIG(raw_);
    r.out = slurp(workdir_ + "/.stdout");
    r.err = slurp(workdir_ + "/.stderr");
    return r;
  }

 private:
  std::string workdir_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int raw_ = 0;
};

/// Polls `done` every 10 ms until it holds or `seconds` pass; returns whether it held.
template <class F>
bool wait_until(F done, double seconds = 60) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

/// What homecare prints after a command-line mistake.
inline const std::string usage =
    "usage: homecare run SCENARIO.yaml [--replicates N] [--seed S] [--threads T] [--out FILE.h5]\n"
    "                    [--resume] [--force] [--quiet] [--boroughs DIR]\n"
    "       homecare validate SCENARIO.yaml... [--pack NAME|DIR]... [--boroughs DIR]\n"
    "       homecare describe [--json] [--pack NAME|DIR] [--boroughs DIR]\n"
    "       homecare --version\n";

/// Every file and folder under `dir` with its size (0 for folders), but a child's captured
/// output: what a run could have written or changed.
inline std::map<std::string, std::uintmax_t> listing(const std::string& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, std::uintmax_t> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string rel = fs::relative(e.path(), dir).string();
    if (rel == ".stdout" || rel == ".stderr") continue;
    out[rel] = e.is_regular_file() ? e.file_size() : 0;
  }
  return out;
}

}  // namespace homecare::test
