// Common random numbers: variants of a sweep draw the same random numbers for the same purpose
// and agent in the same replicate, so their differences are not swamped by noise.
#include <catch2/catch.hpp>

#include <numeric>

#include "../unit/scenario/temp_scenario.hpp"
#include "process.hpp"
#include "results/results_file.hpp"
#include "short_runs.hpp"

using homecare::test::run_homecare;
using homecare::test::TempDir;
namespace r = homecare::results;

namespace {
double variance(const std::vector<double>& x) {
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return ss / static_cast<double>(x.size() - 1);
}

/// var(b_i - a_i) (paired: same replicate) and var(b_i - a_{i+1}) (unpaired: other draws).
std::pair<double, double> paired_unpaired(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> paired, unpaired;
  for (std::size_t i = 0; i < a.size(); ++i) {
    paired.push_back(b[i] - a[i]);
    unpaired.push_back(b[i] - a[(i + 1) % a.size()]);
  }
  return {variance(paired), variance(unpaired)};
}

const r::MetricColumn& metric(const std::vector<r::MetricColumn>& cols, const std::string& name) {
  for (const auto& c : cols)
    if (c.name == name) return c;
  FAIL("no metric " << name);
  throw;
}
}  // namespace

TEST_CASE("paired differences between two variants vary far less than unpaired ones") {
  TempDir dir;
  dir.write("s.yaml", "name: crn\n" + homecare::test::year_run +
                          "sweep:\n  grid:\n    workforce.base_quit_hazard: [0.25, 0.30]\n");
  const int n = 10;
  const auto run = run_homecare("run s.yaml --replicates " + std::to_string(n) + " --seed 3 --quiet --out r.h5",
                                dir.path());
  INFO(run.err);
  REQUIRE(run.status == 0);
  const auto f = r::read_results(dir.path() + "/r.h5");
  REQUIRE(f.variants.size() == 2);
  const auto& a = f.variants[0];
  const auto& b = f.variants[1];

  // A whole-period figure: the council's spend.
  const auto [ps, us] = paired_unpaired(metric(a.summary, "council_spend_total").values,
                                        metric(b.summary, "council_spend_total").values);
  INFO("council_spend_total: paired variance " << ps << ", unpaired " << us);
  CHECK(ps < 0.25 * us);

  // A monthly series at its last month: the care-worker headcount.
  const std::size_t M = a.months.size();
  std::vector<double> wa, wb;
  for (int i = 0; i < n; ++i) {
    wa.push_back(metric(a.monthly, "care_workers").values[static_cast<std::size_t>(i) * M + M - 1]);
    wb.push_back(metric(b.monthly, "care_workers").values[static_cast<std::size_t>(i) * M + M - 1]);
  }
  const auto [pw, uw] = paired_unpaired(wa, wb);
  INFO("care_workers at " << a.months.back() << ": paired variance " << pw << ", unpaired " << uw);
  CHECK(pw < 0.25 * uw);
}

TEST_CASE("pay as the law counts it: paying travel time leaves fewer workers below the NLW in the same replicates") {
  TempDir dir;
  dir.write("unpaid.yaml", "name: unpaid\n" + homecare::test::year_run);
  dir.write("paid.yaml", "name: paid\n" + homecare::test::year_run +
                             "wages:\n  travel_time_paid: true\n  travel_time_paid_from: 2016-04-01\n");
  // Without a date, paid from the switch (October 2016): the first six months as unpaid.
  dir.write("later.yaml", "name: later\n" + homecare::test::year_run + "wages:\n  travel_time_paid: true\n");
  const int n = 2;
  for (const char* name : {"unpaid", "paid", "later"}) {
    const auto run = run_homecare(std::string("run ") + name + ".yaml --replicates " + std::to_string(n) +
                                      " --seed 3 --quiet --out " + name + ".h5",
                                  dir.path());
    INFO(run.err);
    REQUIRE(run.status == 0);
  }
  const auto unpaid = r::read_results(dir.path() + "/unpaid.h5").variants.at(0);
  const auto paid = r::read_results(dir.path() + "/paid.h5").variants.at(0);
  const auto& su = metric(unpaid.monthly, "share_workers_below_minimum_wage").values;
  const auto& sp = metric(paid.monthly, "share_workers_below_minimum_wage").values;
  REQUIRE(su.size() == sp.size());
  double total_unpaid = 0, total_paid = 0;
  for (std::size_t i = 0; i < su.size(); ++i) {
    CHECK(su[i] >= 0.0);
    CHECK(su[i] <= 1.0);
    CHECK(sp[i] >= 0.0);
    CHECK(sp[i] <= 1.0);
    total_unpaid += su[i];
    total_paid += sp[i];
  }
  INFO("mean monthly share below the NLW: travel unpaid " << total_unpaid / static_cast<double>(su.size())
                                                          << ", paid " << total_paid / static_cast<double>(sp.size()));
  CHECK(total_paid < total_unpaid);
  // Every wage is at least the NLW, so with every working minute paid nobody is below it.
  CHECK(total_paid == 0.0);
  for (int i = 0; i < n; ++i)
    CHECK(metric(paid.summary, "minimum_wage_shortfall_total").values[static_cast<std::size_t>(i)] == 0.0);
  const auto later = r::read_results(dir.path() + "/later.h5").variants.at(0);
  const auto& sl = metric(later.monthly, "share_workers_below_minimum_wage").values;
  REQUIRE(sl.size() == su.size());
  const std::size_t months = su.size() / n;  // [replicates, months], row-major
  for (std::size_t i = 0; i < sl.size(); ++i) {
    if (i % months < 6) CHECK(sl[i] == su[i]);  // April - September 2016: unpaid in both
    else CHECK(sl[i] == 0.0);
  }
}
