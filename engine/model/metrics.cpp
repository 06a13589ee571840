// The metric catalogue: every reported series with its units and definition.
#include "model/metrics.hpp"

#include <algorithm>
#include <cstdint>

#include "common/error.hpp"

namespace homecare::model {
namespace {

const std::vector<MetricInfo> monthly = {
    {"active_users", "people", "Mean number of people with a home care package, over the month's days"},
    {"new_users", "people", "Packages that started in the month"},
    {"care_workers", "people", "Mean care-worker headcount over the month's days"},
    {"leavers", "people", "Care workers who left their job in the month"},
    {"turnover_rate_12m", "share per year",
     "Leavers in the 12 months to this month over the mean headcount in them (Skills for Care's "
     "definition); annualised from fewer months at the start of the run"},
};

const std::vector<MetricInfo> summary = {
    {"turnover_rate", "share per year", "Leavers over the whole run over mean headcount, per year"},
    {"cohort_leaving_share", "share",
     "Share of the workers employed on the run's first day who left within 12 months"},
    {"active_users_mean", "people", "Mean number of people with a package over the run"},
};

std::size_t index_of(const std::vector<MetricInfo>& list, std::string_view name) {
  auto it = std::find_if(list.begin(), list.end(), [&](const MetricInfo& m) { return m.name == name; });
  if (it == list.end()) throw ModelError("unknown metric '" + std::string(name) + "'");
  return static_cast<std::size_t>(it - list.begin());
}

}  // namespace

std::span<const MetricInfo> monthly_metrics() { return monthly; }
std::span<const MetricInfo> summary_metrics() { return summary; }
std::size_t monthly_index(std::string_view name) { return index_of(monthly, name); }
std::size_t summary_index(std::string_view name) { return index_of(summary, name); }

}  // namespace homecare::model
