// Needs change, from assessment to exit: a package waits for a provider (or starts as a direct
// payment), its user may be admitted to hospital, have hours or carers changed at review, lose a
// personal assistant, and leave (death, residential care, recovery, the end of reablement).
#pragma once

#include <cstdint>

#include "model/agenda.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Assessment done: a direct payment starts; any other package joins the brokerage queue. The
/// user's hazards run from now to the month's end.
void assessment_done(UserId u, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                     Ledger& ledger);
/// A user's month from `day` to its end: the first of death, residential care or recovery (if any
/// comes before the month ends); a personal assistant's quitting; hospital admission; reviews that
/// make a package double-handed or change its hours (re-rostering it).
void user_month(UserId u, std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Agenda& agenda);
/// The user leaves; their package is released and their pending events cancelled.
void end_user(UserId u, ExitCause cause, const Setting& s, World& world, Agenda& agenda, Ledger& ledger);
void hospital_admit(UserId u, std::int64_t day, const Setting& s, World& world, Agenda& agenda);
void hospital_discharge(UserId u, World& world);
/// A reablement episode ends: in residential care, recovered, or on to long-term care (a new
/// package, assessed at once).
void reablement_end(UserId u, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                    Ledger& ledger);
void pa_quit(UserId u, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda);
void pa_replaced(UserId u, World& world);

}  // namespace homecare::model
