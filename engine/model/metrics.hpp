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
/// Figures per ward over the policy period, in the order of ReplicateResult::by_ward: totals and
/// means that add up over wards (and to the borough's).
[[nodiscard]] std::span<const MetricInfo> by_ward_metrics();
[[nodiscard]] std::size_t by_ward_index(std::string_view name);
/// Figures per patch: the by-ward metrics summed over each patch's wards, then five shares.
[[nodiscard]] std::span<const MetricInfo> by_patch_metrics();
[[nodiscard]] std::size_t by_patch_index(std::string_view name);

/// The months of the policy period (run.policy_start's month to run.end's), as the summaries count them.
[[nodiscard]] int policy_months(const Params& p);
/// One replicate's figures per patch, [by_patch metric][patch], from its figures per ward
/// ([by_ward metric][ward]) and the partition (`ward_patch[w]` in 0..patches-1). Throws ModelError
/// on shapes that do not match.
[[nodiscard]] std::vector<std::vector<double>> patch_figures(const Params& p, const std::vector<std::vector<double>>& ward,
                                                             const std::vector<int>& ward_patch, int patches);

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
  std::vector<std::vector<double>> by_ward;  // [metric][ward of the place]
  std::uint64_t events = 0;                  // kernel events processed (for benchmarks)
};

}  // namespace homecare::model
