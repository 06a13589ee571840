// The council's ledger in a real run's results file (issue 16): spend by category sums to
// council_spend, the budget is compared with the spend it covers, and the council's responses to
// an overspent year act only after one, on what they say they act on.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "../unit/scenario/temp_scenario.hpp"
#include "process.hpp"
#include "results/results_file.hpp"

using homecare::test::run_homecare;
using homecare::test::TempDir;
namespace r = homecare::results;

namespace {
const std::vector<double>& column(const std::vector<r::MetricColumn>& cols, const std::string& name) {
  for (const auto& c : cols)
    if (c.name == name) return c.values;
  FAIL("no metric " << name);
  throw;
}

// Two financial years (April 2016 - March 2018), switch and policy in the first.
const std::string two_years =
    "run:\n  end: 2018-03-31\n  policy_start: 2016-10-01\ncommissioning:\n  switch_date: 2016-10-01\n";

r::VariantResults run(TempDir& dir, const std::string& name, const std::string& body) {
  dir.write(name + ".yaml", "name: " + name + "\n" + two_years + body);
  const auto out = run_homecare("run " + name + ".yaml --replicates 2 --seed 5 --quiet --out " + name + ".h5", dir.path());
  INFO(out.err);
  REQUIRE(out.status == 0);
  return r::read_results(dir.path() + "/" + name + ".h5").variants.at(0);
}
}  // namespace

TEST_CASE("council ledger: the spend categories sum to council_spend, monthly and yearly, the budget covers all but placements") {
  TempDir dir;
  // The forum meets from the start and the council funds training, so every category has money.
  const auto v = run(dir, "ledger",
                     "council:\n  partnership_forum: true\n  partnership_forum_from: 2016-04-01\n"
                     "training:\n  council_funded_share: 1.0\n");
  const char* categories[] = {"spend_long_term", "spend_reablement", "spend_direct_payments",
                              "spend_training",  "spend_residential_unmet", "spend_forum"};
  for (const auto* layout : {&v.monthly, &v.yearly}) {
    const auto& spend = column(*layout, "council_spend");
    const auto& against = column(*layout, "spend_against_budget");
    const auto& residential = column(*layout, "spend_residential_unmet");
    for (std::size_t i = 0; i < spend.size(); ++i) {
      double sum = 0;
      for (const char* c : categories) {
        CHECK(column(*layout, c)[i] >= 0.0);
        sum += column(*layout, c)[i];
      }
      CHECK(sum == Approx(spend[i]).epsilon(1e-9));
      CHECK(against[i] + residential[i] == Approx(spend[i]).epsilon(1e-9));
      CHECK(column(*layout, "spend_double_handed")[i] <= column(*layout, "spend_long_term")[i] + 1e-6);
    }
  }
  double forum = 0, reablement = 0;
  for (double x : column(v.yearly, "spend_forum")) forum += x;
  for (double x : column(v.yearly, "spend_reablement")) reablement += x;
  CHECK(forum == Approx(2 * 2 * 25000.0));  // two replicates, two years
  CHECK(reablement > 0.0);
  const auto& budget = column(v.yearly, "council_budget");
  const auto& headroom = column(v.yearly, "council_headroom");
  const auto& against = column(v.yearly, "spend_against_budget");
  for (std::size_t i = 0; i < budget.size(); ++i) CHECK(headroom[i] == Approx(budget[i] - against[i]));
  // 2016/17: 15m + 1.2m of direct payments; no savings before 2019/20.
  CHECK(budget[0] == Approx(16.2e6));
  for (double s : column(v.yearly, "council_savings")) CHECK(s == 0.0);
}

TEST_CASE("council responses: none acts in the year after an underspent one, after an overspent one each moves what it says") {
  TempDir dir;
  const std::string all =
      "  responses:\n    price_freeze: true\n    price_freeze_from: 2016-04-01\n    eligibility: true\n"
      "    eligibility_from: 2016-04-01\n    eligibility_cut: 0.5\n    review_hours_cut: true\n"
      "    review_hours_cut_from: 2016-04-01\n";
  // A budget far above any spend: never overspent, so the responses never act.
  const auto rich = run(dir, "rich", "council:\n  budget_2016: 1.0e9\n");
  const auto rich_responding = run(dir, "rich_responding", "council:\n  budget_2016: 1.0e9\n" + all);
  for (const char* m : {"council_spend", "new_users", "mean_price_per_hour", "hours_delivered"})
    CHECK(column(rich.monthly, m) == column(rich_responding.monthly, m));
  // A budget of nothing: 2016/17 overspends, so in 2017/18 prices are frozen, referrals cut, hours cut.
  const auto poor = run(dir, "poor", "council:\n  budget_2016: 0\n  dp_budget_2016: 0\n  demography_growth: 0\n");
  const auto poor_responding =
      run(dir, "poor_responding", "council:\n  budget_2016: 0\n  dp_budget_2016: 0\n  demography_growth: 0\n" + all);
  const auto& new_a = column(poor.monthly, "new_users");
  const auto& new_b = column(poor_responding.monthly, "new_users");
  const auto& price_a = column(poor.monthly, "mean_price_per_hour");
  const auto& price_b = column(poor_responding.monthly, "mean_price_per_hour");
  const std::size_t months = poor.months.size();
  double first_a = 0, first_b = 0, second_a = 0, second_b = 0;
  for (std::size_t i = 0; i < new_a.size(); ++i) {
    if (i % months < 12) {
      CHECK(new_a[i] == new_b[i]);  // 2016/17: the same
      CHECK(price_a[i] == price_b[i]);
      first_a += new_a[i];
      first_b += new_b[i];
    } else {
      second_a += new_a[i];
      second_b += new_b[i];
      CHECK(price_b[i] < price_a[i]);  // no April 2017 uplift
    }
  }
  CHECK(first_a == first_b);
  CHECK(second_b < 0.75 * second_a);  // half the long-term referrals
}
