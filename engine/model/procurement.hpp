// Procurement: the re-commissioning on the switch date (under patches a tender of scored bids,
// the work moving to the winners with the staff who do it; a dynamic purchasing system's price
// competition), re-tenders when a patch winner leaves, and new providers joining the framework
// or the approved list.
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

/// The new commissioning model starts on `day`, the first of month `month` (commissioning.switch_date):
/// under patches, a tender awards each patch's contracts and the work moves to the winners with
/// its staff (TUPE); losers stay on the approved list (approved_list.enabled) or stop.
void switch_commissioning(std::int64_t day, int month, const Setting& s, Economy& econ, World& world, Agenda& agenda, Ledger& ledger);
/// Under patches, at the start of month `month`: a patch with fewer active winners than it wants
/// is tendered again tender.retender_months after it lost one (the approved list holds its
/// packages meanwhile); the new winner takes the patch's packages held off-contract.
void retender(std::int64_t day, int month, const Setting& s, Economy& econ, World& world, Agenda& agenda, Ledger& ledger);
/// Weekly minutes of `pr`'s packages in patch `patch` counted against its award there (each
/// package's minutes when placed against it).
[[nodiscard]] double held_award(const Provider& pr, int patch, const PatchPartition& patches, const World& world);
/// Weekly minutes `pr` may still take in patch `patch` under its award (0 where it holds none;
/// unlimited where its contract states no volume).
[[nodiscard]] double spare_award(const Provider& pr, int patch, const PatchPartition& patches, const World& world);
/// The spot providers outside the framework (spot_market.providers), on day 0, each with its staff.
void add_spot_market(const Setting& s, const Economy& econ, World& world, Agenda& agenda);
/// New providers join the framework, or under patches the approved list, in month `month`, each
/// with its first hires.
void provider_entry(std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Agenda& agenda);

}  // namespace homecare::model
