// The embedded ward table matches BRENT.md.
#include <catch2/catch.hpp>

#include "common/error.hpp"
#include "model/place.hpp"

TEST_CASE("Brent has 21 wards whose populations sum to the borough's") {
  const auto& w = homecare::model::brent_wards();
  REQUIRE(w.size() == 21);
  double pop65_2019 = 0, area = 0, pop65_2017 = 0;
  for (const auto& x : w) {
    pop65_2019 += x.pop65_2019;
    pop65_2017 += x.pop65_2017;
    area += x.area_ha;
    CHECK(x.easting > 515000);
    CHECK(x.easting < 526000);
    CHECK(x.northing > 182000);
    CHECK(x.northing < 191000);
  }
  CHECK(pop65_2019 == Approx(41088));
  CHECK(pop65_2017 == Approx(38941));
  CHECK(area == Approx(4323.5).epsilon(0.001));
  CHECK(w[17].name == "Tokyngton");
  CHECK(w[0].locality == "Wembley");
}

TEST_CASE("a malformed ward table is refused") {
  CHECK_THROWS_AS(homecare::model::parse_wards_csv("header\nA,B,C\n"), homecare::ModelError);
}
