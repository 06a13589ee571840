// Policy-period patterns P2-P5 (TARGETS.md) emerge from the shipped scenarios: paired
// differences against the baseline (common random numbers), with 90% intervals that exclude 0.
#include <catch2/catch.hpp>
#include <tbb/parallel_for.h>

#include <cmath>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "model/market.hpp"
#include "scenario/scenario.hpp"

namespace m = homecare::model;
namespace sc = homecare::scenario;

namespace {
constexpr std::uint32_t seed = 424242;
constexpr std::uint32_t replicates = 10;

/// A variant of a shipped scenario and the place it simulates.
struct Run {
  std::shared_ptr<const m::Place> place;
  m::Params p;
};
/// Summary metric `name` for each replicate of a variant of a shipped scenario.
std::vector<double> summary(const Run& run, const std::string& name) {
  std::vector<double> out(replicates);
  const std::size_t k = m::summary_index(name);
  tbb::parallel_for(std::uint32_t{0}, replicates,
                    [&](std::uint32_t r) { out[r] = m::simulate_replicate(*run.place, run.p, seed, r).summary[k]; });
  return out;
}
Run params(const std::string& scenario, std::size_t variant = 0) {
  const sc::Scenario s = sc::load_scenario(std::string(HOMECARE_SOURCE_DIR) + "/scenarios/" + scenario);
  return {s.place, s.variants.at(variant).params};
}
struct Interval {
  double mean, lo, hi;
};
/// 90% t-interval of the paired difference a - b.
Interval paired(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
  const double n = static_cast<double>(d.size());
  const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
  double ss = 0;
  for (double x : d) ss += (x - mean) * (x - mean);
  const double half = 1.833 * std::sqrt(ss / (n - 1) / n);  // t(0.95, 9 df)
  return {mean, mean - half, mean + half};
}
std::ostream& operator<<(std::ostream& o, const Interval& i) { return o << i.mean << " [" << i.lo << ", " << i.hi << "]"; }

struct Baseline {
  Run p = params("brent-baseline.yaml");
  std::vector<double> turnover = summary(p, "turnover_rate");
  std::vector<double> spend = summary(p, "council_spend_total");
  std::vector<double> late = summary(p, "late_visit_share");
  std::vector<double> travel = summary(p, "travel_share");
  std::vector<double> cont = summary(p, "complaints_continuity_total");
  std::vector<double> lateness = summary(p, "complaints_lateness_total");
};
const Baseline& baseline() {
  static const Baseline b;
  return b;
}
}  // namespace

TEST_CASE("P2-P5 emerge from the shipped scenarios against the baseline") {
  // One test case, so the baseline is simulated once (each Catch2 case runs in its own process).
  SECTION("P2: phasing in the LLW lowers turnover and costs the council more") {
    const auto p = params("llw-phased.yaml");
    const auto t = paired(summary(p, "turnover_rate"), baseline().turnover);
    const auto c = paired(summary(p, "council_spend_total"), baseline().spend);
    INFO("turnover change " << t << "; spend change " << c);
    CHECK(t.hi < 0);
    CHECK(c.lo > 0);
  }
  SECTION("P3: patches with three providers each cut travel and late visits") {
    const auto p = params("patches.yaml", 2);  // the sweep's third point: 5 patches
    const auto tr = paired(summary(p, "travel_share"), baseline().travel);
    const auto la = paired(summary(p, "late_visit_share"), baseline().late);
    INFO("travel share change " << tr << "; late share change " << la);
    CHECK(tr.hi < 0);
    CHECK(la.hi < 0);
  }
  SECTION("P4: in the baseline, continuity complaints outnumber lateness complaints") {
    const auto d = paired(baseline().cont, baseline().lateness);
    INFO("continuity minus lateness complaints " << d);
    CHECK(d.lo > 0);
  }
  SECTION("P5: a training minimum costs money and lowers turnover") {
    const auto p = params("training-minimum.yaml");
    const auto t = paired(summary(p, "turnover_rate"), baseline().turnover);
    const auto c = paired(summary(p, "council_spend_total"), baseline().spend);
    INFO("turnover change " << t << "; spend change " << c);
    CHECK(t.hi < 0);
    CHECK(c.lo > 0);
  }
}
