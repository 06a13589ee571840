// Reporting: daily and monthly tallies, complaints and hand-backs at each month's end, the
// council's ledger, and the metrics of CONTRACT.md.
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/error.hpp"
#include "model/market_state.hpp"
#include "model/wages.hpp"

namespace homecare::model {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
bool in_fy2016(kernel::Date d) { return !(d < kernel::Date{2016, 4, 1}) && d < kernel::Date{2017, 4, 1}; }
}  // namespace

void Market::day_tally(std::int64_t day, int month) {
  MonthTally& t = tally_[static_cast<std::size_t>(month)];
  const bool fy = in_fy2016(cal_.date_of_day(day));
  // The direct-payment rate moves with what a PA must be paid (wage and on-costs), from 2016/17's.
  const double pa_2016 = p_.direct_payments.pa_wage;
  // Never below zero: with a zero 2016 rate, rounding in the wage difference could make it -1e-12.
  const double dp_rate = std::max(0.0, (p_.direct_payments.rate_per_hour + (pa_wage() - pa_2016) * (1.0 + p_.providers.oncost_rate)) *
                                           (1.0 - p_.direct_payments.underspend));
  t.days += 1;
  for (UserId id : live_users_) {
    ServiceUser& u = users_[id.index()];
    if (u.state == UserState::ended || u.state == UserState::assessing) continue;
    if (u.state == UserState::waiting) {
      t.waiting += 1;
      t.unmet_min += u.weekly_hours * 60.0 / 7.0;
      continue;
    }
    switch (u.route) {
      case Route::long_term:
        t.active += 1;
        if (fy && !u.counted_fy2016) { u.counted_fy2016 = true; fy_distinct_users_ += 1; }
        break;
      case Route::reablement:
        t.reablement += 1;
        if (fy && !u.counted_fy2016) { u.counted_fy2016 = true; fy_reablement_ += 1; }
        break;
      case Route::direct_payment:
        t.dp += 1;
        t.spend_dp += u.weekly_hours / 7.0 * dp_rate;
        if (u.pa_vacant) t.unmet_min += u.weekly_hours * 60.0 / 7.0;
        break;
    }
  }
  t.workers += static_cast<double>(employed_);
  for (const auto& pr : providers_) t.vacancies += pr.active ? pr.vacancies : 0;
}

