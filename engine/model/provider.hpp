// A home care provider: contracts, prices, wage policy, workforce and finances.
#pragma once

#include <cstdint>
#include <vector>

#include "model/ids.hpp"

namespace homecare::model {

struct Provider {
  bool active = true;             // holds or may hold council packages
  bool reablement_team = false;   // the specialist reablement service
  double size_weight = 1;         // share of brokerage offers it attracts
  double price = 0;               // GBP per contact hour received
  double wage_premium = 0;        // its wage above the pay floor's reference (NLW)
  double llw_supplement = 0;      // GBP per contact hour the council adds to fund the LLW floor
  double travel_supplement = 0;   // GBP per contact hour the council adds to fund paid travel
  double travel_per_contact = 0;  // last month: its workers' travel minutes per contact minute
  double overhead_per_hour = 0;   // running cost per contact hour
  double recruit_difficulty = 1;  // multiplies time to fill
  std::vector<WorkerId> workers;
  std::vector<std::vector<WorkerId>> by_ward;  // employed workers by home ward
  std::vector<UserId> users;
  /// Its posts: how many workers have held each so far, and whether one holds it now. A new
  /// worker takes the lowest free post; their identity for random streams is (provider, post,
  /// holders before them), so hiring elsewhere in the market does not change who is hired here.
  std::vector<std::uint32_t> post_holders;
  std::vector<std::uint8_t> post_held;
  std::vector<int> patches;       // patches it serves (empty: the whole borough)
  std::vector<double> awarded_min;  // per entry of `patches`: weekly minutes awarded in that patch
  bool approved_list = false;     // under patches: on the approved list (takes overflow, emergencies)
  bool off_framework = false;     // a spot provider outside the framework (spot_market.*)
  bool out_of_borough = false;    // based outside the borough: its workers live outside (providers.out_of_borough_*)
  /// Visits of its packages with nobody rostered: (user, slot, weekday, seat), retried daily.
  struct PendingSlot {
    PendingSlot() = default;
    PendingSlot(UserId u, std::uint16_t k, std::uint8_t wd, std::uint8_t s) : user(u), slot(k), weekday(wd), seat(s) {}
    UserId user;
    std::uint16_t slot = 0;
    std::uint8_t weekday = 0;
    std::uint8_t seat = 0;
    // The last unsuccessful try: the provider's roster_version then, the blocks the visit needed
    // and the other seat's carer (a try is not repeated while none of them has changed).
    std::uint32_t failed_version = ~0U;
    std::uint64_t failed_mask = 0;
    WorkerId failed_other;
  };
  std::vector<PendingSlot> pending;
  /// Bumped whenever a worker joins or a roster block of one of its workers is freed: the only
  /// changes that can let a roster try that failed succeed (filling blocks only makes it harder).
  std::uint32_t roster_version = 0;
  int vacancies = 0;
  int hires_pending = 0;
  double cash = 0;
  double revenue_avg = 0;         // smoothed monthly council revenue
  // This month.
  double revenue_month = 0;
  double cost_month = 0;
  double hours_month = 0;
  double training_fees_month = 0;
  std::int64_t hires_month = 0;
  std::int64_t vacancies_opened_month = 0;  // vacancies it started filling
  double fill_days_month = 0;               // their times to fill, summed (days)
  int empty_months = 0;
  // Its record for tenders (procurement.cpp: quality): this month's counts, and the last year's,
  // each month's weighed by 11/12 a month on (about a year's worth).
  struct Record {
    double due = 0, late = 0, missed = 0, handbacks = 0, packages = 0, leavers = 0, headcount = 0;
    double cost = 0, hours = 0;  // its costs of council work and contact hours
  };
  Record record_month;
  Record record;
  /// Months with losses beyond its reserves it will still bear before it leaves (-1: any number),
  /// drawn once when it joins (provider_finance.cpp: losing_months_borne).
  std::int64_t losing_months_left = -1;
};

}  // namespace homecare::model
