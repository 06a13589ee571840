// The results file: round trip, and atomic replacement (a failed write leaves the old file).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "../scenario/temp_scenario.hpp"
#include "common/error.hpp"
#include "results/results_file.hpp"

namespace r = homecare::results;
using homecare::test::TempDir;

namespace {
r::VariantResults sample(const std::string& name, double base) {
  r::VariantResults v;
  v.name = name;
  v.overrides = {{"patches.count", "4"}, {"wages.rule", "llw"}};
  v.months = {"2016-04", "2016-05", "2016-06"};
  v.replicates = 2;
  v.monthly.push_back({"active_users", "people", "Mean users", {base, base + 1, base + 2, base + 3, base + 4, base + 5}});
  v.summary.push_back({"turnover_rate", "share per year", "Leavers over headcount", {0.25, 0.5}});
  return v;
}
r::Provenance prov() {
  r::Provenance p;
  p.engine_version = "0.1.0 (test)";
  p.seed = 42;
  p.created_utc = r::utc_now();
  p.scenario_name = "t";
  p.scenario_yaml = "name: t\n";
  p.resolved_yaml = "run:\n  seed: 42\n";
  p.fingerprint = "00ff";
  return p;
}
}  // namespace

TEST_CASE("what is written reads back the same") {
  TempDir dir;
  const std::string path = dir.path() + "/r.h5";
  r::write_results(path, prov(), {sample("a", 1.0), sample("b", 10.0)});
  const auto f = r::read_results(path);
  CHECK(f.provenance.seed == 42);
  CHECK(f.provenance.scenario_yaml == "name: t\n");
  CHECK(f.provenance.fingerprint == "00ff");
  REQUIRE(f.variants.size() == 2);
  CHECK(f.variants[1].name == "b");
  CHECK(f.variants[1].months == std::vector<std::string>{"2016-04", "2016-05", "2016-06"});
  CHECK(f.variants[1].monthly[0].values == std::vector<double>{10, 11, 12, 13, 14, 15});
  CHECK(f.variants[1].monthly[0].units == "people");
  CHECK(f.variants[0].summary[0].values == std::vector<double>{0.25, 0.5});
  CHECK(f.provenance.created_utc.size() == 20);
}

TEST_CASE("a failed write leaves the previous complete file and no temporary") {
  TempDir dir;
  const std::string path = dir.path() + "/r.h5";
  r::write_results(path, prov(), {sample("a", 1.0)});
  const auto before = std::filesystem::file_size(path);
  // A variant name with a slash cannot name an HDF5 group: the write fails part-way through.
  CHECK_THROWS_AS(r::write_results(path, prov(), {sample("a", 2.0), sample("bad/name", 3.0)}), homecare::EngineError);
  CHECK(std::filesystem::file_size(path) == before);
  CHECK(r::read_results(path).variants[0].monthly[0].values[0] == 1.0);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("a write into a missing folder fails cleanly") {
  TempDir dir;
  CHECK_THROWS_AS(r::write_results(dir.path() + "/no/such/r.h5", prov(), {sample("a", 1.0)}), homecare::EngineError);
}

TEST_CASE("typed parameters and the parameter table read back as written (schema 2)") {
  TempDir dir;
  const std::string path = dir.path() + "/r.h5";
  auto v = sample("a", 1.0);
  r::Table schedule;
  schedule.columns = {{"from", std::vector<std::string>{"2019-04-01", "2020-04-01"}},
                      {"share", std::vector<double>{0.5, 1.0}}};
  r::Table empty_map;
  empty_map.columns = {{"ward", std::vector<std::string>{}}, {"patch", std::vector<std::int64_t>{}}};
  r::Table wards;
  wards.columns = {{"ward", std::vector<std::string>{"Alperton", "Kilburn \"North\""}},
                   {"patch", std::vector<std::int64_t>{1, 2}}};
  v.parameters = {{"run.start", std::string("2016-04-01")},
                  {"run.seed", std::int64_t{42}},
                  {"training.minimum", true},
                  {"wages.travel_time_paid", false},
                  {"workforce.base_quit_hazard", 0.1 + 0.2},
                  {"commissioning.model", std::string("patch")},
                  {"wages.llw_phasing", schedule},
                  {"patches.wards", wards},
                  {"other.wards", empty_map}};
  auto p = prov();
  p.random_scheme = "scheme-1";
  p.sweep = "grid";
  p.parameter_table = {{"run.start", "date", "date", "run"}, {"training.minimum", "boolean", "flag", "policy"}};
  r::write_results(path, p, {v});
  const auto f = r::read_results(path);
  CHECK(f.provenance.random_scheme == "scheme-1");
  CHECK(f.provenance.sweep == "grid");
  CHECK(f.provenance.parameter_table == p.parameter_table);
  REQUIRE(f.variants.size() == 1);
  // Attributes come back in name order, tables after them: compare as sets.
  auto sorted = [](std::vector<r::Parameter> ps) {
    std::sort(ps.begin(), ps.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return ps;
  };
  CHECK(sorted(f.variants[0].parameters) == sorted(v.parameters));
  // The exact double, and a flag that is a flag (not an integer).
  for (const auto& [key, value] : f.variants[0].parameters) {
    if (key == "workforce.base_quit_hazard") CHECK(std::get<double>(value) == 0.1 + 0.2);
    if (key == "training.minimum") CHECK(std::get<bool>(value));
  }
}

TEST_CASE("a schema 1 file (no typed parameters) still reads") {
  TempDir dir;
  const std::string path = dir.path() + "/r.h5";
  r::write_results(path, prov(), {sample("a", 1.0)});  // no parameters, no table: as schema 1 wrote
  const auto f = r::read_results(path);
  CHECK(f.variants[0].parameters.empty());
  CHECK(f.provenance.parameter_table.empty());
  CHECK(f.provenance.random_scheme.empty());
}
