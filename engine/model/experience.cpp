// Continuity, complaints and hand-backs at each month's end.
#include "model/experience.hpp"

#include <algorithm>
#include <cmath>

#include "kernel/random.hpp"
#include "model/packages.hpp"

namespace homecare::model {

void close_experience(int month, kernel::Date d, const Setting& s, const Economy& econ, World& world, Ledger& ledger) {
  const Params& p = s.p;
  MonthTally& t = ledger.month(month);
  const bool fy = s.place.in_calibration_period(d);
  const auto& c = p.complaints;
  const double forum = econ.levers.forum ? p.council.forum_handback_notice_factor : 1.0;
  for (std::uint32_t i = 0; i < world.users.size(); ++i) {
    ServiceUser& u = world.users[i];
    const double due = u.visits_month + u.missed_month;
    if (u.route == Route::long_term && due > 0) {
      if (u.provider.valid()) {  // the provider's record, for tenders
        Provider::Record& r = world.provider(u.provider).record_month;
        r.due += due;
        r.late += u.late_month;
        r.missed += u.missed_month;
      }
      WardTally& wt = ledger.ward_row(month)[u.ward];
      t.distinct_sum += u.seen_count;
      t.distinct_users += 1;
      wt.distinct_sum += u.seen_count;
      wt.distinct_users += 1;
      kernel::RandomStream rs(s.keys(rng_user_month, StreamAgent::user(u.key), static_cast<std::uint32_t>(month) + 100000U));
      const double excess = std::max(0, static_cast<int>(u.seen_count) - 3);
      const bool cont = kernel::bernoulli(rs, 1.0 - std::exp(-c.continuity_per_extra_worker * excess));
      const bool late = kernel::bernoulli(rs, 1.0 - std::exp(-c.per_late_visit * u.late_month));
      const bool miss = kernel::bernoulli(rs, 1.0 - std::exp(-c.per_missed_visit * u.missed_month));
      for (bool made : {cont, late, miss}) {
        if (made && kernel::bernoulli(rs, p.council.complaint_to_council_share)) {
          t.complaints_council += 1;
          if (fy) ledger.calibration_council_complaints += 1;
        }
      }
      t.complaints_continuity += cont;
      t.complaints_lateness += late;
      t.complaints_missed += miss;
      wt.complaints += static_cast<std::int64_t>(cont) + late + miss;
      u.unmet_share_last_month = due > 0 ? u.missed_month / due : 0.0;
      // A provider that keeps missing a package's visits hands it back (less often with a
      // partnership forum, where problems are raised before they come to that).
      if (u.state == UserState::active && u.provider.valid() && u.missed_days_month >= p.providers.handback_missed_days &&
          kernel::bernoulli(rs, forum)) {
        world.provider(u.provider).record_month.handbacks += 1;
        hand_back(UserId(i), kernel::to_day_number(d) - kernel::to_day_number(p.run.start), s, world);
        u.emergency = econ.regime.patches_active && p.approved_list.enabled;
        t.handed_back += 1;
      }
    }
    u.seen_count = 0;
    u.visits_month = 0;
    u.late_month = 0;
    u.missed_month = 0;
    u.missed_days_month = 0;
    if (u.route == Route::long_term && u.state == UserState::active && u.double_handed) t.dh_packages += 1;
  }
}

}  // namespace homecare::model
