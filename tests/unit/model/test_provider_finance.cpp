// Providers' monthly books and exit (provider_finance.cpp): the month's costs, cash and what the
// council paid, exit on losses beyond reserves or a year without packages, and what an exit does
// to its packages and staff.
#include <catch2/catch.hpp>

#include <cstdint>

#include "model/provider_finance.hpp"
#include "model/roster.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;
using m::test::contains;

namespace {

constexpr std::int64_t june_30 = 90;  // day index of 30 June 2016, the close of month 2

double close_books(SmallWorld& sw, std::int64_t day = june_30) {
  return m::close_provider_books(day, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
}

/// A provider losing money: cash below reserve_months of its revenue after this month.
m::ProviderId losing_provider(SmallWorld& sw) {
  const auto pid = sw.add_provider();
  sw.place(sw.add_user(1), pid);
  auto& pr = sw.world.provider(pid);
  pr.revenue_avg = 1000.0;
  pr.revenue_month = 1000.0;
  pr.cash = -5000.0;  // reserves: 2 x 1000
  return pid;
}

}  // namespace

TEST_CASE("provider books: the month's costs are paid time with on-costs, mileage, overheads, recruitment and training") {
  SmallWorld sw;  // on-costs 30%, 28p a km, recruitment 1200, travel unpaid, no council-funded training
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 0);
  auto& cw = sw.world.worker(w);
  cw.zero_hours = true;  // paid for the time worked only
  cw.wage = 10.0;
  cw.contact_min_month = 600.0;
  cw.travel_min_month = 120.0;
  cw.training_hours_month = 2.0;
  cw.km_month = 10.0;
  auto& pr = sw.world.provider(pid);
  pr.overhead_per_hour = 2.0;
  pr.hours_month = 10.0;
  pr.hires_month = 1;
  pr.training_fees_month = 400.0;
  pr.revenue_month = 2000.0;
  sw.place(sw.add_user(0), pid);
  const double payments = close_books(sw);
  // Paid time: 10 contact + 2 training hours at 10.00 with 30% on-costs = 156.
  const double cost = 156.0 + 10.0 * 0.28 + 2.0 * 10.0 + 1200.0 + 400.0;
  CHECK(pr.cost_month == Approx(cost));
  CHECK(pr.cash == Approx(2000.0 - cost));
  CHECK(pr.revenue_avg == 2000.0);
  CHECK(payments == 2000.0);
  CHECK(sw.ledger.training_supplement_month == 0.0);
}

TEST_CASE("provider books: paid travel and the council's share of training costs") {
  m::Params p;
  p.wages.travel_time_paid = true;
  p.wages.travel_time_paid_from = p.run.start;  // the world's economy is on run.start
  p.training.council_funded_share = 0.5;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 0);
  auto& cw = sw.world.worker(w);
  cw.zero_hours = true;  // paid for the time worked only
  cw.wage = 10.0;
  cw.contact_min_month = 600.0;
  cw.travel_min_month = 120.0;
  cw.training_hours_month = 2.0;
  auto& pr = sw.world.provider(pid);
  pr.training_fees_month = 400.0;
  close_books(sw);
  // Training: the fee and 2 hours at 10.00 with on-costs = 426, half of it funded by the council.
  const double council = 0.5 * (400.0 + 2.0 * 10.0 * 1.3);
  CHECK(sw.ledger.training_supplement_month == Approx(council));
  CHECK(pr.cost_month == Approx((10.0 + 2.0 + 2.0) * 10.0 * 1.3 + 400.0 - council));
  CHECK(pr.travel_per_contact == Approx(120.0 / 600.0));  // what paid travel costs it, for next month's price
}

