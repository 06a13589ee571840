// Statistics across replicates: known values, NaN left out, too few values.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "results/stats.hpp"

using homecare::results::column_stats;

TEST_CASE("mean, sample sd and quantiles of each column, as numpy computes them") {
  // Two columns over five rows: 1..5 and 10, 20, 30, 40, 50 (row-major).
  const std::vector<double> v = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50};
  const auto s = column_stats(v, 5, 2);
  REQUIRE(s.size() == 14);
  CHECK(s[0] == 3.0);                               // mean
  CHECK(s[1] == 30.0);
  CHECK(s[2] == Approx(std::sqrt(2.5)));            // sd, divisor n - 1
  CHECK(s[4] == Approx(1.2));                       // q05: numpy.quantile([1..5], 0.05)
  CHECK(s[6] == 2.0);                               // q25
  CHECK(s[8] == 3.0);                               // q50
  CHECK(s[10] == 4.0);                              // q75
  CHECK(s[12] == Approx(4.8));                      // q95
  CHECK(s[13] == Approx(48.0));
}

TEST_CASE("NaN values are left out, a column of NaN gives NaN, one value has no sd") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Column 0: 1, NaN, 3 -> like [1, 3]. Column 1: all NaN. Column 2: one number.
  const std::vector<double> v = {1, nan, nan, nan, nan, 7, 3, nan, nan};
  const auto s = column_stats(v, 3, 3);
  CHECK(s[0 * 3 + 0] == 2.0);
  CHECK(s[1 * 3 + 0] == Approx(std::sqrt(2.0)));
  CHECK(s[4 * 3 + 0] == 2.0);  // median of [1, 3]
  for (std::size_t row = 0; row < 7; ++row) CHECK(std::isnan(s[row * 3 + 1]));
  CHECK(s[0 * 3 + 2] == 7.0);
  CHECK(std::isnan(s[1 * 3 + 2]));
  CHECK(s[6 * 3 + 2] == 7.0);
}
