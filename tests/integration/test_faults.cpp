// Command-line and environment faults with the real binary: mistakes on the command line, an
// --out that cannot be written, another scenario's results in the way, a full disk (a file-size
// limit, and a small tmpfs where mounting is allowed), and SIGINT mid-run. Each ends with a
// clear message and a documented exit status, never loses or corrupts a result, and, where work
// was done, `--resume` finishes with exactly the results of an uninterrupted run.
#include <catch2/catch.hpp>

#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "../unit/scenario/temp_scenario.hpp"
#include "process.hpp"
#include "results/results_file.hpp"
#include "results_compare.hpp"
#include "short_runs.hpp"

using homecare::test::Child;
using homecare::test::journal_records;
using homecare::test::require_same_datasets;
using homecare::test::run_homecare;
using homecare::test::run_shell;
using homecare::test::run_shell_with_file_limit;
using homecare::test::slurp;
using homecare::test::TempDir;
using homecare::test::wait_until;
using homecare::test::listing;
using homecare::test::usage;
namespace fs = std::filesystem;
namespace r = homecare::results;

namespace {
const std::string binary = std::string("'") + HOMECARE_BINARY + "'";
// Two variants of a quarter (about 0.07 s a replicate) and of a year (about 0.3 s).
const std::string quarter_two =
    "name: s\n" + homecare::test::quarter_run + "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.2, 0.4]\n";
const std::string year_two =
    "name: s\n" + homecare::test::year_run + "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.2, 0.4]\n";

std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t results_in(const std::string& folder) {
  std::size_t n = 0;
  for (const auto& rec : journal_records(folder)) n += rec.kind == homecare::runner::JournalRecord::Kind::result;
  return n;
}

/// Bytes of one journal record of a replicate in `ref` (layout in runner/journal.cpp: a 20-byte
/// head, the values (monthly, summary, yearly), a CRC-32).
std::uintmax_t record_bytes(const std::string& ref) {
  const auto f = r::read_results(ref);
  const auto& v = f.variants.at(0);
  return 20 + 8 * (v.monthly.size() * v.months.size() + v.summary.size() + v.yearly.size() * v.years.size() +
                   v.by_ward.size() * v.wards.size()) + 4;
}
constexpr std::uintmax_t journal_header_bytes = 32;

/// A tmpfs mounted for this test alone: the test process moves to a mount namespace of its own
/// first (so nothing is mounted on the host, and the mount goes with the process). `why_not`
/// says why not when the system does not allow it (not root, or no CAP_SYS_ADMIN in a container).
class Tmpfs {
 public:
  Tmpfs(const std::string& path, const std::string& options) : path_(path) {
    static const std::string isolated = [] {
      if (::unshare(CLONE_NEWNS) != 0) return std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
      if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return std::string("making mounts private: ") + std::strerror(errno);
      return std::string();
    }();
    if (!isolated.empty()) {
      why_not_ = isolated;
      return;
    }
    fs::create_directories(path_);
    if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      why_not_ = "mount -t tmpfs: " + std::string(std::strerror(errno));
      return;
    }
    mounted_ = true;
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;
  [[nodiscard]] bool mounted() const { return mounted_; }
  [[nodiscard]] const std::string& why_not() const { return why_not_; }
  /// New options (size=..., ro, rw) for the mounted tmpfs.
  void remount(const std::string& options, unsigned long flags = 0) const {
    REQUIRE(::mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT | flags, options.c_str()) == 0);
  }

 private:
  std::string path_;
  bool mounted_ = false;
  std::string why_not_;
};

}  // namespace

