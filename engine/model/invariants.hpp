// The model's invariants, checked every month in a checked build (HOMECARE_CHECKED): people,
// rosters (no worker in two places at once), cover queues, money and visits.
#pragma once

#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Throws ModelError naming the month and the invariant that does not hold.
void check_invariants(int month, const Setting& s, const World& world, const Ledger& ledger);

}  // namespace homecare::model
