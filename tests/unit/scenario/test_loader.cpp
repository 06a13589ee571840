// Scenario loading: values reach Params, and every kind of mistake gives its exact message.
#include <catch2/catch.hpp>

#include "scenario/resolved_yaml.hpp"
#include "temp_scenario.hpp"

using homecare::test::load_error;
using homecare::test::TempDir;
namespace sc = homecare::scenario;

TEST_CASE("values in a scenario reach the parameters and the rest keep their defaults") {
  TempDir dir;
  const auto f = dir.write("a.yaml", "run:\n  end: 2019-03-31\nworkforce:\n  base_quit_hazard: 0.5\n");
  const auto s = sc::load_scenario(f);
  CHECK(s.name == "a");
  CHECK(s.base.run.end == homecare::kernel::Date{2019, 3, 31});
  CHECK(s.base.workforce.base_quit_hazard == 0.5);
  CHECK(s.base.demand.death_hazard == homecare::model::Params{}.demand.death_hazard);
  REQUIRE(s.variants.size() == 1);
  CHECK(s.variants[0].name == "a");
  CHECK(s.provenance.at("workforce.base_quit_hazard").str() == f + ":4:21");
}

TEST_CASE("extends: the child overrides the parent, paths are relative to the child") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/base");
  dir.write("base/parent.yaml", "name: parent\nworkforce:\n  base_quit_hazard: 0.4\nproviders:\n  framework_providers: 100\n");
  const auto f = dir.write("child.yaml", "extends: base/parent.yaml\nworkforce:\n  base_quit_hazard: 0.2\n");
  const auto s = sc::load_scenario(f);
  CHECK(s.name == "child");
  CHECK(s.base.workforce.base_quit_hazard == 0.2);
  CHECK(s.base.providers.framework_providers == 100);
}

TEST_CASE("unknown keys are errors with a suggestion") {
  CHECK(load_error("workforce:\n  base_quit_hazrd: 0.3\n") ==
        "DIR/s.yaml:2:3: workforce.base_quit_hazrd: unknown key; did you mean 'base_quit_hazard'?");
  CHECK(load_error("workforse:\n  base_quit_hazard: 0.3\n") ==
        "DIR/s.yaml:1:1: workforse: unknown key; did you mean 'workforce'?");
  CHECK(load_error("wages:\n  zzzzzzzzzz: 1\n") ==
        "DIR/s.yaml:2:3: wages.zzzzzzzzzz: unknown key (known keys here: llw_phasing, llw_from, "
        "llw_steps, llw_council_funded_share, llw_lag_months, travel_time_paid, "
        "travel_time_council_funded_share, travel_time_paid_from)");
}

TEST_CASE("wrong types name the expected and the actual value") {
  CHECK(load_error("workforce:\n  base_quit_hazard: lots\n") ==
        "DIR/s.yaml:2:21: workforce.base_quit_hazard: expected a number (per year), got 'lots'");
  CHECK(load_error("workforce:\n  base_quit_hazard: \"0.3\"\n") ==
        "DIR/s.yaml:2:21: workforce.base_quit_hazard: expected a number (per year), got the text \"0.3\" "
        "(remove the quotes)");
  CHECK(load_error("providers:\n  framework_providers: 10.5\n") ==
        "DIR/s.yaml:2:24: providers.framework_providers: expected a whole number, got '10.5'");
  CHECK(load_error("demand:\n  start_at_steady_state: yes\n") ==
        "DIR/s.yaml:2:26: demand.start_at_steady_state: expected true or false, got 'yes'");
  CHECK(load_error("run:\n  start: 2016-02-30\n") ==
        "DIR/s.yaml:2:10: run.start: expected a date YYYY-MM-DD, got '2016-02-30' (February 2016 has 29 days)");
  CHECK(load_error("workforce: 3\n") ==
        "DIR/s.yaml:1:12: workforce: expected a mapping of workforce.* keys, got '3'");
  CHECK(load_error("workforce:\n  base_quit_hazard: [1, 2]\n") ==
        "DIR/s.yaml:2:21: workforce.base_quit_hazard: expected a number (per year), got a list");
}