TEST_CASE("command-line mistakes: exit 2, the message, the usage, and nothing written") {
  TempDir dir;
  dir.write("s.yaml", "name: s\n" + homecare::test::quarter_run);
  dir.write("other.yaml", "name: other\n" + homecare::test::quarter_run);
  const auto before = listing(dir.path());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"run s.yaml --replicate 3", "--replicate: unknown option; did you mean '--replicates'?"},
      {"run s.yaml --frobnicate", "--frobnicate: unknown option"},
      {"run s.yaml -r 3", "-r: unknown option"},
      {"run s.yaml --replicates 0", "--replicates: 0 is below the minimum 1"},
      {"run s.yaml --replicates -3", "--replicates: -3 is below the minimum 1"},
      {"run s.yaml --replicates 100001", "--replicates: 100001 is above the maximum 100000"},
      {"run s.yaml --replicates 99999999999999999999", "--replicates: 99999999999999999999 is above the maximum 100000"},
      {"run s.yaml --replicates 1e3", "--replicates: expected a whole number, got '1e3'"},
      {"run s.yaml --replicates ten", "--replicates: expected a whole number, got 'ten'"},
      {"run s.yaml --replicates", "--replicates: needs a value"},
      {"run s.yaml --seed -1", "--seed: -1 is below the minimum 0"},
      {"run s.yaml --seed=4294967296", "--seed: 4294967296 is above the maximum 4294967295"},
      {"run s.yaml --seed=", "--seed: needs a value, got an empty one"},
      {"run s.yaml --out ''", "--out: needs a value, got an empty one"},
      {"run s.yaml --threads 0", "--threads: 0 is below the minimum 1"},
      {"run s.yaml --threads 4097", "--threads: 4097 is above the maximum 4096"},
      {"run s.yaml --quiet=yes", "--quiet: takes no value"},
      {"run s.yaml other.yaml", "other.yaml: only one scenario file per run"},
      {"run", "run: needs a scenario file"},
      {"validate", "validate: needs at least one scenario file or --pack"},
      {"validate --strict s.yaml", "--strict: unknown option"},
      {"describe all", "all: describe takes no files (--pack NAME|DIR names a borough pack)"},
      {"describe --jsno", "--jsno: unknown option; did you mean '--json'?"},
      {"describe --pack", "--pack: needs a value"},
      {"frobnicate", "frobnicate: unknown command"},
      {"rnu s.yaml", "rnu: unknown command; did you mean 'run'?"},
  };
  for (const auto& [args, message] : cases) {
    INFO("homecare " << args);
    const auto res = run_homecare(args, dir.path());
    CHECK(res.status == 2);
    CHECK(res.err == "homecare: command line: " + message + "\n" + usage);
    CHECK(res.out.empty());
  }
  // Nothing at all: the usage and where to read more.
  const auto none = run_homecare("", dir.path());
  CHECK(none.status == 2);
  CHECK(none.err == usage + "(homecare --help for the options and exit statuses)\n");
  // --help documents the options and every exit status.
  const auto help = run_homecare("--help", dir.path());
  CHECK(help.status == 0);
  CHECK(help.out.starts_with(usage));
  for (const char* s : {"--resume", "--force", "exit status:", "\n  0    success", "\n  1    a failure",
                        "\n  2    invalid input", "\n  130  interrupted"})
    CHECK(help.out.find(s) != std::string::npos);
  // --option=value reads like --option value; given twice, the last one counts (a wrapper script
  // such as cluster/homecare.slurm passes --resume and --threads, and its user may too).
  CHECK(run_homecare("run s.yaml --replicates=1 --seed=3 --threads=1 --out=eq.h5 --quiet", dir.path()).status == 0);
  CHECK(run_homecare("run s.yaml --seed 3 --replicates 5 --replicates 2 --out eq.h5 --resume --resume --quiet", dir.path()).status == 0);
  CHECK(homecare::results::read_results(dir.path() + "/eq.h5").variants[0].replicates == 2);
  fs::remove(dir.path() + "/eq.h5");
  CHECK(listing(dir.path()) == before);
}

TEST_CASE("a command-line --replicates that would make too many replicates in all is refused before any work") {
  TempDir dir;
  dir.write("lhs.yaml", "name: lhs\n" + homecare::test::quarter_run +
                            "sweep:\n  latin_hypercube:\n    samples: 10000\n    ranges:\n"
                            "      workforce.base_quit_hazard: [0.1, 0.9]\n");
  const auto res = run_shell("timeout 60 " + binary + " run lhs.yaml --replicates 101 --out r.h5", dir.path());
  CHECK(res.status == 2);
  CHECK(res.err == "homecare: command line: --replicates: 10000 variants x 101 replicates is 1010000 replicates in "
                   "all, above the limit of 1000000 for one run (split the sweep, or ask for fewer replicates)\n");
  CHECK(names_in(dir.path()) == std::vector<std::string>{".stderr", ".stdout", "lhs.yaml"});
}

