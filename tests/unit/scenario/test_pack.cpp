// The borough pack loader on the shipped Brent and Ealing packs: what the Place holds, the pack's
// defaults, where packs are found, and the cache that reads a pack once but sees it change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/sha256.hpp"
#include "model/place.hpp"
#include "scenario/pack.hpp"
#include "scenario/scenario.hpp"
#include "temp_scenario.hpp"

namespace sc = homecare::scenario;
namespace m = homecare::model;
namespace fs = std::filesystem;
using homecare::test::TempDir;

namespace {
const std::string source_dir = HOMECARE_SOURCE_DIR;
const std::string brent_dir = source_dir + "/boroughs/brent";
const std::string ealing_dir = source_dir + "/boroughs/ealing";

/// Twice the signed area of a ring (shoelace), in m^2.
double ring_area(const m::Ring& r) {
  double a = 0;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) a += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
  return a / 2;
}
}  // namespace

TEST_CASE("pack: Brent's place, as its files state it") {
  const auto pack = sc::load_pack(brent_dir);
  const m::Place& pl = *pack->place;
  CHECK(pl.name == "brent");
  CHECK(pl.display_name == "Brent");
  CHECK(pl.ons_code == "E09000005");
  REQUIRE(pl.wards.size() == 21);
  CHECK(pl.localities.size() == 5);
  CHECK(pl.calibration_from == homecare::kernel::Date{2016, 4, 1});
  CHECK(pl.calibration_to == homecare::kernel::Date{2017, 3, 31});
  CHECK(pl.patches_max == 21);
  CHECK(&pl.living_wage() == &pl.tables.london_living_wage);
  CHECK(pl.hash.size() == 64);
  CHECK(pl.tables.hash.size() == 64);
  std::set<std::string> codes;
  double area_ha = 0;
  for (const auto& w : pl.wards) {
    codes.insert(w.code);
    area_ha += w.area_ha;
    INFO(w.name);
    CHECK(pl.bounding_box[0] <= w.centroid.x);
    CHECK(w.centroid.x <= pl.bounding_box[2]);
    CHECK(pl.bounding_box[1] <= w.centroid.y);
    CHECK(w.centroid.y <= pl.bounding_box[3]);
    CHECK(pl.ward_index(w.name) == static_cast<int>(&w - pl.wards.data()));
    // The polygons' area agrees with the ward table's (the loader allows 5%).
    REQUIRE(pl.has_boundaries);
    double poly_m2 = 0;
    for (const auto& poly : w.boundary) {
      poly_m2 += std::abs(ring_area(poly.front()));
      for (std::size_t h = 1; h < poly.size(); ++h) poly_m2 -= std::abs(ring_area(poly[h]));
    }
    CHECK(poly_m2 / 1e4 == Approx(w.area_ha).epsilon(0.05));
  }
  CHECK(codes.size() == 21);
  CHECK(area_ha == Approx(4325).epsilon(0.02));  // Brent is about 43 km^2 (BRENT.md)
  CHECK(pl.ward_index("Nowhere") == -1);
  // Contiguity is symmetric and joins every ward to the rest.
  for (std::size_t a = 0; a < pl.wards.size(); ++a)
    for (const auto b : pl.graph.adjacent[a]) {
      const auto& back = pl.graph.adjacent[b];
      CHECK(std::find(back.begin(), back.end(), a) != back.end());
    }
  std::set<std::size_t> seen{0};
  std::vector<std::size_t> todo{0};
  while (!todo.empty()) {
    const auto a = todo.back();
    todo.pop_back();
    for (const auto b : pl.graph.adjacent[a])
      if (seen.insert(b).second) todo.push_back(b);
  }
  CHECK(seen.size() == 21);
  // One venue with its extra window; the tables cover the calibration year.
  REQUIRE(pl.venues.size() == 1);
  CHECK(pl.venues[0].events_per_year == 37);
  CHECK(pl.tables.national_living_wage.at(pl.calibration_from, pl.tables.national_living_wage.column("adult")) == 7.20);
}

