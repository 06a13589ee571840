// The model's invariants, checked every month in a checked build (HOMECARE_CHECKED): people,
// rosters (no worker in two places at once), cover queues, packages (each with exactly one provider,
// a direct payment, or waiting; patch winners within their awards), money and visits, pay (no care
// worker below the pay floor, no personal assistant below theirs), direct payments' money and
// hours, providers based outside the borough.
#pragma once

#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Throws ModelError naming the month and the invariant that does not hold.
/// `econ` is the month's: its pay, regime and levers.
void check_invariants(int month, const Setting& s, const Economy& econ, const World& world, const Ledger& ledger);

}  // namespace homecare::model
