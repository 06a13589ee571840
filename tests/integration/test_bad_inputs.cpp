// The bad-input corpus (tests/bad_inputs/, see its README) through the real binary: every case
// makes `homecare validate` and `homecare run` exit 2 with exactly its message, without a crash
// or a sanitizer report, and without writing anything.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "../unit/scenario/temp_scenario.hpp"
#include "process.hpp"

using homecare::test::run_shell;
using homecare::test::slurp;
using homecare::test::TempDir;
using homecare::test::listing;
namespace fs = std::filesystem;

namespace {

const std::string corpus_dir = std::string(HOMECARE_SOURCE_DIR) + "/tests/bad_inputs";
const std::set<std::string> setups = {"", "directory", "missing", "oversize", "very-deep-nesting", "extends-chain"};

struct Case {
  std::string name;     // NN-short-name
  std::string setup;    // "" when the .yaml file is stored as it is
  std::string message;  // what `homecare validate` writes to stderr, without the newline
};

std::vector<Case> corpus() {
  std::vector<Case> out;
  for (const auto& e : fs::directory_iterator(corpus_dir)) {
    if (e.path().extension() != ".expected") continue;
    Case c;
    c.name = e.path().stem().string();
    std::ifstream in(e.path());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("# setup: ")) c.setup = line.substr(9);
      else if (!line.starts_with("#")) lines.push_back(line);
    }
    INFO(c.name);
    REQUIRE(lines.size() == 1);
    c.message = lines[0];
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return out;
}

/// Makes the files a case's setup describes, in the copy of the corpus at `dir`.
void set_up(const Case& c, const std::string& dir) {
  const std::string file = dir + "/" + c.name + ".yaml";
  if (c.setup == "directory") {
    fs::create_directories(file);
  } else if (c.setup == "oversize") {
    std::ofstream(file) << "# " << std::string(1U << 20U, 'x') << "\n";
  } else if (c.setup == "very-deep-nesting") {
    std::ofstream(file) << "run: " << std::string(500000, '[') << std::string(500000, ']') << "\n";
  } else if (c.setup == "extends-chain") {
    std::ofstream(file) << "extends: include/chain-01.yaml\n";
    for (int i = 1; i <= 16; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "chain-%02d.yaml", i + 1);
      char self[32];
      std::snprintf(self, sizeof self, "chain-%02d.yaml", i);
      std::ofstream(dir + "/include/" + self) << "extends: " << name << "\n";
    }
    std::ofstream(dir + "/include/chain-17.yaml") << "name: end\n";
  }
}


const std::string binary = std::string("'") + HOMECARE_BINARY + "'";

}  // namespace

TEST_CASE("the bad-input corpus: at least 40 cases, each complete") {
  const auto cases = corpus();
  CHECK(cases.size() >= 40);
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(setups.contains(c.setup));
    // A stored case has its file; a made one does not (the test makes it).
    CHECK(fs::exists(corpus_dir + "/" + c.name + ".yaml") == c.setup.empty());
    // The message names the case's file, or the file it extends where the mistake is.
    CHECK((c.message.starts_with(c.name + ".yaml") || c.message.starts_with("include/")));
  }
  // No stored file without its expectation.
  for (const auto& e : fs::directory_iterator(corpus_dir))
    if (e.path().extension() == ".yaml") {
      INFO(e.path().filename());
      CHECK(fs::exists(corpus_dir + "/" + e.path().stem().string() + ".expected"));
    }
}

TEST_CASE("every bad input: validate and run exit 2 with the exact message, crash-free, writing nothing") {
  const auto cases = corpus();
  REQUIRE(!cases.empty());
  for (const auto& c : cases) {
    INFO("case " << c.name << (c.setup.empty() ? "" : " (setup: " + c.setup + ")"));
    TempDir dir;
    // The corpus and the shipped scenarios where they are in the source tree, so that a case's
    // `extends: ../../scenarios/ealing-baseline.yaml` finds the shipped file.
    const std::string work = dir.path() + "/tests/bad_inputs";
    fs::create_directories(dir.path() + "/tests");
    fs::copy(corpus_dir, work, fs::copy_options::recursive);
    fs::copy(std::string(HOMECARE_SOURCE_DIR) + "/scenarios", dir.path() + "/scenarios", fs::copy_options::recursive);
    const auto scenarios_before = listing(dir.path() + "/scenarios");
    fs::create_directories(work + "/out");
    set_up(c, work);
    const auto before = listing(work);

    // `timeout`: a hang fails the case (status 124) instead of the whole suite.
    const auto v = run_shell("timeout 60 " + binary + " validate " + c.name + ".yaml", work);
    CHECK(v.status == 2);
    CHECK(v.err == c.message + "\n");
    CHECK(v.out.empty());

    const auto r = run_shell("timeout 60 " + binary + " run " + c.name + ".yaml --out out/r.h5 --threads 1", work);
    CHECK(r.status == 2);
    CHECK(r.err == "homecare: " + c.message + "\n");
    CHECK(r.out.empty());

    CHECK(fs::is_empty(work + "/out"));
    CHECK(listing(work) == before);
    CHECK(listing(dir.path() + "/scenarios") == scenarios_before);
  }
}
