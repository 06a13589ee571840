// Brent as its pack describes it (boroughs/brent/, loaded by the pack loader): the wards match
// BRENT.md, the ward graph is sound, and Params' defaults are Brent's (the model's tests build
// their parameters from Params' defaults and simulate in Brent).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/error.hpp"
#include "kernel/random.hpp"
#include "model/params.hpp"
#include "model/place.hpp"
#include "brent_place.hpp"

namespace m = homecare::model;
using m::test::brent;
using m::test::ward_population;

TEST_CASE("Brent has 21 wards whose populations sum to the borough's") {
  const auto& w = brent().wards;
  REQUIRE(w.size() == 21);
  double pop65_2019 = 0, area = 0, pop65_2017 = 0;
  for (const auto& x : w) {
    pop65_2019 += ward_population(x, "pop_65plus_2019");
    pop65_2017 += ward_population(x, "pop_65plus_2017");
    area += x.area_ha;
    CHECK(x.centroid.x > 515000);
    CHECK(x.centroid.x < 526000);
    CHECK(x.centroid.y > 182000);
    CHECK(x.centroid.y < 191000);
  }
  CHECK(pop65_2019 == Approx(41088));
  CHECK(pop65_2017 == Approx(38941));
  CHECK(area == Approx(4323.5).epsilon(0.001));
  CHECK(w[17].name == "Tokyngton");
  CHECK(w[0].locality == "Wembley");
  CHECK(brent().ward_index("Tokyngton") == 17);
  CHECK(brent().ward_index("Wembley Park") == -1);
}

TEST_CASE("Brent's wards are E05000085-E05000105 in order, each in one of its five localities") {
  const auto& p = brent();
  CHECK(p.name == "brent");
  CHECK(p.ons_code == "E09000005");
  CHECK(p.localities == std::vector<std::string>{"Harness", "Kilburn", "Kingsbury", "Wembley", "Willesden"});
  for (std::size_t i = 0; i < p.wards.size(); ++i) {
    CHECK(p.wards[i].code == (i + 85 < 100 ? "E050000" : "E05000") + std::to_string(85 + i));
    CHECK(std::find(p.localities.begin(), p.localities.end(), p.wards[i].locality) != p.localities.end());
  }
  // The demand columns and the workers' homes are the ward table's.
  REQUIRE(p.demand_pop65.size() == 21);
  REQUIRE(p.demand_pop85.size() == 21);
  REQUIRE(p.worker_home_weights.size() == 21);
  for (std::size_t i = 0; i < p.wards.size(); ++i) {
    CHECK(p.demand_pop65[i] == ward_population(p.wards[i], "pop_65plus_2017"));
    CHECK(p.demand_pop85[i] == ward_population(p.wards[i], "pop_85plus_2017"));
  }
  CHECK(p.demand_anchor == homecare::kernel::Date{2017, 7, 1});
  // Wembley Stadium, in Tokyngton.
  REQUIRE(p.venues.size() == 1);
  CHECK(p.venues[0].at.x == 519367);
  CHECK(p.venues[0].at.y == 185526);
}

TEST_CASE("the ward graph: wards nearest first, neighbours both ways, every ward reachable") {
  const auto& p = brent();
  const auto& g = p.graph;
  REQUIRE(g.by_distance.size() == 21);
  REQUIRE(g.adjacent.size() == 21);
  for (std::uint16_t i = 0; i < 21; ++i) {
    const auto& order = g.by_distance[i];
    REQUIRE(order.size() == 21);
    CHECK(order.front() == i);
    for (std::size_t k = 1; k < order.size(); ++k)
      CHECK(m::distance_m(p.wards[i].centroid, p.wards[order[k - 1]].centroid) <=
            m::distance_m(p.wards[i].centroid, p.wards[order[k]].centroid));
    CHECK_FALSE(g.adjacent[i].empty());
    for (const auto j : g.adjacent[i]) {
      CHECK(j != i);
      CHECK(std::find(g.adjacent[j].begin(), g.adjacent[j].end(), i) != g.adjacent[j].end());
    }
    // A ward's nearest other ward is a neighbour (the Gabriel graph holds the nearest neighbour graph).
    CHECK(std::find(g.adjacent[i].begin(), g.adjacent[i].end(), order[1]) != g.adjacent[i].end());
  }
  std::vector<bool> seen(21, false);
  std::vector<std::uint16_t> stack{0};
  seen[0] = true;
  while (!stack.empty()) {
    const auto i = stack.back();
    stack.pop_back();
    for (const auto j : g.adjacent[i])
      if (!seen[j]) {
        seen[j] = true;
        stack.push_back(j);
      }
  }
  CHECK(std::all_of(seen.begin(), seen.end(), [](bool b) { return b; }));
  // Rebuilt from the wards, the graph is the same.
  const m::WardGraph again = m::build_ward_graph(p.wards);
  CHECK(again.by_distance == g.by_distance);
  CHECK(again.adjacent == g.adjacent);
}

