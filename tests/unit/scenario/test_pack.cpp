// The borough pack loader on the shipped Brent pack: what the Place holds, the pack's defaults,
// where packs are found, and the cache that reads a pack once but sees it change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

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
        "DIR/s.yaml:1:10: borough: no borough pack at '" + source_dir + "/boroughs/nowhere' (packs there: brent)");
}
