// Entry point of the `homecare` executable: signal handling, then the command line.
#include <csignal>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "runner/batch.hpp"

namespace {
// The first SIGINT/SIGTERM asks the batch to stop after the replicates under way (they are
// journaled; exit 130). A second one ends the process at once: the journal is safe either way.
extern "C" void on_signal(int sig) {
  if (homecare::runner::stop_requested().exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
  }
}
}  // namespace

int main(int argc, char** argv) {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // Past a file-size limit (ulimit -f) a write fails with EFBIG, reported like a full disk,
  // instead of the process being killed by SIGXFSZ mid-write.
  std::signal(SIGXFSZ, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  return homecare::app::main_with_args(args);
}