TEST_CASE("numbers out of range or not finite") {
  CHECK(load_error("workforce:\n  base_quit_hazard: 21\n") ==
        "DIR/s.yaml:2:21: workforce.base_quit_hazard: 21.0 is above the maximum 20.0");
  CHECK(load_error("workforce:\n  base_quit_hazard: -0.1\n") ==
        "DIR/s.yaml:2:21: workforce.base_quit_hazard: -0.1 is below the minimum 0.0");
  CHECK(load_error("workforce:\n  base_quit_hazard: .nan\n") ==
        "DIR/s.yaml:2:21: workforce.base_quit_hazard: expected a finite number (per year), got '.nan'");
  CHECK(load_error("workforce:\n  base_quit_hazard: 1e999\n") ==
        "DIR/s.yaml:2:21: workforce.base_quit_hazard: expected a finite number (per year), got '1e999'");
  CHECK(load_error("run:\n  replicates: 0\n") == "DIR/s.yaml:2:15: run.replicates: 0 is below the minimum 1");
}

TEST_CASE("cross-field checks point at the offending key") {
  CHECK(load_error("run:\n  start: 2018-01-01\n  end: 2017-01-01\n") ==
        "DIR/s.yaml:3:8: run.end: 2017-01-01 is not after run.start 2018-01-01");
}

TEST_CASE("files: empty, syntax errors, not UTF-8, directories, missing, cycles") {
  CHECK(load_error("") == "DIR/s.yaml: the scenario file is empty");
  CHECK(load_error("# only a comment\n") == "DIR/s.yaml: the scenario file is empty");
  CHECK(load_error("run: [1, 2\n") == "DIR/s.yaml:2:1: YAML syntax error: end of sequence flow not found");
  CHECK(load_error("- a\n- b\n") == "DIR/s.yaml:1:1: a scenario must be a mapping of keys to values, got a list");
  CHECK(load_error("name: caf\xe9\n") == "DIR/s.yaml:1:10: the file is not valid UTF-8 text (byte 0xE9); save it as UTF-8");
  {
    TempDir dir;
    std::filesystem::create_directories(dir.path() + "/d.yaml");
    try {
      (void)sc::load_scenario(dir.path() + "/d.yaml");
      FAIL("no error");
    } catch (const homecare::InputError& e) {
      CHECK(std::string(e.what()) == dir.path() + "/d.yaml: is a directory, not a scenario file");
    }
    try {
      (void)sc::load_scenario(dir.path() + "/missing.yaml");
      FAIL("no error");
    } catch (const homecare::InputError& e) {
      CHECK(std::string(e.what()) == dir.path() + "/missing.yaml: no such file");
    }
  }
  CHECK(load_error("extends: nowhere.yaml\n") ==
        "DIR/s.yaml:1:10: extends: cannot read 'DIR/nowhere.yaml': no such file");
  {
    TempDir dir;
    dir.write("a.yaml", "extends: b.yaml\n");
    dir.write("b.yaml", "extends: a.yaml\n");
    try {
      (void)sc::load_scenario(dir.path() + "/a.yaml");
      FAIL("no error");
    } catch (const homecare::InputError& e) {
      CHECK(std::string(e.what()) == dir.path() + "/b.yaml:1:10: extends: extends cycle: a.yaml -> b.yaml -> a.yaml");
    }
  }
}

TEST_CASE("resolved YAML lists every parameter and reads back to the same parameters") {
  TempDir dir;
  const auto f = dir.write("a.yaml", "workforce:\n  base_quit_hazard: 0.123456789\n");
  const auto s = sc::load_scenario(f);
  const std::string text = sc::resolved_yaml(s.base);
  for (const auto& spec : homecare::model::parameter_table()) {
    const auto leaf = spec.path.substr(spec.path.rfind('.') + 1);
    CHECK(text.find(leaf + ":") != std::string::npos);
  }
  const auto again = sc::load_scenario(dir.write("r.yaml", text));
  CHECK(sc::resolved_yaml(again.base) == text);
  CHECK(again.base.workforce.base_quit_hazard == 0.123456789);
}

