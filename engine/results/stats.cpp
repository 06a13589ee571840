// Column statistics for the results file.
#include "results/stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace homecare::results {

std::vector<double> column_stats(std::span<const double> values, std::size_t rows, std::size_t cols) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> out(stat_rows.size() * cols, nan);
  std::vector<double> x;
  x.reserve(rows);
  for (std::size_t c = 0; c < cols; ++c) {
    x.clear();
    for (std::size_t r = 0; r < rows; ++r) {
      const double v = values[r * cols + c];
      if (!std::isnan(v)) x.push_back(v);
    }
    if (x.empty()) continue;
    const auto n = static_cast<double>(x.size());
    double sum = 0;
    for (double v : x) sum += v;
    const double mean = sum / n;
    out[0 * cols + c] = mean;
    if (x.size() >= 2) {
      double ss = 0;
      for (double v : x) ss += (v - mean) * (v - mean);
      out[1 * cols + c] = std::sqrt(ss / (n - 1));
    }
    std::sort(x.begin(), x.end());
    for (std::size_t q = 0; q < stat_quantiles.size(); ++q) {
      const double h = (n - 1) * stat_quantiles[q];
      const auto lo = static_cast<std::size_t>(std::floor(h));
      const std::size_t hi = std::min(lo + 1, x.size() - 1);
      const double t = h - static_cast<double>(lo);
      out[(2 + q) * cols + c] = t == 0 ? x[lo] : x[lo] + t * (x[hi] - x[lo]);
    }
  }
  return out;
}

}  // namespace homecare::results
