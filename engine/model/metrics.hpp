// The catalogue of reported metrics (name, units, meaning) and one replicate's results.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace homecare::model {

struct MetricInfo {
  std::string name;
  std::string units;
  std::string description;
};

/// Monthly series, in the order of ReplicateResult::monthly.
[[nodiscard]] std::span<const MetricInfo> monthly_metrics();
/// Whole-period figures, in the order of ReplicateResult::summary.
[[nodiscard]] std::span<const MetricInfo> summary_metrics();
[[nodiscard]] std::size_t monthly_index(std::string_view name);  // throws ModelError if unknown
[[nodiscard]] std::size_t summary_index(std::string_view name);

/// What one replicate of one variant produces.
struct ReplicateResult {
  std::vector<std::vector<double>> monthly;  // [metric][month]
  std::vector<double> summary;               // [metric]
  std::uint64_t events = 0;                  // kernel events processed (for benchmarks)
};

}  // namespace homecare::model