TEST_CASE("what the strict checks still accept: BOM, CRLF, tabs inside lines, quotes, anchors, dotted keys") {
  const std::string q = "run:\n  end: 2016-06-30\n  policy_start: 2016-05-01\ncommissioning:\n  switch_date: 2016-05-01\n";
  TempDir dir;
  // A UTF-8 byte order mark (some Windows editors write one): accepted and not part of the text.
  {
    const auto s = sc::load_scenario(dir.write("bom.yaml", "\xEF\xBB\xBFname: bom\n" + q));
    CHECK(s.name == "bom");
    CHECK(s.text.starts_with("name: bom\n"));
    CHECK(load_error("\xEF\xBB\xBFworkforce:\n  base_quit_hazrd: 0.3\n") ==
          "DIR/s.yaml:2:3: workforce.base_quit_hazrd: unknown key; did you mean 'base_quit_hazard'?");
  }
  // Windows line endings.
  {
    std::string crlf;
    for (char c : q + "workforce:\n  base_quit_hazard: 0.25\n") crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(sc::load_scenario(dir.write("crlf.yaml", crlf)).base.workforce.base_quit_hazard == 0.25);
  }
  // A tab between a key and its value, and inside a block of text, is not indentation.
  {
    const auto s = sc::load_scenario(
        dir.write("tabs.yaml", q + "workforce:\n  base_quit_hazard:\t0.25\ndescription: |\n  a\n  \tb\n"));
    CHECK(s.base.workforce.base_quit_hazard == 0.25);
    CHECK(s.description == "a\n\tb\n");
  }
  // Quoted choices, dates and names; quotes inside quotes; non-ASCII text.
  {
    const auto s = sc::load_scenario(dir.write(
        "quotes.yaml", q + "name: 'it''s'\ndescription: \"caf\xC3\xA9 \\\" \xF0\x9F\x98\x80\"\npatches:\n  method: \"balanced\"\n"));
    CHECK(s.name == "it's");
    CHECK(s.description == "caf\xC3\xA9 \" \xF0\x9F\x98\x80");
    CHECK(s.base.patches.method == homecare::model::PatchMethod::balanced);
  }
  // Anchors and aliases used as intended, and a key path written as one dotted key.
  {
    const auto s = sc::load_scenario(dir.write(
        "alias.yaml", q + "workforce.base_quit_hazard: &h 0.25\nsweep:\n  grid:\n    workforce.wage_elasticity: [*h, 0.5]\n"));
    CHECK(s.base.workforce.base_quit_hazard == 0.25);
    REQUIRE(s.variants.size() == 2);
    CHECK(s.variants[0].params.workforce.wage_elasticity == 0.25);
  }
  // Nesting up to the limit.
  {
    std::string nested = q + "description: x\nsweep:\n  grid:\n    workforce.base_quit_hazard: [0.2]\n";
    CHECK(sc::load_scenario(dir.write("nested.yaml", nested)).variants.size() == 1);
    CHECK(load_error("workforce: " + std::string(31, '[') + std::string(31, ']') + "\n").ends_with(
        "workforce: expected a mapping of workforce.* keys, got a list"));
    CHECK(load_error("workforce: " + std::string(32, '[') + std::string(32, ']') + "\n").ends_with(
        "lists and mappings nested more than 32 levels deep"));
  }
}

TEST_CASE("assumption ranges name assumptions, hold their defaults and lie inside the allowed range") {
  namespace m = homecare::model;
  const m::Params defaults;
  REQUIRE(m::assumption_ranges().size() >= 10);
  for (const auto& r : m::assumption_ranges()) {
    INFO(r.path);
    const m::ParamSpec* spec = m::find_parameter(r.path);
    REQUIRE(spec != nullptr);
    CHECK(spec->kind == m::ParamKind::assumption);
    REQUIRE(spec->type() == m::ParamType::real);
    const double value = std::get<m::RealRef>(spec->ref)(defaults);
    CHECK(r.low < r.high);
    CHECK(r.low <= value);
    CHECK(value <= r.high);
    CHECK(spec->min <= r.low);
    CHECK(r.high <= spec->max);
    CHECK_FALSE(r.reasoning.empty());
  }
}

