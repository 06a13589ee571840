// Runs the real `homecare` binary as a child process and captures its exit status and output.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace homecare::test {

struct ProcessResult {
  int status = -1;  // exit status, or 128 + signal
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
  else if (WIFSIGNALED(raw)) r.status = 128 + WTERMSIG(raw);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// Runs the homecare binary with `args` (already shell-quoted as needed).
inline ProcessResult run_homecare(const std::string& args, const std::string& workdir) {
  return run_shell(std::string("'") + HOMECARE_BINARY + "' " + args, workdir);
}

}  // namespace homecare::test
