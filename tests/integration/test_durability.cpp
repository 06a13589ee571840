// Durability of `homecare run` with real processes: SIGKILL at any moment and --resume, SIGTERM,
// extending a file, failing replicates, and the refusals that protect existing work.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>

#include "../unit/scenario/temp_scenario.hpp"
#include "process.hpp"
#include "results/results_file.hpp"
#include "results_compare.hpp"
#include "short_runs.hpp"

using homecare::test::Child;
using homecare::test::journal_records;
using homecare::test::require_same_datasets;
using homecare::test::run_homecare;
using homecare::test::TempDir;
using homecare::test::wait_until;
namespace fs = std::filesystem;
namespace r = homecare::results;

namespace {
const std::string binary = std::string("'") + HOMECARE_BINARY + "'";
// Two variants, a year each (about 0.3 s per replicate in Release).
const std::string two_variants =
    "name: s\n" + homecare::test::year_run + "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.2, 0.4]\n";

std::size_t results_in(const std::string& folder) {
  std::size_t n = 0;
  for (const auto& rec : journal_records(folder)) n += rec.kind == homecare::runner::JournalRecord::Kind::result;
  return n;
}

/// Everything in `dir` but the test's own files: what a run leaves behind.
std::vector<std::string> leftovers(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n != "s.yaml" && n != "ref.h5" && n != ".stdout" && n != ".stderr") out.push_back(n);
  }
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_CASE("SIGKILL at any moment, then --resume: the file equals an uninterrupted run's") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 4 --seed 5 --threads 2 --quiet";
  REQUIRE(run_homecare(args + " --out ref.h5", dir.path()).status == 0);
  // Kill after increasing delays: before the partial folder exists, while the manifest or a
  // journal record is being written, between replicates, during the final write.
  bool finished = false;
  for (int delay_ms : {0, 30, 120, 250, 400, 550, 700, 900, 1100, 1400}) {
    Child c(binary + " " + args + " --out r.h5 --resume", dir.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    c.signal(SIGKILL);
    const auto res = c.wait();
    INFO("killed after " << delay_ms << " ms: " << res.err);
    // Never a half-written file: nothing at --out, or the complete one.
    if (fs::exists(dir.path() + "/r.h5")) {
      require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5");
      finished = true;
      break;
    }
    for (const auto& f : leftovers(dir.path())) CHECK(f == "r.h5.partial");
  }
  if (!finished) {
    const auto last = run_homecare(args + " --out r.h5 --resume", dir.path());
    INFO(last.err);
    REQUIRE(last.status == 0);
  }
  CHECK(leftovers(dir.path()) == std::vector<std::string>{"r.h5"});
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
}

TEST_CASE("a resume runs only the missing replicates, after cutting a torn journal tail") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 4 --seed 5 --threads 1";
  REQUIRE(run_homecare(args + " --quiet --out ref.h5", dir.path()).status == 0);
  const std::string folder = dir.path() + "/r.h5.partial";
  {
    Child c(binary + " " + args + " --quiet --out r.h5", dir.path());
    REQUIRE(wait_until([&] { return results_in(folder) >= 3; }));
    c.signal(SIGKILL);
    c.wait();
  }
  const std::size_t done = results_in(folder);
  REQUIRE(done < 8);
  // A crash in the middle of an append: half a record at the end of the journal.
  {
    const std::string journal = folder + "/journal-00000.bin";
    const auto size = fs::file_size(journal);
    std::ofstream(journal, std::ios::app | std::ios::binary) << std::string("HCRC\x01\0\0\0garbage", 15);
    REQUIRE(fs::file_size(journal) == size + 15);
  }
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5"));
  const auto res = run_homecare(args + " --out r.h5 --resume", dir.path());
  INFO(res.err);
  REQUIRE(res.status == 0);
  CHECK(res.err.find("homecare: resuming 'r.h5': " + std::to_string(done) + " of 8 replicates already done\n") !=
        std::string::npos);
  CHECK(res.err.find(", " + std::to_string(8 - done) + " to run on 1 process x 1 thread\n") != std::string::npos);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
  CHECK_FALSE(fs::exists(folder));
}

