// A placement ending (packages.cpp): a package released (the user leaves, or the provider does)
// and a package handed back to the council, first in the brokerage queue.
#include <catch2/catch.hpp>

#include "model/packages.hpp"
#include "model/roster.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;
using m::test::contains;

namespace {

struct Placed {
  m::ProviderId pid;
  m::WorkerId worker;
  m::UserId user;
  m::UserId other;  // another package of the same provider, with the same worker
};

Placed placed(SmallWorld& sw) {
  Placed x;
  x.pid = sw.add_provider();
  x.worker = sw.add_worker(x.pid, 2);
  x.user = sw.add_user(2, {{9 * 60, 30}, {17 * 60, 45}});
  x.other = sw.add_user(2, {{11 * 60, 30}});
  for (const auto u : {x.user, x.other}) {
    sw.place(u, x.pid);
    REQUIRE(m::roster_package(u, x.pid, sw.s, sw.world));
  }
  return x;
}

}  // namespace

TEST_CASE("release_package: unrostered, detached from the provider, the spot premium dropped") {
  SmallWorld sw;
  const Placed x = placed(sw);
  sw.world.user(x.user).price_premium = 1.5;
  m::release_package(x.user, sw.s, sw.world);
  const auto& u = sw.world.user(x.user);
  CHECK_FALSE(u.provider.valid());
  CHECK(u.price_premium == 0.0);
  CHECK_FALSE(contains(sw.world.provider(x.pid).users, x.user));
  CHECK(contains(sw.world.provider(x.pid).users, x.other));
  for (const auto& sl : u.slots)
    for (const auto& cell : sl.regular) CHECK_FALSE(cell[0].valid());
  CHECK(sw.world.worker(x.worker).booked_min_week == 7 * 30.0);  // only the other package's visits
  CHECK(sw.world.provider(x.pid).pending.empty());                // nothing to cover
  CHECK(u.state == m::UserState::active);                         // the caller decides what follows
}

TEST_CASE("hand_back: the package is released and goes first in the queue, waiting from that day") {
  SmallWorld sw;
  const Placed x = placed(sw);
  const auto older = sw.add_user(4);
  sw.enqueue(older, 1.0);
  sw.world.user(x.user).price_premium = 1.5;
  m::hand_back(x.user, 30, sw.s, sw.world);
  const auto& u = sw.world.user(x.user);
  CHECK(u.state == m::UserState::waiting);
  CHECK(u.waiting_since == 30.0);
  CHECK_FALSE(u.provider.valid());
  CHECK(u.price_premium == 0.0);
  CHECK(u.ever_placed);  // placed again later, it is not a new user
  REQUIRE(sw.world.waiting.size() == 2);
  CHECK(sw.world.waiting.front() == x.user);
  CHECK(sw.world.waiting.back() == older);
  CHECK_FALSE(contains(sw.world.provider(x.pid).users, x.user));
  CHECK(sw.world.worker(x.worker).booked_min_week == 7 * 30.0);
  CHECK(sw.world.worker(x.worker).week.day(0).size() == 1);
}
