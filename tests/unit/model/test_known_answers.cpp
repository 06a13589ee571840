// Known answers: the model reduced to textbook cases must give the textbook figures.
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <vector>

#include "model/geography.hpp"
#include "model/market.hpp"

namespace m = homecare::model;

namespace {
struct Stats {
  double mean = 0, se = 0;
};
Stats stats(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return {mean, std::sqrt(ss / (n - 1) / n)};
}
}  // namespace

TEST_CASE("constant referrals and exponential packages: mean active users is lambda * d (M/M/inf)") {
  m::Params p;
  p.demand.growth_65plus = 0.0;  // constant arrival rate
  p.demand.mean_package_days = 120.0;
  double pop65 = 0;
  for (const auto& w : m::brent_wards()) pop65 += w.pop65_2017;
  const double lambda = p.demand.referrals_per_1000_65plus * pop65 / 1000.0 / 365.25;  // per day
  const double expected = lambda * p.demand.mean_package_days;
  std::vector<double> means;
  for (std::uint32_t r = 0; r < 40; ++r)
    means.push_back(m::simulate_replicate(p, 7, r).summary[m::summary_index("active_users_mean")]);
  const auto s = stats(means);
  INFO("expected " << expected << ", got " << s.mean << " +- " << s.se);
  CHECK(std::fabs(s.mean - expected) < 3.0 * s.se);
  CHECK(s.se < 0.01 * expected);  // the check has power: the band is narrow
}

TEST_CASE("a constant quit hazard h: a cohort loses 1 - exp(-h) in a year; turnover is h") {
  for (double h : {0.2, 0.35, 0.7}) {
    m::Params p;
    p.workforce.quit_hazard = h;
    std::vector<double> cohort, turnover;
    for (std::uint32_t r = 0; r < 20; ++r) {
      const auto res = m::simulate_replicate(p, 11, r);
      cohort.push_back(res.summary[m::summary_index("cohort_leaving_share")]);
      turnover.push_back(res.summary[m::summary_index("turnover_rate")]);
    }
    const auto c = stats(cohort);
    const auto t = stats(turnover);
    INFO("h = " << h << ": cohort " << c.mean << " +- " << c.se << ", turnover " << t.mean << " +- " << t.se);
    CHECK(std::fabs(c.mean - (1.0 - std::exp(-h))) < 3.0 * c.se);
    CHECK(std::fabs(t.mean - h) < 3.0 * t.se);
  }
}
