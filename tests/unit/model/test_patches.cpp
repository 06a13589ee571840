// Patch partitions: contiguous, covering, balanced.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "common/error.hpp"
#include "model/place.hpp"
#include "model/patches.hpp"
#include "brent_place.hpp"

namespace m = homecare::model;
using m::test::brent;

namespace {
std::vector<double> demand() {
  std::vector<double> d;
  for (const auto& w : brent().wards) d.push_back(m::test::ward_population(w, "pop_65plus_2017"));
  return d;
}
}  // namespace

TEST_CASE("balanced partitions are contiguous and cover every ward, for every count") {
  for (std::int64_t k : {1, 2, 4, 5, 8, 13, 21}) {
    m::PatchParams p;
    p.method = m::PatchMethod::balanced;
    p.count = k;
    const auto part = m::partition_wards(brent(), p, demand());
    INFO("count " << k);
    CHECK(part.count == k);
    CHECK(std::none_of(part.ward_patch.begin(), part.ward_patch.end(), [](int x) { return x < 0; }));
    CHECK(m::patches_contiguous(brent(), part));
  }
}

TEST_CASE("balanced patches carry similar demand") {
  m::PatchParams p;
  p.method = m::PatchMethod::balanced;
  p.count = 4;
  const auto d = demand();
  const auto part = m::partition_wards(brent(), p, d);
  std::vector<double> load(4, 0.0);
  for (std::size_t i = 0; i < d.size(); ++i) load[static_cast<std::size_t>(part.ward_patch[i])] += d[i];
  const double total = std::accumulate(load.begin(), load.end(), 0.0);
  for (double l : load) CHECK(l > 0.12 * total);  // an even split is 0.25 each
}

TEST_CASE("gp_localities groups wards by CCG locality, and explicit follows the map") {
  m::PatchParams p;
  p.method = m::PatchMethod::gp_localities;
  const auto part = m::partition_wards(brent(), p, demand());
  CHECK(part.count == 5);
  CHECK(m::patches_contiguous(brent(), part));
  m::PatchParams e;
  e.method = m::PatchMethod::explicit_map;
  for (const auto& w : brent().wards) e.wards.push_back({w.name, w.locality == "Wembley" ? 1 : 2});
  const auto ex = m::partition_wards(brent(), e, demand());
  CHECK(ex.count == 2);
  e.wards.pop_back();
  CHECK_THROWS_AS(m::partition_wards(brent(), e, demand()), homecare::ModelError);
}
