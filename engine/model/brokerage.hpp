// Brokerage: each day the council offers the packages waiting for a provider, oldest first, to
// providers as the commissioning regime says (framework: any, the larger more often; patches: the
// patch's providers; dynamic purchasing system: the cheapest first), then spot purchase.
#pragma once

#include <cstdint>
#include <vector>

#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Offers every waiting package once; those placed start, the rest wait. `spare` is scratch
/// space (each provider's free weekly minutes today). With `levers.local_supply` the offers go to
/// providers based in the borough first, then to those based outside (docs/MODEL.md 7.7a).
void brokerage(std::int64_t day, const Setting& s, const Regime& regime, const Levers& levers, World& world, Ledger& ledger,
               std::vector<double>& spare);

}  // namespace homecare::model
