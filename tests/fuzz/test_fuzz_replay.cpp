// Replays the fuzzer's seed corpus (the shipped scenarios and tests/fuzz/seeds) and every input
// the fuzzer ever found a problem with (tests/fuzz/regressions) through the fuzz target's own
// entry function, in the ordinary builds (g++ release, ASan + UBSan), with the fuzzer's limits:
// each must load or be rejected with InputError, a loaded one's resolved YAML must load back
// unchanged, and each must take less than 10 s and leave the process under 2048 MB.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "common/error.hpp"
#include "dictionary.hpp"
#include "model/params.hpp"
#include "scenario/pack.hpp"
#include "scenario/resolved_yaml.hpp"
#include "scenario_input.hpp"

namespace fs = std::filesystem;
using homecare::fuzz::Outcome;

namespace {

const fs::path source_dir = HOMECARE_SOURCE_DIR;
// The fuzzer's -timeout and -rss_limit_mb (tests/fuzz/run.sh).
constexpr double max_seconds = 10;
constexpr long max_rss_mb = 2048;

long peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Every regular file under `dir` (recursively), sorted; `yaml_only` keeps *.yaml files.
std::vector<fs::path> files_under(const fs::path& dir, bool yaml_only) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    if (yaml_only && e.path().extension() != ".yaml") continue;
    if (e.path().filename() == "README.md") continue;
    out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Tally {
  int loaded = 0;
  int rejected = 0;
};

/// Runs each file through the fuzz entry; a non-InputError escaping fails the test, naming the
/// file, the exception's type and its message.
Tally replay(const std::vector<fs::path>& files) {
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  Tally t;
  for (const auto& f : files) {
    std::string failure;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      (homecare::fuzz::load_input(box, read_bytes(f)) == Outcome::loaded ? t.loaded : t.rejected) += 1;
    } catch (const std::exception& e) {
      failure = homecare::fuzz::type_name_of(e) + ": " + e.what();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    INFO("input " << fs::relative(f, source_dir).string());
    CHECK(failure == "");
    CHECK(seconds < max_seconds);
    CHECK(peak_rss_mb() < max_rss_mb);
  }
  return t;
}

}  // namespace

TEST_CASE("fuzz replay: the seed corpus (shipped scenarios and tests/fuzz/seeds)") {
  const auto shipped = files_under(source_dir / "scenarios", true);
  REQUIRE(shipped.size() >= 7);
  const Tally s = replay(shipped);
  CHECK(s.loaded == static_cast<int>(shipped.size()));  // every shipped scenario is valid
  const auto seeds = files_under(source_dir / "tests/fuzz/seeds", false);
  REQUIRE(!seeds.empty());
  const Tally t = replay(seeds);
  CHECK(t.loaded > 0);
  CHECK(t.rejected > 0);
}

TEST_CASE("fuzz replay: every input the fuzzer found a problem with (tests/fuzz/regressions)") {
  const auto files = files_under(source_dir / "tests/fuzz/regressions", false);
  REQUIRE(!files.empty());
  const Tally t = replay(files);
  CHECK(t.loaded + t.rejected == static_cast<int>(files.size()));
}

