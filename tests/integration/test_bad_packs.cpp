// Bad borough packs (tests/bad_inputs/packs/cases.yaml) through the real binary: a copy of a shipped
// pack (Brent's unless the case names another: `pack: ealing`) and the tables with one mistake
// each. `homecare validate --pack` exits 2 with exactly the message (file, line, column, key);
// `homecare run` of a scenario that uses the pack exits 2 with the same message and leaves the
// folder as it was (a results file already at --out is not touched).
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../unit/scenario/temp_scenario.hpp"
#include "process.hpp"

using homecare::test::listing;
using homecare::test::run_homecare;
using homecare::test::slurp;
using homecare::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string source_dir = HOMECARE_SOURCE_DIR;

struct Mistake {
  std::string pack = "brent";  // the shipped pack copied to packs/<pack> and mutated
  std::string file;     // relative to packs/<pack>
  bool remove = false;  // delete the file
  std::string from;     // else replace the first occurrence of this text
  std::string to;       // by this one
  std::string message;  // stderr of validate --pack packs/<pack>, without the newline
  bool prefix = false;  // the message starts with `message` (it quotes a long value)
};

/// Whether `actual` (without its newline) is `expected`, where `expected` may write `?:?` for the
/// line and column after its file name (for a file another change may move lines of: the rest of
/// the message, key path included, must still match exactly).
bool same_message(const std::string& actual, const std::string& expected, bool prefix) {
  const auto wild = expected.find(":?:?:");
  if (wild == std::string::npos) return prefix ? actual.starts_with(expected) : actual == expected;
  const std::string head = expected.substr(0, wild + 1);
  if (!actual.starts_with(head)) return false;
  std::size_t i = head.size();
  for (int number = 0; number < 2; ++number) {
    const std::size_t digits = i;
    while (i < actual.size() && actual[i] >= '0' && actual[i] <= '9') ++i;
    if (i == digits || i >= actual.size() || actual[i] != ':') return false;
    ++i;
  }
  return same_message(actual.substr(i), expected.substr(wild + 5), prefix);
}

/// tests/bad_inputs/packs/cases.yaml.
std::vector<Mistake> mistakes() {
  std::vector<Mistake> out;
  const YAML::Node cases = YAML::LoadFile(source_dir + "/tests/bad_inputs/packs/cases.yaml");
  for (const auto& c : cases) {
    Mistake m;
    if (c["pack"]) m.pack = c["pack"].as<std::string>();
    m.file = c["file"].as<std::string>();
    m.remove = c["delete"] && c["delete"].as<bool>();
    if (!m.remove) {
      m.from = c["replace"].as<std::string>();
      m.to = c["with"].as<std::string>();
    }
    m.prefix = static_cast<bool>(c["message_starts"]);
    m.message = (m.prefix ? c["message_starts"] : c["message"]).as<std::string>();
    out.push_back(std::move(m));
  }
  return out;
}

/// packs/<m.pack> and packs/tables in `dir`: the shipped ones, `m` applied.
void bad_pack(const TempDir& dir, const Mistake& m) {
  fs::create_directories(dir.path() + "/packs");
  fs::copy(source_dir + "/boroughs/" + m.pack, dir.path() + "/packs/" + m.pack, fs::copy_options::recursive);
  fs::copy(source_dir + "/boroughs/tables", dir.path() + "/packs/tables", fs::copy_options::recursive);
  const std::string file = "packs/" + m.pack + "/" + m.file;
  if (m.remove) {
    REQUIRE(fs::remove(dir.path() + "/" + file));
    return;
  }
  std::string text = dir.read(file);
  const auto at = text.find(m.from);
  REQUIRE(at != std::string::npos);
  text.replace(at, m.from.size(), m.to);
  dir.write(file, text);
}

}  // namespace

TEST_CASE("a bad borough pack: validate --pack and run exit 2 with the message, writing nothing") {
  const auto all = mistakes();
  REQUIRE(all.size() >= 20);
  // Every shipped pack has its own cases (issue 17 point 6: Ealing's living-wage phasing, its
  // out-of-borough share, its wards, boundaries, venues and targets).
  for (const char* pack : {"brent", "ealing"})
    CHECK(std::count_if(all.begin(), all.end(), [&](const Mistake& m) { return m.pack == pack; }) >= 6);
  for (const auto& m : all) {
    INFO(m.pack << "/" << m.file << ": " << m.to);
    TempDir dir;
    bad_pack(dir, m);
    const auto v = run_homecare("validate --pack packs/" + m.pack, dir.path());
    CHECK(v.status == 2);
    CHECK(v.out.empty());
    CHECK(v.err.ends_with("\n"));
    {
      INFO("validate wrote: " << v.err);
      CHECK(same_message(v.err.substr(0, v.err.size() - 1), m.message, m.prefix));
    }

    // A scenario in that borough, from a date the pack's tables cover (its calibration year).
    const std::string start = m.pack == "ealing" ? "2021-04-01" : "2016-04-01";
    const std::string end = m.pack == "ealing" ? "2021-06-30" : "2016-06-30";
    dir.write("s.yaml", "borough: " + m.pack + "\nrun:\n  start: " + start + "\n  end: " + end + "\n  replicates: 1\n");
    dir.write("r.h5", "results of an earlier run");
    const auto before = listing(dir.path());
    const auto r = run_homecare("run s.yaml --boroughs packs --out r.h5 --quiet", dir.path());
    CHECK(r.status == 2);
    CHECK(r.err.ends_with("\n"));
    {
      INFO("run wrote: " << r.err);
      CHECK(same_message(r.err.substr(0, r.err.size() - 1), "homecare: " + m.message, m.prefix));
    }
    CHECK(listing(dir.path()) == before);
    CHECK(slurp(dir.path() + "/r.h5") == "results of an earlier run");
  }
}

TEST_CASE("the shipped packs are valid, and a scenario may not run past a table's last date") {
  TempDir dir;
  for (const char* pack : {"brent", "ealing"}) {
    INFO(pack);
    const auto ok = run_homecare(std::string("validate --pack ") + pack, dir.path());
    CHECK(ok.status == 0);
    CHECK(ok.err.empty());
  }
  dir.write("late.yaml", "run:\n  end: 2027-06-30\n");
  const auto late = run_homecare("validate late.yaml", dir.path());
  CHECK(late.status == 2);
  CHECK(late.err == "late.yaml:2:8: run.end: 2027-06-30 needs table national_living_wage (" + source_dir +
                        "/boroughs/tables/wage_floors.yaml) on 2027-06-30, after its last date 2027-03-31 (add the "
                        "table's rows, with their sources, first)\n");
}

TEST_CASE("a key renamed for packs still loads in its old form, with a warning naming the new one") {
  TempDir dir;
  dir.write("old.yaml", "workforce:\n  move_within_brent_share: 0.5\n");
  dir.write("new.yaml", "workforce:\n  move_within_borough_share: 0.5\n");
  const auto old_run = run_homecare("validate old.yaml", dir.path());
  CHECK(old_run.status == 0);
  CHECK(old_run.err ==
        "homecare: warning: old.yaml:2:3: workforce.move_within_brent_share: renamed to "
        "workforce.move_within_borough_share; the old name still loads, but write the new one\n");
  const auto new_run = run_homecare("validate new.yaml", dir.path());
  CHECK(new_run.status == 0);
  CHECK(new_run.err.empty());
}
