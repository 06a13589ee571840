// Procurement (procurement.cpp): the switch to the scenario's commissioning model (a DPS's price
// cut; patches awarded to the providers holding most of each patch's packages, the losers'
// packages re-brokered and their staff transferred or leaving), and new providers joining.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "model/market.hpp"
#include "model/procurement.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;
using m::test::contains;

namespace {

/// A ward of each patch of `part`.
std::vector<std::uint16_t> ward_of_patch(const m::PatchPartition& part) {
  std::vector<std::uint16_t> out(static_cast<std::size_t>(part.count), 0);
  for (std::size_t w = part.ward_patch.size(); w-- > 0;) out[static_cast<std::size_t>(part.ward_patch[w])] = static_cast<std::uint16_t>(w);
  return out;
}

void switch_now(SmallWorld& sw, std::int64_t day = 913) {
  m::switch_commissioning(day, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
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

TEST_CASE("switch to patches: each patch goes to the provider holding most of its packages, and losers leave") {
  m::Params p;
  p.commissioning.model = m::CommissioningModel::patch;
  p.patches.providers_per_patch = 1;
  p.patches.max_patches_per_provider = 1;
  p.commissioning.transfer_worker_share = 1.0;
  p.commissioning.patch_price = 16.5;
  SmallWorld sw(p);
  const auto part = *m::commissioned_patches(m::test::brent(), p);
  const auto wards = ward_of_patch(part);
  const int patches = part.count;
  REQUIRE(patches >= 2);
  // Provider i holds two packages in patch i, provider 0 one more in patch 1; the largest provider
  // holds one in patch 0.
  for (int i = 0; i < patches; ++i) {
    const auto pid = sw.add_provider(1.0, 15.0);
    for (int j = 0; j < 2; ++j) sw.place(sw.add_user(wards[static_cast<std::size_t>(i)]), pid);
  }
  const auto stray = sw.add_user(wards[1]);
  sw.place(stray, m::ProviderId(0));
  const auto loser = sw.add_provider(50.0, 15.0);
  const auto loser_user = sw.add_user(wards[0]);
  sw.place(loser_user, loser);
  const auto mover = sw.add_worker(loser, wards[0]);
  const auto team = sw.add_reablement_team();

  switch_now(sw, 913);
  CHECK(sw.econ.regime.patches_active);
  for (int i = 0; i < patches; ++i) {
    const auto& pr = sw.world.provider(m::ProviderId(static_cast<std::uint32_t>(i)));
    INFO("provider " << i);
    CHECK(pr.active);
    CHECK(pr.patches == std::vector<int>{i});
    CHECK(pr.price == 16.5);
  }
  // The loser (no patch, despite its size) stops; its package goes back with continuity lost.
  CHECK_FALSE(sw.world.provider(loser).active);
  CHECK(sw.world.provider(loser).vacancies == 0);
  CHECK(sw.world.provider(loser).price == 15.0);
  CHECK(sw.world.user(loser_user).state == m::UserState::waiting);
  CHECK(sw.world.user(loser_user).changed_provider);
  CHECK(sw.world.user(loser_user).waiting_since == 913.0);
  // Its worker transfers to the winner of its home patch.
  CHECK(sw.world.worker(mover).provider == m::ProviderId(0));
  CHECK(sw.world.worker(mover).employed);
  // Winners give up packages outside their patches.
  CHECK(sw.world.user(stray).state == m::UserState::waiting);
  CHECK(sw.world.user(stray).changed_provider);
  CHECK_FALSE(contains(sw.world.provider(m::ProviderId(0)).users, stray));
  CHECK(contains(sw.world.waiting, stray));
  CHECK(contains(sw.world.waiting, loser_user));
  CHECK(sw.world.provider(team).active);
  CHECK(sw.ledger.month(sw.s.month_of(913)).provider_exits == 1);
  CHECK(sw.ledger.month(sw.s.month_of(913)).leavers == 0);  // a transfer is not a leaver
}

TEST_CASE("switch to patches: without transfers a loser's staff leave") {
  m::Params p;
  p.commissioning.model = m::CommissioningModel::patch;
  p.patches.providers_per_patch = 1;
  p.commissioning.transfer_worker_share = 0.0;
  p.workforce.leave_sector_share = 1.0;
  SmallWorld sw(p);
  const auto part = *m::commissioned_patches(m::test::brent(), p);
  const auto wards = ward_of_patch(part);
  for (int i = 0; i < part.count; ++i) sw.place(sw.add_user(wards[static_cast<std::size_t>(i)]), sw.add_provider());
  const auto loser = sw.add_provider();
  std::vector<m::WorkerId> staff;
  for (int i = 0; i < 5; ++i) staff.push_back(sw.add_worker(loser, wards[0]));
  switch_now(sw);
  for (const auto w : staff) CHECK_FALSE(sw.world.worker(w).employed);
  CHECK(sw.ledger.month(sw.s.month_of(913)).leavers == 5);
}

TEST_CASE("provider entry: new framework providers with their first four hires, and none into closed patches") {
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
  // Under patches, after the switch, the list is closed.
  m::Params patch = p;
  patch.commissioning.model = m::CommissioningModel::patch;
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