TEST_CASE("fuzz replay: the entry function tells handled errors from findings") {
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  namespace sc = homecare::scenario;
  // InputError is the loader's documented answer: a rejection, not a finding.
  CHECK(homecare::fuzz::load_input(box, "run: [", [](const std::string& p) { return sc::load_scenario(p); }) ==
        Outcome::rejected);
  // Anything else escapes to the caller (the fuzzer aborts on it, this test fails on it).
  const homecare::fuzz::Loader throws_other = [](const std::string&) -> sc::Scenario {
    throw std::out_of_range("vector::_M_range_check");
  };
  CHECK_THROWS_AS(homecare::fuzz::load_input(box, "name: x\n", throws_other), std::out_of_range);
  const homecare::fuzz::Loader throws_model = [](const std::string&) -> sc::Scenario {
    throw homecare::ModelError("not an input error");
  };
  CHECK_THROWS_AS(homecare::fuzz::load_input(box, "name: x\n", throws_model), homecare::ModelError);
  // A resolved YAML that loads back to other values is a finding too.
  int calls = 0;
  const homecare::fuzz::Loader drifts = [&calls](const std::string& p) {
    auto s = sc::load_scenario(p);
    if (calls++ > 0) s.base.workforce.base_quit_hazard += 0.5;
    return s;
  };
  CHECK_THROWS_AS(homecare::fuzz::load_input(box, "name: x\n", drifts), homecare::fuzz::RoundTripError);
  // The sandbox mirrors the shipped scenarios, so `extends:` resolves as beside them.
  CHECK(homecare::fuzz::load_input(box, "extends: brent-baseline.yaml\n") == Outcome::loaded);
}

