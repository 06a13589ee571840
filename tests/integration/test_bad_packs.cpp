// Bad borough packs (tests/bad_inputs/packs/cases.yaml) through the real binary: a copy of the Brent
// pack (and the tables) with one mistake each. `homecare validate --pack` exits 2 with exactly the message (file, line, column,
// key); `homecare run` of a scenario that uses the pack exits 2 with the same message and leaves
// the folder as it was (a results file already at --out is not touched).
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

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
  std::string file;     // relative to packs/brent
  bool remove = false;  // delete the file
  std::string from;     // else replace the first occurrence of this text
  std::string to;       // by this one
  std::string message;  // stderr of validate --pack packs/brent, without the newline
  bool prefix = false;  // the message starts with `message` (it quotes a long value)
};

/// tests/bad_inputs/packs/cases.yaml.
std::vector<Mistake> mistakes() {
  std::vector<Mistake> out;
  const YAML::Node cases = YAML::LoadFile(source_dir + "/tests/bad_inputs/packs/cases.yaml");
  for (const auto& c : cases) {
    Mistake m;
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

/// packs/brent and packs/tables in `dir`: the shipped ones, `m` applied.
void bad_pack(const TempDir& dir, const Mistake& m) {
  fs::create_directories(dir.path() + "/packs");
  fs::copy(source_dir + "/boroughs/brent", dir.path() + "/packs/brent", fs::copy_options::recursive);
  fs::copy(source_dir + "/boroughs/tables", dir.path() + "/packs/tables", fs::copy_options::recursive);
  const std::string file = "packs/brent/" + m.file;
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
  for (const auto& m : all) {
    INFO(m.file << ": " << m.to);
    TempDir dir;
    bad_pack(dir, m);
    const auto v = run_homecare("validate --pack packs/brent", dir.path());
    CHECK(v.status == 2);
    CHECK(v.out.empty());
    if (m.prefix) CHECK(v.err.starts_with(m.message));
    else CHECK(v.err == m.message + "\n");

    dir.write("s.yaml", "borough: brent\nrun:\n  end: 2016-06-30\n  replicates: 1\n");
    dir.write("r.h5", "results of an earlier run");
    const auto before = listing(dir.path());
    const auto r = run_homecare("run s.yaml --boroughs packs --out r.h5 --quiet", dir.path());
    CHECK(r.status == 2);
    const std::string expected = "homecare: " + m.message;
    if (m.prefix) CHECK(r.err.starts_with(expected));
    else CHECK(r.err == expected + "\n");
    CHECK(listing(dir.path()) == before);
    CHECK(slurp(dir.path() + "/r.h5") == "results of an earlier run");
  }
}

TEST_CASE("the shipped packs are valid, and a scenario may not run past a table's last date") {
  TempDir dir;
  const auto ok = run_homecare("validate --pack brent", dir.path());
  CHECK(ok.status == 0);
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