TEST_CASE("SIGTERM stops after the replicates under way: exit 130, then --resume completes") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 3 --seed 5 --threads 1";
  REQUIRE(run_homecare(args + " --quiet --out ref.h5", dir.path()).status == 0);
  const std::string folder = dir.path() + "/r.h5.partial";
  Child c(binary + " " + args + " --out r.h5", dir.path());
  REQUIRE(wait_until([&] { return results_in(folder) >= 1; }));
  c.signal(SIGTERM);
  const auto res = c.wait();
  INFO(res.err);
  CHECK(res.status == 130);
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5"));
  const std::size_t done = results_in(folder);
  CHECK(done < 6);
  CHECK(res.err.ends_with("homecare: interrupted; the " + std::to_string(done) +
                          " of 6 replicates done are kept in 'r.h5.partial'; run the same command with "
                          "--resume to complete it\n"));
  REQUIRE(run_homecare(args + " --quiet --out r.h5 --resume", dir.path()).status == 0);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
}

TEST_CASE("raising --replicates with --resume extends a file of N replicates without recomputing them") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --seed 5 --threads 2";
  REQUIRE(run_homecare(args + " --replicates 6 --quiet --out ref.h5", dir.path()).status == 0);
  REQUIRE(run_homecare(args + " --replicates 3 --quiet --out r.h5", dir.path()).status == 0);
  const auto first = r::read_results(dir.path() + "/r.h5");

  auto same = run_homecare(args + " --replicates 3 --out r.h5 --resume", dir.path());
  CHECK(same.status == 0);
  CHECK(same.err == "homecare: 'r.h5' already holds all 3 replicates of every variant; nothing to do\n");
  CHECK(r::read_results(dir.path() + "/r.h5").provenance.created_utc == first.provenance.created_utc);

  auto more = run_homecare(args + " --replicates 6 --out r.h5 --resume", dir.path());
  INFO(more.err);
  REQUIRE(more.status == 0);
  CHECK(more.err.starts_with("homecare: extending 'r.h5' from 3 to 6 replicates per variant\n"
                             "homecare: s: 2 variants x 6 replicates, 6 to run on 1 process x 2 threads\n"));
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);

  auto fewer = run_homecare(args + " --replicates 4 --out r.h5 --resume", dir.path());
  CHECK(fewer.status == 2);
  CHECK(fewer.err == "homecare: --replicates: 'r.h5' already holds 6 replicates per variant, more than the 4 "
                     "asked for; ask for at least 6, choose another --out, or add --force to replace it\n");
  // --resume --force: resume what can be, replace what cannot (what a rerun script wants).
  CHECK(run_homecare(args + " --replicates 4 --out r.h5 --resume --force --quiet", dir.path()).status == 0);
  CHECK(r::read_results(dir.path() + "/r.h5").variants[0].replicates == 4);
}

TEST_CASE("a failing replicate is recorded, the others carry on, the run ends 1, and --resume retries it") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 3 --seed 5 --threads 2";
  REQUIRE(run_homecare(args + " --quiet --out ref.h5", dir.path()).status == 0);

  const auto failed = homecare::test::run_shell("HOMECARE_FAIL_REPLICATE=1 " + binary + " " + args + " --out r.h5",
                                                dir.path());
  CHECK(failed.status == 1);
  const std::string why = "replicate 1 made to fail on purpose (HOMECARE_FAIL_REPLICATE)";
  CHECK(failed.err.ends_with("homecare: 2 of 6 replicates failed:\n"
                             "homecare:   variant workforce.base_quit_hazard=0.2, replicate 1: " + why + "\n"
                             "homecare:   variant workforce.base_quit_hazard=0.4, replicate 1: " + why + "\n"
                             "homecare: the 4 of 6 replicates done are kept in 'r.h5.partial'; run the same "
                             "command with --resume to retry the failed ones and complete it\n"));
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5"));
  // The failures are in the journal with their variant, replicate and message.
  int failures = 0;
  for (const auto& rec : journal_records(dir.path() + "/r.h5.partial"))
    if (rec.kind == homecare::runner::JournalRecord::Kind::failure) {
      ++failures;
      CHECK(rec.replicate == 1);
      CHECK(rec.message == why);
    }
  CHECK(failures == 2);

  // Without --resume the partial run is not thrown away.
  const auto again = run_homecare(args + " --out r.h5", dir.path());
  CHECK(again.status == 2);
  CHECK(again.err == "homecare: --out: 'r.h5.partial' holds an unfinished run (4 of 6 replicates done); add "
                     "--resume to complete it, or --force to discard it\n");

  const auto resumed = run_homecare(args + " --out r.h5 --resume", dir.path());
  INFO(resumed.err);
  REQUIRE(resumed.status == 0);
  CHECK(resumed.err.find("2 to run") != std::string::npos);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
}

