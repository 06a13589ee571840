// The command line end to end: real binary, real YAML, real HDF5 files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "../unit/scenario/temp_scenario.hpp"
#include "model/market.hpp"
#include "model/parameter_spec.hpp"
#include "process.hpp"
#include "results/results_file.hpp"
#include "runner/typed_parameters.hpp"
#include "scenario/scenario.hpp"
#include "short_runs.hpp"

using homecare::test::run_homecare;
using homecare::test::run_shell;
using homecare::test::TempDir;
using homecare::test::usage;
namespace r = homecare::results;

namespace {
const std::string source_dir = HOMECARE_SOURCE_DIR;
const std::string small_run = homecare::test::year_run;

void require_same_data(const r::ResultsFile& a, const r::ResultsFile& b) {
  REQUIRE(a.variants.size() == b.variants.size());
  for (std::size_t v = 0; v < a.variants.size(); ++v) {
    const auto& x = a.variants[v];
    const auto& y = b.variants[v];
    CHECK(x.name == y.name);
    CHECK(x.months == y.months);
    REQUIRE(x.monthly.size() == y.monthly.size());
    // Bitwise: identical datasets, NaN (a period the run does not cover) included.
    auto same = [](const std::vector<double>& p, const std::vector<double>& q) {
      return p.size() == q.size() && std::memcmp(p.data(), q.data(), p.size() * sizeof(double)) == 0;
    };
    for (std::size_t k = 0; k < x.monthly.size(); ++k) CHECK(same(x.monthly[k].values, y.monthly[k].values));
    for (std::size_t k = 0; k < x.summary.size(); ++k) CHECK(same(x.summary[k].values, y.summary[k].values));
    REQUIRE(x.yearly.size() == y.yearly.size());
    for (std::size_t k = 0; k < x.yearly.size(); ++k) CHECK(same(x.yearly[k].values, y.yearly[k].values));
    REQUIRE(x.by_ward.size() == y.by_ward.size());
    for (std::size_t k = 0; k < x.by_ward.size(); ++k) CHECK(same(x.by_ward[k].values, y.by_ward[k].values));
  }
}
}  // namespace

TEST_CASE("the version and the parameter description") {
  TempDir dir;
  auto v = run_homecare("--version", dir.path());
  CHECK(v.status == 0);
  CHECK(v.out.starts_with("homecare "));
  auto d = run_homecare("describe", dir.path());
  CHECK(d.status == 0);
  for (const auto& spec : homecare::model::parameter_table()) CHECK(d.out.find(spec.path + "\n") != std::string::npos);
}

TEST_CASE("validate prints ok per good file and a typo exits 2 naming line, column and the right key") {
  TempDir dir;
  dir.write("good.yaml", small_run);
  dir.write("typo.yaml", "run:\n  end: 2017-03-31\nworkforce:\n  base_quit_hazrd: 0.3\n");
  auto ok = run_homecare("validate good.yaml " + source_dir + "/scenarios/brent-baseline.yaml", dir.path());
  CHECK(ok.status == 0);
  CHECK(ok.out.starts_with("good.yaml: ok (1 variant, borough brent)\n"));
  auto bad = run_homecare("validate good.yaml typo.yaml", dir.path());
  CHECK(bad.status == 2);
  CHECK(bad.err == "typo.yaml:4:3: workforce.base_quit_hazrd: unknown key; did you mean 'base_quit_hazard'?\n");
}

TEST_CASE("command-line mistakes exit 2 with a message") {
  TempDir dir;
  dir.write("s.yaml", small_run);
  auto a = run_homecare("run s.yaml --replicate 3", dir.path());
  CHECK(a.status == 2);
  CHECK(a.err == "homecare: command line: --replicate: unknown option; did you mean '--replicates'?\n" + usage);
  auto b = run_homecare("run s.yaml --replicates 0", dir.path());
  CHECK(b.status == 2);
  CHECK(b.err == "homecare: command line: --replicates: 0 is below the minimum 1\n" + usage);
  auto c = run_homecare("run s.yaml --out missing/r.h5", dir.path());
  CHECK(c.status == 2);
  CHECK(c.err == "homecare: --out: the folder 'missing' does not exist\n");
  auto d = run_homecare("frobnicate", dir.path());
  CHECK(d.status == 2);
  CHECK(d.err == "homecare: command line: frobnicate: unknown command\n" + usage);
  auto e = run_homecare("run nowhere.yaml", dir.path());
  CHECK(e.status == 2);
  CHECK(e.err == "homecare: nowhere.yaml: no such file\n");
}

