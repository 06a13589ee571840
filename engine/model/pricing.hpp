// Pricing: each April the council uplifts providers' prices by its rule (an NLW uplift, funding
// the wage gap, or, from the switch, a UKHCA-style cost build-up), and each month it adds the LLW
// supplement that funds its share of each provider's gap to the pay floor.
#pragma once

#include "kernel/calendar.hpp"
#include "model/economy.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Prices and LLW supplements of every provider for the month starting `d`.
void update_prices(kernel::Date d, const Setting& s, const Economy& econ, World& world);

}  // namespace homecare::model
