// Referrals and demand: new packages arriving by ward, each with its user's needs and visit plan.
#pragma once

#include <cstdint>

#include "kernel/random.hpp"
#include "model/agenda.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// New packages a day expected in `ward` on day index `day` of the run (long-term, or
/// reablement starts): the rate per 1,000 residents aged 65+ (85+ weighted), populations growing
/// from the pack's demand anchor. market.hpp's referral_rate for the model's users.
[[nodiscard]] double referrals_per_day(const Place& place, const Params& p, std::uint16_t ward, double day, bool reablement);

/// Share of new long-term packages that need two carers at once, `day` days into the run.
[[nodiscard]] double double_handed_share(const Params& p, double day);

/// Whether the direct-payment support service is full: direct_payments.support_workers x
/// users_per_support_worker people with a direct payment (in set-up or active); never with no
/// support workers set (capacity unlimited). docs/MODEL.md 7.1.
[[nodiscard]] bool direct_payment_support_full(const Params& p, const World& world);
/// The route of a long-term referral who would choose a direct payment (`chooses`): a direct
/// payment, or council-arranged care when the support service is full (counted in the ledger).
[[nodiscard]] Route long_term_route(bool chooses, const Params& p, const World& world, MonthTally& t);
/// A new user `key` in `ward` on route `route`, with needs and a visit plan drawn from their own
/// stream; a reablement episode after `day` 0 also gets its end scheduled. Not yet assessed.
UserId create_user(Route route, std::uint16_t ward, double day, UserKey key, const Setting& s, World& world, Agenda& agenda);

/// The day's referrals in every ward: new long-term packages (some as direct payments) and
/// reablement episodes, each assessed after a delay (reablement at once).
/// `referral_factor` scales the long-term referral rate (direct payments included; not reablement):
/// the council's tighter eligibility threshold (council_budget.hpp: responses_in_force).
void daily_referrals(std::int64_t day, const Setting& s, const Regime& regime, double referral_factor, World& world, Agenda& agenda,
                     Ledger& ledger);

}  // namespace homecare::model
