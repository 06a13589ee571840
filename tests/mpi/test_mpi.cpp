// `mpirun -np 2 homecare run ...`: the same datasets as one process, a killed job resumed, a
// failing replicate reported once, bad input refused once.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "../integration/process.hpp"
#include "../integration/results_compare.hpp"
#include "../integration/short_runs.hpp"
#include "../unit/scenario/temp_scenario.hpp"

using homecare::test::Child;
using homecare::test::journal_records;
using homecare::test::require_same_datasets;
using homecare::test::run_homecare;
using homecare::test::run_shell;
using homecare::test::TempDir;
using homecare::test::wait_until;
namespace fs = std::filesystem;

namespace {
const std::string binary = std::string("'") + HOMECARE_BINARY + "'";
const std::string two_variants =
    "name: s\n" + homecare::test::year_run + "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.2, 0.4]\n";

/// mpirun with K processes (oversubscribed: the machine may have fewer cores), forwarding
/// HOMECARE_FAIL_REPLICATE when set.
std::string mpirun(int k, const std::string& args) {
  return std::string(HOMECARE_MPIRUN) + " --allow-run-as-root --oversubscribe -x HOMECARE_FAIL_REPLICATE -np " +
         std::to_string(k) + " " + binary + " " + args;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// The processes whose parent is `pid` (mpirun's ranks, on this machine).
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == pid) out.push_back(std::stoi(name));
  }
  return out;
}

std::size_t results_in(const std::string& folder) {
  std::size_t n = 0;
  for (const auto& rec : journal_records(folder)) n += rec.kind == homecare::runner::JournalRecord::Kind::result;
  return n;
}
}  // namespace

TEST_CASE("2 MPI processes write the same datasets as 1 process, whatever the threads") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 3 --seed 11 --quiet";
  REQUIRE(run_homecare(args + " --threads 1 --out one.h5", dir.path()).status == 0);
  const auto two = run_shell(mpirun(2, args + " --threads 1 --out two.h5"), dir.path());
  INFO(two.err);
  REQUIRE(two.status == 0);
  const auto two_t2 = run_shell(mpirun(2, args + " --threads 2 --out two_t2.h5"), dir.path());
  INFO(two_t2.err);
  REQUIRE(two_t2.status == 0);
  CHECK(require_same_datasets(dir.path() + "/one.h5", dir.path() + "/two.h5") > 0);
  CHECK(require_same_datasets(dir.path() + "/one.h5", dir.path() + "/two_t2.h5") > 0);
  CHECK_FALSE(fs::exists(dir.path() + "/two.h5.partial"));
}

TEST_CASE("an MPI job killed part-way (SIGKILL) resumes, on 2 processes or 1") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 4 --seed 11 --threads 1";
  REQUIRE(run_homecare(args + " --quiet --out ref.h5", dir.path()).status == 0);
  const std::string folder = dir.path() + "/r.h5.partial";
  for (int resume_on : {2, 1}) {
    fs::remove_all(folder);
    fs::remove(dir.path() + "/r.h5");
    {
      Child job(mpirun(2, args + " --quiet --out r.h5"), dir.path());
      REQUIRE(wait_until([&] { return results_in(folder) >= 2; }));
      // A node dies: its processes are killed outright; mpirun then ends the job.
      for (pid_t p : children_of(job.pid())) ::kill(p, SIGKILL);
      const auto killed = job.wait();
      CHECK(killed.status != 0);
    }
    const std::size_t done = results_in(folder);
    REQUIRE(done < 8);
    CHECK_FALSE(fs::exists(dir.path() + "/r.h5"));
    const auto res = resume_on == 2 ? run_shell(mpirun(2, args + " --out r.h5 --resume"), dir.path())
                                    : run_homecare(args + " --out r.h5 --resume", dir.path());
    INFO("resumed on " << resume_on << ": " << res.err);
    REQUIRE(res.status == 0);
    CHECK(res.err.find("already done") != std::string::npos);
    CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
    CHECK_FALSE(fs::exists(folder));
  }
}

TEST_CASE("under MPI a failing replicate is reported once, exits 1, and a resume retries it") {
  TempDir dir;
  dir.write("s.yaml", two_variants);
  const std::string args = "run s.yaml --replicates 3 --seed 11 --threads 1 --out r.h5";
  REQUIRE(run_homecare("run s.yaml --replicates 3 --seed 11 --quiet --out ref.h5", dir.path()).status == 0);
  const auto failed = run_shell("HOMECARE_FAIL_REPLICATE=2 " + mpirun(2, args), dir.path());
  INFO(failed.err);
  CHECK(failed.status == 1);
  CHECK(count(failed.err, "homecare: 2 of 6 replicates failed:\n") == 1);
  CHECK(count(failed.err, "replicate 2 made to fail on purpose") == 2);
  CHECK_FALSE(fs::exists(dir.path() + "/r.h5"));
  const auto resumed = run_shell(mpirun(2, args + " --resume --quiet"), dir.path());
  INFO(resumed.err);
  REQUIRE(resumed.status == 0);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
}

TEST_CASE("bad input under MPI exits 2 with one message") {
  TempDir dir;
  const auto missing = run_shell(mpirun(2, "run nowhere.yaml"), dir.path());
  CHECK(missing.status == 2);
  CHECK(count(missing.err, "homecare: nowhere.yaml: no such file\n") == 1);
  dir.write("s.yaml", homecare::test::year_run);
  const auto option = run_shell(mpirun(2, "run s.yaml --replicate 3"), dir.path());
  CHECK(option.status == 2);
  CHECK(count(option.err, "homecare: command line: --replicate: unknown option; did you mean '--replicates'?\n") == 1);
}