TEST_CASE("a fixed price below the cost of paying the NLW for working time loads, with a warning naming the date") {
  TempDir dir;
  const auto s = sc::load_scenario(dir.write(
      "f.yaml", "run:\n  end: 2019-06-30\ncommissioning:\n  price_rule: fixed\n  fixed_price:\n"
                "    - {from: 2018-10-01, price: 18.50}\n"));
  REQUIRE(s.warnings.size() == 1);
  // 18.50 covers October 2018 (18.02 on that year's lines) but not the NLW of April 2019.
  CHECK(s.warnings[0].find("f.yaml:6:5: commissioning.fixed_price: GBP 18.50 an hour from 2018-10-01 is below GBP") !=
        std::string::npos);
  CHECK(s.warnings[0].find("from 2019-04-01") != std::string::npos);
  const auto fine = sc::load_scenario(dir.write(
      "g.yaml", "run:\n  end: 2019-06-30\ncommissioning:\n  price_rule: fixed\n  fixed_price:\n"
                "    - {from: 2018-10-01, price: 22.00}\n"));
  CHECK(fine.warnings.empty());
}

TEST_CASE("direct_payments.pa_real_living_wage still loads as pa_living_wage, from the switch, with a warning naming the new key") {
  TempDir dir;
  const auto s = sc::load_scenario(dir.write(
      "dp.yaml", "commissioning:\n  switch_date: 2019-01-01\ndirect_payments:\n  pa_real_living_wage: true\n"));
  CHECK(s.base.direct_payments.pa_living_wage);
  CHECK(s.base.direct_payments.pa_living_wage_from == homecare::kernel::Date{2019, 1, 1});
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].find("direct_payments.pa_real_living_wage") != std::string::npos);
  CHECK(s.warnings[0].find("direct_payments.pa_living_wage") != std::string::npos);
  // The new key and its date, as a scenario states them.
  const auto n = sc::load_scenario(dir.write(
      "n.yaml", "direct_payments:\n  pa_living_wage: true\n  pa_living_wage_from: 2020-04-01\n  dps_parity_from: 2021-04-01\n"));
  CHECK(n.warnings.empty());
  CHECK(n.base.direct_payments.pa_living_wage_from == homecare::kernel::Date{2020, 4, 1});
  CHECK(n.base.direct_payments.dps_parity_from == homecare::kernel::Date{2021, 4, 1});
}

TEST_CASE("local supply with no provider based outside the borough loads, with a warning that it changes nothing") {
  TempDir dir;
  const auto s = sc::load_scenario(dir.write("l.yaml", "commissioning:\n  local_supply: true\n"));
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].find("l.yaml:2:17: commissioning.local_supply: providers.out_of_borough_share is 0") != std::string::npos);
  const auto fine = sc::load_scenario(dir.write("m.yaml", "commissioning:\n  local_supply: true\nproviders:\n  out_of_borough_share: 0.3\n"));
  CHECK(fine.warnings.empty());
  CHECK(fine.base.providers.out_of_borough_share == 0.3);
  // Its date defaults to the switch, like every lever's.
  CHECK(fine.base.commissioning.local_supply_from == fine.base.commissioning.switch_date);
}

TEST_CASE("a lever dated before the run or after it loads, with a warning naming the key, the date and what it means") {
  TempDir dir;
  const auto early = sc::load_scenario(dir.write("e.yaml", "training:\n  minimum: true\n  from: 2010-10-01\n"));
  REQUIRE(early.warnings.size() == 1);
  CHECK(early.warnings[0].find("e.yaml:3:9: training.from: 2010-10-01 is before run.start 2016-04-01: the lever acts from the "
                               "run's first day") != std::string::npos);
  const auto late = sc::load_scenario(dir.write("l.yaml", "run:\n  end: 2020-03-31\nwages:\n  llw_from: 2020-03-31\n"));
  REQUIRE(late.warnings.size() == 1);
  CHECK(late.warnings[0].find("l.yaml:4:13: wages.llw_from: 2020-03-31 is not before run.end 2020-03-31: the lever never acts") !=
        std::string::npos);
  // Inside the run, or left to default to the switch, nothing to say.
  CHECK(sc::load_scenario(dir.write("i.yaml", "training:\n  from: 2019-01-01\n")).warnings.empty());
  CHECK(sc::load_scenario(dir.write("c.yaml", "training:\n  minimum: true\n")).warnings.empty());
}