void Market::month_close(int month, kernel::Date d) {
  MonthTally& t = tally_[static_cast<std::size_t>(month)];
  const bool fy = in_fy2016(d);
  // Complaints, from this month's experience of each long-term user.
  const auto& c = p_.complaints;
  const double forum = p_.council.partnership_forum ? p_.council.forum_handback_notice_factor : 1.0;
  for (std::uint32_t i = 0; i < users_.size(); ++i) {
    ServiceUser& u = users_[i];
    const double due = u.visits_month + u.missed_month;
    if (u.route == Route::long_term && due > 0) {
      t.distinct_sum += u.seen_count;
      t.distinct_users += 1;
      kernel::RandomStream s(key(rng_user_month, i, static_cast<std::uint32_t>(month) + 100000U));
      const double excess = std::max(0, static_cast<int>(u.seen_count) - 3);
      const bool cont = kernel::bernoulli(s, 1.0 - std::exp(-c.continuity_per_extra_worker * excess));
      const bool late = kernel::bernoulli(s, 1.0 - std::exp(-c.per_late_visit * u.late_month));
      const bool miss = kernel::bernoulli(s, 1.0 - std::exp(-c.per_missed_visit * u.missed_month));
      for (bool made : {cont, late, miss}) {
        if (made && kernel::bernoulli(s, p_.council.complaint_to_council_share)) {
          t.complaints_council += 1;
          if (fy) fy2016_council_complaints_ += 1;
        }
      }
      t.complaints_continuity += cont;
      t.complaints_lateness += late;
      t.complaints_missed += miss;
      u.unmet_share_last_month = due > 0 ? u.missed_month / due : 0.0;
      // A provider that keeps missing a package's visits hands it back (less often with a
      // partnership forum, where problems are raised before they come to that).
      if (u.state == UserState::active && u.provider.valid() && u.missed_days_month >= p_.providers.handback_missed_days &&
          kernel::bernoulli(s, forum)) {
        hand_back(UserId(i), kernel::to_day_number(d) - kernel::to_day_number(p_.run.start));
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
  // Providers' books (exits happen here), then the council's.
  double payments = 0;
  training_supplement_month_ = 0;
  for (std::uint32_t p = 0; p < providers_.size(); ++p) payments += providers_[p].revenue_month;
  for (std::uint32_t p = 0; p < providers_.size(); ++p)
    if (providers_[p].active) provider_month(ProviderId(p), month);
  const double days = kernel::days_in_month(d.year, d.month);
  residential_caused_ *= std::exp(-p_.demand.death_hazard * 1.5 / 12.0);  // residents die faster
  t.spend += t.spend_dp + payments + training_supplement_month_ + residential_caused_ * p_.council.residential_week_cost * days / 7.0;
#ifdef HOMECARE_CHECKED
  // Money: what the council paid providers is what their delivered visits earned, no more, no less
  // (providers that exited this month included).
  if (!(payments >= 0) || std::fabs(payments - t.paid_for_visits) > 1e-9 * std::max(1.0, payments))
    throw ModelError("month " + std::to_string(month) + ": payments to providers (" + std::to_string(payments) +
                     ") != the visits' earnings (" + std::to_string(t.paid_for_visits) + ")");
#endif
  const int fy_year = financial_year(d);
  const kernel::Date until = p_.council.growth_until;
  const int growth_years = std::max(0, std::min(fy_year, financial_year(until)) - 2016);
  const double budget = p_.council.budget_2016 * std::pow(1.0 + p_.council.precept_share, growth_years) +
                        p_.council.demography_growth * growth_years;
  t.budget = budget / 12.0;
  // End-of-month workforce and market snapshot.
  const double llw_now = london_living_wage_payable(d, p_.wages.llw_lag_months);
  for (auto& w : workers_) {
    if (w.employed) {
      t.worker_count_end += 1;
      t.wage_sum += w.wage;
      t.llw_count += w.wage >= llw_now - 1e-9 ? 1 : 0;
      t.l2_count += w.qualification != Qualification::none ? 1 : 0;
    }
    const double worked = w.contact_min_month + w.travel_min_month;
    w.unpaid_travel_share = !p_.wages.travel_time_paid && worked > 0 ? w.travel_min_month / worked : 0.0;
    w.contact_min_month = w.travel_min_month = w.km_month = w.training_hours_month = 0;
  }
  for (auto& pr : providers_) {
    if (pr.active && !pr.reablement_team && !pr.users.empty()) t.providers_active += 1;
    pr.revenue_month = pr.cost_month = pr.hours_month = pr.training_fees_month = pr.hires_month = 0;
  }
  std::erase_if(live_users_, [this](UserId id) { return users_[id.index()].state == UserState::ended; });
#ifdef HOMECARE_CHECKED
  check_invariants(month);
#endif
}

void Market::fill_result(ReplicateResult& r) {
  const auto M = static_cast<std::size_t>(months_);
  r.monthly.assign(monthly_metrics().size(), std::vector<double>(M, 0.0));
  r.summary.assign(summary_metrics().size(), nan);
  auto mon = [&](const char* name) -> std::vector<double>& { return r.monthly[monthly_index(name)]; };
  auto sum = [&](const char* name) -> double& { return r.summary[summary_index(name)]; };
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  for (std::size_t m = 0; m < M; ++m) {
    const MonthTally& t = tally_[m];
    const double days = std::max(1.0, t.days);
    mon("active_users")[m] = t.active / days;
    mon("waiting_users")[m] = t.waiting / days;
    mon("new_users")[m] = t.new_users;
    mon("reablement_users")[m] = t.reablement / days;
    mon("direct_payment_users")[m] = t.dp / days;
    mon("care_workers")[m] = t.workers / days;
    mon("leavers")[m] = t.leavers;
    mon("vacancy_rate")[m] = ratio(t.vacancies, t.vacancies + t.workers);
    mon("mean_hourly_wage")[m] = ratio(t.wage_sum, t.worker_count_end);
    mon("share_paid_llw")[m] = ratio(t.llw_count, t.worker_count_end);
    mon("share_trained_l2")[m] = ratio(t.l2_count, t.worker_count_end);
    mon("hours_delivered")[m] = t.delivered_min / 60.0;
    mon("hours_unmet")[m] = t.unmet_min / 60.0;
    mon("travel_share")[m] = ratio(t.travel_min, t.travel_min + t.contact_min);
    mon("late_visit_share")[m] = ratio(t.late, t.visits);
    mon("missed_visit_share")[m] = ratio(t.missed, t.visits);
    mon("distinct_workers_per_user")[m] = ratio(t.distinct_sum, t.distinct_users);
    mon("complaints_continuity")[m] = t.complaints_continuity;
    mon("complaints_lateness")[m] = t.complaints_lateness;
    mon("complaints_missed")[m] = t.complaints_missed;
    mon("complaints_to_council")[m] = t.complaints_council;
    mon("providers_active")[m] = t.providers_active;
    mon("provider_exits")[m] = t.provider_exits;
    mon("packages_handed_back")[m] = t.handed_back;
    mon("mean_price_per_hour")[m] = ratio(t.price_weighted, t.price_hours);
    mon("council_spend")[m] = t.spend;
    mon("council_budget")[m] = t.budget;
    mon("double_handed_packages")[m] = t.dh_packages;
    mon("spend_double_handed")[m] = t.spend_double;
    const std::size_t from = m >= 11 ? m - 11 : 0;
    double l = 0, h = 0;
    for (std::size_t k = from; k <= m; ++k) {
      l += tally_[k].leavers;
      h += tally_[k].workers / std::max(1.0, tally_[k].days);
    }
    const auto n = static_cast<double>(m - from + 1);
    mon("turnover_rate_12m")[m] = h > 0 ? (l * 12.0 / n) / (h / n) : 0.0;
  }
  // Whole-period summaries over the policy period.
  auto over = [&](std::size_t a, std::size_t b, auto f) {
    double s = 0;
    for (std::size_t m = a; m < b; ++m) s += f(tally_[m]);
    return s;
  };
  const auto P = static_cast<std::size_t>(policy_month_);
  const double pm = static_cast<double>(M - P);
  const double leavers = over(P, M, [](const MonthTally& t) { return t.leavers; });
  const double heads = over(P, M, [](const MonthTally& t) { return t.workers / std::max(1.0, t.days); }) / pm;
  sum("turnover_rate") = ratio(leavers * 12.0 / pm, heads);
  const double complaints = over(P, M, [](const MonthTally& t) { return t.complaints_continuity + t.complaints_lateness + t.complaints_missed; });
  const double packages = over(P, M, [](const MonthTally& t) { return t.active / std::max(1.0, t.days); }) / pm;
  sum("complaints_per_100_packages") = ratio(complaints * 12.0 / pm, packages) * 100.0;
  sum("council_spend_total") = over(P, M, [](const MonthTally& t) { return t.spend; });
  sum("council_overspend_total") = over(P, M, [](const MonthTally& t) { return t.spend - t.budget; });
  const double visits = over(P, M, [](const MonthTally& t) { return t.visits; });
  sum("late_visit_share") = ratio(over(P, M, [](const MonthTally& t) { return t.late; }), visits);
  sum("distinct_workers_per_user") = ratio(over(P, M, [](const MonthTally& t) { return t.distinct_sum; }),
                                           over(P, M, [](const MonthTally& t) { return t.distinct_users; }));
  const double unmet = over(P, M, [](const MonthTally& t) { return t.unmet_min; });
  sum("hours_unmet_share") = ratio(unmet, unmet + over(P, M, [](const MonthTally& t) { return t.delivered_min; }));
  sum("provider_exits") = over(P, M, [](const MonthTally& t) { return t.provider_exits; });
  const double travel = over(P, M, [](const MonthTally& t) { return t.travel_min; });
  sum("travel_share") = ratio(travel, travel + over(P, M, [](const MonthTally& t) { return t.contact_min; }));
  sum("mean_hourly_wage") = ratio(over(P, M, [](const MonthTally& t) { return t.worker_count_end > 0 ? t.wage_sum / t.worker_count_end : 0.0; }), pm);
  sum("complaints_continuity_total") = over(P, M, [](const MonthTally& t) { return t.complaints_continuity; });
  sum("complaints_lateness_total") = over(P, M, [](const MonthTally& t) { return t.complaints_lateness; });
  // Calibration figures for financial year 2016/17, when the run covers it.
  const int f0 = kernel::months_between(p_.run.start, {2016, 4, 1});
  if (f0 >= 0 && f0 + 12 <= months_ && p_.run.start.day == 1) {
    const auto a = static_cast<std::size_t>(f0);
    const std::size_t b = a + 12;
    sum("fy2016_active_users") = over(a, b, [](const MonthTally& t) { return t.active / std::max(1.0, t.days); }) / 12.0;
    sum("fy2016_distinct_users") = fy_distinct_users_;
    sum("fy2016_reablement_users") = fy_reablement_;
    sum("fy2016_providers") = over(a, b, [](const MonthTally& t) { return t.providers_active; }) / 12.0;
    const double fh = over(a, b, [](const MonthTally& t) { return t.workers / std::max(1.0, t.days); }) / 12.0;
    sum("fy2016_care_workers") = fh;
    sum("fy2016_turnover") = ratio(over(a, b, [](const MonthTally& t) { return t.leavers; }), fh);
    sum("fy2016_mean_wage") = over(a, b, [](const MonthTally& t) { return t.worker_count_end > 0 ? t.wage_sum / t.worker_count_end : 0.0; }) / 12.0;
    sum("fy2016_mean_price") = ratio(over(a, b, [](const MonthTally& t) { return t.price_weighted; }),
                                     over(a, b, [](const MonthTally& t) { return t.price_hours; }));
    // C10 is spending on home care packages including reablement: direct payments are a
    // separate budget line in the report, so they are left out here.
    sum("fy2016_spend") = over(a, b, [](const MonthTally& t) { return t.spend - t.spend_dp; });
    sum("fy2016_spend_double_handed") = over(a, b, [](const MonthTally& t) { return t.spend_double; });
    sum("fy2016_council_complaints_share") = ratio(fy2016_council_complaints_, fy_distinct_users_);
    const double first = tally_[a].active / std::max(1.0, tally_[a].days);
    const double last = tally_[b - 1].active / std::max(1.0, tally_[b - 1].days);
    sum("fy2016_user_growth") = ratio(last, first) - 1.0;
  }
  if (survey_changed_agency_ >= 0) sum("changed_agency_2y") = survey_changed_agency_;
  if (dh_packages_3y_ > 0 && dh_packages_start_ > 0) sum("double_handed_growth") = std::pow(dh_packages_3y_ / dh_packages_start_, 1.0 / 3.0) - 1.0;
  sum("long_term_in_system_mean") = over(0, M, [](const MonthTally& t) { return (t.active + t.waiting) / std::max(1.0, t.days); }) / static_cast<double>(M);
  sum("cohort_leaving_share") = ratio(cohort_leavers_, static_cast<double>(cohort_size_));
  sum("visits_due") = over(0, M, [](const MonthTally& t) { return t.visits; });
  sum("events_processed") = static_cast<double>(sim_.processed());
}

#ifdef HOMECARE_CHECKED
void Market::check_invariants(int month) const {
  // People: everyone who came in is either still here or has left.
  std::uint64_t present = 0;
  for (const auto& u : users_) present += u.state != UserState::ended ? 1 : 0;
  if (present != live_users_.size()) throw ModelError("month " + std::to_string(month) + ": live user list out of step");
  std::int64_t employed = 0;
  for (const auto& w : workers_) employed += w.employed ? 1 : 0;
  if (employed != employed_) throw ModelError("month " + std::to_string(month) + ": employed count out of step");
  if (people_in_ + (users_.size() - people_in_) - people_out_ != present && people_in_ - people_out_ > present)
    throw ModelError("month " + std::to_string(month) + ": people in - out != present");
  // Rosters: no worker in two places at once; every roster entry and slot point at each other.
  for (std::uint32_t w = 0; w < workers_.size(); ++w) {
    const CareWorker& cw = workers_[w];
    double booked = 0;
    for (int d = 0; d < 7; ++d) {
      std::uint64_t seen = 0;
      for (const RosterEntry& e : cw.week.day(d)) {
        const int b0 = std::clamp((e.minute - roster_first_minute) / roster_block_minutes, 0, 63);
        const int n = std::clamp((e.duration + allowance_ + roster_block_minutes - 1) / roster_block_minutes, 1, 64 - b0);
        const std::uint64_t mask = (n >= 64 ? ~0ULL : ((1ULL << n) - 1ULL)) << b0;
        if (seen & mask) throw ModelError("month " + std::to_string(month) + ": worker " + std::to_string(w) + " double-booked");
        seen |= mask;
        booked += n * roster_block_minutes;
        const ServiceUser& u = users_[e.user.index()];
        if (e.slot >= u.slots.size() || u.slots[e.slot].regular[static_cast<std::size_t>(d)][e.seat] != WorkerId(w) ||
            u.slots[e.slot].double_handed != e.double_handed || u.slots[e.slot].duration != e.duration ||
            u.slots[e.slot].minute != e.minute)
          throw ModelError("month " + std::to_string(month) + ": roster entry of worker " + std::to_string(w) + " not matched by its visit");
      }
      if (seen != cw.busy[static_cast<std::size_t>(d)]) throw ModelError("month " + std::to_string(month) + ": busy mask out of step");
    }
    if (std::fabs(booked - cw.booked_min_week) > 1e-6) throw ModelError("month " + std::to_string(month) + ": booked minutes out of step");
    if (cw.employed && cw.booked_min_week > cw.capacity_min_week + 1e-6) throw ModelError("month " + std::to_string(month) + ": worker over capacity");
  }
  // Every visit of an active package without a rostered worker is queued for cover.
  for (std::uint32_t p = 0; p < providers_.size(); ++p) {
    const Provider& pr = providers_[p];
    for (UserId uid : pr.users) {
      const ServiceUser& u = users_[uid.index()];
      if (u.state != UserState::active) continue;
      for (std::size_t k = 0; k < u.slots.size(); ++k)
        for (int d = 0; d < 7; ++d)
          for (int seat = 0; seat < (u.slots[k].double_handed ? 2 : 1); ++seat) {
            if (u.slots[k].regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(seat)].valid()) continue;
            const bool queued = std::any_of(pr.pending.begin(), pr.pending.end(), [&](const Provider::PendingSlot& ps) {
              return ps.user == uid && ps.slot == k && ps.weekday == d && ps.seat == seat;
            });
            if (!queued) throw ModelError("month " + std::to_string(month) + ": an unrostered visit is not queued for cover");
          }
    }
  }
  // Money: the council's month spend is at least what it paid providers (all spend is payments).
  const MonthTally& t = tally_[static_cast<std::size_t>(month)];
  if (!(t.spend >= 0) || !std::isfinite(t.spend)) throw ModelError("month " + std::to_string(month) + ": spend negative or not finite");
  // Hours: visits due = delivered + missed (double-handed visits counted once).
  if (t.late > t.visits || t.missed > t.visits) throw ModelError("month " + std::to_string(month) + ": more late or missed visits than due");
}
#endif

}  // namespace homecare::model
