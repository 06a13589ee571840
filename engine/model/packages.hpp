// A package's placement with a provider ending: released (the user leaves, or the provider does),
// or handed back to the council's brokerage queue.
#pragma once

#include <cstdint>

#include "model/ids.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Weekly minutes a package asks of its provider's workers: each visit with the roster's travel
/// allowance, twice for two carers.
[[nodiscard]] double package_minutes(const ServiceUser& u, const Setting& s);
/// Unrosters `u`'s package and detaches it from its provider (and any spot premium).
void release_package(UserId u, const Setting& s, World& world);
/// Releases `u`'s package and puts it first in the brokerage queue, waiting from `day`.
void hand_back(UserId u, std::int64_t day, const Setting& s, World& world);

}  // namespace homecare::model