TEST_CASE("pack: its defaults become the parameters' defaults, each with a tag and a source") {
  const auto pack = sc::load_pack(brent_dir);
  REQUIRE(pack->defaults.size() == m::pack_parameters().size());
  for (const auto& d : pack->defaults) {
    INFO(d.key);
    CHECK(!d.source.empty());
    CHECK((d.tag == "sourced" || d.tag == "estimate" || d.tag == "assumption"));
  }
  CHECK(pack->params.council.budget_2016 == 15.0e6);
  CHECK(pack->params.providers.framework_providers == 60);
  CHECK(pack->params.travel.event_days_per_year == 37);
  CHECK(pack->params.travel.event_extra == 22);
  CHECK(pack->params.travel.event_radius_km == 2);
  REQUIRE(pack->targets.size() == 14);
  CHECK(pack->targets.front().metric == "calibration_active_users");
  CHECK(pack->targets.front().parameter == "demand.initial_users");
}

TEST_CASE("pack: a scenario names its pack by name or by a path from the scenario file") {
  CHECK(sc::pack_dir("brent", "/x/s.yaml", "/packs") == "/packs/brent");
  CHECK(fs::path(sc::pack_dir("../packs/brent", "/x/y/s.yaml", "/elsewhere")).lexically_normal() == "/x/packs/brent");
  CHECK(sc::boroughs_root(std::string("/opt/packs")) == "/opt/packs");
  ::setenv("HOMECARE_BOROUGHS", "/env/packs", 1);
  CHECK(sc::boroughs_root() == "/env/packs");
  CHECK(sc::boroughs_root(std::string("/opt/packs")) == "/opt/packs");
  ::unsetenv("HOMECARE_BOROUGHS");
  CHECK(sc::boroughs_root() == source_dir + "/boroughs");
}

TEST_CASE("pack: read once per process, read again when a file changes") {
  TempDir dir;
  fs::copy(brent_dir, dir.path() + "/brent", fs::copy_options::recursive);
  fs::copy(source_dir + "/boroughs/tables", dir.path() + "/tables", fs::copy_options::recursive);
  const auto a = sc::load_pack(dir.path() + "/brent");
  const auto b = sc::load_pack(dir.path() + "/brent");
  CHECK(a == b);  // the same object: not read twice
  CHECK(a->place->hash == sc::load_pack(brent_dir)->place->hash);  // same files, same hash
  std::string pack_yaml = dir.read("brent/pack.yaml");
  pack_yaml.replace(pack_yaml.find("display_name: Brent"), 19, "display_name: Brent!");
  dir.write("brent/pack.yaml", pack_yaml);
  const auto c = sc::load_pack(dir.path() + "/brent");
  CHECK(c != a);
  CHECK(c->place->display_name == "Brent!");
  CHECK(c->place->hash != a->place->hash);
  CHECK(c->place->tables.hash == a->place->tables.hash);
}

TEST_CASE("pack: a scenario in a borough gets that borough's place and defaults") {
  TempDir dir;
  const auto s = sc::load_scenario(dir.write("s.yaml", "borough: brent\n"));
  CHECK(s.borough == "brent");
  REQUIRE(s.place);
  CHECK(s.place->wards.size() == 21);
  CHECK(s.base.council.budget_2016 == 15.0e6);
  CHECK(homecare::test::load_error("borough: [brent]\n").find("borough:") != std::string::npos);
  CHECK(homecare::test::load_error("borough: nowhere\n") ==
        "DIR/s.yaml:1:10: borough: no borough pack at '" + source_dir + "/boroughs/nowhere' (packs there: brent, ealing)");
}

