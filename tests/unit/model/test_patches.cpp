// Patch partitions: contiguous, covering, balanced.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>
#include <numeric>

#include "common/error.hpp"
#include "model/place.hpp"
#include "model/patches.hpp"
#include "model/validate.hpp"
#include "scenario/pack.hpp"
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

TEST_CASE("gp_localities gives Brent's four GP localities, Wembley's wards shared out, and explicit follows the map") {
  m::PatchParams p;
  p.method = m::PatchMethod::gp_localities;
  const auto part = m::partition_wards(brent(), p, demand());
  REQUIRE(part.count == 4);
  CHECK(part.names == std::vector<std::string>{"Harness", "Kilburn", "Kingsbury", "Willesden"});
  CHECK(m::patch_count(brent(), p) == 4);
  CHECK(m::patches_contiguous(brent(), part));
  // The pack's rule (boroughs/brent/pack.yaml, docs/MODEL.md 7.17): each Wembley ward to the
  // nearest other locality; every other ward keeps its CCG locality.
  const std::map<std::string, std::string> wembley = {{"Alperton", "Harness"},       {"Tokyngton", "Harness"},
                                                      {"Wembley Central", "Harness"}, {"Northwick Park", "Kingsbury"},
                                                      {"Preston", "Kingsbury"},       {"Sudbury", "Kingsbury"}};
  for (std::size_t i = 0; i < brent().wards.size(); ++i) {
    const auto& w = brent().wards[i];
    INFO(w.name);
    const std::string got = part.names[static_cast<std::size_t>(part.ward_patch[i])];
    CHECK(got == (w.locality == "Wembley" ? wembley.at(w.name) : w.locality));
  }
  m::PatchParams e;
  e.method = m::PatchMethod::explicit_map;
  for (const auto& w : brent().wards) e.wards.push_back({w.name, w.locality == "Wembley" ? 1 : 2});
  const auto ex = m::partition_wards(brent(), e, demand());
  CHECK(ex.count == 2);
  e.wards.pop_back();
  CHECK_THROWS_AS(m::partition_wards(brent(), e, demand()), homecare::ModelError);
}

TEST_CASE("providers_wanted: providers_per_patch in every patch, or one count per patch") {
  m::PatchParams p;
  p.method = m::PatchMethod::balanced;
  p.count = 3;
  const auto part = m::partition_wards(brent(), p, demand());
  CHECK(m::providers_wanted(p, part) == std::vector<int>{3, 3, 3});
  p.providers_per_patch = 2;
  CHECK(m::providers_wanted(p, part) == std::vector<int>{2, 2, 2});
  p.providers_by_patch = {1, 3, 2};
  CHECK(m::providers_wanted(p, part) == std::vector<int>{1, 3, 2});
  p.providers_by_patch = {1, 3};
  CHECK_THROWS_AS(m::providers_wanted(p, part), homecare::ModelError);
}

namespace {
/// A test pack with four made-up primary care networks over Brent's wards (packs/networked/).
const homecare::scenario::Pack& networked_pack() {
  static const auto pack = homecare::scenario::load_pack(std::string(HOMECARE_SOURCE_DIR) + "/tests/unit/model/packs/networked");
  return *pack;
}
const m::Place& networked() { return *networked_pack().place; }
}  // namespace

TEST_CASE("primary_care_networks: a patch per network of the pack, or networks grouped by a map") {
  const m::Place& pl = networked();
  REQUIRE(pl.networks == std::vector<std::string>{"North", "West", "Central", "South East"});
  m::PatchParams p;
  p.method = m::PatchMethod::primary_care_networks;
  const auto part = m::partition_wards(pl, p, demand());
  CHECK(part.count == 4);
  CHECK(part.names == pl.networks);
  CHECK(part.ward_patch == pl.ward_network);
  CHECK(m::patch_count(pl, p) == 4);
  CHECK(m::patches_contiguous(pl, part));
  // Grouped: West with North, Central alone, South East alone.
  p.networks = {{"North", 1}, {"West", 1}, {"Central", 2}, {"South East", 3}};
  const auto grouped = m::partition_wards(pl, p, demand());
  CHECK(grouped.count == 3);
  CHECK(grouped.names == std::vector<std::string>{"North + West", "Central", "South East"});
  CHECK(m::patch_count(pl, p) == 3);
  for (std::size_t i = 0; i < pl.wards.size(); ++i) {
    const int net = pl.ward_network[i];
    CHECK(grouped.ward_patch[i] == (net <= 1 ? 0 : net - 1));
  }
  // A network left out of the map, and providers_by_patch of the wrong length, are refused.
  p.networks.pop_back();
  CHECK_THROWS_AS(m::partition_wards(pl, p, demand()), homecare::ModelError);
  m::Params params = networked_pack().params;
  params.patches.method = m::PatchMethod::primary_care_networks;
  params.patches.providers_by_patch = {2, 2, 3};
  const auto problems = m::validate(params, pl);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].path == "patches.providers_by_patch");
  params.patches.providers_by_patch = {2, 2, 3, 1};
  CHECK(m::validate(params, pl).empty());
  // This pack states no gp_localities: gp_localities falls back to its locality column (the CCG's
  // five, alphabetical), as every pack did before issue 16.
  m::PatchParams gp;
  gp.method = m::PatchMethod::gp_localities;
  const auto five = m::partition_wards(pl, gp, demand());
  CHECK(five.names == std::vector<std::string>{"Harness", "Kilburn", "Kingsbury", "Wembley", "Willesden"});
  CHECK(m::patch_count(pl, gp) == 5);
  // Brent's pack lists no networks: the method is refused there.
  CHECK(m::patch_count(brent(), params.patches) == 0);
  CHECK_THROWS_AS(m::partition_wards(brent(), params.patches, demand()), homecare::ModelError);
  params.patches.providers_by_patch.clear();
  const auto refused = m::validate(params, brent());
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].path == "patches.method");
}
