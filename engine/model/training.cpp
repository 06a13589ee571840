// Training under a training minimum.
#include "model/training.hpp"

#include <algorithm>
#include <cmath>

namespace homecare::model {

void induct(CareWorker& w, kernel::Date d, const TrainingParams& t) {
  if (t.minimum && !(d < t.from) && !w.trained) {
    w.trained = true;  // Care Certificate within the deadline: its hours paid in the first month
    w.training_hours_month += t.induction_hours;
  }
}

void training_month(kernel::Date d, const TrainingParams& t, World& world) {
  if (!t.minimum || d < t.from) return;
  // Refreshers for everyone; level 2 enrolments paced to reach the target share by the deadline.
  double employed = 0, l2 = 0;
  for (auto& w : world.workers) {
    if (!w.employed) continue;
    employed += 1;
    if (w.qualification != Qualification::none) l2 += 1;
    w.training_hours_month += t.refresher_hours / 12.0;
  }
  // Existing staff without the Care Certificate complete it within certificate_weeks of the
  // start date, spread evenly over those weeks.
  const double weeks_in = static_cast<double>(kernel::to_day_number(d) - kernel::to_day_number(t.from)) / 7.0;
  const double weeks_left = std::max(4.35, t.certificate_weeks - weeks_in);
  double untrained = 0;
  for (const auto& w : world.workers) untrained += w.employed && !w.trained ? 1 : 0;
  auto certify = static_cast<int>(std::ceil(untrained * std::min(1.0, 4.35 / weeks_left)));
  for (std::uint32_t i = 0; i < world.workers.size() && certify > 0; ++i) {
    CareWorker& w = world.workers[i];
    if (!w.employed || w.trained) continue;
    w.trained = true;
    w.training_hours_month += t.induction_hours;
    --certify;
  }
  const double target = t.l2_target_share * employed;
  if (l2 >= target) return;
  const int months_left = std::max(1, kernel::months_between(d, t.l2_deadline) + 1);
  auto enrol = static_cast<int>(std::ceil((target - l2) / months_left));
  for (std::uint32_t i = 0; i < world.workers.size() && enrol > 0; ++i) {
    CareWorker& w = world.workers[i];
    if (!w.employed || w.qualification != Qualification::none) continue;
    w.qualification = Qualification::level2;
    w.training_hours_month += t.l2_hours;
    world.provider(w.provider).training_fees_month += t.l2_fee;
    --enrol;
  }
}

}  // namespace homecare::model
