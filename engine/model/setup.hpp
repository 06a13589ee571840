// Initialisation of a replicate: its setting (calendar, travel, venues' event days), the framework
// providers and the reablement team, the packages running on day 0 and the staff that serve them.
#pragma once

#include <cstdint>

#include "model/agenda.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// The fixed setting of replicate `replicate` of `p` under `seed`, event days drawn.
[[nodiscard]] Setting make_setting(const Place& place, const Params& p, std::uint32_t seed, std::uint32_t replicate);
/// The economy on run.start: pay in force, cost lines, the framework regime.
[[nodiscard]] Economy initial_economy(const Setting& s);
/// The market on day 0: providers, packages running, staff rostered, first absences scheduled,
/// the day-0 cohort and the calibration counts taken.
void setup_market(const Setting& s, const Economy& econ, World& world, Agenda& agenda, Ledger& ledger);

/// The day its figures close of the month containing `d`: its last day, or run.end.
[[nodiscard]] kernel::Date month_close_date(const Params& p, kernel::Date d);

}  // namespace homecare::model
