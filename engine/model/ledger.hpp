// The tallies of one replicate: what each reporting month counted, and the running figures the
// calibration and known-answer checks need. Written by the mechanisms as things happen, read by
// reporting.cpp. Counts are integers; money, minutes and shares are doubles.
#pragma once

#include <cstdint>
#include <vector>

namespace homecare::model {

/// Accumulators of one reporting month.
struct MonthTally {
  std::int64_t days = 0;
  // Sums over the month's days of daily counts (divided by days for daily means).
  std::int64_t active = 0, waiting = 0, reablement = 0, dp = 0, workers = 0, vacancies = 0;
  std::int64_t new_users = 0, leavers = 0;
  std::int64_t exit_leavers = 0;  // of leavers, the staff of providers leaving the market that day
  std::int64_t visits = 0, late = 0, missed = 0;  // visits due, started late, missed
  double contact_min = 0, travel_min = 0, unmet_min = 0, delivered_min = 0;
  std::int64_t complaints_continuity = 0, complaints_lateness = 0, complaints_missed = 0, complaints_council = 0;
  std::int64_t provider_exits = 0, handed_back = 0;
  double spend = 0, budget = 0;  // GBP
  double spend_double = 0;       // GBP on double-handed visits
  double spend_dp = 0;           // GBP on direct payments (paid less recouped)
  double dp_recouped = 0;        // GBP of direct payments unspent and recouped
  std::int64_t dp_unsupported = 0;  // people who would have chosen a direct payment, council-arranged care for want of support
  double dp_unmet_min = 0;
  double dp_planned_min = 0;     // minutes of direct-payment users' planned care (active or in set-up)       // minutes of direct-payment users' planned care not delivered (in unmet_min)
  double paid_for_visits = 0;
  double paid_for_blocks = 0;    // GBP: block contracts' awarded hours not used, paid all the same    // GBP: each delivered carer-visit's payment, as it happens
  // council_spend by category (they sum to `spend`): payments for visits by long-term providers
  // (double-handed included) and by the reablement team, as they accrue; training, residential
  // placements caused by unmet need, the partnership forum, at the month's close.
  double spend_long_term = 0, spend_reablement = 0, spend_training = 0, spend_residential = 0, spend_forum = 0;
  double savings = 0;  // GBP the savings target took from the month's budget
  double price_hours = 0, price_weighted = 0;  // long-term contact hours (each carer), and the same x price
  double out_of_borough_hours = 0;  // of price_hours, those of providers based outside the borough
  double commute_min = 0;           // of travel_min, the legs into and out of the borough of workers living outside
  std::int64_t distinct_sum = 0, distinct_users = 0;  // distinct workers seen, users with a visit
  double wage_sum = 0;                                // at the month's end
  std::int64_t llw_count = 0, l2_count = 0, l3_count = 0, certificate_count = 0, in_training = 0, worker_count_end = 0;
  double training_hours = 0;
  std::int64_t providers_active = 0;
  std::int64_t approved_packages = 0;  // long-term packages held by approved-list providers at the month's end
  std::int64_t dh_packages = 0;
  // Pay as minimum-wage law counts it (pay_law.hpp), at the month's close: workers who worked in
  // the month, those of them paid below the NLW for the hours worked, and their shortfall (GBP).
  std::int64_t nlw_worked = 0, nlw_below = 0;
  double nlw_shortfall = 0;
  // The labour market (labour_market.hpp): hires, vacancies opened and their times to fill, and the
  // month's outside option and job seekers (relative to the run's first month).
  std::int64_t hires = 0, vacancies_opened = 0;
  double unused_paid_min = 0;  // guaranteed hours paid and not worked
  double fill_days = 0, outside_wage = 0, seekers_index = 0;
};

/// What happened in one ward in one reporting month (the results by ward and by patch): each is
/// also counted in the month's MonthTally, so the wards add up to the borough.
struct WardTally {
  std::int64_t active = 0;                        // sum over the month's days of long-term users being delivered
  std::int64_t visits = 0, late = 0, missed = 0;  // visits due to long-term and reablement users, as MonthTally's
  double delivered_min = 0, unmet_min = 0;        // unmet: missed visits, waiting users, vacant PAs, as MonthTally's
  double contact_min = 0, travel_min = 0;         // minutes of visits to homes in the ward, and of travel to them
  double paid_for_visits = 0;                     // GBP paid for those visits
  std::int64_t distinct_sum = 0, distinct_users = 0;  // long-term users' distinct workers, as MonthTally's
  std::int64_t complaints = 0;                        // continuity, lateness and missed visits
};

struct Ledger {
  std::vector<MonthTally> months;
  std::size_t ward_count = 0;
  std::vector<WardTally> ward_months;  // [month * ward_count + ward]
  // Calibration figures (financial year 2016/17 and surveys).
  std::int64_t calibration_distinct_users = 0, calibration_reablement = 0;
  std::int64_t calibration_council_complaints = 0;
  double survey_changed_agency = -1;  // share on 1 November 2017 (-1: not reached)
  std::int64_t dh_packages_start = 0, dh_packages_3y = 0;
  // Known answers and diagnostics.
  std::uint64_t people_in = 0, people_out = 0;
  std::uint32_t cohort_size = 0;  // workers employed on day 0
  std::int64_t cohort_leavers = 0;  // of them, those who left within 365 days
  std::vector<bool> cohort_left;
  // Council money that is not a payment for a visit.
  double residential_caused = 0;         // placements attributable to unmet need, running
  double training_supplement_month = 0;  // council-funded training this month, GBP
  // The financial year so far: spend against the budget minus the budget (GBP); and whether the
  // last financial year that ended overspent (what the council's responses react to).
  double year_overspend = 0;
  bool last_year_overspent = false;

  /// Empty tallies for a run of `month_count` reporting months in a place of `wards` wards.
  void open(std::size_t month_count, std::size_t wards) {
    months.assign(month_count, MonthTally{});
    ward_count = wards;
    ward_months.assign(month_count * wards, WardTally{});
  }
  [[nodiscard]] MonthTally& month(int m) { return months[static_cast<std::size_t>(m)]; }
  [[nodiscard]] const MonthTally& month(int m) const { return months[static_cast<std::size_t>(m)]; }
  /// Ward `w`'s figures of month `m`; `ward_row(m)[w]` when many are needed.
  [[nodiscard]] WardTally* ward_row(int m) { return ward_months.data() + static_cast<std::size_t>(m) * ward_count; }
  [[nodiscard]] const WardTally* ward_row(int m) const { return ward_months.data() + static_cast<std::size_t>(m) * ward_count; }
};

}  // namespace homecare::model
