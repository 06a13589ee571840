// First model slice: referrals by ward (Poisson, growing with the 65+ population), packages of
// random length, care workers who leave with a constant hazard and are replaced after a delay.
#include "model/market.hpp"

#include <cmath>

#include "kernel/calendar.hpp"
#include "kernel/event_queue.hpp"
#include "kernel/random.hpp"
#include "model/geography.hpp"

namespace homecare::model {
namespace {

using kernel::Minutes;

/// Purposes of random streams (part of each stream's key; never renumber, or results change).
enum Purpose : std::uint32_t {
  purpose_initial_users = 1,
  purpose_referrals = 2,
  purpose_package_length = 3,
  purpose_worker_quit = 4,
  purpose_vacancy_fill = 5,
};

enum class EventKind : std::uint8_t { package_end, worker_quit, hire };
struct Payload {
  EventKind kind;
  std::uint32_t id;
};

class SliceMarket {
 public:
  SliceMarket(const Params& p, std::uint32_t seed, std::uint32_t replicate)
      : p_(p), seed_(seed), rep_(replicate), cal_(p.run.start) {}

  ReplicateResult run() {
    const auto& wards = brent_wards();
    const auto months = report_months(p_);
    const std::size_t M = months.size();
    ReplicateResult r;
    r.monthly.assign(monthly_metrics().size(), std::vector<double>(M, 0.0));
    r.summary.assign(summary_metrics().size(), 0.0);

    const double mean_len = p_.demand.mean_package_days;
    // Stationary start: Poisson(lambda * d) packages, each with an exponential remaining length.
    if (p_.demand.start_at_steady_state) {
      kernel::RandomStream s(key(purpose_initial_users, 0, 0));
      const double lambda0 = total_rate_per_day(0);
      const auto n = kernel::poisson(s, lambda0 * mean_len);
      for (std::uint64_t i = 0; i < n; ++i) start_package(Minutes{0.0});
    }
    for (std::int64_t w = 0; w < p_.workforce.initial_workers; ++w) hire(Minutes{0.0});
    const double initial_workers = static_cast<double>(workers_);
    std::uint64_t cohort_leavers = 0;
    const std::uint32_t cohort_size = next_worker_;
    const Minutes year_one = kernel::days(365.0);

    const std::int64_t last_day = kernel::to_day_number(p_.run.end) - kernel::to_day_number(p_.run.start);
    std::vector<double> month_days(M, 0.0);
    double total_leavers = 0.0;
    double headcount_days = 0.0;
    double active_days = 0.0;
    for (std::int64_t day = 0; day <= last_day; ++day) {
      const Minutes t0 = kernel::days(static_cast<double>(day));
      const kernel::Date date = cal_.date_of_day(day);
      const auto m = static_cast<std::size_t>(kernel::months_between(p_.run.start, date));
      // Referrals of the day, ward by ward, at uniform times within the day.
      for (std::uint32_t w = 0; w < wards.size(); ++w) {
        kernel::RandomStream s(key(purpose_referrals, w, static_cast<std::uint32_t>(day)));
        const auto n = kernel::poisson(s, ward_rate_per_day(w, day));
        for (std::uint64_t i = 0; i < n; ++i) {
          start_package(t0 + Minutes{kernel::uniform(s, 0.0, kernel::minutes_per_day)});
          r.monthly[monthly_index("new_users")][m] += 1.0;
        }
      }
      sim_.run_until(t0 + kernel::days(1.0), [&](const auto& e) {
        switch (e.payload.kind) {
          case EventKind::package_end: --active_; break;
          case EventKind::worker_quit:
            --workers_;
            r.monthly[monthly_index("leavers")][m] += 1.0;
            total_leavers += 1.0;
            if (e.payload.id < cohort_size && sim_.now() < year_one) ++cohort_leavers;
            schedule_hire(e.payload.id);
            break;
          case EventKind::hire: hire(sim_.now()); break;
        }
      });
      r.monthly[monthly_index("active_users")][m] += static_cast<double>(active_);
      r.monthly[monthly_index("care_workers")][m] += static_cast<double>(workers_);
      month_days[m] += 1.0;
      headcount_days += static_cast<double>(workers_);
      active_days += static_cast<double>(active_);
    }
    for (std::size_t m = 0; m < M; ++m) {
      r.monthly[monthly_index("active_users")][m] /= month_days[m];
      r.monthly[monthly_index("care_workers")][m] /= month_days[m];
    }
    const auto& leavers = r.monthly[monthly_index("leavers")];
    const auto& heads = r.monthly[monthly_index("care_workers")];
    for (std::size_t m = 0; m < M; ++m) {
      const std::size_t from = m >= 11 ? m - 11 : 0;
      double l = 0.0, h = 0.0;
      for (std::size_t k = from; k <= m; ++k) { l += leavers[k]; h += heads[k]; }
      const auto n = static_cast<double>(m - from + 1);
      r.monthly[monthly_index("turnover_rate_12m")][m] = h > 0 ? (l * 12.0 / n) / (h / n) : 0.0;
    }
    const double days_run = static_cast<double>(last_day + 1);
    r.summary[summary_index("turnover_rate")] =
        headcount_days > 0 ? total_leavers / (headcount_days / days_run) / (days_run / 365.25) : 0.0;
    r.summary[summary_index("cohort_leaving_share")] =
        initial_workers > 0 ? static_cast<double>(cohort_leavers) / initial_workers : 0.0;
    r.summary[summary_index("active_users_mean")] = active_days / days_run;
    r.events = sim_.processed();
    return r;
  }