TEST_CASE("run writes the contract layout, readable by a second reader (h5py)") {
  TempDir dir;
  // A framework and a patch variant: the patch one adds figures by patch.
  dir.write("s.yaml", small_run + "sweep:\n  grid:\n    commissioning.model: [framework, patch]\n");
  auto run = run_homecare("run s.yaml --replicates 3 --seed 5 --out r.h5 --quiet", dir.path());
  REQUIRE(run.status == 0);
  auto check = run_shell("/usr/bin/python3 '" + source_dir + "/tests/integration/check_layout.py' r.h5 3", dir.path());
  INFO(check.out << check.err);
  CHECK(check.status == 0);
}

TEST_CASE("same scenario and seed: identical datasets, whatever the thread count") {
  TempDir dir;
  dir.write("s.yaml", small_run + "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.2, 0.4]\n");
  REQUIRE(run_homecare("run s.yaml --replicates 4 --seed 9 --threads 1 --out a.h5 --quiet", dir.path()).status == 0);
  REQUIRE(run_homecare("run s.yaml --replicates 4 --seed 9 --threads 2 --out b.h5 --quiet", dir.path()).status == 0);
  REQUIRE(run_homecare("run s.yaml --replicates 4 --seed 10 --threads 2 --out c.h5 --quiet", dir.path()).status == 0);
  const auto a = r::read_results(dir.path() + "/a.h5");
  const auto b = r::read_results(dir.path() + "/b.h5");
  const auto c = r::read_results(dir.path() + "/c.h5");
  require_same_data(a, b);
  CHECK(a.provenance.fingerprint == b.provenance.fingerprint);
  CHECK(a.provenance.fingerprint != c.provenance.fingerprint);
  CHECK(a.variants[0].monthly[0].values != c.variants[0].monthly[0].values);
}

TEST_CASE("a patch scenario writes each variant's ward to patch map for the report's map") {
  TempDir dir;
  dir.write("p.yaml", "run:\n  end: 2016-06-30\n  policy_start: 2016-05-01\n"
                      "commissioning:\n  model: patch\n  switch_date: 2016-05-01\npatches:\n  method: balanced\n"
                      "sweep:\n  grid:\n    patches.count: [1, 4]\n");
  REQUIRE(run_homecare("run p.yaml --replicates 1 --seed 3 --out p.h5 --quiet", dir.path()).status == 0);
  auto check = run_shell("/usr/bin/python3 -c \"import h5py, numpy as np\n"
                         "f = h5py.File('p.h5')\n"
                         "for name, k in (('patches.count=1', 1), ('patches.count=4', 4)):\n"
                         "    g = f['variants/' + name + '/geography']\n"
                         "    wp = g['ward_patch'][()]\n"
                         "    assert wp.shape == (21,) and set(wp.astype(int)) == set(range(1, k + 1)), wp\n"
                         "    assert len(g['ward_names'][()]) == 21\n\"",
                         dir.path());
  INFO(check.out << check.err);
  CHECK(check.status == 0);
}

TEST_CASE("borough packs: validate --pack, describe --pack, and a run in a second borough found by --boroughs") {
  namespace fs = std::filesystem;
  TempDir dir;
  // A second borough: Brent's pack copied under another name, with its own tables folder.
  fs::create_directories(dir.path() + "/packs");
  fs::copy(source_dir + "/boroughs/brent", dir.path() + "/packs/testshire", fs::copy_options::recursive);
  fs::copy(source_dir + "/boroughs/tables", dir.path() + "/packs/tables", fs::copy_options::recursive);
  std::string pack_yaml = dir.read("packs/testshire/pack.yaml");
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"\nname: brent\n", "\nname: testshire\n"},
                                 {"\ndisplay_name: Brent\n", "\ndisplay_name: Testshire\n"}}) {
    REQUIRE(pack_yaml.find(from) != std::string::npos);
    pack_yaml.replace(pack_yaml.find(from), from.size(), to);
  }
  dir.write("packs/testshire/pack.yaml", pack_yaml);
  auto ok = run_homecare("validate --pack packs/testshire --pack brent", dir.path());
  CHECK(ok.status == 0);
  CHECK(ok.out == "packs/testshire: ok (pack testshire: Testshire, 21 wards, 14 calibration targets, 10 defaults)\n"
                  "brent: ok (pack brent: Brent, 21 wards, 14 calibration targets, 10 defaults)\n");
  auto missing = run_homecare("validate --pack nowhere", dir.path());
  CHECK(missing.status == 2);
  CHECK(missing.err.find("--pack: no borough pack at '" + source_dir + "/boroughs/nowhere' (packs there: brent, ealing)") !=
        std::string::npos);
  auto d = run_homecare("describe --pack testshire --boroughs packs", dir.path());
  CHECK(d.status == 0);
  CHECK(d.out.starts_with("# Borough pack testshire (packs/testshire): Testshire, ONS E09000005, 21 wards in 5 localities\n"));
  CHECK(d.out.find("    source: borough pack testshire (defaults, sourced): ") != std::string::npos);
  dir.write("t.yaml", small_run + "borough: testshire\n");
  auto unknown = run_homecare("validate t.yaml", dir.path());
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("t.yaml:") == 0);
  REQUIRE(run_homecare("run t.yaml --boroughs packs --replicates 1 --seed 4 --out t.h5 --quiet", dir.path()).status == 0);
  auto check = run_shell("/usr/bin/python3 -c \"import h5py\n"
                         "f = h5py.File('t.h5')\n"
                         "b = f['borough']\n"
                         "assert b.attrs['name'] == 'testshire', b.attrs['name']\n"
                         "assert b.attrs['display_name'] == 'Testshire'\n"
                         "assert len(b['wards/code']) == 21\n"
                         "assert 'borough: ' in f.attrs['resolved_yaml']\n\"",
                         dir.path());
  INFO(check.out << check.err);
  CHECK(check.status == 0);
}

