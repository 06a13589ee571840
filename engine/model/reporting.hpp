// Reporting: the daily counts and end-of-month snapshots behind the metrics of CONTRACT.md, the
// calibration surveys, and one replicate's results (catalogue in metrics.cpp).
#pragma once

#include <cstdint>

#include "kernel/calendar.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/metrics.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Day `day`'s counts: people by state and route, direct-payment spend, the workforce.
void count_day(std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Ledger& ledger);
/// The snapshots taken on particular days: the workers who changed agency in the two years to
/// 1 November 2017 (C7), double-handed packages three years in (C14).
void take_surveys(std::int64_t day, kernel::Date date, const Setting& s, const World& world, Ledger& ledger);
/// The end of month `month` (closing on `d`): the workforce and market snapshot; each worker's and
/// provider's monthly figures reset; ended users dropped from the daily list.
void close_month_snapshot(int month, kernel::Date d, const Setting& s, const Economy& econ, World& world, Ledger& ledger);
/// The replicate's monthly series and summaries.
[[nodiscard]] ReplicateResult replicate_result(const Setting& s, const Ledger& ledger, std::uint64_t events);

}  // namespace homecare::model