TEST_CASE("provider books: a worker on guaranteed hours is paid their guaranteed share of the hours wanted, worked or not") {
  SmallWorld sw;  // guaranteed_share_of_hours 0.75, on-costs 30%
  const auto pid = sw.add_provider();
  const auto idle = sw.add_worker(pid, 0, 600.0);  // wants 10 hours a week of council work, guaranteed hours
  sw.world.worker(idle).wage = 10.0;
  sw.world.worker(idle).contact_min_month = 600.0;  // worked 10 hours in June
  const auto late = sw.add_worker(pid, 0, 600.0);
  sw.world.worker(late).wage = 10.0;
  sw.world.worker(late).hired_day = 76.0;  // 16 June: employed 15 days of the month
  const auto casual = sw.add_worker(pid, 0, 600.0);
  sw.world.worker(casual).wage = 10.0;
  sw.world.worker(casual).zero_hours = true;  // paid nothing for a month without work
  close_books(sw);
  const double guaranteed_june = 0.75 * 600.0 * 30.0 / 7.0 / 60.0;  // hours: 0.75 x 10 h a week x 30/7 weeks
  const double guaranteed_late = 0.75 * 600.0 * 15.0 / 7.0 / 60.0;
  CHECK(sw.world.provider(pid).cost_month == Approx((guaranteed_june + guaranteed_late) * 10.0 * 1.3));
  CHECK(sw.ledger.month(2).unused_paid_min / 60.0 == Approx(guaranteed_june - 10.0 + guaranteed_late));
}

TEST_CASE("provider books: the council's payments include providers that left this month, whose books stay closed") {
  SmallWorld sw;
  const auto a = sw.add_provider();
  const auto gone = sw.add_provider();
  sw.world.provider(a).revenue_month = 700.0;
  sw.world.provider(gone).revenue_month = 300.0;
  sw.world.provider(gone).active = false;
  sw.world.provider(gone).cash = 5.0;
  CHECK(close_books(sw) == 1000.0);
  CHECK(sw.world.provider(gone).cash == 5.0);
}

TEST_CASE("provider exit: losses beyond the reserves make a provider leave with exit_probability") {
  m::Params p;
  p.providers.exit_probability = 1.0;
  SmallWorld sw(p);
  const auto pid = losing_provider(sw);
  const auto solvent = sw.add_provider();
  sw.place(sw.add_user(1), solvent);
  sw.world.provider(solvent).revenue_month = 1000.0;
  close_books(sw);
  CHECK_FALSE(sw.world.provider(pid).active);
  CHECK(sw.world.provider(solvent).active);
  CHECK(sw.ledger.month(2).provider_exits == 1);

  p.providers.exit_probability = 0.0;
  SmallWorld never(p);
  const auto kept = losing_provider(never);
  close_books(never);
  CHECK(never.world.provider(kept).active);

  // With no revenue at all (a new provider) losses never trigger an exit.
  p.providers.exit_probability = 1.0;
  SmallWorld fresh(p);
  const auto newcomer = fresh.add_provider();
  fresh.place(fresh.add_user(1), newcomer);
  fresh.world.provider(newcomer).cash = -1e6;
  close_books(fresh);
  CHECK(fresh.world.provider(newcomer).active);
}

TEST_CASE("provider exit: the losing months a provider bears are geometric with exit_probability, drawn once") {
  m::Params p;
  p.providers.exit_probability = 0.25;
  SmallWorld sw(p);
  const int n = 4000;
  double sum = 0;
  int ones = 0;
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n); ++i) {
    const auto k = m::losing_months_borne(m::ProviderId(i), sw.s);
    REQUIRE(k >= 1);
    sum += static_cast<double>(k);
    ones += k == 1 ? 1 : 0;
    CHECK(m::losing_months_borne(m::ProviderId(i), sw.s) == k);  // the same provider, the same count
  }
  CHECK(sum / n == Approx(4.0).epsilon(0.06));              // mean 1 / q
  CHECK(static_cast<double>(ones) / n == Approx(0.25).epsilon(0.1));
  p.providers.exit_probability = 0.0;
  SmallWorld never(p);
  CHECK(m::losing_months_borne(m::ProviderId(0), never.s) == -1);
}

TEST_CASE("provider exit: a provider leaves in the losing month that uses up what it bears") {
  m::Params p;
  SmallWorld sw(p);
  const auto pid = losing_provider(sw);
  sw.world.provider(pid).losing_months_left = 3;
  close_books(sw);
  CHECK(sw.world.provider(pid).active);
  CHECK(sw.world.provider(pid).losing_months_left == 2);
  sw.world.provider(pid).cash = -5000.0;
  close_books(sw);
  sw.world.provider(pid).cash = -5000.0;
  close_books(sw);
  CHECK_FALSE(sw.world.provider(pid).active);
}