TEST_CASE("a resume refuses a partial run made from another scenario, seed or build, and --force starts again") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 2 --threads 2 --out r.h5";
  REQUIRE(homecare::test::run_shell("HOMECARE_FAIL_REPLICATE=1 " + binary + " " + args + " --seed 5 --quiet",
                                    dir.path()).status == 1);

  auto seed = run_homecare(args + " --seed 6 --resume", dir.path());
  CHECK(seed.status == 2);
  CHECK(seed.err == "homecare: --resume: 'r.h5.partial' was made from a different scenario or seed (scenario 's', "
                    "seed 5) than this run's ('s', seed 6); complete it with the scenario, seed and build it was "
                    "made with, or add --force to discard it and start again\n");

  dir.write("s.yaml", two_variants + "workforce:\n  wage_elasticity: 1.5\n");
  auto edited = run_homecare(args + " --seed 5 --resume", dir.path());
  CHECK(edited.status == 2);
  CHECK(edited.err.starts_with("homecare: --resume: 'r.h5.partial' was made from a different scenario or seed"));
  dir.write("s.yaml", two_variants);

  // The same scenario in a changed borough pack is another scenario: the pack's hash is in the
  // fingerprint. (A copy of the pack with one source line edited, found by --boroughs.)
  fs::create_directories(dir.path() + "/packs");
  fs::copy(std::string(HOMECARE_SOURCE_DIR) + "/boroughs/brent", dir.path() + "/packs/brent", fs::copy_options::recursive);
  fs::copy(std::string(HOMECARE_SOURCE_DIR) + "/boroughs/tables", dir.path() + "/packs/tables", fs::copy_options::recursive);
  std::string pack = homecare::test::slurp(dir.path() + "/packs/brent/pack.yaml");
  pack.replace(pack.find("display_name: Brent"), 19, "display_name: Brent (edited)");
  std::ofstream(dir.path() + "/packs/brent/pack.yaml") << pack;
  auto repacked = run_homecare(args + " --seed 5 --resume --boroughs packs", dir.path());
  CHECK(repacked.status == 2);
  CHECK(repacked.err.starts_with("homecare: --resume: 'r.h5.partial' was made from a different scenario or seed"));

  // Another build: the manifest and journals name a different engine.
  {
    const std::string manifest = dir.path() + "/r.h5.partial/manifest";
    std::string text = homecare::test::slurp(manifest);
    text = std::regex_replace(text, std::regex("engine: [^\n]*"), "engine: 0.0.1 (0123456789ab)");
    text = std::regex_replace(text, std::regex("\nfingerprint: [0-9a-f]*"), "\nfingerprint: 0000000000000000");
    std::ofstream(manifest) << text;
  }
  auto build = run_homecare(args + " --seed 5 --resume", dir.path());
  CHECK(build.status == 2);
  CHECK(build.err.starts_with("homecare: --resume: 'r.h5.partial' was made by another build of homecare "
                              "(0.0.1 (0123456789ab); this is "));

  auto forced = run_homecare(args + " --seed 5 --resume --force --quiet", dir.path());
  CHECK(forced.status == 0);
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5.partial"));
  CHECK(r::read_results(dir.path() + "/r.h5").variants[0].replicates == 2);
}