TEST_CASE("pack: Ealing's place, as its files state it (23 wards, totals, networks, processions)") {
  const auto pack = sc::load_pack(ealing_dir);
  const m::Place& pl = *pack->place;
  CHECK(pl.name == "ealing");
  CHECK(pl.display_name == "Ealing");
  CHECK(pl.ons_code == "E09000009");
  REQUIRE(pl.wards.size() == 23);
  CHECK(pl.wards.front().code == "E05000170");  // Acton Central
  CHECK(pl.wards.back().code == "E05000192");   // Walpole
  CHECK(pl.localities == std::vector<std::string>{"Acton", "Ealing", "Greenford", "Hanwell", "Northolt", "Perivale", "Southall"});
  CHECK(pl.calibration_from == homecare::kernel::Date{2021, 4, 1});
  CHECK(pl.calibration_to == homecare::kernel::Date{2022, 3, 31});
  CHECK(pl.demand_anchor == homecare::kernel::Date{2020, 7, 1});
  CHECK(pl.patches_max == 23);
  CHECK(&pl.living_wage() == &pl.tables.london_living_wage);
  // Boundaries for every ward, their areas the ward table's (the same ONS polygons; within 0.1% after
  // rounding the vertices to the metre); Ealing is about 55.5 km^2.
  REQUIRE(pl.has_boundaries);
  double area_ha = 0;
  for (const auto& w : pl.wards) {
    INFO(w.name);
    area_ha += w.area_ha;
    double poly_m2 = 0;
    for (const auto& poly : w.boundary) {
      poly_m2 += std::abs(ring_area(poly.front()));
      for (std::size_t h = 1; h < poly.size(); ++h) poly_m2 -= std::abs(ring_area(poly[h]));
    }
    CHECK(poly_m2 / 1e4 == Approx(w.area_ha).epsilon(0.001));
  }
  CHECK(area_ha == Approx(5554.0).margin(0.5));  // EALING.md section 3: 5,553.9 ha
  // The ward rows add up to the ONS borough totals exactly (EALING.md section 3).
  const std::vector<std::pair<std::string, double>> totals = {
      {"pop_all_2017", 342736}, {"pop_65plus_2017", 42527}, {"pop_85plus_2017", 5629},
      {"pop_all_2019", 341806}, {"pop_65plus_2019", 44846}, {"pop_85plus_2019", 6057},
      {"pop_all_2020", 340341}, {"pop_65plus_2020", 45661}, {"pop_85plus_2020", 6124}};
  CHECK(pl.population_columns.size() == 11);  // and the GLA's 2015 all ages and 65+, without a total
  for (const auto& [column, total] : totals) {
    INFO(column);
    const auto it = std::find(pl.population_columns.begin(), pl.population_columns.end(), column);
    REQUIRE(it != pl.population_columns.end());
    const auto c = static_cast<std::size_t>(it - pl.population_columns.begin());
    double sum = 0;
    for (const auto& w : pl.wards) sum += w.population[c];
    CHECK(sum == total);
  }
  double pop65 = 0, pop85 = 0;
  for (std::size_t i = 0; i < pl.wards.size(); ++i) {
    pop65 += pl.demand_pop65[i];
    pop85 += pl.demand_pop85[i];
  }
  CHECK(pop65 == 45661);  // demand from mid-2020
  CHECK(pop85 == 6124);
  // Eight primary care networks, every ward in one.
  CHECK(pl.networks == std::vector<std::string>{"Acton", "The Ealing", "South Central Ealing", "Greenwell", "NGP", "Northolt",
                                                "North Southall", "South Southall"});
  REQUIRE(pl.ward_network.size() == 23);
  std::vector<int> per_network(pl.networks.size(), 0);
  for (const int n : pl.ward_network) {
    REQUIRE(n >= 0);
    ++per_network[static_cast<std::size_t>(n)];
  }
  CHECK(per_network == std::vector<int>{4, 4, 3, 2, 4, 1, 3, 2});
  CHECK(pl.networks[static_cast<std::size_t>(pl.ward_network[static_cast<std::size_t>(pl.ward_index("Southall Broadway"))])] ==
        "North Southall");
  // The two Southall processions: one day a year each, in their windows; within 2 km of them lie the
  // five Southall wards EALING.md names, and no other.
  REQUIRE(pl.venues.size() == 2);
  for (const auto& v : pl.venues) {
    CHECK(v.events_per_year == 1);
    CHECK(v.summer_share == 1.0);
    CHECK(v.extra.empty());
  }
  CHECK(pl.venues[0].summer_month == 3);
  CHECK(pl.venues[0].summer_day == 25);
  CHECK(pl.venues[1].summer_month == 11);
  CHECK(pack->params.travel.event_days_per_year == 1);
  CHECK(pack->params.travel.event_extra == 0);
  CHECK(pack->params.travel.event_radius_km == 2);
  std::set<std::string> slowed;
  for (const auto& w : pl.wards)
    for (const auto& v : pl.venues)
      if (std::hypot(w.centroid.x - v.at.x, w.centroid.y - v.at.y) <= pack->params.travel.event_radius_km * 1000.0)
        slowed.insert(w.name);
  CHECK(slowed == std::set<std::string>{"Dormers Wells", "Lady Margaret", "Norwood Green", "Southall Broadway", "Southall Green"});
}