 private:
  kernel::StreamKey key(std::uint32_t purpose, std::uint32_t agent, std::uint32_t sub) const {
    return {seed_, rep_, purpose, agent, sub};
  }
  /// Referral rate in ward w on day `day`: per-1,000-65+ rate times the ward's 65+ population,
  /// which grows geometrically from its mid-2017 estimate.
  double ward_rate_per_day(std::uint32_t w, std::int64_t day) const {
    const auto& ward = brent_wards()[w];
    const double years_from_mid2017 =
        static_cast<double>(kernel::to_day_number(p_.run.start) + day -
                            kernel::to_day_number(kernel::Date{2017, 7, 1})) / kernel::days_per_year;
    const double pop65 = ward.pop65_2017 * std::pow(1.0 + p_.demand.growth_65plus, years_from_mid2017);
    return p_.demand.referrals_per_1000_65plus * pop65 / 1000.0 / kernel::days_per_year;
  }
  double total_rate_per_day(std::int64_t day) const {
    double s = 0.0;
    for (std::uint32_t w = 0; w < brent_wards().size(); ++w) s += ward_rate_per_day(w, day);
    return s;
  }
  void start_package(Minutes t) {
    const std::uint32_t id = next_user_++;
    kernel::RandomStream s(key(purpose_package_length, id, 0));
    const double len = kernel::exponential(s, p_.demand.mean_package_days);
    ++active_;
    sim_.schedule_at(t + kernel::days(len), Payload{EventKind::package_end, id});
  }
  void hire(Minutes t) {
    const std::uint32_t id = next_worker_++;
    kernel::RandomStream s(key(purpose_worker_quit, id, 0));
    ++workers_;
    if (p_.workforce.quit_hazard > 0.0)
      sim_.schedule_at(t + kernel::days(kernel::exponential(s, 365.25 / p_.workforce.quit_hazard)),
                       Payload{EventKind::worker_quit, id});
  }
  void schedule_hire(std::uint32_t leaver) {
    kernel::RandomStream s(key(purpose_vacancy_fill, leaver, 0));
    const double delay = p_.workforce.mean_days_to_fill > 0
                             ? kernel::exponential(s, p_.workforce.mean_days_to_fill)
                             : 0.0;
    sim_.schedule_in(kernel::days(delay), Payload{EventKind::hire, leaver});
  }

  const Params& p_;
  std::uint32_t seed_;
  std::uint32_t rep_;
  kernel::Calendar cal_;
  kernel::Simulator<Payload> sim_;
  std::int64_t active_ = 0;
  std::int64_t workers_ = 0;
  std::uint32_t next_user_ = 0;
  std::uint32_t next_worker_ = 0;
};

}  // namespace

std::vector<std::string> report_months(const Params& p) {
  std::vector<std::string> out;
  const int n = kernel::months_between(p.run.start, p.run.end) + 1;
  const kernel::Date first{p.run.start.year, p.run.start.month, 1};
  for (int i = 0; i < n; ++i) out.push_back(kernel::month_label(kernel::add_months(first, i)));
  return out;
}

ReplicateResult simulate_replicate(const Params& p, std::uint32_t seed, std::uint32_t replicate) {
  return SliceMarket(p, seed, replicate).run();
}

}  // namespace homecare::model
