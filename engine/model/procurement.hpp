// Procurement: the re-commissioning on the switch date (patches awarded to the providers holding
// most of each patch's packages, losers' packages re-brokered and their staff transferred or
// leaving; a dynamic purchasing system's price competition), and new providers joining the
// framework.
#pragma once

#include <cstdint>
#include <optional>

#include "model/agenda.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// The partition of wards into patches awarded on the switch date, under patch commissioning
/// (demand weighted on that date); nullopt under any other model. market.hpp's
/// commissioned_patches for the model's users.
[[nodiscard]] std::optional<PatchPartition> patches_at_switch(const Place& place, const Params& p);

/// The new commissioning model starts on `day` (commissioning.switch_date).
void switch_commissioning(std::int64_t day, const Setting& s, Economy& econ, World& world, Agenda& agenda, Ledger& ledger);
/// New providers join the framework (not a closed patch list) in month `month`, each with its
/// first hires.
void provider_entry(std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Agenda& agenda);

}  // namespace homecare::model