TEST_CASE("fuzz replay: an input that starts with the pack marker is a borough pack's pack.yaml") {
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  std::ifstream in(source_dir / "boroughs" / homecare::scenario::default_borough / "pack.yaml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string pack = text.str();
  REQUIRE(!pack.empty());
  const std::string marker(homecare::fuzz::pack_marker);
  CHECK(homecare::fuzz::load_input(box, marker + pack) == Outcome::loaded);
  CHECK(homecare::fuzz::load_input(box, marker + "name: [") == Outcome::rejected);
  CHECK(homecare::fuzz::load_input(box, marker + pack + "unknown_key: 1\n") == Outcome::rejected);
  // After a bad pack input the copy is whole again with the next good one (the cache sees the change).
  CHECK(homecare::fuzz::load_input(box, marker + pack) == Outcome::loaded);
}

TEST_CASE("fuzz replay: an input that starts with a pack-file marker replaces that file while the pack loads") {
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  for (const auto& m : homecare::fuzz::pack_file_markers) {
    const std::string pack = m.borough.empty() ? std::string(homecare::scenario::default_borough) : std::string(m.borough);
    const auto shipped_path = source_dir / "boroughs" / (m.table ? std::string("tables") : pack) / std::string(m.file);
    std::ifstream in(shipped_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string shipped = text.str();
    REQUIRE(!shipped.empty());
    const std::string marker(m.marker);
    INFO(pack << ": " << m.file);
    CHECK(homecare::fuzz::load_input(box, marker + shipped) == Outcome::loaded);
    // Cut in half, the file is refused with an input error, and the copy is put back: the next
    // scenario input loads with the shipped pack.
    CHECK(homecare::fuzz::load_input(box, marker + shipped.substr(0, shipped.size() / 2) + "\n][") == Outcome::rejected);
    CHECK(homecare::fuzz::load_input(box, "extends: brent-baseline.yaml\n") == Outcome::loaded);
    CHECK(homecare::fuzz::load_input(box, "extends: ealing-baseline.yaml\nborough: ../boroughs/ealing\n") == Outcome::loaded);
  }
  // Ealing's files have markers of their own, and its pack is in the sandbox (issue 17 point 6).
  std::set<std::string> ealing;
  for (const auto& m : homecare::fuzz::pack_file_markers)
    if (m.borough == "ealing") ealing.insert(std::string(m.file));
  CHECK(ealing == std::set<std::string>{"pack.yaml", "wards.csv", "boundaries.wkt", "targets.yaml"});
}

TEST_CASE("fuzz replay: the sandbox holds every pack, and an Ealing pack-file input mutates Ealing's copy, not Brent's") {
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  CHECK(fs::is_regular_file(box.root() / "boroughs" / "brent" / "pack.yaml"));
  CHECK(fs::is_regular_file(box.root() / "boroughs" / "ealing" / "pack.yaml"));
  // An Ealing scenario that names its pack by the sandbox's path loads; one with a ward of
  // Brent's in its patch map is refused.
  CHECK(homecare::fuzz::load_input(box, "extends: ealing-baseline.yaml\nborough: ../boroughs/ealing\n") == Outcome::loaded);
  CHECK(homecare::fuzz::load_input(box, "borough: ../boroughs/ealing\npatches:\n  wards: {Alperton: 1}\n") == Outcome::rejected);
  // Brent's pack.yaml under Ealing's marker is not Ealing's (its name is brent, its wards are not
  // in Ealing's ward table): refused, and both copies are whole afterwards.
  const std::string brent_pack = read_bytes(source_dir / "boroughs" / "brent" / "pack.yaml");
  const std::string ealing_pack = read_bytes(source_dir / "boroughs" / "ealing" / "pack.yaml");
  CHECK(homecare::fuzz::load_input(box, "#%ealing/pack\n" + brent_pack) == Outcome::rejected);
  CHECK(homecare::fuzz::load_input(box, "#%ealing/pack\n" + ealing_pack) == Outcome::loaded);
  CHECK(read_bytes(box.root() / "boroughs" / "ealing" / "pack.yaml") == ealing_pack);
  CHECK(read_bytes(box.root() / "boroughs" / "brent" / "pack.yaml") == brent_pack);
  // The shipped seeds include Ealing's pack files; its pack.yaml, wards and boundaries load as they
  // are (a seed the loader refuses starts the fuzzer far from Ealing's code paths: refresh it from
  // boroughs/ealing/ when the pack changes).
  int ealing_seeds = 0;
  for (const auto& f : files_under(source_dir / "tests/fuzz/seeds", false)) {
    const std::string bytes = read_bytes(f);
    if (!bytes.starts_with("#%ealing/")) continue;
    ++ealing_seeds;
    INFO(f.filename().string());
    if (!bytes.starts_with("#%ealing/targets")) CHECK(homecare::fuzz::load_input(box, bytes) == Outcome::loaded);
  }
  CHECK(ealing_seeds >= 4);
}

TEST_CASE("fuzz replay: each pack-file seed is its shipped file, whole-line comments and blank lines aside") {
  // A seed left behind when a pack file changes starts the fuzzer from a file nobody ships (the
  // Brent pack seed once lacked its gp_localities and outside_options). Refresh one with
  // (printf '#%%pack\n'; cat boroughs/brent/pack.yaml) > tests/fuzz/seeds/pack-brent.yaml, and so on.
  auto data_lines = [](const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      const auto first = line.find_first_not_of(" \t\r");
      if (first == std::string::npos || line[first] == '#') continue;
      out.push_back(line);
    }
    return out;
  };
  std::set<std::string> seen;
  for (const auto& f : files_under(source_dir / "tests/fuzz/seeds", false)) {
    const std::string bytes = read_bytes(f);
    for (const auto& m : homecare::fuzz::pack_file_markers) {
      if (!bytes.starts_with(m.marker)) continue;
      const fs::path boroughs = source_dir / "boroughs";
      const fs::path shipped = m.table ? boroughs / "tables" / m.file
                                       : boroughs / (m.borough.empty() ? std::string(homecare::scenario::default_borough) : std::string(m.borough)) / m.file;
      INFO(f.filename().string() << " against " << shipped.string());
      CHECK(data_lines(bytes.substr(m.marker.size())) == data_lines(read_bytes(shipped)));
      seen.insert(std::string(m.marker));
    }
  }
  // Every marker has its seed.
  CHECK(seen.size() == homecare::fuzz::pack_file_markers.size());
}

TEST_CASE("fuzz findings: a sweep cannot multiply a long ward map or schedule") {
  // Finding 2: each variant copies the scenario's ward map and schedules.
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  auto message = [&](const std::string& text) -> std::string {
    std::ofstream(box.input_path(), std::ios::binary) << text;
    try {
      (void)homecare::scenario::load_scenario(box.input_path().string());
    } catch (const homecare::InputError& e) {
      return e.problem();
    }
    return "loaded";
  };
  std::string wards = "patches:\n  wards:\n";
  for (int i = 0; i < 22; ++i) wards += "    w" + std::to_string(i) + ": 1\n";
  CHECK(message(wards) == "22 wards named, but Brent has 21");
  std::string steps = "wages:\n  llw_phasing:\n";
  for (int i = 0; i < 101; ++i)
    steps += "    - {from: " + std::to_string(2100 + i) + "-01-01, share: 1}\n";
  CHECK(message(steps) == "101 steps is above the maximum 100");
}

TEST_CASE("fuzz findings: text must be UTF-8 once YAML's escapes are decoded") {
  // Finding 3: yaml-cpp decodes \N and \_ to the single bytes 0x85 and 0xA0.
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  auto key_of_error = [&](const std::string& text) -> std::string {
    std::ofstream(box.input_path(), std::ios::binary) << text;
    try {
      (void)homecare::scenario::load_scenario(box.input_path().string());
    } catch (const homecare::InputError& e) {
      return e.key_path();
    }
    return "loaded";
  };
  CHECK(key_of_error("name: \"a\\Nb\"\n") == "name");
  CHECK(key_of_error("description: \"a\\_b\"\n") == "description");
  CHECK(key_of_error("patches:\n  wards: {\"x\\N\": 1}\n") == "patches.wards");
  // So do \x escapes to control characters, which a file may not hold either.
  CHECK(key_of_error("description: \"a\\x7fb\"\n") == "description");
  // Escapes that decode to UTF-8 text are fine.
  CHECK(key_of_error("name: \"caf\\u00e9\"\ndescription: \"tab\\there \\u2028\"\n") == "loaded");
}

TEST_CASE("fuzz findings: a ward map names only Brent's wards, whatever the patch method") {
  // Findings 1, 3 and 4: arbitrary ward names (quotes, escapes, NULs, 1,000-character names)
  // were accepted unless patches.method was explicit, and broke the resolved YAML.
  homecare::fuzz::Sandbox box(source_dir / "scenarios");
  auto error = [&](const std::string& text) -> std::string {
    std::ofstream(box.input_path(), std::ios::binary) << text;
    try {
      (void)homecare::scenario::load_scenario(box.input_path().string());
    } catch (const homecare::InputError& e) {
      return e.key_path() + ": " + e.problem();
    }
    return "loaded";
  };
  CHECK(error("patches:\n  method: balanced\n  wards: {Alpertn: 1}\n") ==
        "patches.wards.Alpertn: 'Alpertn' is not a ward of Brent; did you mean 'Alperton'?");
  CHECK(error("patches:\n  wards: {Alperton: 1, Queens Park: 2}\n") == "loaded");
}

TEST_CASE("fuzz findings: a ward map's resolved YAML reads back to the same names") {
  // Finding 1: names were written between double quotes without escaping. The loader now takes
  // only Brent's wards, so this checks format_value itself, through yaml-cpp.
  homecare::model::Params p;
  const std::vector<std::string> names = {"Queens Park", "a\"b", "back\\slash", std::string("nul\0", 4),
                                          "tab\tnew\nline\x7f", "caf\xc3\xa9"};
  for (std::size_t i = 0; i < names.size(); ++i)
    p.patches.wards.push_back({names[i], static_cast<std::int64_t>(i + 1)});
  const std::string text = homecare::scenario::format_value(*homecare::model::find_parameter("patches.wards"), p);
  const YAML::Node map = YAML::Load(text);
  REQUIRE(map.IsMap());
  std::vector<std::string> back;
  for (auto it = map.begin(); it != map.end(); ++it) back.push_back(it->first.Scalar());
  CHECK(back == names);
}

TEST_CASE("fuzz dictionary: tests/fuzz/scenario.dict is what the parameter table generates") {
  const std::string committed = read_bytes(source_dir / "tests/fuzz/scenario.dict");
  INFO("regenerate it: build/release/tests/fuzz/homecare_fuzz_dict > tests/fuzz/scenario.dict");
  CHECK(committed == homecare::fuzz::scenario_dictionary());
}