TEST_CASE("an --out that cannot be written is refused before any work (no privileges needed)") {
  TempDir dir;
  dir.write("s.yaml", "name: s\n" + homecare::test::quarter_run);
  dir.write("notes.txt", "my notes\n");
  fs::create_directories(dir.path() + "/a-folder.h5");
  REQUIRE(::mkfifo((dir.path() + "/fifo.h5").c_str(), 0644) == 0);
  const auto before = listing(dir.path());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--out missing/r.h5", "--out: the folder 'missing' does not exist"},
      // The parent is a regular file: the operating system's ENOTDIR, which no privilege overrides.
      {"--out notes.txt/r.h5", "--out: 'notes.txt' is not a folder"},
      {"--out notes.txt/r.h5 --force", "--out: 'notes.txt' is not a folder"},
      {"--out a-folder.h5", "--out: 'a-folder.h5' is a folder; give a file name"},
      // A FIFO would block the run reading it; --force would replace it with a file.
      {"--out fifo.h5", "--out: 'fifo.h5' is not a regular file; refusing to write results there (choose another --out)"},
      {"--out fifo.h5 --force --resume",
       "--out: 'fifo.h5' is not a regular file; refusing to write results there (choose another --out)"},
      {"--out /proc/self/status/r.h5", "--out: '/proc/self/status' is not a folder"},
  };
  for (const auto& [args, message] : cases) {
    INFO("homecare run s.yaml " << args);
    const auto res = run_shell("timeout 20 " + binary + " run s.yaml --replicates 1 " + args, dir.path());
    CHECK(res.status == 2);
    CHECK(res.err == "homecare: " + message + "\n");
  }
  CHECK(listing(dir.path()) == before);
  CHECK(slurp(dir.path() + "/notes.txt") == "my notes\n");
}

TEST_CASE("an --out on a read-only file system is refused before any work (needs mount, else skipped)") {
  TempDir dir;
  dir.write("s.yaml", "name: s\n" + homecare::test::quarter_run);
  Tmpfs ro(dir.path() + "/ro", "size=1m");
  if (!ro.mounted()) {
    WARN("skipped: cannot mount a tmpfs here (" << ro.why_not() << ")");
    return;
  }
  // A results file already there, then the file system made read-only.
  REQUIRE(run_homecare("run s.yaml --replicates 1 --quiet --out ro/r.h5", dir.path()).status == 0);
  const std::string kept = slurp(dir.path() + "/ro/r.h5");
  ro.remount("size=1m", MS_RDONLY);
  for (const std::string extra : {"", " --resume", " --force"}) {
    INFO("homecare run s.yaml --replicates 2 --out ro/r.h5" << extra);
    const auto res = run_homecare("run s.yaml --replicates 2 --out ro/r.h5" + extra, dir.path());
    CHECK(res.status == 2);
    CHECK(res.err == "homecare: --out: cannot write in the folder 'ro': Read-only file system\n");
  }
  CHECK(names_in(dir.path() + "/ro") == std::vector<std::string>{"r.h5"});
  CHECK(slurp(dir.path() + "/ro/r.h5") == kept);
}

TEST_CASE("another scenario's results at --out: refused, byte for byte untouched, unless --force") {
  TempDir dir;
  dir.write("s.yaml", quarter_two);
  dir.write("other.yaml", "name: other\n" + homecare::test::quarter_run);
  REQUIRE(run_homecare("run other.yaml --replicates 1 --seed 3 --quiet --out r.h5", dir.path()).status == 0);
  const std::string theirs = slurp(dir.path() + "/r.h5");
  const auto refused = run_homecare("run s.yaml --replicates 1 --out r.h5", dir.path());
  CHECK(refused.status == 2);
  CHECK(refused.err == "homecare: --out: 'r.h5' holds the results of scenario 'other', not 's'; refusing to "
                       "replace them (add --force to replace them, or choose another --out)\n");
  // --resume cannot extend them either: they are not this scenario's.
  const auto resumed = run_homecare("run s.yaml --replicates 1 --seed 3 --out r.h5 --resume", dir.path());
  CHECK(resumed.status == 2);
  CHECK(resumed.err == "homecare: --resume: 'r.h5' was made from a different scenario or seed (scenario 'other', "
                       "seed 3) than this run's ('s', seed 3), so it cannot be extended; add --force to replace "
                       "it, or choose another --out\n");
  CHECK(slurp(dir.path() + "/r.h5") == theirs);
  CHECK(names_in(dir.path()) == std::vector<std::string>{".stderr", ".stdout", "other.yaml", "r.h5", "s.yaml"});
  const auto forced = run_homecare("run s.yaml --replicates 1 --quiet --force --out r.h5", dir.path());
  CHECK(forced.status == 0);
  CHECK(r::read_results(dir.path() + "/r.h5").provenance.scenario_name == "s");
}

