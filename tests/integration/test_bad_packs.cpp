// Bad borough packs through the real binary: a copy of the Brent pack (and the tables) with one
// mistake each. `homecare validate --pack` exits 2 with exactly the message (file, line, column,
// key); `homecare run` of a scenario that uses the pack exits 2 with the same message and leaves
// the folder as it was (a results file already at --out is not touched).
#include <catch2/catch.hpp>

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
  std::string from;     // text replaced (its first occurrence)
  std::string to;
  std::string message;  // stderr of validate --pack packs/brent, without the newline
  bool prefix = false;  // the message starts with `message` (it quotes a long value)
};

const std::vector<Mistake> mistakes = {
    {"pack.yaml", "display_name: Brent\n", "display_nam: Brent\n",
     "packs/brent/pack.yaml:9:1: display_nam: unknown key; did you mean 'display_name'?"},
    {"pack.yaml", "living_wage: london_living_wage", "living_wage: scottish_living_wage",
     "packs/brent/pack.yaml:11:14: living_wage: 'scottish_living_wage' is not a living-wage table (london_living_wage or "
     "uk_real_living_wage)"},
    {"pack.yaml", "bounding_box: {east: [515485, 525530]", "bounding_box: {east: [525530, 515485]",
     "packs/brent/pack.yaml:14:22: bounding_box.east: min is not below max"},
    {"pack.yaml", "    pop_all_2016: 330048", "    pop_all_2016: 331048",
     "packs/brent/pack.yaml:32:19: population.totals.pop_all_2016: the wards add up to 330048.0, not 331048.0 (tolerance "
     "0.1%)"},
    {"pack.yaml", "  pop65: pop_65plus_2017", "  pop65: pop_65plus_2018",
     "packs/brent/pack.yaml:40:10: demand.pop65: 'pop_65plus_2018' is not a population column of the ward table; did you "
     "mean 'pop_65plus_2017'?"},
    {"pack.yaml", "    events_per_year: 37 ", "    events_per_year: -37 ",
     "packs/brent/pack.yaml:52:22: venues[0].events_per_year: -37.0 is below the minimum 0.0"},
    {"pack.yaml", "  to: 2017-03-31", "  to: 2016-03-31",
     "packs/brent/pack.yaml:65:7: calibration.to: the calibration period ends on the last day of a month after "
     "calibration.from"},
    {"pack.yaml", "  max: 21 ", "  max: 22 ", "packs/brent/pack.yaml:70:8: patches.max: 22 is above the maximum 21"},
    {"pack.yaml", "  council.precept_share: {value: 0.02, tag: sourced,", "  council.precept_share: {value: 0.02,",
     "packs/brent/pack.yaml:77:26: defaults.council.precept_share.tag: missing required key"},
    {"pack.yaml", "  workforce.share_trained_2016: {value: 0.79,", "  workforce.share_traind_2016: {value: 0.79,",
     "packs/brent/pack.yaml:83:3: defaults.workforce.share_traind_2016: not a parameter; did you mean "
     "'workforce.share_trained_2016'?"},
    {"pack.yaml", "  council.budget_2016: {value: 15000000,",
     "  run.end: {value: 2020-01-01, tag: assumption, source: x}\n  council.budget_2016: {value: 15000000,",
     "packs/brent/pack.yaml:73:3: defaults.run.end: a run setting or a ward map is the scenario's, not the pack's"},
    {"pack.yaml", "  workforce.share_trained_2016: {value: 0.79,", "  workforce.share_trained_2016: {value: 1.79,",
     "packs/brent/pack.yaml:83:41: defaults.workforce.share_trained_2016: 1.79 is above the maximum 1.0"},
    {"wards.csv", "E05000085,", "E05000086,", "packs/brent/wards.csv:19:1: code: ward code 'E05000086' is listed twice"},
    {"wards.csv", "Alperton,", "Alperton,,", "packs/brent/wards.csv:18:71: row 1: 12 cells, but the header has 11"},
    {"boundaries.wkt", "POLYGON", "POLYGONE",
     "packs/brent/boundaries.wkt:19:20: E05000085: not readable WKT: ", true},
    {"targets.yaml", "    metric: calibration_active_users", "    metric: calibration_active_user",
     "packs/brent/targets.yaml:19:13: targets[0].metric: 'calibration_active_user' is not a summary metric of the results "
     "file; did you mean 'calibration_active_users'?"},
    {"targets.yaml", "    tolerance: [1674, 1926]", "    tolerance: [1874, 1926]",
     "packs/brent/targets.yaml:21:16: targets[0].tolerance: the band 1874.0 to 1926.0 does not hold the target 1800.0"},
    {"targets.yaml", "mode: ratio, gain: 0.8}", "mode: ratios, gain: 0.8}",
     "packs/brent/targets.yaml:24:53: targets[0].steers.mode: unknown mode 'ratios'; did you mean 'ratio'?"},
    {"../tables/wage_floors.yaml", "    - {from: 2017-04-01, adult: 7.50,", "    - {from: 2015-04-01, adult: 7.50,",
     "packs/tables/wage_floors.yaml:41:14: national_living_wage.rows[3].from: 2015-04-01 is not after the previous row's "
     "2016-10-01 (rows must be in date order)"},
    {"../tables/wage_floors.yaml", "  valid_until: 2027-03-31", "  valid_until: 2025-03-31",
     "packs/tables/wage_floors.yaml:25:16: national_living_wage.valid_until: 2025-03-31 is before the last row's date "
     "2026-04-01"},
    {"../tables/homecare_costs.yaml", "       source: \"UKHCA, A minimum price for homecare, 2020/21 (FACTS.md)\"}", "}",
     "packs/tables/homecare_costs.yaml:35:7: minimum_price.rows[3].source: missing required key (every figure names its "
     "source)"},
};

/// packs/brent and packs/tables in `dir`: the shipped ones, `m` applied.
void bad_pack(const TempDir& dir, const Mistake& m) {
  fs::create_directories(dir.path() + "/packs");
  fs::copy(source_dir + "/boroughs/brent", dir.path() + "/packs/brent", fs::copy_options::recursive);
  fs::copy(source_dir + "/boroughs/tables", dir.path() + "/packs/tables", fs::copy_options::recursive);
  const std::string file = "packs/brent/" + m.file;
  std::string text = dir.read(file);
  const auto at = text.find(m.from);
  REQUIRE(at != std::string::npos);
  text.replace(at, m.from.size(), m.to);
  dir.write(file, text);
}

}  // namespace

TEST_CASE("a bad borough pack: validate --pack and run exit 2 with the message, writing nothing") {
  for (const auto& m : mistakes) {
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