TEST_CASE("provider exit: a year without packages makes a provider leave, and the reablement team never leaves") {
  m::Params p;
  p.providers.exit_probability = 1.0;
  SmallWorld sw(p);
  const auto empty = sw.add_provider();
  sw.world.provider(empty).empty_months = 11;
  const auto busy = sw.add_provider();
  sw.world.provider(busy).empty_months = 11;
  sw.place(sw.add_user(1), busy);
  const auto team = sw.add_reablement_team();
  sw.world.provider(team).revenue_avg = 1000.0;
  sw.world.provider(team).cash = -1e6;
  sw.world.provider(team).empty_months = 20;
  close_books(sw);
  CHECK_FALSE(sw.world.provider(empty).active);
  CHECK(sw.world.provider(busy).active);
  CHECK(sw.world.provider(busy).empty_months == 0);
  CHECK(sw.world.provider(team).active);
}

TEST_CASE("provider_exit: its packages are handed back, unrostered, first in the queue") {
  m::Params p;
  p.workforce.leave_sector_share = 1.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, 4);
  const auto older = sw.add_user(4);
  sw.enqueue(older, 2.0);
  const auto u = sw.add_user(4, {{9 * 60, 30}, {18 * 60, 30}});
  sw.place(u, pid);
  REQUIRE(m::roster_package(u, pid, sw.s, sw.world));
  m::provider_exit(pid, 50, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  const auto& su = sw.world.user(u);
  CHECK(su.state == m::UserState::waiting);
  CHECK(su.waiting_since == 50.0);
  CHECK_FALSE(su.provider.valid());
  CHECK(sw.world.waiting.front() == u);
  CHECK(sw.world.waiting.back() == older);
  CHECK(sw.world.provider(pid).users.empty());
  CHECK(sw.world.provider(pid).pending.empty());  // nothing left to cover
  CHECK_FALSE(sw.world.worker(w).employed);        // nowhere to go
  CHECK_FALSE(sw.world.provider(pid).active);
  CHECK(sw.world.provider(pid).vacancies == 0);
  CHECK(sw.world.provider(pid).workers.empty());
  CHECK(sw.ledger.month(1).provider_exits == 1);  // day 50 is in May
  CHECK(sw.ledger.month(1).leavers == 1);
}

TEST_CASE("provider_exit: about half of the staff move at once to the provider with most vacancies, the rest leave") {
  m::Params p;
  p.workforce.leave_sector_share = 1.0;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto few = sw.add_provider();
  const auto most = sw.add_provider();
  const auto team = sw.add_reablement_team();
  sw.world.provider(few).vacancies = 10;
  sw.world.provider(most).vacancies = 1000;
  sw.world.provider(team).vacancies = 5000;
  const int n = 200;
  for (int i = 0; i < n; ++i) sw.add_worker(pid, static_cast<std::uint16_t>(static_cast<std::size_t>(i) % m::test::brent().wards.size()));
  const auto staff = sw.world.provider(pid).workers;
  m::provider_exit(pid, 50, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  int moved = 0;
  for (const auto w : staff) {
    const auto& cw = sw.world.worker(w);
    if (cw.employed) {
      ++moved;
      CHECK(cw.provider == most);
      CHECK(cw.changed_agency_day == 50.0);
      CHECK(contains(sw.world.provider(most).workers, w));
    }
  }
  INFO(moved << " of " << n << " moved");
  CHECK(moved > 0.4 * n);
  CHECK(moved < 0.6 * n);
  CHECK(sw.world.provider(most).vacancies == 1000 - moved);
  CHECK(sw.world.provider(pid).workers.empty());
  // The immediate moves count as leavers and as a change of agency, like the quits (docs/MODEL.md
  // 7.15).
  CHECK(sw.ledger.month(1).leavers == n);
  // All of them are leavers through the provider's exit (turnover_rate_provider_exits).
  CHECK(sw.ledger.month(1).exit_leavers == n);

  // Vacancies run out: the moves stop.
  SmallWorld scarce(p);
  const auto q = scarce.add_provider();
  const auto other = scarce.add_provider();
  scarce.world.provider(other).vacancies = 3;
  for (int i = 0; i < 50; ++i) scarce.add_worker(q, 0);
  m::provider_exit(q, 50, scarce.s, scarce.econ, scarce.world, scarce.agenda, scarce.ledger);
  CHECK(scarce.world.provider(other).workers.size() == 3);
  CHECK(scarce.world.provider(other).vacancies == 0);
}
