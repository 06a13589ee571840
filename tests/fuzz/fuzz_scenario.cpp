// libFuzzer target: scenario loading and validation (load_scenario, then resolved_yaml and its
// round trip). Built by the `fuzz` preset with clang: -fsanitize=fuzzer,address,undefined.
// An input passes when it loads or is rejected with InputError; any other exception aborts with
// its type and message, and crashes, sanitizer reports, timeouts and memory beyond
// -rss_limit_mb are libFuzzer's own findings. Run it with tests/fuzz/run.sh.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "scenario_input.hpp"

namespace {
homecare::fuzz::Sandbox* box = nullptr;

void remove_sandbox() {
  delete box;
  box = nullptr;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  const char* dir = std::getenv("HOMECARE_SCENARIOS");
  box = new homecare::fuzz::Sandbox(dir && *dir ? dir : HOMECARE_SOURCE_DIR "/scenarios");
  std::atexit(remove_sandbox);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    (void)homecare::fuzz::load_input(*box, bytes);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\n==fuzz_scenario== FINDING: %s escaped scenario loading: %s\n",
                 homecare::fuzz::type_name_of(e).c_str(), e.what());
    remove_sandbox();  // abort() skips atexit
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "\n==fuzz_scenario== FINDING: a non-std exception escaped scenario loading\n");
    remove_sandbox();
    std::abort();
  }
  return 0;
}
