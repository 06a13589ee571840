// The council's budget and its spend beyond payments for visits: direct payments, council-funded
// training, residential placements caused by unmet need, the partnership forum; the budget by
// financial year (growth for demography and the precept until a date, standstill after, the
// savings target); the council's responses to an overspent year.
#pragma once

#include "kernel/calendar.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/service_user.hpp"
#include "model/setting.hpp"

namespace homecare::model {

/// What the council pays a direct-payment user per planned hour (gross: what it recoups is counted
/// apart, `DirectPaymentDay`): the calibration year's rate moved with what a personal assistant is
/// paid (wage and on-costs); with a PA floor the rate does not cover
/// (direct_payments.rate_covers_pa_floor off), moved with the unfloored wage only.
[[nodiscard]] double direct_payment_rate(const Params& p, const WageEnvironment& w, const Regime& r);
/// Share of a personal assistant's planned hours the rate buys: 1 when the rate covers the PA's
/// pay, else the rate over the rate that would (the hours fall, unmet).
[[nodiscard]] double pa_hours_share(const Params& p, const WageEnvironment& w, const Regime& r);

/// A direct-payment user's day: what the council pays, recoups, and the hours not delivered.
struct DirectPaymentDay {
  double paid = 0;        // GBP paid
  double recouped = 0;    // GBP unspent and recouped (part of paid)
  double unmet_min = 0;   // minutes of planned care not delivered
};
/// The day of an active direct-payment user (or one in set-up, `setting_up`): `rate` the
/// direct-payment rate (`direct_payment_rate`), `council_price` the council's mean price an hour
/// (what an agency buyer's budget is, direct_payments.buy_from_agencies), `pa_share` from
/// `pa_hours_share`. docs/MODEL.md 7.6.
[[nodiscard]] DirectPaymentDay direct_payment_day(const ServiceUser& u, bool setting_up, const Params& p, const Levers& l,
                                                  double rate, double council_price, double pa_share);
/// The budget for the financial year containing `d` (GBP a year): home care and reablement
/// (council.budget_2016) and direct payments (council.dp_budget_2016), grown by the precept and
/// demography until council.growth_until, less the home care share of the savings from
/// council.savings_from. It covers all of council_spend but residential placements.
[[nodiscard]] double annual_budget(const Place& place, const Params& p, kernel::Date d);
/// The savings taken from the budget of the financial year containing `d` (GBP a year).
[[nodiscard]] double annual_savings(const Params& p, kernel::Date d);
/// The council's responses in force on `d` (a month's first day): each from its date, in a
/// financial year that follows an overspent one (`ledger.last_year_overspent`).
[[nodiscard]] Responses responses_in_force(const Params& p, kernel::Date d, const Ledger& ledger);
/// Month `month`, closing on `d`: the month's spend (direct payments, `payments` to providers,
/// training, residential placements caused by unmet need, the forum while it meets) by category,
/// and budget; at March's close, whether the financial year overspent.
void close_council_month(int month, kernel::Date d, double payments, const Setting& s, const Economy& econ, Ledger& ledger);

}  // namespace homecare::model
