// The catalogue of reported metrics (name, units, meaning) and one replicate's results.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace homecare::model {

struct Params;

struct MetricInfo {
  std::string name;
  std::string units;
  std::string description;
};

/// Monthly series, in the order of ReplicateResult::monthly.
[[nodiscard]] std::span<const MetricInfo> monthly_metrics();
/// Whole-period figures, in the order of ReplicateResult::summary.
[[nodiscard]] std::span<const MetricInfo> summary_metrics();
/// Figures per financial year (1 April to 31 March), in the order of ReplicateResult::yearly.
[[nodiscard]] std::span<const MetricInfo> yearly_metrics();
[[nodiscard]] std::size_t monthly_index(std::string_view name);  // throws ModelError if unknown
[[nodiscard]] std::size_t summary_index(std::string_view name);
[[nodiscard]] std::size_t yearly_index(std::string_view name);

/// The financial years the run touches, "YYYY/YY" (2016/17 runs from 1 April 2016 to 31 March
/// 2017), first to last: the columns of the yearly results.
[[nodiscard]] std::vector<std::string> report_years(const Params& p);
/// The financial year (its first calendar year) of month `m` of the run (0: run.start's month).
[[nodiscard]] int financial_year_of_month(const Params& p, int m);

/// What one replicate of one variant produces.
struct ReplicateResult {
  std::vector<std::vector<double>> monthly;  // [metric][month]
  std::vector<double> summary;               // [metric]
  std::vector<std::vector<double>> yearly;   // [metric][financial year the run touches]
  std::uint64_t events = 0;                  // kernel events processed (for benchmarks)
};

}  // namespace homecare::model
