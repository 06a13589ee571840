// The state and processes of one replicate of the home care market (internal to the model).
// Split by process over market_*.cpp; simulate_replicate() in market.cpp is the entry point.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include "kernel/calendar.hpp"
#include "kernel/event_queue.hpp"
#include "kernel/random.hpp"
#include "model/care_worker.hpp"
#include "model/costing.hpp"
#include "model/metrics.hpp"
#include "model/params.hpp"
#include "model/patches.hpp"
#include "model/provider.hpp"
#include "model/service_user.hpp"

namespace homecare::model {

/// Purposes of random streams: part of every stream's key. Never renumber: results would change.
enum Purpose : std::uint32_t {
  rng_setup_provider = 1,
  rng_setup_worker = 2,
  rng_setup_user = 3,
  rng_referral = 4,
  rng_new_user = 5,
  rng_user_month = 6,      // exits, hospital, reviews, complaints: per (user, month)
  rng_worker_month = 7,    // quits: per (worker, month)
  rng_absence = 8,         // per (worker, spell)
  rng_visit = 9,           // overruns: per (user, day)
  rng_hire = 10,           // per (provider, hire number)
  rng_leaver = 11,         // per worker: where a leaver goes
  rng_event_days = 12,     // per year
  rng_provider_month = 13, // exits: per (provider, month)
  rng_brokerage = 14,      // per (user, attempt)
  rng_switch = 15,
  rng_entry = 16,
  rng_hospital = 17,
  rng_pa = 18,
};

enum class EventKind : std::uint8_t {
  assessment_done,
  user_exit,
  hospital_admit,
  hospital_discharge,
  reablement_end,
  worker_quit,
  absence_start,
  absence_end,
  hire,
  pa_quit,
  pa_replaced,
};

struct Payload {
  EventKind kind;
  std::uint8_t cause = 0;
  std::uint32_t id = 0;
};

enum class ExitCause : std::uint8_t { death, residential, recovery };

/// Accumulators of one reporting month.
struct MonthTally {
  double days = 0;
  double active = 0, waiting = 0, reablement = 0, dp = 0, workers = 0, vacancies = 0;
  double new_users = 0, leavers = 0;
  double visits = 0, late = 0, missed = 0;
  double contact_min = 0, travel_min = 0, unmet_min = 0, delivered_min = 0;
  double complaints_continuity = 0, complaints_lateness = 0, complaints_missed = 0, complaints_council = 0;
  double provider_exits = 0, handed_back = 0;
  double spend = 0, budget = 0;
  double spend_double = 0;
  double spend_dp = 0;
  double paid_for_visits = 0;  // GBP: each delivered carer-visit's payment, as it happens
  double price_hours = 0, price_weighted = 0;
  double distinct_sum = 0, distinct_users = 0;
  double wage_sum = 0, llw_count = 0, l2_count = 0, worker_count_end = 0;
  double providers_active = 0;
  double dh_packages = 0;
  double workers_fy_check = 0;
};

class Market {
 public:
  Market(const Params& p, std::uint32_t seed, std::uint32_t replicate);
  ReplicateResult run();

 private:
  using Sim = kernel::Simulator<Payload>;
  using Event = Sim::Event;

  // ---- setup (market.cpp)
  void setup_providers();
  void setup_initial_users();
  void setup_initial_workers();
  void setup_event_days();
  [[nodiscard]] kernel::StreamKey key(std::uint32_t purpose, std::uint32_t agent, std::uint32_t sub = 0) const {
    return {seed_, rep_, purpose, agent, sub};
  }
  void handle(const Event& e);

  // ---- demand (market_demand.cpp)
  void daily_referrals(std::int64_t day);
  UserId create_user(Route route, std::uint16_t ward, kernel::RandomStream& s, double day);
  void build_visit_plan(ServiceUser& u, kernel::RandomStream& s);
  void user_month(UserId id, std::int64_t day, int month);
  void end_user(UserId id, ExitCause cause);
  [[nodiscard]] double need_weight(std::uint16_t ward, double day, bool reablement) const;
  [[nodiscard]] double double_handed_share(double day) const;
  [[nodiscard]] double dp_takeup() const { return switched_ ? p_.direct_payments.policy_takeup : p_.direct_payments.takeup; }

  // ---- commissioning (market_commissioning.cpp)
  void brokerage(std::int64_t day);
  bool offer(UserId u, ProviderId p, std::int64_t day);
  void release_package(UserId u);  // unroster and detach from its provider
  void hand_back(UserId u, std::int64_t day);
  void switch_commissioning(std::int64_t day);
  void provider_month(ProviderId p, int month);
  void provider_exit(ProviderId p, std::int64_t day);
  void provider_entry(std::int64_t day, int month);
  void update_prices(kernel::Date d);
  [[nodiscard]] bool provider_serves(const Provider& pr, std::uint16_t ward) const;
  [[nodiscard]] double pa_wage() const;  // personal assistants' wage today

