// Training: under a training minimum, new starters complete the Care Certificate in their first
// month, existing staff within certificate_weeks, refreshers for everyone, and level 2 enrolments
// paced to reach the target share by its deadline. Hours are paid; fees fall on providers.
#pragma once

#include "kernel/calendar.hpp"
#include "model/care_worker.hpp"
#include "model/params.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// A new starter hired on `d`: inducted (Care Certificate, paid hours) when the minimum applies.
void induct(CareWorker& w, kernel::Date d, const TrainingParams& t);
/// The month starting `d`: refreshers, certificates for existing staff, level 2 enrolments.
void training_month(kernel::Date d, const TrainingParams& t, World& world);

}  // namespace homecare::model