TEST_CASE("a full disk (a file-size limit): exit 1 with the reason, the previous file untouched, no corrupt "
          "file, and --resume completes with the uninterrupted run's results") {
  TempDir dir;
  dir.write("s.yaml", quarter_two);
  const std::string args = "run s.yaml --seed 5 --threads 1 --out r.h5";
  REQUIRE(run_homecare("run s.yaml --replicates 3 --seed 5 --threads 1 --quiet --out ref.h5", dir.path()).status == 0);
  // A complete file of the same scenario, which the run replaces only once the new one is complete.
  REQUIRE(run_homecare(args + " --replicates 1 --quiet", dir.path()).status == 0);
  const std::string previous = slurp(dir.path() + "/r.h5");
  const std::uintmax_t record = record_bytes(dir.path() + "/ref.h5");
  const std::string folder = dir.path() + "/r.h5.partial";

  // (1) The disk fills while replicates are journaled: room for one record and a half.
  {
    const auto res = run_shell_with_file_limit(binary + " " + args + " --replicates 3",
                                               dir.path(), journal_header_bytes + record + record / 2);
    INFO(res.err);
    CHECK(res.signal == 0);  // not killed by SIGXFSZ: the write fails and is reported
    CHECK(res.status == 1);
    CHECK(res.err.find("homecare: error: cannot append to the journal 'r.h5.partial/journal-00000.bin': File too "
                       "large\n") != std::string::npos);
    CHECK(res.err.ends_with("homecare: the 1 of 6 replicates done are kept in 'r.h5.partial'; run the same "
                            "command with --resume to complete it\n"));
    CHECK(slurp(dir.path() + "/r.h5") == previous);
    // The torn second record was cut off: the journal holds exactly the first.
    CHECK(fs::file_size(folder + "/journal-00000.bin") == journal_header_bytes + record);
    CHECK(results_in(folder) == 1);
  }
  // (2) The journal has room, the results file does not: every replicate is kept, the final
  // write fails wherever the limit falls in it, and what was at --out stays as it was.
  const std::uintmax_t journal_full = journal_header_bytes + 6 * record;
  const std::uintmax_t final_size = fs::file_size(dir.path() + "/ref.h5");
  REQUIRE(journal_full < final_size);
  for (std::uintmax_t limit : {journal_full + 1, final_size / 4, final_size / 2, final_size - 4096, final_size - 1}) {
    const auto res = run_shell_with_file_limit(binary + " " + args + " --replicates 3 --resume", dir.path(), limit);
    INFO("limit " << limit << " bytes: " << res.err);
    CHECK(res.signal == 0);
    CHECK(res.status == 1);
    CHECK(res.err.find("homecare: error: HDF5: cannot ") != std::string::npos);
    CHECK(res.err.ends_with(": File too large\n"));
    CHECK(slurp(dir.path() + "/r.h5") == previous);
    CHECK(names_in(folder) == std::vector<std::string>{"journal-00000.bin", "manifest"});
    CHECK(results_in(folder) == 6);
  }
  CHECK(names_in(dir.path()) == std::vector<std::string>{".stderr", ".stdout", "r.h5", "r.h5.partial", "ref.h5", "s.yaml"});
  // (3) Room again: --resume writes the file an uninterrupted run writes.
  const auto done = run_homecare(args + " --replicates 3 --resume", dir.path());
  INFO(done.err);
  REQUIRE(done.status == 0);
  CHECK(done.err.find("homecare: resuming 'r.h5': 6 of 6 replicates already done\n") != std::string::npos);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/r.h5") > 0);
  CHECK(names_in(dir.path()) == std::vector<std::string>{".stderr", ".stdout", "r.h5", "ref.h5", "s.yaml"});
}

