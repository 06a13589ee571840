// The batch runner in-process, with 1, 2 and 4 threads: identical results whatever the thread
// count, and the failure and stop paths. Small enough to run under ThreadSanitizer (label
// `threads`) and AddressSanitizer.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "../unit/scenario/temp_scenario.hpp"
#include "results/results_file.hpp"
#include "results_compare.hpp"
#include "short_runs.hpp"
#include "runner/batch.hpp"

using homecare::test::require_same_datasets;
using homecare::test::TempDir;
namespace fs = std::filesystem;
namespace runner = homecare::runner;

namespace {
// Three months, two variants: a fraction of a second per replicate even under a sanitizer.
const std::string scenario =
    "name: t\n" + homecare::test::quarter_run + "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.2, 0.4]\n";

int run(const TempDir& dir, const std::string& out, int threads, bool resume = false) {
  runner::BatchOptions o;
  o.scenario_path = dir.path() + "/s.yaml";
  o.replicates = 3;
  o.seed = 7;
  o.threads = threads;
  o.out = dir.path() + "/" + out;
  o.quiet = true;
  o.resume = resume;
  return runner::run_batch(o);
}
}  // namespace

TEST_CASE("1, 2 and 4 threads write bit-identical datasets") {
  TempDir dir;
  dir.write("s.yaml", scenario);
  REQUIRE(run(dir, "t1.h5", 1) == 0);
  REQUIRE(run(dir, "t2.h5", 2) == 0);
  REQUIRE(run(dir, "t4.h5", 4) == 0);
  CHECK(require_same_datasets(dir.path() + "/t1.h5", dir.path() + "/t2.h5") > 0);
  CHECK(require_same_datasets(dir.path() + "/t1.h5", dir.path() + "/t4.h5") > 0);
  CHECK_FALSE(fs::exists(dir.path() + "/t2.h5.partial"));
}

TEST_CASE("a failed replicate leaves a partial run, and resuming on another thread count completes it") {
  TempDir dir;
  dir.write("s.yaml", scenario);
  REQUIRE(run(dir, "ref.h5", 2) == 0);
  ::setenv("HOMECARE_FAIL_REPLICATE", "0,2", 1);
  const int failed = run(dir, "r.h5", 2);
  ::unsetenv("HOMECARE_FAIL_REPLICATE");
  CHECK(failed == 1);
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5"));
  CHECK(homecare::test::journal_records(dir.path() + "/r.h5.partial").size() == 6);
  REQUIRE(run(dir, "r.h5", 4, true) == 0);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
}

TEST_CASE("a stop request ends the batch with 130 and a resumable partial run") {
  TempDir dir;
  dir.write("s.yaml", scenario);
  REQUIRE(run(dir, "ref.h5", 1) == 0);
  runner::stop_requested() = true;
  const int stopped = run(dir, "r.h5", 2);
  runner::stop_requested() = false;
  CHECK(stopped == 130);
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5"));
  CHECK(fs::exists(dir.path() + "/r.h5.partial/manifest"));
  REQUIRE(run(dir, "r.h5", 2, true) == 0);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
}