TEST_CASE("pack: Ealing's defaults: its facts, the pay floor it set, and the targets the engine can check") {
  const auto pack = sc::load_pack(ealing_dir);
  for (const auto& d : pack->defaults) {
    INFO(d.key);
    CHECK(!d.source.empty());
    CHECK((d.tag == "sourced" || d.tag == "estimate" || d.tag == "assumption"));
  }
  CHECK(pack->defaults.size() == 16);
  const m::Params& p = pack->params;
  CHECK(p.council.budget_2016 == 25.0e6);
  CHECK(p.council.dp_budget_2016 == 2.5e6);
  CHECK(p.council.savings_total == 0.0);  // not Brent's 30m
  CHECK(p.providers.framework_providers == 70);
  CHECK(p.providers.out_of_borough_share == 0.36);  // Ealing scrutiny report (2024) para 2.4
  CHECK(p.demand.growth_65plus == 0.024);
  // The London Living Wage from 1 November 2022, the rate announced 7 months before each month.
  REQUIRE(p.wages.llw_phasing.size() == 1);
  CHECK(p.wages.llw_phasing[0].from == homecare::kernel::Date{2022, 11, 1});
  CHECK(p.wages.llw_phasing[0].value == 1.0);
  CHECK(p.wages.llw_lag_months == 7);
  CHECK(p.wages.llw_steps == 0);
  // TARGETS.md E1-E6 and one assumption, G1 (docs/CALIBRATION.md section 7).
  REQUIRE(pack->targets.size() == 7);
  const std::vector<std::array<std::string, 3>> rows = {
      {"E1", "calibration_direct_payment_adults", "direct_payments.takeup"},
      {"E2", "direct_payment_adults", ""},
      {"E3", "calibration_out_of_borough_share", ""},
      {"E4", "calibration_direct_payments_recouped", ""},
      {"E5", "calibration_active_users", "demand.initial_users"},
      {"E6", "calibration_providers", ""},
      {"G1", "calibration_user_growth", "demand.referrals_per_1000_65plus"}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(pack->targets[i].id == rows[i][0]);
    CHECK(pack->targets[i].metric == rows[i][1]);
    CHECK(pack->targets[i].parameter == rows[i][2]);
  }
  CHECK(pack->targets[2].value == 0.36);
  CHECK(pack->targets[1].month == "2023-03");  // a count in March 2023, from the monthly series
  CHECK(pack->targets[6].mode == "inflow");
  for (std::size_t i = 0; i < rows.size(); ++i) CHECK(pack->targets[i].known_gap.empty() == (i != 3));  // E4 only
  // A scenario in Ealing keeps the pack's pay floor (the loader resets wages.llw_from, not llw_phasing).
  TempDir dir;
  const auto s = sc::load_scenario(dir.write("s.yaml", "borough: ealing\nrun: {start: 2021-04-01, end: 2022-03-31, policy_start: 2021-04-01}\n"));
  CHECK(s.place->wards.size() == 23);
  CHECK(s.base.wages.llw_phasing == p.wages.llw_phasing);
  CHECK(s.base.wages.llw_lag_months == 7);
}
