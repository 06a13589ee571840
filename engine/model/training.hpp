// Training that takes time (docs/MODEL.md 7.13): the Care Certificate, level 2 and level 3 are
// courses. A worker enrolled on one is paid its hours, spread over its length, and those hours come
// out of their week (capacity for council work), so visits beyond it go to cover; its effects (on
// quitting, on visit quality, on pay) start when it ends. Under a training minimum new starters
// without the Care Certificate or a qualification enrol on it when hired, existing staff within
// certificate_weeks, and level 2 and level 3 enrolments are paced to reach their target shares by
// their deadlines. Fees fall on providers.
#pragma once

#include <cstdint>

#include "kernel/calendar.hpp"
#include "model/care_worker.hpp"
#include "model/ids.hpp"
#include "model/params.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// Pay above the provider's wage for the worker's qualification (workforce.pay_premium_l2, _l3).
[[nodiscard]] double pay_premium(Qualification q, const WorkforceParams& p);
/// A course's paid hours and its length in days.
[[nodiscard]] double course_hours(Course c, const TrainingParams& t);
[[nodiscard]] double course_days(Course c, const TrainingParams& t);
/// The Care Certificate and level 3 held on hiring or at the start, from a stream of their own
/// (rng_worker_terms, sub 1), so that every other draw is that of builds before them:
/// the Care Certificate with workforce.share_care_certificate_2016, level 3 for a share
/// share_l3_2016 / share_l2_2016 of those at level 2.
void draw_credentials(CareWorker& w, const Setting& s);
/// Enrols `w` on `c` from day index `day` (`month_end`: the first day of the next month): the
/// course's hours of this month are paid, its minutes a week leave capacity (visits beyond it are
/// queued for cover), its fee falls on the provider.
void enrol(WorkerId w, Course c, double day, double month_end, const Setting& s, World& world);
/// A new starter hired on `d` (day index `day`): enrolled on the Care Certificate when the minimum
/// applies and they hold neither it nor a qualification.
void induct(WorkerId w, kernel::Date d, std::int64_t day, const Setting& s, World& world);
/// The month starting `d` (day index `day`): courses that have ended take effect, courses running
/// are paid for the month, and under a minimum refreshers and enrolments.
void training_month(kernel::Date d, std::int64_t day, const Setting& s, World& world);

}  // namespace homecare::model
