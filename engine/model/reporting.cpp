// Daily counts, monthly snapshots and a replicate's results.
#include "model/reporting.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "common/error.hpp"
#include "model/council_budget.hpp"
#include "model/pay_law.hpp"

namespace homecare::model {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void count_day(std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Ledger& ledger) {
  MonthTally& t = ledger.month(month);
  const bool fy = s.place.in_calibration_period(s.cal.date_of_day(day));
  const double dp_rate = direct_payment_rate(s.p, econ.wages, econ.regime);
  const double pa_share = pa_hours_share(s.p, econ.wages, econ.regime);
  // The council's price an hour, what an agency buyer's direct payment is (mean over the providers
  // it buys from, supplements included).
  double council_price = s.p.commissioning.price_2016;
  if (s.p.direct_payments.buy_from_agencies) {
    double sum = 0;
    int n = 0;
    for (const auto& pr : world.providers)
      if (pr.active && !pr.reablement_team && !pr.off_framework) {
        sum += pr.price + pr.llw_supplement + pr.travel_supplement;
        ++n;
      }
    if (n) council_price = sum / n;
  }
  WardTally* const ward = ledger.ward_row(month);
  t.days += 1;
  auto direct_payment = [&](const ServiceUser& u, bool setting_up) {
    const DirectPaymentDay dp = direct_payment_day(u, setting_up, s.p, econ.levers, dp_rate, council_price, pa_share);
#ifdef HOMECARE_CHECKED
    // What is recouped is part of what is paid; the hours unmet part of those planned; with price
    // parity in force an agency buyer's money buys every planned hour.
    const double planned = u.weekly_hours * 60.0 / 7.0;
    if (!(dp.recouped >= 0) || dp.recouped > dp.paid + 1e-9 || !(dp.unmet_min >= 0) || dp.unmet_min > planned + 1e-9)
      throw ModelError("day " + std::to_string(day) + ": a direct payment recoups more than it pays, or leaves more unmet than planned");
    if (econ.levers.dps_parity && s.p.direct_payments.buy_from_agencies && !u.has_pa && !setting_up && dp.unmet_min != 0)
      throw ModelError("day " + std::to_string(day) + ": an agency buyer's hours unmet with price parity in force");
#endif
    t.spend_dp += dp.paid - dp.recouped;
    t.dp_recouped += dp.recouped;
    t.dp_unmet_min += dp.unmet_min;
    t.dp_planned_min += u.weekly_hours * 60.0 / 7.0;
    t.unmet_min += dp.unmet_min;
    ward[u.ward].unmet_min += dp.unmet_min;
  };
  for (UserId id : world.live_users) {
    ServiceUser& u = world.user(id);
    if (u.state == UserState::ended) continue;
    if (u.state == UserState::assessing) {
      // A direct payment being set up: not paid yet, its hours unmet.
      if (u.dp_setup) direct_payment(u, true);
      continue;
    }
    if (u.state == UserState::waiting) {
      t.waiting += 1;
      t.unmet_min += u.weekly_hours * 60.0 / 7.0;
      ward[u.ward].unmet_min += u.weekly_hours * 60.0 / 7.0;
      continue;
    }
    switch (u.route) {
      case Route::long_term:
        t.active += 1;
        ward[u.ward].active += 1;
        if (fy && !u.counted_calibration_year) {
          u.counted_calibration_year = true;
          ledger.calibration_distinct_users += 1;
        }
        break;
      case Route::reablement:
        t.reablement += 1;
        if (fy && !u.counted_calibration_year) {
          u.counted_calibration_year = true;
          ledger.calibration_reablement += 1;
        }
        break;
      case Route::direct_payment:
        t.dp += 1;
        direct_payment(u, false);
        break;
    }
  }
  t.workers += world.employed;
  for (const auto& pr : world.providers) t.vacancies += pr.active ? pr.vacancies : 0;
}

void take_surveys(std::int64_t day, kernel::Date date, const Setting& s, const World& world, Ledger& ledger) {
  if (date == s.place.agency_census) {
    double n = 0, changed = 0;
    for (const auto& w : world.workers)
      if (w.employed) {
        n += 1;
        if (static_cast<double>(day) - w.changed_agency_day <= 730.0) changed += 1;
      }
    ledger.survey_changed_agency = n > 0 ? changed / n : 0;
  }
  if (date == kernel::add_months({s.p.run.start.year, s.p.run.start.month, 1}, 36)) {
    for (const auto& u : world.users)
      if (u.route == Route::long_term && u.double_handed && u.state == UserState::active) ledger.dh_packages_3y += 1;
  }
}

void close_month_snapshot(int month, kernel::Date, const Setting& /*s*/, const Economy& econ, World& world, Ledger& ledger) {
  MonthTally& t = ledger.month(month);
  // Pay as the law counts it, over the month's minutes before they are reset below (the
  // providers' books, which pay the same minutes, closed just before).
  const MinimumWageCheck nlw = check_minimum_wage(world.workers, econ.wages.nlw, econ.levers.travel_paid);
  t.nlw_worked += nlw.worked;
  t.nlw_below += nlw.below;
  t.nlw_shortfall += nlw.shortfall;
  // End-of-month workforce and market snapshot.
  const double llw_now = econ.wages.llw_payable_at_close;
  t.outside_wage = econ.wages.outside;
  t.seekers_index = econ.labour_ref.set && econ.labour_ref.seekers > 0 ? econ.labour.seekers / econ.labour_ref.seekers : 0.0;
  for (auto& w : world.workers) {
    if (w.employed) {
      t.worker_count_end += 1;
      t.wage_sum += w.wage;
      t.llw_count += w.wage >= llw_now - 1e-9 ? 1 : 0;
      t.l2_count += w.qualification != Qualification::none ? 1 : 0;
      t.l3_count += w.qualification == Qualification::level3 ? 1 : 0;
      t.certificate_count += w.care_certificate ? 1 : 0;
      t.in_training += w.course != Course::none ? 1 : 0;
    }
    t.training_hours += w.training_hours_month;
    // Unpaid travel: between visits unless travel is paid, and always a commute into the
    // borough and home (docs/MODEL.md 7.7a; 0 for a worker living in the borough).
    const double worked = w.contact_min_month + w.travel_min_month + w.commute_min_month;
    const double unpaid = (econ.levers.travel_paid ? 0.0 : w.travel_min_month) + w.commute_min_month;
    w.unpaid_travel_share = worked > 0 && unpaid > 0 ? unpaid / worked : 0.0;
    w.contact_min_month = w.travel_min_month = w.km_month = w.training_hours_month = w.commute_min_month = 0;
  }
  for (auto& pr : world.providers) {
    if (pr.active && !pr.reablement_team && !pr.users.empty()) t.providers_active += 1;
    if (pr.active && pr.approved_list) t.approved_packages += static_cast<std::int64_t>(pr.users.size());
    pr.revenue_month = pr.cost_month = pr.hours_month = pr.training_fees_month = 0;
    t.hires += pr.hires_month;
    t.vacancies_opened += pr.vacancies_opened_month;
    t.fill_days += pr.fill_days_month;
    pr.hires_month = pr.vacancies_opened_month = 0;
    pr.fill_days_month = 0;
  }
  std::erase_if(world.live_users, [&](UserId id) { return world.user(id).state == UserState::ended; });
}

ReplicateResult replicate_result(const Setting& s, const Ledger& ledger, std::uint64_t events) {
  ReplicateResult r;
  const std::vector<MonthTally>& tally = ledger.months;
  const auto M = static_cast<std::size_t>(s.months);
  r.monthly.assign(monthly_metrics().size(), std::vector<double>(M, 0.0));
  r.summary.assign(summary_metrics().size(), nan);
  auto mon = [&](const char* name) -> std::vector<double>& { return r.monthly[monthly_index(name)]; };
  auto sum = [&](const char* name) -> double& { return r.summary[summary_index(name)]; };
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  auto d = [](std::int64_t n) { return static_cast<double>(n); };
  for (std::size_t m = 0; m < M; ++m) {
    const MonthTally& t = tally[m];
    const double days = std::max(1.0, d(t.days));
    mon("active_users")[m] = d(t.active) / days;
    mon("waiting_users")[m] = d(t.waiting) / days;
    mon("new_users")[m] = d(t.new_users);
    mon("reablement_users")[m] = d(t.reablement) / days;
    mon("direct_payment_users")[m] = d(t.dp) / days;
    mon("direct_payment_adults")[m] = d(t.dp) / days / s.p.direct_payments.home_care_share;
    mon("care_workers")[m] = d(t.workers) / days;
    mon("leavers")[m] = d(t.leavers);
    mon("leavers_provider_exit")[m] = d(t.exit_leavers);
    mon("vacancy_rate")[m] = ratio(d(t.vacancies), d(t.vacancies + t.workers));
    mon("hires")[m] = d(t.hires);
    mon("paid_hours_unused")[m] = t.unused_paid_min / 60.0;
    mon("vacancy_fill_days")[m] = ratio(t.fill_days, d(t.vacancies_opened));
    mon("outside_wage")[m] = t.outside_wage;
    mon("job_seekers_index")[m] = t.seekers_index;
    mon("mean_hourly_wage")[m] = ratio(t.wage_sum, d(t.worker_count_end));
    mon("share_paid_llw")[m] = ratio(d(t.llw_count), d(t.worker_count_end));
    mon("share_trained_l2")[m] = ratio(d(t.l2_count), d(t.worker_count_end));
    mon("share_level3")[m] = ratio(d(t.l3_count), d(t.worker_count_end));
    mon("share_care_certificate")[m] = ratio(d(t.certificate_count), d(t.worker_count_end));
    mon("workers_in_training")[m] = d(t.in_training);
    mon("training_hours")[m] = t.training_hours;
    mon("hours_delivered")[m] = t.delivered_min / 60.0;
    mon("hours_unmet")[m] = t.unmet_min / 60.0;
    mon("travel_share")[m] = ratio(t.travel_min, t.travel_min + t.contact_min);
    mon("out_of_borough_hours_share")[m] = ratio(t.out_of_borough_hours, t.price_hours);
    mon("commute_hours")[m] = t.commute_min / 60.0;
    mon("late_visit_share")[m] = ratio(d(t.late), d(t.visits));
    mon("missed_visit_share")[m] = ratio(d(t.missed), d(t.visits));
    mon("distinct_workers_per_user")[m] = ratio(d(t.distinct_sum), d(t.distinct_users));
    mon("complaints_continuity")[m] = d(t.complaints_continuity);
    mon("complaints_lateness")[m] = d(t.complaints_lateness);
    mon("complaints_missed")[m] = d(t.complaints_missed);
    mon("complaints_to_council")[m] = d(t.complaints_council);
    mon("providers_active")[m] = d(t.providers_active);
    mon("approved_list_packages")[m] = d(t.approved_packages);
    mon("provider_exits")[m] = d(t.provider_exits);
    mon("packages_handed_back")[m] = d(t.handed_back);
    mon("mean_price_per_hour")[m] = ratio(t.price_weighted, t.price_hours);
    mon("council_spend")[m] = t.spend;
    mon("council_budget")[m] = t.budget;
    mon("spend_against_budget")[m] = t.spend - t.spend_residential;
    mon("spend_long_term")[m] = t.spend_long_term;
    mon("spend_reablement")[m] = t.spend_reablement;
    mon("spend_direct_payments")[m] = t.spend_dp;
    mon("direct_payments_recouped")[m] = t.dp_recouped;
    mon("direct_payment_hours_unmet")[m] = t.dp_unmet_min / 60.0;
    mon("direct_payment_choices_unsupported")[m] = d(t.dp_unsupported);
    mon("spend_training")[m] = t.spend_training;
    mon("spend_residential_unmet")[m] = t.spend_residential;
    mon("spend_forum")[m] = t.spend_forum;
    mon("double_handed_packages")[m] = d(t.dh_packages);
    mon("spend_double_handed")[m] = t.spend_double;
    mon("share_workers_below_minimum_wage")[m] = ratio(d(t.nlw_below), d(t.nlw_worked));
    mon("minimum_wage_shortfall")[m] = t.nlw_shortfall;
    const std::size_t from = m >= 11 ? m - 11 : 0;
    double l = 0, h = 0;
    for (std::size_t k = from; k <= m; ++k) {
      l += d(tally[k].leavers);
      h += d(tally[k].workers) / std::max(1.0, d(tally[k].days));
    }
    const auto n = static_cast<double>(m - from + 1);
    mon("turnover_rate_12m")[m] = h > 0 ? (l * 12.0 / n) / (h / n) : 0.0;
  }
  // Whole-period summaries over the policy period.
  auto over = [&](std::size_t a, std::size_t b, auto f) {
    double total = 0;
    for (std::size_t m = a; m < b; ++m) total += f(tally[m]);
    return total;
  };
  const auto P = static_cast<std::size_t>(s.policy_month);
  const double pm = static_cast<double>(M - P);
  const double leavers = over(P, M, [&](const MonthTally& t) { return d(t.leavers); });
  const double heads = over(P, M, [&](const MonthTally& t) { return d(t.workers) / std::max(1.0, d(t.days)); }) / pm;
  sum("turnover_rate") = ratio(leavers * 12.0 / pm, heads);
  const double exit_leavers = over(P, M, [&](const MonthTally& t) { return d(t.exit_leavers); });
  sum("turnover_rate_provider_exits") = ratio(exit_leavers * 12.0 / pm, heads);
  sum("turnover_rate_excluding_provider_exits") = ratio((leavers - exit_leavers) * 12.0 / pm, heads);
  const double complaints = over(P, M, [&](const MonthTally& t) { return d(t.complaints_continuity) + d(t.complaints_lateness) + d(t.complaints_missed); });
  const double packages = over(P, M, [&](const MonthTally& t) { return d(t.active) / std::max(1.0, d(t.days)); }) / pm;
  sum("complaints_per_100_packages") = ratio(complaints * 12.0 / pm, packages) * 100.0;
  sum("council_spend_total") = over(P, M, [](const MonthTally& t) { return t.spend; });
  // The budget covers all the spend but residential placements caused by unmet need.
  sum("council_overspend_total") = over(P, M, [](const MonthTally& t) { return t.spend - t.spend_residential - t.budget; });
  sum("spend_residential_unmet_total") = over(P, M, [](const MonthTally& t) { return t.spend_residential; });
  const double visits = over(P, M, [&](const MonthTally& t) { return d(t.visits); });
  sum("late_visit_share") = ratio(over(P, M, [&](const MonthTally& t) { return d(t.late); }), visits);
  sum("distinct_workers_per_user") = ratio(over(P, M, [&](const MonthTally& t) { return d(t.distinct_sum); }),
                                           over(P, M, [&](const MonthTally& t) { return d(t.distinct_users); }));
  const double unmet = over(P, M, [](const MonthTally& t) { return t.unmet_min; });
  sum("hours_unmet_share") = ratio(unmet, unmet + over(P, M, [](const MonthTally& t) { return t.delivered_min; }));
  sum("provider_exits") = over(P, M, [&](const MonthTally& t) { return d(t.provider_exits); });
  {
    // The switch's disruption: continuity in its first three months (0 when the run has none).
    const int sw = kernel::months_between(s.p.run.start, s.p.commissioning.switch_date);
    const auto a = static_cast<std::size_t>(std::clamp(sw, 0, static_cast<int>(M)));
    const std::size_t b = std::min(M, a + 3);
    sum("distinct_workers_after_switch") = ratio(over(a, b, [&](const MonthTally& t) { return d(t.distinct_sum); }),
                                                 over(a, b, [&](const MonthTally& t) { return d(t.distinct_users); }));
  }
  const double travel = over(P, M, [](const MonthTally& t) { return t.travel_min; });
  sum("travel_share") = ratio(travel, travel + over(P, M, [](const MonthTally& t) { return t.contact_min; }));
  sum("out_of_borough_hours_share") = ratio(over(P, M, [](const MonthTally& t) { return t.out_of_borough_hours; }),
                                            over(P, M, [](const MonthTally& t) { return t.price_hours; }));
  sum("mean_hourly_wage") = ratio(over(P, M, [&](const MonthTally& t) { return t.worker_count_end > 0 ? t.wage_sum / d(t.worker_count_end) : 0.0; }), pm);
  sum("complaints_continuity_total") = over(P, M, [&](const MonthTally& t) { return d(t.complaints_continuity); });
  sum("complaints_lateness_total") = over(P, M, [&](const MonthTally& t) { return d(t.complaints_lateness); });
  sum("share_workers_below_minimum_wage") = ratio(over(P, M, [&](const MonthTally& t) { return d(t.nlw_below); }),
                                                  over(P, M, [&](const MonthTally& t) { return d(t.nlw_worked); }));
  sum("minimum_wage_shortfall_total") = over(P, M, [](const MonthTally& t) { return t.nlw_shortfall; });
  sum("direct_payments_recouped_total") = over(P, M, [](const MonthTally& t) { return t.dp_recouped; });
  sum("direct_payment_hours_unmet_share") = ratio(over(P, M, [](const MonthTally& t) { return t.dp_unmet_min; }),
                                                  over(P, M, [](const MonthTally& t) { return t.dp_planned_min; }));
  // Per ward, over the policy period (the wards add up to the borough's figures).
  {
    const std::size_t W = ledger.ward_count;
    r.by_ward.assign(by_ward_metrics().size(), std::vector<double>(W, 0.0));
    auto col = [&](const char* name) -> std::vector<double>& { return r.by_ward[by_ward_index(name)]; };
    for (std::size_t m = P; m < M; ++m) {
      const WardTally* row = ledger.ward_row(static_cast<int>(m));
      const double days = std::max(1.0, d(tally[m].days));
      for (std::size_t w = 0; w < W; ++w) {
        const WardTally& t = row[w];
        col("active_users")[w] += d(t.active) / days / pm;
        col("visits_due")[w] += d(t.visits);
        col("late_visits")[w] += d(t.late);
        col("missed_visits")[w] += d(t.missed);
        col("hours_delivered")[w] += t.delivered_min / 60.0;
        col("hours_unmet")[w] += t.unmet_min / 60.0;
        col("contact_hours")[w] += t.contact_min / 60.0;
        col("travel_hours")[w] += t.travel_min / 60.0;
        col("spend_on_visits")[w] += t.paid_for_visits;
        col("user_months")[w] += d(t.distinct_users);
        col("workers_seen")[w] += d(t.distinct_sum);
        col("complaints")[w] += d(t.complaints);
      }
    }
  }
  // Per financial year, over the months of each the run covers.
  const int y0 = financial_year_of_month(s.p, 0);
  const auto Y = static_cast<std::size_t>(financial_year_of_month(s.p, static_cast<int>(M) - 1) - y0 + 1);
  r.yearly.assign(yearly_metrics().size(), std::vector<double>(Y, 0.0));
  for (std::size_t y = 0; y < Y; ++y) {
    std::size_t a = M, b = 0;
    for (std::size_t m = 0; m < M; ++m)
      if (static_cast<std::size_t>(financial_year_of_month(s.p, static_cast<int>(m)) - y0) == y) a = std::min(a, m), b = m + 1;
    auto yr = [&](const char* name) -> double& { return r.yearly[yearly_index(name)][y]; };
    const double months = static_cast<double>(b - a);
    const double headcount = over(a, b, [&](const MonthTally& t) { return d(t.workers) / std::max(1.0, d(t.days)); }) / months;
    const double active = over(a, b, [&](const MonthTally& t) { return d(t.active) / std::max(1.0, d(t.days)); }) / months;
    const double all_complaints = over(a, b, [&](const MonthTally& t) {
      return d(t.complaints_continuity) + d(t.complaints_lateness) + d(t.complaints_missed);
    });
    yr("months") = months;
    yr("council_spend") = over(a, b, [](const MonthTally& t) { return t.spend; });
    yr("council_budget") = over(a, b, [](const MonthTally& t) { return t.budget; });
    yr("spend_against_budget") = over(a, b, [](const MonthTally& t) { return t.spend - t.spend_residential; });
    yr("council_headroom") = yr("council_budget") - yr("spend_against_budget");
    yr("spend_long_term") = over(a, b, [](const MonthTally& t) { return t.spend_long_term; });
    yr("spend_reablement") = over(a, b, [](const MonthTally& t) { return t.spend_reablement; });
    yr("spend_direct_payments") = over(a, b, [](const MonthTally& t) { return t.spend_dp; });
    yr("direct_payments_recouped") = over(a, b, [](const MonthTally& t) { return t.dp_recouped; });
    yr("direct_payment_users") = over(a, b, [&](const MonthTally& t) { return d(t.dp) / std::max(1.0, d(t.days)); }) / months;
    yr("direct_payment_hours_unmet") = over(a, b, [](const MonthTally& t) { return t.dp_unmet_min; }) / 60.0;
    yr("spend_training") = over(a, b, [](const MonthTally& t) { return t.spend_training; });
    yr("spend_residential_unmet") = over(a, b, [](const MonthTally& t) { return t.spend_residential; });
    yr("spend_forum") = over(a, b, [](const MonthTally& t) { return t.spend_forum; });
    yr("spend_double_handed") = over(a, b, [](const MonthTally& t) { return t.spend_double; });
    yr("council_savings") = over(a, b, [](const MonthTally& t) { return t.savings; });
    yr("active_users") = active;
    yr("care_workers") = headcount;
    yr("turnover_rate") = ratio(over(a, b, [&](const MonthTally& t) { return d(t.leavers); }) * 12.0 / months, headcount);
    yr("mean_hourly_wage") = over(a, b, [&](const MonthTally& t) { return t.worker_count_end > 0 ? t.wage_sum / d(t.worker_count_end) : 0.0; }) / months;
    yr("mean_price_per_hour") = ratio(over(a, b, [](const MonthTally& t) { return t.price_weighted; }),
                                      over(a, b, [](const MonthTally& t) { return t.price_hours; }));
    yr("hours_delivered") = over(a, b, [](const MonthTally& t) { return t.delivered_min; }) / 60.0;
    yr("out_of_borough_hours_share") = ratio(over(a, b, [](const MonthTally& t) { return t.out_of_borough_hours; }),
                                             over(a, b, [](const MonthTally& t) { return t.price_hours; }));
    yr("hours_unmet") = over(a, b, [](const MonthTally& t) { return t.unmet_min; }) / 60.0;
    yr("complaints") = all_complaints;
    yr("complaints_per_100_packages") = ratio(all_complaints * 12.0 / months, active) * 100.0;
    yr("late_visit_share") = ratio(over(a, b, [&](const MonthTally& t) { return d(t.late); }),
                                   over(a, b, [&](const MonthTally& t) { return d(t.visits); }));
    yr("provider_exits") = over(a, b, [&](const MonthTally& t) { return d(t.provider_exits); });
    yr("share_workers_below_minimum_wage") = ratio(over(a, b, [&](const MonthTally& t) { return d(t.nlw_below); }),
                                                   over(a, b, [&](const MonthTally& t) { return d(t.nlw_worked); }));
    yr("minimum_wage_shortfall") = over(a, b, [](const MonthTally& t) { return t.nlw_shortfall; });
  }
  // Calibration figures for the place's calibration period (whole months), when the run covers
  // it: means over its months; counts of people during it; flows a year.
  const int f0 = kernel::months_between(s.p.run.start, s.place.calibration_from);
  const int fm = kernel::months_between(s.place.calibration_from, s.place.calibration_to) + 1;
  if (f0 >= 0 && f0 + fm <= s.months && s.p.run.start.day == 1) {
    const auto a = static_cast<std::size_t>(f0);
    const std::size_t b = a + static_cast<std::size_t>(fm);
    const double months = static_cast<double>(fm);
    const double years = months / 12.0;
    sum("calibration_active_users") = over(a, b, [&](const MonthTally& t) { return d(t.active) / std::max(1.0, d(t.days)); }) / months;
    sum("calibration_distinct_users") = d(ledger.calibration_distinct_users);
    sum("calibration_reablement_users") = d(ledger.calibration_reablement);
    sum("calibration_providers") = over(a, b, [&](const MonthTally& t) { return d(t.providers_active); }) / months;
    const double fh = over(a, b, [&](const MonthTally& t) { return d(t.workers) / std::max(1.0, d(t.days)); }) / months;
    sum("calibration_care_workers") = fh;
    sum("calibration_turnover") = ratio(over(a, b, [&](const MonthTally& t) { return d(t.leavers); }), fh) / years;
    sum("calibration_mean_wage") = over(a, b, [&](const MonthTally& t) { return t.worker_count_end > 0 ? t.wage_sum / d(t.worker_count_end) : 0.0; }) / months;
    sum("calibration_mean_price") = ratio(over(a, b, [](const MonthTally& t) { return t.price_weighted; }),
                                          over(a, b, [](const MonthTally& t) { return t.price_hours; }));
    sum("calibration_out_of_borough_share") = ratio(over(a, b, [](const MonthTally& t) { return t.out_of_borough_hours; }),
                                                    over(a, b, [](const MonthTally& t) { return t.price_hours; }));
    // C10 is spending on home care packages including reablement: direct payments are a
    // separate budget line in the report, so they are left out here.
    sum("calibration_spend") = over(a, b, [](const MonthTally& t) { return t.spend - t.spend_dp; }) / years;
    sum("calibration_spend_double_handed") = over(a, b, [](const MonthTally& t) { return t.spend_double; }) / years;
    sum("calibration_council_complaints_share") =
        ratio(d(ledger.calibration_council_complaints), d(ledger.calibration_distinct_users)) / years;
    const double first = d(tally[a].active) / std::max(1.0, d(tally[a].days));
    const double last = d(tally[b - 1].active) / std::max(1.0, d(tally[b - 1].days));
    // Growth a year: over one year exactly the ratio less one.
    const double dp_users = over(a, b, [&](const MonthTally& t) { return d(t.dp) / std::max(1.0, d(t.days)); }) / months;
    sum("calibration_direct_payment_adults") = dp_users / s.p.direct_payments.home_care_share;
    // Ealing's figures count adults' direct payments for any purpose (TARGETS.md E1, E4): the
    // model's, which buy home care, are scaled up by the share that do.
    sum("calibration_direct_payments_recouped") =
        over(a, b, [](const MonthTally& t) { return t.dp_recouped; }) / years / s.p.direct_payments.home_care_share;
    sum("calibration_user_growth") = fm == 12 ? ratio(last, first) - 1.0 : std::pow(ratio(last, first), 1.0 / years) - 1.0;
  }
  if (ledger.survey_changed_agency >= 0) sum("changed_agency_2y") = ledger.survey_changed_agency;
  if (ledger.dh_packages_3y > 0 && ledger.dh_packages_start > 0)
    sum("double_handed_growth") = std::pow(d(ledger.dh_packages_3y) / d(ledger.dh_packages_start), 1.0 / 3.0) - 1.0;
  sum("long_term_in_system_mean") = over(0, M, [&](const MonthTally& t) { return d(t.active + t.waiting) / std::max(1.0, d(t.days)); }) / static_cast<double>(M);
  sum("cohort_leaving_share") = ratio(d(ledger.cohort_leavers), static_cast<double>(ledger.cohort_size));
  sum("visits_due") = over(0, M, [&](const MonthTally& t) { return d(t.visits); });
  sum("events_processed") = static_cast<double>(events);
  r.events = events;
  return r;
}

}  // namespace homecare::model
