// Statistics across replicates (mean, standard deviation, quantiles), NaN-aware: the `stats/`
// datasets stored beside each variant's raw replicates.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace homecare::results {

/// The rows of every stats dataset, in order.
inline constexpr std::array<std::string_view, 7> stat_rows = {"mean", "sd", "q05", "q25", "q50", "q75", "q95"};
/// The quantile each of stat_rows[2..] stands for.
inline constexpr std::array<double, 5> stat_quantiles = {0.05, 0.25, 0.50, 0.75, 0.95};

/// For each column of the row-major [rows, cols] array `values`, statistics over its rows,
/// NaN values left out: a row-major [7, cols] array in stat_rows order. The mean; the sample
/// standard deviation (divisor n - 1); quantiles interpolated linearly between order statistics
/// (numpy's default and R's type 7: numpy.nanquantile gives the same). A column with no number
/// gives NaN throughout; its sd is NaN with fewer than two. Deterministic: sums run in row
/// order, so the same values give bit-identical statistics.
[[nodiscard]] std::vector<double> column_stats(std::span<const double> values, std::size_t rows, std::size_t cols);

}  // namespace homecare::results
