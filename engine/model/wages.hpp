// Statutory and voluntary wage floors over time: the National Living Wage, the London Living
// Wage and the UK Real Living Wage (FACTS.md), and the LLW phasing a scenario sets.
#pragma once

#include <vector>

#include "kernel/calendar.hpp"
#include "model/parameter_spec.hpp"

namespace homecare::model {

/// National Living Wage in force on `d` (GBP per hour; rises each 1 April).
[[nodiscard]] double national_living_wage(kernel::Date d);
/// London Living Wage announced most recently before `d` (GBP per hour; announced each November).
[[nodiscard]] double london_living_wage_announced(kernel::Date d);
/// LLW an employer must pay on `d` if it implements announcements `lag_months` after them.
[[nodiscard]] double london_living_wage_payable(kernel::Date d, double lag_months);
/// UK Real Living Wage payable on `d` (announced each November, six months to implement).
[[nodiscard]] double real_living_wage_payable(kernel::Date d);
/// Share of the NLW-to-LLW gap a phasing schedule requires on `d` (0 before its first step).
[[nodiscard]] double llw_share(const std::vector<ScheduleStep>& phasing, kernel::Date d);
/// The pay floor on `d`: NLW + share x (LLW payable - NLW), never below the NLW.
[[nodiscard]] double wage_floor(kernel::Date d, const std::vector<ScheduleStep>& phasing, double lag_months);

}  // namespace homecare::model
