// The council's budget and its spend beyond payments for visits: direct payments, council-funded
// training, residential placements caused by unmet need; the budget by financial year (growth for
// demography and the precept until a date, standstill after).
#pragma once

#include "kernel/calendar.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"

namespace homecare::model {

/// What the council pays a direct-payment user per planned hour, net of the underspend it
/// recoups: the 2016/17 rate moved with what a personal assistant must be paid (wage and on-costs).
[[nodiscard]] double direct_payment_rate(const Params& p, const WageEnvironment& w, const Regime& r);
/// The home care budget for the financial year containing `d` (GBP a year).
[[nodiscard]] double annual_budget(const Place& place, const Params& p, kernel::Date d);
/// Month `month`, closing on `d`: the month's spend (direct payments, `payments` to providers,
/// training, residential placements caused by unmet need) and budget.
void close_council_month(int month, kernel::Date d, double payments, const Setting& s, Ledger& ledger);

}  // namespace homecare::model
