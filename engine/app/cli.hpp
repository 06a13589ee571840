// The `homecare` command line: parses arguments and dispatches to run, validate and describe.
#pragma once

#include <string>
#include <vector>

namespace homecare::app {

/// Runs the command line `args` (without the program name); returns the exit status.
/// 0 success, 2 bad input, 1 other failure, 130 interrupted. Messages go to stderr.
int main_with_args(const std::vector<std::string>& args);

}  // namespace homecare::app
