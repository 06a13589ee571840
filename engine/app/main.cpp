// Entry point of the `homecare` executable: signal handling, then the command line.
#include <csignal>
#include <string>
#include <vector>

#include "app/cli.hpp"
#include "runner/batch.hpp"

namespace {
extern "C" void on_signal(int) { homecare::runner::stop_requested().store(true); }
}  // namespace

int main(int argc, char** argv) {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::vector<std::string> args(argv + 1, argv + argc);
  return homecare::app::main_with_args(args);
}