TEST_CASE("describe --json: the same table as describe, typed, for scripts") {
  TempDir dir;
  auto check = run_shell("/usr/bin/python3 '" + source_dir + "/tests/integration/check_describe_json.py' '" +
                             HOMECARE_BINARY + "'",
                         dir.path());
  INFO(check.out << check.err);
  CHECK(check.status == 0);
}

TEST_CASE("every variant's resolved parameters are in the results file, typed") {
  TempDir dir;
  dir.write("s.yaml", homecare::test::quarter_run +
                          "wages:\n  llw_phasing: [{from: 2016-05-01, share: 0.5}]\n"
                          "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.2, 0.4]\n    training.minimum: [true, false]\n");
  REQUIRE(run_homecare("run s.yaml --replicates 1 --seed 4 --out r.h5 --quiet", dir.path()).status == 0);
  const auto sc = homecare::scenario::load_scenario(dir.path() + "/s.yaml", 4);
  const auto f = r::read_results(dir.path() + "/r.h5");
  CHECK(f.provenance.sweep == "grid");
  CHECK(f.provenance.random_scheme == std::string(homecare::model::random_scheme));
  CHECK(f.provenance.parameter_table == homecare::runner::parameter_info());
  REQUIRE(f.variants.size() == sc.variants.size());
  auto by_key = [](std::vector<r::Parameter> ps) {
    std::sort(ps.begin(), ps.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return ps;
  };
  for (const auto& v : sc.variants) {
    auto params = v.params;
    params.run.replicates = 1;  // what the file holds
    INFO(v.name);
    const auto in_file = std::find_if(f.variants.begin(), f.variants.end(), [&](const auto& x) { return x.name == v.name; });
    REQUIRE(in_file != f.variants.end());
    CHECK(by_key(in_file->parameters) == by_key(homecare::runner::typed_parameters(params)));
  }
  // And as a second reader sees them: numbers as numbers, flags as numpy.bool_, dates as text,
  // a schedule as a table.
  auto check = run_shell("/usr/bin/python3 -c \"import h5py, numpy as np\n"
                         "f = h5py.File('r.h5')\n"
                         "g = f['variants/workforce.base_quit_hazard=0.4,training.minimum=true/parameters']\n"
                         "assert g.attrs['workforce.base_quit_hazard'] == 0.4\n"
                         "assert isinstance(g.attrs['training.minimum'], np.bool_) and g.attrs['training.minimum']\n"
                         "assert g.attrs['run.start'] == '2016-04-01'\n"
                         "assert g.attrs['run.replicates'] == 1\n"
                         "s = g['wages.llw_phasing'][()]\n"
                         "assert s.dtype.names == ('from', 'share') and s['from'][0] == b'2016-05-01' and s['share'][0] == 0.5\n"
                         "t = f['parameter_table'][()]\n"
                         "assert t.dtype.names == ('key', 'type', 'unit', 'kind') and len(t) == len(g.attrs) + len(g)\n\"",
                         dir.path());
  INFO(check.out << check.err);
  CHECK(check.status == 0);
}