TEST_CASE("a full disk (a small tmpfs): exit 1 with the reason, the previous file untouched, and --resume "
          "completes once there is room (needs mount, else skipped)") {
  TempDir dir;
  dir.write("s.yaml", quarter_two);
  REQUIRE(run_homecare("run s.yaml --replicates 3 --seed 5 --threads 1 --quiet --out ref.h5", dir.path()).status == 0);
  Tmpfs disk(dir.path() + "/disk", "size=4m");
  if (!disk.mounted()) {
    WARN("skipped: cannot mount a tmpfs here (" << disk.why_not() << ")");
    return;
  }
  const std::string args = "run s.yaml --seed 5 --threads 1 --out disk/r.h5";
  REQUIRE(run_homecare(args + " --replicates 1 --quiet", dir.path()).status == 0);
  const std::string previous = slurp(dir.path() + "/disk/r.h5");
  // Room for the previous file and the journal, not for a second results file beside it.
  const std::uintmax_t room = previous.size() + 16 * 1024 + 2 * record_bytes(dir.path() + "/ref.h5") * 6;
  disk.remount("size=" + std::to_string(room));
  const auto full = run_homecare(args + " --replicates 3", dir.path());
  INFO(full.err);
  CHECK(full.status == 1);
  CHECK(full.err.find("homecare: error: ") != std::string::npos);
  CHECK(full.err.ends_with(": No space left on device\n"));
  CHECK(slurp(dir.path() + "/disk/r.h5") == previous);
  CHECK(names_in(dir.path() + "/disk") == std::vector<std::string>{"r.h5", "r.h5.partial"});
  disk.remount("size=4m");
  const auto done = run_homecare(args + " --replicates 3 --resume", dir.path());
  INFO(done.err);
  REQUIRE(done.status == 0);
  CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/disk/r.h5") > 0);
  CHECK(names_in(dir.path() + "/disk") == std::vector<std::string>{"r.h5"});
}

TEST_CASE("SIGINT mid-run: exit 130 and a resumable partial, a second SIGINT stops at once, and --resume "
          "finishes with the uninterrupted run's results") {
  TempDir dir;
  dir.write("s.yaml", year_two);
  const std::string args = "run s.yaml --replicates 2 --seed 5 --threads 1";
  REQUIRE(run_homecare(args + " --quiet --out ref.h5", dir.path()).status == 0);

  // One Ctrl-C: the replicate under way finishes and is journaled, then the run ends with 130.
  {
    const std::string folder = dir.path() + "/a.h5.partial";
    Child c(binary + " " + args + " --out a.h5", dir.path());
    REQUIRE(wait_until([&] { return results_in(folder) >= 1; }));
    c.signal(SIGINT);
    const auto res = c.wait();
    INFO(res.err);
    CHECK(res.signal == 0);
    CHECK(res.status == 130);
    CHECK_FALSE(fs::exists(dir.path() + "/a.h5"));
    const std::size_t done = results_in(folder);
    CHECK(done < 4);
    CHECK(res.err.ends_with("homecare: interrupted; the " + std::to_string(done) +
                            " of 4 replicates done are kept in 'a.h5.partial'; run the same command with "
                            "--resume to complete it\n"));
    const auto resumed = run_homecare(args + " --quiet --out a.h5 --resume", dir.path());
    REQUIRE(resumed.status == 0);
    CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/a.h5") > 0);
  }
  // Two: the process ends at once, by the signal; what was journaled is still good. The second
  // must reach the process while a replicate is under way (after one, the run ends by itself),
  // so the attempt is repeated if the run ended between the two.
  {
    const std::string folder = dir.path() + "/b.h5.partial";
    bool stopped_at_once = false;
    for (int attempt = 0; attempt < 5 && !stopped_at_once; ++attempt) {
      // An earlier attempt's journal is gone first: otherwise the wait below could see its
      // results before this run's --force removes them, and signal a run with none yet.
      fs::remove_all(folder);
      Child c(binary + " " + args + " --out b.h5 --force", dir.path());
      REQUIRE(wait_until([&] { return results_in(folder) >= 1; }));
      // The next replicate starts as soon as the last is journaled, and takes about 130 ms in
      // Release (a year's run): signal early in it, so that it is still under way 30 ms later.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      c.signal(SIGINT);
      std::this_thread::sleep_for(std::chrono::milliseconds(30));  // two pending SIGINTs would be one
      if (!c.running()) continue;
      c.signal(SIGINT);
      const auto res = c.wait();
      INFO(res.err);
      CHECK(res.signal == SIGINT);
      stopped_at_once = true;
    }
    REQUIRE(stopped_at_once);
    CHECK_FALSE(fs::exists(dir.path() + "/b.h5"));
    CHECK(results_in(folder) >= 1);
    const auto resumed = run_homecare(args + " --out b.h5 --resume", dir.path());
    INFO(resumed.err);
    REQUIRE(resumed.status == 0);
    CHECK(resumed.err.starts_with("homecare: resuming 'b.h5': "));
    CHECK(require_same_datasets(dir.path() + "/ref.h5", dir.path() + "/b.h5") > 0);
  }
  CHECK(names_in(dir.path()) == std::vector<std::string>{".stderr", ".stdout", "a.h5", "b.h5", "ref.h5", "s.yaml"});
}