TEST_CASE("what is at --out is replaced only when it is safe") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  dir.write("other.yaml", "name: other\n" + homecare::test::quarter_run);

  // Not a results file: never replaced without --force.
  dir.write("notes.h5", "my notes\n");
  auto notes = run_homecare("run other.yaml --replicates 1 --out notes.h5", dir.path());
  CHECK(notes.status == 2);
  CHECK(notes.err == "homecare: --out: 'notes.h5' exists and is not a homecare results file; refusing to replace "
                     "it (add --force to replace it, or choose another --out)\n");
  CHECK(homecare::test::slurp(dir.path() + "/notes.h5") == "my notes\n");
  CHECK(leftovers(dir.path()) == std::vector<std::string>{"notes.h5", "other.yaml"});

  // Another scenario's results: not replaced without --force; the same scenario's: replaced.
  REQUIRE(run_homecare("run other.yaml --replicates 1 --quiet --out r.h5", dir.path()).status == 0);
  auto other = run_homecare("run s.yaml --replicates 1 --out r.h5", dir.path());
  CHECK(other.status == 2);
  CHECK(other.err == "homecare: --out: 'r.h5' holds the results of scenario 'other', not 's'; refusing to replace "
                     "them (add --force to replace them, or choose another --out)\n");
  CHECK(run_homecare("run other.yaml --replicates 2 --seed 9 --quiet --out r.h5", dir.path()).status == 0);
  CHECK(r::read_results(dir.path() + "/r.h5").variants[0].replicates == 2);
  CHECK(run_homecare("run s.yaml --replicates 1 --quiet --force --out r.h5", dir.path()).status == 0);
  CHECK(r::read_results(dir.path() + "/r.h5").provenance.scenario_name == "s");
}

TEST_CASE("a partial folder left beside the finished file (killed while cleaning up) is tidied away") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 2 --seed 5 --threads 2 --out r.h5 --quiet";
  REQUIRE(homecare::test::run_shell("HOMECARE_FAIL_REPLICATE=0 " + binary + " " + args, dir.path()).status == 1);
  fs::copy(dir.path() + "/r.h5.partial", dir.path() + "/saved", fs::copy_options::recursive);
  REQUIRE(run_homecare(args + " --resume", dir.path()).status == 0);
  // As if killed between putting the file in place and removing the folder: the manifest names
  // this file's fingerprint and replicate count, so the folder is stale.
  fs::copy(dir.path() + "/saved", dir.path() + "/r.h5.partial", fs::copy_options::recursive);
  const auto res = run_homecare("run s.yaml --replicates 2 --seed 5 --threads 2 --out r.h5 --resume", dir.path());
  CHECK(res.status == 0);
  CHECK(res.err == "homecare: 'r.h5' already holds all 2 replicates of every variant; nothing to do\n");
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5.partial"));
}

TEST_CASE("progress: a bar on a terminal, a line in a log, nothing with --quiet") {
  TempDir dir;
  dir.write("s.yaml", "name: s\n" + homecare::test::quarter_run);
  auto log = run_homecare("run s.yaml --replicates 3 --threads 1 --out a.h5", dir.path());
  REQUIRE(log.status == 0);
  CHECK(std::regex_search(log.err, std::regex("^homecare: s: 1 variant x 3 replicates, 3 to run on 1 process x 1 "
                                              "thread\nhomecare: 3/3 replicates \\(100%\\), [0-9.]+/s, took "
                                              "[0-9]+s\nhomecare: wrote a.h5\n$")));
  auto quiet = run_homecare("run s.yaml --replicates 3 --threads 1 --out b.h5 --quiet", dir.path());
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
  // A terminal (script(1) gives the run a pseudo-terminal): the bar is redrawn in place.
  auto tty = homecare::test::run_shell("script -qfec \"" + std::string(HOMECARE_BINARY) +
                                           " run s.yaml --replicates 3 --threads 1 --out c.h5\" /dev/null",
                                       dir.path());
  CHECK(tty.status == 0);
  CHECK(tty.out.find("\rhomecare: [############################] 3/3 replicates (100%)") != std::string::npos);
}
