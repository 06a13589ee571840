// Procurement (procurement.cpp): the switch to the scenario's commissioning model (a DPS's price
// cut; patches tendered by scored bids, the work moving to the winners with its staff, losers on
// the approved list), awards as capacity, a failed winner's re-tender, and new providers joining.
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "model/market.hpp"
#include "model/brokerage.hpp"
#include "model/procurement.hpp"
#include "model/provider_finance.hpp"
#include "model/roster.hpp"
#include "model/training.hpp"
#include "model/workforce.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;
using m::test::contains;

namespace {

void switch_now(SmallWorld& sw, std::int64_t day = 913) {
  m::switch_commissioning(day, sw.s.month_of(day), sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
}

}  // namespace

TEST_CASE("switch to a DPS: every framework price falls by the discount (to at least 1), the team's does not") {
  m::Params p;
  p.commissioning.model = m::CommissioningModel::dps;
  SmallWorld sw(p);
  const auto a = sw.add_provider(1.0, 15.0);
  const auto cheap = sw.add_provider(1.0, 1.1);
  const auto team = sw.add_reablement_team();
  switch_now(sw);
  CHECK(sw.econ.regime.switched);
  CHECK_FALSE(sw.econ.regime.patches_active);
  CHECK(sw.world.provider(a).price == Approx(15.0 - p.commissioning.dps_price_discount));
  CHECK(sw.world.provider(cheap).price == 1.0);
  CHECK(sw.world.provider(team).price == p.reablement.price_per_hour);
}

TEST_CASE("switch under the framework: the regime is switched and nothing else changes") {
  SmallWorld sw;
  const auto a = sw.add_provider(1.0, 15.0);
  const auto u = sw.add_user(2);
  sw.place(u, a);
  switch_now(sw);
  CHECK(sw.econ.regime.switched);
  CHECK_FALSE(sw.econ.regime.patches_active);
  CHECK(sw.world.provider(a).price == 15.0);
  CHECK(sw.world.user(u).provider == a);
  CHECK(sw.world.waiting.empty());
}

namespace {

/// Patch parameters: one patch (the whole borough, unless `count` says more), `per_patch` providers
/// in each, no entrants, every worker following the work.
m::Params one_patch(int count = 1, int per_patch = 1) {
  m::Params p;
  p.commissioning.model = m::CommissioningModel::patch;
  p.patches.method = m::PatchMethod::balanced;
  p.patches.count = count;
  p.patches.providers_per_patch = per_patch;
  p.patches.max_patches_per_provider = 1000;
  p.tender.entrants = 0;
  p.commissioning.transfer_worker_share = 1.0;
  return p;
}

/// A year's record: `late` of 1000 visits late, none missed, at `cost` per contact hour.
void set_record(SmallWorld& sw, m::ProviderId pid, double late, double cost) {
  auto& r = sw.world.provider(pid).record;
  r.due = 1000;
  r.late = late;
  r.packages = 10;
  r.headcount = 10;
  r.leavers = 3;
  r.hours = 100;
  r.cost = cost * 100;
}

/// Two providers at GBP 15 an hour: the first with a good record (1% late, cheap to run), the
/// second with a poor one (30% late, dearer): the first wins a tender whatever its weights.
std::pair<m::ProviderId, m::ProviderId> good_and_poor(SmallWorld& sw) {
  const auto good = sw.add_provider(1.0, 15.0);
  const auto poor = sw.add_provider(1.0, 15.0);
  set_record(sw, good, 10, 12.0);
  set_record(sw, poor, 300, 14.0);
  return {good, poor};
}

/// `u` placed with `pid` and its visits rostered with `pid`'s workers.
void place_rostered(SmallWorld& sw, m::UserId u, m::ProviderId pid) {
  sw.place(u, pid);
  REQUIRE(m::roster_package(u, pid, sw.s, sw.world));
}

}  // namespace

TEST_CASE("tender: price-led the cheapest bid wins, quality-led the better record wins, at its own bid") {
  for (const bool price_led : {true, false}) {
    m::Params p = one_patch();
    p.tender.price_weight = price_led ? 1.0 : 0.0;
    p.tender.quality_weight = 1.0 - p.tender.price_weight;
    SmallWorld sw(p);
    const auto cheap = sw.add_provider(1.0, 15.0);
    const auto good = sw.add_provider(1.0, 15.0);
    set_record(sw, cheap, 200, 10.0);  // a fifth of its visits late
    set_record(sw, good, 10, 14.0);
    switch_now(sw);
    const auto winner = price_led ? cheap : good;
    const auto loser = price_led ? good : cheap;
    INFO((price_led ? "price-led" : "quality-led"));
    CHECK(sw.world.provider(winner).patches == std::vector<int>{0});
    CHECK(sw.world.provider(winner).price == Approx((price_led ? 10.0 : 14.0) * (1.0 + p.tender.bid_margin)));
    CHECK(sw.world.provider(loser).patches.empty());
    // The loser stays on the approved list at its own price, not an exit.
    CHECK(sw.world.provider(loser).active);
    CHECK(sw.world.provider(loser).approved_list);
    CHECK(sw.world.provider(loser).price == 15.0);
    CHECK(sw.ledger.month(sw.s.month_of(913)).provider_exits == 0);
  }
}

TEST_CASE("tender: no bid above the council's ceiling, and a set patch price is every bid") {
  m::Params p = one_patch();
  p.tender.price_weight = 1.0;
  p.tender.quality_weight = 0.0;
  SmallWorld sw(p);
  const auto a = sw.add_provider(1.0, 15.0);
  set_record(sw, a, 10, 40.0);  // its costs far above what the council pays
  sw.place(sw.add_user(0), a);
  switch_now(sw);
  CHECK(sw.world.provider(a).price == Approx(15.0 * (1.0 + p.tender.price_ceiling_uplift)));
  p.commissioning.patch_price = 16.5;
  SmallWorld fixed(p);
  const auto b = fixed.add_provider(1.0, 15.0);
  set_record(fixed, b, 10, 10.0);
  switch_now(fixed);
  CHECK(fixed.world.provider(b).price == 16.5);
}

TEST_CASE("tender.reject_below_cost: a bidder whose own cost is above the ceiling or the set price does not bid") {
  // Two bidders on one patch, quality-led: the dear one's cost (40) is far above the ceiling.
  // Without the rule it bids the ceiling and, with the better record under quality-led weights,
  // wins below its cost; with it, it does not bid and the other wins.
  for (const bool reject : {false, true}) {
    m::Params p = one_patch();
    p.tender.price_weight = 0.0;
    p.tender.quality_weight = 1.0;
    p.tender.reject_below_cost = reject;
    SmallWorld sw(p);
    const auto dear = sw.add_provider(1.0, 15.0);
    const auto fair = sw.add_provider(1.0, 15.0);
    set_record(sw, dear, 10, 40.0);
    set_record(sw, fair, 300, 14.0);
    switch_now(sw);
    INFO((reject ? "rejecting" : "not rejecting"));
    CHECK(sw.world.provider(reject ? fair : dear).patches == std::vector<int>{0});
    CHECK(sw.world.provider(reject ? dear : fair).patches.empty());
    CHECK(sw.world.provider(reject ? dear : fair).approved_list);
  }
  // A cost between the cap and the cap less the margin still bids (a thin margin is not abnormal),
  // at the cap; under a set price the same rule holds against that price.
  m::Params p = one_patch();
  p.tender.reject_below_cost = true;
  SmallWorld thin(p);
  const auto t = thin.add_provider(1.0, 15.0);
  set_record(thin, t, 10, 15.5);
  thin.place(thin.add_user(0), t);  // the ceiling: the mean price of the packages held, 15, plus 5%
  switch_now(thin);
  CHECK(thin.world.provider(t).patches == std::vector<int>{0});
  CHECK(thin.world.provider(t).price == Approx(15.0 * (1.0 + p.tender.price_ceiling_uplift)));
  p.commissioning.patch_price = 16.5;
  SmallWorld fixed(p);
  const auto above = fixed.add_provider(1.0, 15.0);
  const auto below = fixed.add_provider(1.0, 15.0);
  set_record(fixed, above, 10, 17.0);
  set_record(fixed, below, 300, 16.0);
  fixed.place(fixed.add_user(0), above);
  switch_now(fixed);
  CHECK(fixed.world.provider(above).patches.empty());
  CHECK(fixed.world.provider(below).patches == std::vector<int>{0});
  CHECK(fixed.world.provider(below).price == 16.5);
}

TEST_CASE("tender.award_backed_reserves: a winner's reserves are measured against its award, not its revenue before it") {
  for (const bool backed : {false, true}) {
    m::Params p = one_patch();
    p.tender.award_backed_reserves = backed;
    SmallWorld sw(p);
    const auto a = sw.add_provider(1.0, 15.0);
    sw.add_worker(a, 3);
    set_record(sw, a, 10, 12.0);
    const auto u = sw.add_user(3);
    place_rostered(sw, u, a);
    sw.world.provider(a).revenue_avg = 100.0;  // a small provider before the tender
    switch_now(sw);
    REQUIRE(sw.world.provider(a).patches == std::vector<int>{0});
    const m::Provider& pr = sw.world.provider(a);
    // The award's monthly value: its weekly minutes without the headroom, a month of weeks, at its bid.
    const double value = pr.awarded_min[0] / (1.0 + p.tender.capacity_headroom) / 60.0 * (365.25 / 12.0 / 7.0) * pr.price;
    INFO((backed ? "backed" : "not backed"));
    REQUIRE(value > 100.0);
    CHECK(pr.revenue_avg == Approx(backed ? value : 100.0));
  }
}

TEST_CASE("TUPE: a package moves to the winner with the worker who serves it, so its user keeps them") {
  for (const double share : {1.0, 0.0}) {
    m::Params p = one_patch();
    p.commissioning.transfer_worker_share = share;
    p.workforce.leave_sector_share = 1.0;
    SmallWorld sw(p);
    const auto [winner, loser] = good_and_poor(sw);
    const auto carer = sw.add_worker(loser, 3);
    const auto idle = sw.add_worker(loser, 3);
    const auto u = sw.add_user(3);
    place_rostered(sw, u, loser);
    // Rostered on the carer (the first worker that fits), every day.
    REQUIRE(sw.world.user(u).slots[0].regular[0][0] == carer);
    switch_now(sw);
    INFO("transfer share " << share);
    CHECK(sw.world.user(u).provider == winner);
    CHECK(contains(sw.world.provider(winner).users, u));
    CHECK_FALSE(contains(sw.world.provider(loser).users, u));
    CHECK(sw.world.user(u).awarded_min == Approx(7.0 * (30 + sw.s.allowance)));
    if (share == 1.0) {
      // The same job with a new employer: still rostered on the visit, not a leaver.
      CHECK(sw.world.worker(carer).provider == winner);
      CHECK(sw.world.worker(carer).employed);
      CHECK(sw.world.worker(carer).hired_day == -1000.0);
      for (int d = 0; d < 7; ++d) CHECK(sw.world.user(u).slots[0].regular[static_cast<std::size_t>(d)][0] == carer);
      CHECK(sw.world.provider(winner).pending.empty());
      CHECK(sw.ledger.month(sw.s.month_of(913)).leavers == 0);
    } else {
      // The worker objects and leaves; the winner must cover the visits.
      CHECK_FALSE(sw.world.worker(carer).employed);
      CHECK(sw.world.provider(winner).pending.size() == 7);
      CHECK(sw.ledger.month(sw.s.month_of(913)).leavers == 1);
    }
    // A worker with no transferred work stays with the loser, on the approved list.
    CHECK(sw.world.worker(idle).provider == loser);
    CHECK(sw.world.provider(loser).approved_list);
  }
}

TEST_CASE("TUPE protects pay: a worker transferred to a lower-paying winner keeps their pay, month after month, until they change job") {
  for (const bool protects : {true, false}) {
    m::Params p = one_patch();
    p.commissioning.tupe_protects_pay = protects;
    SmallWorld sw(p);
    const auto [winner, loser] = good_and_poor(sw);
    sw.world.provider(winner).wage_premium = 0.10;  // the winner pays NLW + 10p
    sw.world.provider(loser).wage_premium = 1.50;   // the loser NLW + 1.50
    const auto carer = sw.add_worker(loser, 3);
    const auto u = sw.add_user(3);
    place_rostered(sw, u, loser);
    m::apply_wages(sw.econ.wages, p.workforce, sw.world);
    const double premium = m::pay_premium(sw.world.worker(carer).qualification, p.workforce);
    const double before = sw.world.worker(carer).wage;
    REQUIRE(before == Approx(sw.econ.wages.offered_wage(sw.world.provider(loser)) + premium));
    switch_now(sw);
    INFO((protects ? "TUPE protects pay" : "the winner's wage"));
    REQUIRE(sw.world.worker(carer).provider == winner);
    const double winners = sw.econ.wages.offered_wage(sw.world.provider(winner)) + premium;
    REQUIRE(winners < before);
    CHECK(sw.world.worker(carer).wage == Approx(protects ? before : winners));
    // The monthly wage update keeps it; once the winner pays more, they get the winner's pay.
    m::apply_wages(sw.econ.wages, p.workforce, sw.world);
    CHECK(sw.world.worker(carer).wage == Approx(protects ? before : winners));
    sw.world.provider(winner).wage_premium = 3.0;
    m::apply_wages(sw.econ.wages, p.workforce, sw.world);
    CHECK(sw.world.worker(carer).wage == Approx(sw.econ.wages.offered_wage(sw.world.provider(winner)) + premium));
    sw.world.provider(winner).wage_premium = 0.10;
    // A job taken on another employer's terms (a move) carries no protection.
    m::move_worker(carer, loser, 950, sw.s, sw.econ, sw.world);
    m::move_worker(carer, winner, 960, sw.s, sw.econ, sw.world);
    CHECK(sw.world.worker(carer).protected_base_wage == 0.0);
    CHECK(sw.world.worker(carer).wage == Approx(winners));
  }
}

TEST_CASE("TUPE protects pay: the staff of a loser that stops, transferred to a winner, keep their pay") {
  m::Params p = one_patch();
  p.approved_list.enabled = false;
  SmallWorld sw(p);
  const auto [winner, loser] = good_and_poor(sw);
  sw.world.provider(winner).wage_premium = 0.10;
  sw.world.provider(loser).wage_premium = 1.50;
  const auto w = sw.add_worker(loser, 3);  // no rostered work: follows at the loser's stop
  m::apply_wages(sw.econ.wages, p.workforce, sw.world);
  const double before = sw.world.worker(w).wage;
  switch_now(sw);
  REQUIRE_FALSE(sw.world.provider(loser).active);
  REQUIRE(sw.world.worker(w).provider == winner);
  CHECK(sw.world.worker(w).wage == Approx(before));
  m::apply_wages(sw.econ.wages, p.workforce, sw.world);
  CHECK(sw.world.worker(w).wage == Approx(before));
}

TEST_CASE("awards: a winner takes no more than its awarded hours, the rest stays on the approved list") {
  m::Params p = one_patch();
  p.tender.capacity_headroom = -0.5;  // half the patch's hours
  SmallWorld sw(p);
  const auto [winner, loser] = good_and_poor(sw);
  sw.add_worker(loser, 3);
  const auto a = sw.add_user(3);
  const auto b = sw.add_user(3, {m::test::Visit{14 * 60}});
  place_rostered(sw, a, loser);
  place_rostered(sw, b, loser);
  switch_now(sw);
  const auto& w = sw.world.provider(winner);
  REQUIRE(w.awarded_min.size() == 1);
  CHECK(w.awarded_min[0] == Approx(7.0 * (30 + sw.s.allowance)));  // half of two packages
  CHECK(w.users.size() == 1);
  CHECK(m::held_award(w, 0, sw.econ.regime.patches, sw.world) <= w.awarded_min[0] + 1e-9);
  CHECK(sw.world.provider(loser).users.size() == 1);
  CHECK(sw.world.user(a).state == m::UserState::active);
  CHECK(sw.world.user(b).state == m::UserState::active);
}

TEST_CASE("without an approved list a loser stops: its package goes back to brokerage, and it is an exit") {
  m::Params p = one_patch();
  p.approved_list.enabled = false;
  p.tender.capacity_headroom = -0.9;  // the winner cannot take the loser's package
  p.commissioning.transfer_worker_share = 0.5;  // half the staff object to a transfer and leave
  SmallWorld sw(p);
  const auto [winner, loser] = good_and_poor(sw);
  const auto u = sw.add_user(3);
  sw.place(u, loser);
  std::vector<m::WorkerId> staff;
  for (int i = 0; i < 40; ++i) staff.push_back(sw.add_worker(loser, 3));
  switch_now(sw);
  CHECK_FALSE(sw.world.provider(loser).active);
  CHECK(sw.world.user(u).state == m::UserState::waiting);
  CHECK(sw.world.user(u).changed_provider);
  CHECK(contains(sw.world.waiting, u));
  const auto& month = sw.ledger.month(sw.s.month_of(913));
  CHECK(month.provider_exits == 1);
  // Its staff follow the winner (TUPE: no leaving) or leave; those who leave are leavers through
  // the provider's exit, and the only leavers of the month.
  std::int64_t gone = 0, followed = 0;
  for (const auto w : staff) {
    if (!sw.world.worker(w).employed) ++gone;
    else if (sw.world.worker(w).provider == winner) ++followed;
  }
  CHECK(gone + followed == 40);
  CHECK(gone > 0);
  CHECK(followed > 0);
  CHECK(month.exit_leavers == gone);
  CHECK(month.leavers == gone);
}

TEST_CASE("a failed patch winner: its packages go to the approved list at once, then a re-tender gives the patch a winner") {
  m::Params p = one_patch();
  p.tender.retender_months = 3;
  SmallWorld sw(p);
  const auto [winner, listed] = good_and_poor(sw);
  sw.add_worker(winner, 3);
  sw.add_worker(listed, 3);
  const auto u = sw.add_user(3);
  place_rostered(sw, u, winner);
  const std::int64_t day = 913;
  const int month = sw.s.month_of(day);
  switch_now(sw, day);
  REQUIRE(sw.world.provider(winner).patches == std::vector<int>{0});
  REQUIRE(sw.world.provider(listed).approved_list);
  // The winner fails: the council places its package on the approved list the same day, at a premium.
  m::provider_exit(winner, day + 10, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.user(u).emergency);
  std::vector<double> spare;
  m::brokerage(day + 10, sw.s, sw.econ.regime, sw.econ.levers, sw.world, sw.ledger, spare);
  CHECK(sw.world.user(u).state == m::UserState::active);
  CHECK(sw.world.user(u).provider == listed);
  CHECK(sw.world.user(u).price_premium == p.approved_list.emergency_premium);
  // The patch has no winner: tendered again three months on, not before.
  m::retender(day + 30, month + 1, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.provider(listed).patches.empty());
  m::retender(day + 60, month + 3, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.provider(listed).patches.empty());
  m::retender(day + 90, month + 4, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.provider(listed).patches == std::vector<int>{0});
  CHECK_FALSE(sw.world.provider(listed).approved_list);
  // The package's care went on throughout, now under the new award.
  CHECK(sw.world.user(u).state == m::UserState::active);
  CHECK(sw.world.user(u).provider == listed);
  CHECK(sw.world.user(u).awarded_min > 0);
  CHECK(sw.econ.regime.tenders == 2);
}

TEST_CASE("provider entry: new framework providers with their first four hires, under patches onto the approved list") {
  m::Params p;
  p.providers.entry_per_year = 120.0;  // about ten a month
  SmallWorld sw(p);
  sw.add_provider(1.0, 14.0);
  sw.add_provider(1.0, 16.0);
  m::provider_entry(30, 1, sw.s, sw.econ, sw.world, sw.agenda);
  const auto entrants = sw.world.providers.size() - 2;
  CHECK(entrants > 3);
  CHECK(entrants < 20);
  for (std::size_t q = 2; q < sw.world.providers.size(); ++q) {
    const auto& pr = sw.world.providers[q];
    CHECK(pr.active);
    CHECK(pr.workers.size() == 4);
    CHECK(pr.size_weight == Approx(0.3 / static_cast<double>(p.providers.framework_providers)));
    CHECK(pr.price >= 1.0);
    CHECK(pr.by_ward.size() == m::test::brent().wards.size());
  }
  // Under patches, after the switch, entrants join the approved list; without one, none enter.
  m::Params patch = p;
  patch.commissioning.model = m::CommissioningModel::patch;
  SmallWorld listed(patch);
  listed.econ.regime.switched = true;
  m::provider_entry(30, 1, listed.s, listed.econ, listed.world, listed.agenda);
  REQUIRE_FALSE(listed.world.providers.empty());
  for (const auto& pr : listed.world.providers) CHECK(pr.approved_list);
  patch.approved_list.enabled = false;
  SmallWorld closed(patch);
  closed.econ.regime.switched = true;
  m::provider_entry(30, 1, closed.s, closed.econ, closed.world, closed.agenda);
  CHECK(closed.world.providers.empty());
  // The DPS stays open to entrants.
  m::Params dps = p;
  dps.commissioning.model = m::CommissioningModel::dps;
  SmallWorld open(dps);
  open.econ.regime.switched = true;
  m::provider_entry(30, 1, open.s, open.econ, open.world, open.agenda);
  CHECK_FALSE(open.world.providers.empty());
}

TEST_CASE("block contracts: the council pays a winner for its awarded hours whether used or not") {
  for (const bool block : {false, true}) {
    m::Params p = one_patch();
    p.tender.block_contracts = block;
    SmallWorld sw(p);
    const auto w = sw.add_provider(1.0, 15.0);
    sw.econ.regime.patches = *m::commissioned_patches(m::test::brent(), p);
    sw.econ.regime.patches_active = true;
    sw.world.provider(w).patches = {0};
    sw.world.provider(w).awarded_min = {600.0};  // 10 hours a week
    sw.world.provider(w).hours_month = 12.0;     // delivered this month
    const std::int64_t day = sw.day_of({2018, 10, 31});
    const double paid = m::close_provider_books(day, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
    const double expected = block ? (10.0 * 31.0 / 7.0 - 12.0) * 15.0 : 0.0;
    INFO("block contracts " << block);
    CHECK(paid == Approx(expected));
    CHECK(sw.ledger.month(sw.s.month_of(day)).paid_for_blocks == Approx(expected));
    CHECK(sw.ledger.month(sw.s.month_of(day)).spend_long_term == Approx(expected));
  }
}

TEST_CASE("spot market: providers outside the framework take packages that waited a week, at their own price") {
  m::Params p;
  p.spot_market.providers = 2;
  p.spot_market.workers_each = 3;
  SmallWorld sw(p);
  const auto framework = sw.add_provider(1.0, 15.0);  // has nobody
  m::add_spot_market(sw.s, sw.econ, sw.world, sw.agenda);
  REQUIRE(sw.world.providers.size() == 3);
  for (std::uint32_t q = 1; q < 3; ++q) {
    const auto& pr = sw.world.providers[q];
    CHECK(pr.off_framework);
    CHECK(pr.workers.size() == 3);
    CHECK(pr.price == Approx(p.commissioning.price_2016 + p.spot_market.price_premium));
    CHECK_FALSE(m::provider_serves(sw.econ.regime, pr, 3));  // never offered packages the ordinary way
  }
  const auto fresh = sw.add_user(3);
  sw.enqueue(fresh, 0.0);
  const auto old = sw.add_user(3, {m::test::Visit{14 * 60}});
  sw.enqueue(old, -7.0);
  std::vector<double> spare;
  m::brokerage(0, sw.s, sw.econ.regime, sw.econ.levers, sw.world, sw.ledger, spare);
  CHECK(sw.world.user(fresh).state == m::UserState::waiting);
  CHECK(sw.world.user(old).state == m::UserState::active);
  CHECK(sw.world.provider(sw.world.user(old).provider).off_framework);
  CHECK(sw.world.user(old).price_premium == 0.0);
  CHECK(sw.world.provider(framework).users.empty());
}
