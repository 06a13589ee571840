// Users' experience of care and their complaints: at each month's end a long-term user may
// complain about having no consistent worker (more than three different ones), late visits or
// missed ones; some complaints go formally to the council. A provider that keeps missing a
// package's visits hands it back (less often with a partnership forum).
#pragma once

#include "kernel/calendar.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Month `month`, closing on `d`: continuity, complaints and hand-backs from each user's month;
/// then each user's monthly experience is reset.
void close_experience(int month, kernel::Date d, const Setting& s, const Economy& econ, World& world, Ledger& ledger);

}  // namespace homecare::model