  // ---- rostering (market_roster.cpp)
  bool roster_package(UserId u, ProviderId p);
  bool roster_slot(UserId u, std::size_t slot, int weekday, int seat, ProviderId p, bool commit,
                   WorkerId prefer = WorkerId{});
  void unroster_entry(UserId u, std::size_t slot, int weekday, int seat);
  void unroster_worker(WorkerId w);
  void unroster_user(UserId u);
  void deliver_day(std::int64_t day);
  void deliver_provider(ProviderId p, std::int64_t day, int weekday, bool event_day);
  [[nodiscard]] double travel_minutes(const CareWorker& w, Point a, Point b, bool slow) const;
  [[nodiscard]] bool available(const CareWorker& w, std::int64_t day, int weekday) const;
  void note_seen(ServiceUser& u, WorkerId w);

  // ---- workforce (market_workforce.cpp)
  WorkerId create_worker(ProviderId p, kernel::RandomStream& s, double day, bool from_sector);
  void worker_month(WorkerId w, int month, kernel::Date d, std::uint32_t sub = 0);
  void worker_quit(WorkerId w, std::int64_t day);
  void move_worker(WorkerId w, ProviderId to, std::int64_t day);
  void recruit(ProviderId p, std::int64_t day);
  void hire(ProviderId p, std::int64_t day);
  void schedule_absence(WorkerId w, double from_day);
  void update_wages(kernel::Date d);
  void training_month(kernel::Date d, int month);
  [[nodiscard]] double quit_hazard(const CareWorker& w, double day, kernel::Date d) const;
  [[nodiscard]] double market_wage() const;

  // ---- metrics (market_metrics.cpp)
  void day_tally(std::int64_t day, int month);
  void month_close(int month, kernel::Date d);
  void council_month(int month, kernel::Date d);
  void fill_result(ReplicateResult& r);
#ifdef HOMECARE_CHECKED
  void check_invariants(int month) const;
#endif

  const Params& p_;
  std::uint32_t seed_;
  std::uint32_t rep_;
  kernel::Calendar cal_;
  Sim sim_;
  CostLines costs_;
  PatchPartition patches_;
  bool patch_model_active_ = false;
  bool switched_ = false;
  std::int64_t current_day_ = 0;
  double km_per_m_ = 0;  // road km per metre of straight line (travel.circuity / 1000)
  std::array<std::array<double, 2>, 3> travel_min_per_m_{};  // by mode, by event-day slowdown
  int allowance_ = 0;  // providers.roster_travel_allowance_min, whole minutes  // the day the loop is on (month-end work belongs to it)

  std::vector<ServiceUser> users_;
  std::vector<CareWorker> workers_;
  std::vector<Provider> providers_;
  ProviderId reablement_team_;
  std::deque<UserId> waiting_;           // brokerage queue, oldest first
  std::vector<bool> event_day_;          // per day index
  std::vector<bool> near_stadium_;       // per ward
  std::vector<double> ward_pop65_2017_;

  double wage_floor_ = 0;                // pay floor today
  double nlw_ = 0;
  double llw_payable_ = 0;
  double llw_share_ = 0;
  double real_living_wage_payable_ = 0;
  double training_supplement_month_ = 0; // council-funded training this month
  std::uint64_t hires_ = 0;
  std::uint32_t moves_ = 0;
  std::int64_t employed_ = 0;         // care workers employed now
  std::vector<UserId> live_users_;    // users not yet ended (compacted monthly), for daily counts  // workers who moved provider so far (keys their fresh quit draws)

  // Scratch space of deliver_provider, kept to avoid allocating every day.
  struct CoverVisit {
    std::uint16_t minute;
    UserId user;
    std::uint16_t slot;
    std::uint8_t seat;
  };
  std::vector<std::vector<RosterEntry>> today_;  // cover given to each worker today, in time order
  std::vector<std::uint64_t> busy_today_;  // roster blocks taken today, by local worker index (all if absent)
  std::vector<std::uint8_t> available_today_;
  std::vector<std::int32_t> local_of_;
  std::vector<CoverVisit> cover_;
  std::vector<double> spare_;  // brokerage: free weekly minutes per provider today
  std::vector<std::pair<UserId, std::uint16_t>> double_visits_;

  // Reporting.
  std::int64_t last_day_ = 0;
  int months_ = 0;
  int policy_month_ = 0;
  std::vector<MonthTally> tally_;
  std::vector<double> leavers_by_month_;
  std::vector<double> headcount_by_month_;
  // Calibration counters (financial year 2016/17 and surveys).
  double fy_distinct_users_ = 0, fy_reablement_ = 0;
  double survey_changed_agency_ = -1;
  double dh_packages_start_ = 0, dh_packages_3y_ = 0;
  std::uint64_t people_in_ = 0, people_out_ = 0;
  double residential_caused_ = 0;        // placements attributable to unmet need, running
  std::uint32_t cohort_size_ = 0;         // workers employed on day 0
  double cohort_leavers_ = 0;             // of them, those who left within 365 days
  std::vector<bool> cohort_left_;
  double fy2016_council_complaints_ = 0;
  double fy2016_users_start_ = 0, fy2016_users_end_ = 0;
};

}  // namespace homecare::model