namespace {
/// Crossing-number point-in-polygon, written independently of the engine's (Boost.Geometry).
bool crossing_inside(const m::Ward& w, m::Point p) {
  auto in_ring = [&](const m::Ring& r) {
    bool in = false;
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
      if ((r[i].y > p.y) != (r[j].y > p.y) && p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x) in = !in;
    return in;
  };
  for (const auto& poly : w.boundary) {
    if (!in_ring(poly.front())) continue;
    if (std::none_of(poly.begin() + 1, poly.end(), in_ring)) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("a home in a ward lies inside the ward's boundary, uniformly: the homes' mean is its centroid") {
  // The pack's centroids are the polygons' area centroids (boroughs/brent/wards.csv), so the mean
  // of uniform points inside a ward converges to it: 4,000 homes put it within about 15 m (one
  // standard error); 60 m is four.
  homecare::kernel::RandomStream s({1, 2, 3, 4, 5});
  REQUIRE(brent().has_boundaries);
  for (std::uint16_t w = 0; w < 21; ++w) {
    const auto& ward = brent().wards[w];
    INFO(ward.name);
    double sx = 0, sy = 0;
    const int n = 4000;
    int outside = 0, in_another = 0;
    for (int i = 0; i < n; ++i) {
      const m::Point p = m::random_point_in_ward(brent(), w, s);
      sx += p.x;
      sy += p.y;
      outside += !crossing_inside(ward, p);
      for (std::uint16_t o = 0; o < 21; ++o) in_another += o != w && crossing_inside(brent().wards[o], p);
    }
    CHECK(outside == 0);
    CHECK(in_another == 0);
    CHECK(m::distance_m({sx / n, sy / n}, ward.centroid) < 60.0);
  }
}

TEST_CASE("without boundaries, a home lies within the disc of the ward's area around its centroid") {
  m::Place place = brent();
  for (auto& w : place.wards) w.boundary.clear();
  place.has_boundaries = false;
  homecare::kernel::RandomStream s({1, 2, 3, 4, 5});
  for (std::uint16_t w = 0; w < 21; ++w) {
    const auto& ward = place.wards[w];
    const double radius = std::sqrt(ward.area_ha * 1e4 / 3.141592653589793);
    double far = 0;
    for (int i = 0; i < 200; ++i) far = std::max(far, m::distance_m(m::random_point_in_ward(place, w, s), ward.centroid));
    CHECK(far <= radius);
    CHECK(far > 0.8 * radius);  // the disc is filled, not a point
  }
}

TEST_CASE("a table asked for a column it does not have is refused") {
  CHECK(brent().tables.national_living_wage.at({2017, 4, 1}, brent().tables.national_living_wage.column("adult")) == 7.50);
  CHECK_THROWS_AS(brent().tables.national_living_wage.column("no such column"), homecare::ModelError);
}

TEST_CASE("Params' defaults are Brent's: the pack's defaults change nothing") {
  const m::Params d;
  const m::Params& b = m::test::brent_pack().params;
  CHECK(b.council.budget_2016 == d.council.budget_2016);
  CHECK(b.council.demography_growth == d.council.demography_growth);
  CHECK(b.council.precept_share == d.council.precept_share);
  CHECK(b.council.growth_until == d.council.growth_until);
  CHECK(b.providers.framework_providers == d.providers.framework_providers);
  CHECK(b.workforce.share_trained_2016 == d.workforce.share_trained_2016);
  CHECK(b.travel.event_days_per_year == d.travel.event_days_per_year);
  CHECK(b.travel.event_extra == d.travel.event_extra);
}
