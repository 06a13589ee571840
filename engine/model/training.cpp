// Training that takes time: courses, their hours and capacity, completion, and a minimum's enrolments.
#include "model/training.hpp"

#include <algorithm>
#include <cmath>

#include "kernel/random.hpp"
#include "model/roster.hpp"

namespace homecare::model {

namespace {

constexpr double days_per_month = 365.25 / 12.0;

/// The course's hours that fall in [from, to).
double hours_within(const CareWorker& w, double from, double to, const TrainingParams& t) {
  const double len = w.course_end_day - w.course_start_day;
  if (len <= 0) return 0;
  const double overlap = std::min(to, w.course_end_day) - std::max(from, w.course_start_day);
  return overlap > 0 ? course_hours(w.course, t) * overlap / len : 0.0;
}

double course_fee(Course c, const TrainingParams& t) {
  switch (c) {
    case Course::level2: return t.l2_fee;
    case Course::level3: return t.l3_fee;
    default: return 0.0;
  }
}

/// The course has ended: capacity back, the credential held, pay for a new level.
void complete(CareWorker& w, const Setting& s, World& world) {
  const double before = pay_premium(w.qualification, s.p.workforce);
  switch (w.course) {
    case Course::certificate:
      w.care_certificate = true;
      w.trained = true;
      break;
    case Course::level2:
      if (w.qualification == Qualification::none) w.qualification = Qualification::level2;
      break;
    case Course::level3: w.qualification = Qualification::level3; break;
    case Course::none: return;
  }
  w.wage += pay_premium(w.qualification, s.p.workforce) - before;
  w.capacity_min_week += w.study_min_week;
  w.study_min_week = 0;
  w.course = Course::none;
  if (w.provider.valid()) ++world.provider(w.provider).roster_version;  // room for visits waiting for cover
}

/// Enrolments paced to reach `target` holders (counting those enrolled) by `deadline`, allowing
/// for the course's length: ceil(shortfall / months left to start a course that ends in time).
int paced_enrolments(double target, double holders, kernel::Date d, kernel::Date deadline, double course_months) {
  if (holders >= target) return 0;
  const int months_left =
      std::max(1, kernel::months_between(d, deadline) + 1 - static_cast<int>(std::ceil(course_months)));
  return static_cast<int>(std::ceil((target - holders) / months_left));
}

}  // namespace

double pay_premium(Qualification q, const WorkforceParams& p) {
  switch (q) {
    case Qualification::level2: return p.pay_premium_l2;
    case Qualification::level3: return p.pay_premium_l3;
    default: return 0.0;
  }
}

double course_hours(Course c, const TrainingParams& t) {
  switch (c) {
    case Course::certificate: return t.induction_hours;
    case Course::level2: return t.l2_hours;
    case Course::level3: return t.l3_hours;
    default: return 0.0;
  }
}

double course_days(Course c, const TrainingParams& t) {
  switch (c) {
    case Course::certificate: return t.certificate_course_weeks * 7.0;
    case Course::level2: return t.l2_course_months * days_per_month;
    case Course::level3: return t.l3_course_months * days_per_month;
    default: return 0.0;
  }
}

void draw_credentials(CareWorker& w, const Setting& s) {
  const WorkforceParams& q = s.p.workforce;
  kernel::RandomStream rs(s.keys(rng_worker_terms, StreamAgent::worker(w.key), 1U));
  w.care_certificate = rs.uniform() < q.share_care_certificate_2016;
  const double u = rs.uniform();
  if (w.qualification != Qualification::none)
    w.qualification = q.share_l2_2016 > 0 && u < q.share_l3_2016 / q.share_l2_2016 ? Qualification::level3 : Qualification::level2;
}

void enrol(WorkerId wid, Course c, double day, double month_end, const Setting& s, World& world) {
  const TrainingParams& t = s.p.training;
  CareWorker& w = world.worker(wid);
  const double len = std::max(1.0, course_days(c, t));
  w.course = c;
  w.course_start_day = day;
  w.course_end_day = day + len;
  // The course's hours a week, all of them from the simulated work (whose books pay for them),
  // never more than the worker's whole week.
  w.study_min_week = std::min(w.capacity_min_week, course_hours(c, t) * 60.0 / (len / 7.0));
  w.capacity_min_week -= w.study_min_week;
  shed_to_capacity(wid, s, world);
  w.training_hours_month += hours_within(w, day, month_end, t);
  world.provider(w.provider).training_fees_month += course_fee(c, t);
}

void induct(WorkerId wid, kernel::Date d, std::int64_t day, const Setting& s, World& world) {
  const TrainingParams& t = s.p.training;
  const CareWorker& w = world.worker(wid);
  if (!t.minimum || d < t.from || w.care_certificate || w.qualification != Qualification::none) return;
  const double month_end = static_cast<double>(day + kernel::days_in_month(d.year, d.month) - (d.day - 1));
  enrol(wid, Course::certificate, static_cast<double>(day), month_end, s, world);
}

void training_month(kernel::Date d, std::int64_t day, const Setting& s, World& world) {
  const TrainingParams& t = s.p.training;
  const auto from = static_cast<double>(day);
  const double to = from + kernel::days_in_month(d.year, d.month);
  // Courses that have ended take effect; those still running are paid for the month.
  for (auto& w : world.workers) {
    if (!w.employed || w.course == Course::none) continue;
    if (w.course_end_day <= from) complete(w, s, world);
    else w.training_hours_month += hours_within(w, from, to, t);
  }
  if (!t.minimum || d < t.from) return;
  double employed = 0, l2 = 0, l3 = 0, uncertified = 0;
  for (auto& w : world.workers) {
    if (!w.employed) continue;
    employed += 1;
    if (w.qualification != Qualification::none || w.course == Course::level2 || w.course == Course::level3) l2 += 1;
    if (w.qualification == Qualification::level3 || w.course == Course::level3) l3 += 1;
    if (!w.care_certificate && w.qualification == Qualification::none && w.course == Course::none) uncertified += 1;
    w.training_hours_month += t.refresher_hours / 12.0;
  }
  // Existing staff with neither the Care Certificate nor a qualification enrol on it within
  // certificate_weeks of the start date, spread evenly over those weeks, in order of worker index.
  const double weeks_in = static_cast<double>(kernel::to_day_number(d) - kernel::to_day_number(t.from)) / 7.0;
  const double weeks_left = std::max(4.35, t.certificate_weeks - weeks_in);
  auto certify = static_cast<int>(std::ceil(uncertified * std::min(1.0, 4.35 / weeks_left)));
  auto to_l2 = paced_enrolments(t.l2_target_share * employed, l2, d, t.l2_deadline, t.l2_course_months);
  auto to_l3 = paced_enrolments(t.l3_target_share * employed, l3, d, t.l3_deadline, t.l3_course_months);
  for (std::uint32_t i = 0; i < world.workers.size() && (certify > 0 || to_l2 > 0 || to_l3 > 0); ++i) {
    const CareWorker& w = world.workers[i];
    if (!w.employed || w.course != Course::none) continue;
    if (w.qualification == Qualification::none && !w.care_certificate && certify > 0) {
      enrol(WorkerId(i), Course::certificate, from, to, s, world);
      --certify;
    } else if (w.qualification == Qualification::none && to_l2 > 0) {
      enrol(WorkerId(i), Course::level2, from, to, s, world);
      --to_l2;
    } else if (w.qualification == Qualification::level2 && to_l3 > 0) {
      enrol(WorkerId(i), Course::level3, from, to, s, world);
      --to_l3;
    }
  }
}

}  // namespace homecare::model
