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
// 40 paired replicates: since the labour market (issue 15) ties every vacancy's time to fill to the
// whole market, and guaranteed hours cost providers, the LLW's paired difference in turnover
// varies more than before (provider exits differ between the variants); 10 gave an interval that
// reached zero. Since training takes time (courses act when they end, and the capacity they take
// is hired for), the training minimum lowers turnover by about half a point, and 20 replicates gave
// an interval reaching zero (-0.27 [-0.58, +0.03] points). Each variant is simulated once for all
// its metrics.
constexpr std::uint32_t replicates = 40;
constexpr double t_95 = 1.685;  // t(0.95, 39 df): 90% two-sided

/// A variant of a shipped scenario and the place it simulates.
struct Run {
  std::shared_ptr<const m::Place> place;
  m::Params p;
};
/// The summary metrics of each replicate of a variant of a shipped scenario.
struct Summaries {
  std::vector<std::vector<double>> by_replicate;
  /// Summary metric `name` for each replicate.
  [[nodiscard]] std::vector<double> operator()(const std::string& name) const {
    const std::size_t k = m::summary_index(name);
    std::vector<double> out;
    for (const auto& r : by_replicate) out.push_back(r[k]);
    return out;
  }
};
Run params(const std::string& scenario, std::size_t variant = 0) {
  const sc::Scenario s = sc::load_scenario(std::string(HOMECARE_SOURCE_DIR) + "/scenarios/" + scenario);
  return {s.place, s.variants.at(variant).params};
}
Summaries simulate(const Run& run) {
  Summaries out;
  out.by_replicate.resize(replicates);
  tbb::parallel_for(std::uint32_t{0}, replicates,
                    [&](std::uint32_t r) { out.by_replicate[r] = m::simulate_replicate(*run.place, run.p, seed, r).summary; });
  return out;
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
  const double half = t_95 * std::sqrt(ss / (n - 1) / n);
  return {mean, mean - half, mean + half};
}
std::ostream& operator<<(std::ostream& o, const Interval& i) { return o << i.mean << " [" << i.lo << ", " << i.hi << "]"; }

struct Baseline {
  Summaries s = simulate(params("brent-baseline.yaml"));
  std::vector<double> turnover = s("turnover_rate");
  std::vector<double> spend = s("council_spend_total");
  std::vector<double> late = s("late_visit_share");
  std::vector<double> travel = s("travel_share");
  std::vector<double> cont = s("complaints_continuity_total");
  std::vector<double> lateness = s("complaints_lateness_total");
  std::vector<double> after_switch = s("distinct_workers_after_switch");
};
const Baseline& baseline() {
  static const Baseline b;
  return b;
}
}  // namespace

TEST_CASE("P2-P5 emerge from the shipped scenarios against the baseline") {
  // One test case, so the baseline is simulated once (each Catch2 case runs in its own process).
  SECTION("P2: phasing in the LLW lowers turnover and costs the council more") {
    const Summaries p = simulate(params("llw-phased.yaml"));
    const auto t = paired(p("turnover_rate"), baseline().turnover);
    const auto c = paired(p("council_spend_total"), baseline().spend);
    INFO("turnover change " << t << "; spend change " << c);
    CHECK(t.hi < 0);
    CHECK(c.lo > 0);
  }
  SECTION("P3: patches with three providers each cut travel and late visits, and the switch disrupts continuity") {
    // From a tender and the transfers it causes (procurement.cpp), not from a rule: users whose
    // worker does not follow their package see new workers in the months after the switch.
    const Summaries p = simulate(params("patches.yaml", 2));  // the sweep's third point: 5 patches
    const auto tr = paired(p("travel_share"), baseline().travel);
    const auto la = paired(p("late_visit_share"), baseline().late);
    const auto dis = paired(p("distinct_workers_after_switch"), baseline().after_switch);
    INFO("travel share change " << tr << "; late share change " << la << "; distinct workers in the switch's first three months " << dis);
    CHECK(tr.hi < 0);
    CHECK(la.hi < 0);
    CHECK(dis.lo > 0);
  }
  SECTION("P4: in the baseline, continuity complaints outnumber lateness complaints") {
    const auto d = paired(baseline().cont, baseline().lateness);
    INFO("continuity minus lateness complaints " << d);
    CHECK(d.lo > 0);
  }
  SECTION("P5: a training minimum costs money, lowers turnover and late visits") {
    const Summaries p = simulate(params("training-minimum.yaml"));
    const auto t = paired(p("turnover_rate"), baseline().turnover);
    const auto c = paired(p("council_spend_total"), baseline().spend);
    const auto la = paired(p("late_visit_share"), baseline().late);
    const auto cl = paired(p("complaints_lateness_total"), baseline().lateness);
    INFO("turnover change " << t << "; spend change " << c << "; late share change " << la << "; lateness complaints change " << cl);
    CHECK(t.hi < 0);
    CHECK(c.lo > 0);
    CHECK(la.hi < 0);  // quality: trained workers' visits overrun less, once their courses end
  }
}
