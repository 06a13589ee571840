// Delivery of a day (delivery.cpp: deliver_day): rostered visits delivered and paid, travel and
// lateness, cover for absent workers (the user's own workers first, then the nearest), missed
// visits, roster gaps retried, double-handed visits, continuity.
#include <catch2/catch.hpp>

#include <cstdint>

#include "kernel/calendar.hpp"
#include "model/delivery.hpp"
#include "model/roster.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;

namespace {

constexpr std::uint16_t ward = 12;

std::uint16_t farthest(std::uint16_t w) { return m::test::brent().graph.by_distance[w].back(); }
std::uint16_t nth_nearest(std::uint16_t w, std::size_t i) { return m::test::brent().graph.by_distance[w][i]; }

int weekday(const SmallWorld& sw, std::int64_t day) { return static_cast<int>(k::weekday(sw.s.cal.date_of_day(day))); }

void deliver(SmallWorld& sw, std::int64_t day) {
  m::DeliveryScratch scratch;
  m::deliver_day(day, sw.s, sw.world, sw.ledger, scratch);
}

/// Places `u` with `pid` and rosters it, preferring `w` for every visit.
void roster_with(SmallWorld& sw, m::UserId u, m::ProviderId pid, m::WorkerId w) {
  if (!sw.world.user(u).provider.valid()) sw.place(u, pid);
  const auto& su = sw.world.user(u);
  for (std::size_t k = 0; k < su.slots.size(); ++k)
    for (int wd = 0; wd < 7; ++wd)
      for (int seat = 0; seat < (su.slots[k].double_handed ? 2 : 1); ++seat)
        if (!su.slots[k].regular[static_cast<std::size_t>(wd)][static_cast<std::size_t>(seat)].valid())
          REQUIRE(m::roster_slot(u, k, wd, seat, pid, true, sw.s, sw.world, w));
}

}  // namespace

TEST_CASE("delivery: a rostered visit is delivered by its worker and paid at price, supplement and spot premium") {
  SmallWorld sw;
  const auto pid = sw.add_provider(1.0, 15.0);
  sw.world.provider(pid).llw_supplement = 1.0;
  const auto w = sw.add_worker(pid, ward);
  const auto u = sw.add_user(ward, {{10 * 60, 30}});
  roster_with(sw, u, pid, w);
  sw.world.user(u).price_premium = 1.5;
  deliver(sw, 3);
  const auto& t = sw.ledger.month(0);
  CHECK(t.visits == 1);
  CHECK(t.delivered_min == 30.0);
  CHECK(t.contact_min == 30.0);
  CHECK(t.missed == 0);
  CHECK(t.late == 0);
  CHECK(t.travel_min == 0.0);  // the day's first visit: no travel
  CHECK(t.paid_for_visits == Approx(0.5 * 17.5));
  CHECK(t.price_hours == 0.5);
  CHECK(sw.world.provider(pid).revenue_month == Approx(0.5 * 17.5));
  CHECK(sw.world.provider(pid).hours_month == 0.5);
  CHECK(sw.world.worker(w).contact_min_month == 30.0);
  CHECK(sw.world.user(u).visits_month == 1);
  CHECK(sw.world.user(u).seen_count == 1);
  CHECK(sw.world.user(u).last_seen == w);
}

TEST_CASE("delivery: travel between visits, and lateness when it makes a visit start late_threshold after its time") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, ward);
  sw.world.worker(w).mode = m::TravelMode::walk;
  const auto near = sw.add_user(ward, {{9 * 60, 30}});
  const auto far = sw.add_user(farthest(ward), {{9 * 60 + 30, 30}});
  roster_with(sw, near, pid, w);
  roster_with(sw, far, pid, w);
  deliver(sw, 3);
  const auto& t = sw.ledger.month(0);
  CHECK(t.visits == 2);
  CHECK(t.late == 1);
  CHECK(sw.world.user(far).late_month == 1);
  CHECK(sw.world.user(near).late_month == 0);
  const double leg = sw.s.travel.minutes(m::TravelMode::walk, sw.world.user(near).home, sw.world.user(far).home, false);
  REQUIRE(leg > 60.0);
  CHECK(t.travel_min >= leg);  // slower still near the stadium on an event day
  CHECK(sw.world.worker(w).travel_min_month == t.travel_min);
  CHECK(sw.world.worker(w).km_month == 0.0);  // only drivers claim mileage

  // By car the same round is shorter, and the kilometres are counted.
  SmallWorld car;
  const auto pc = car.add_provider();
  const auto wc = car.add_worker(pc, ward);
  car.world.worker(wc).mode = m::TravelMode::car;
  roster_with(car, car.add_user(ward, {{9 * 60, 30}}), pc, wc);
  roster_with(car, car.add_user(farthest(ward), {{9 * 60 + 30, 30}}), pc, wc);
  deliver(car, 3);
  CHECK(car.world.worker(wc).travel_min_month < sw.world.worker(w).travel_min_month);
  CHECK(car.world.worker(wc).km_month > 0.0);
}

TEST_CASE("delivery: an absent worker's visits are covered by the user's own workers first, then the nearest free") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto morning = sw.add_worker(pid, nth_nearest(ward, 5));
  const auto evening = sw.add_worker(pid, nth_nearest(ward, 9));
  const auto local = sw.add_worker(pid, ward);
  const auto u = sw.add_user(ward, {{9 * 60, 30}, {18 * 60, 30}});
  sw.place(u, pid);
  for (int wd = 0; wd < 7; ++wd) {
    REQUIRE(m::roster_slot(u, 0, wd, 0, pid, true, sw.s, sw.world, morning));
    REQUIRE(m::roster_slot(u, 1, wd, 0, pid, true, sw.s, sw.world, evening));
  }
  const std::int64_t day = 3;
  sw.world.worker(morning).absent_until_day = day + 1;
  deliver(sw, day);
  CHECK(sw.world.worker(evening).contact_min_month == 60.0);  // the user's own evening worker
  CHECK(sw.world.worker(local).contact_min_month == 0.0);
  CHECK(sw.world.worker(morning).contact_min_month == 0.0);
  CHECK(sw.ledger.month(0).missed == 0);
  CHECK(sw.world.user(u).seen_count == 1);

  // Both of the user's workers away: the nearest free worker.
  sw.world.worker(morning).absent_until_day = day + 2;
  sw.world.worker(evening).absent_until_day = day + 2;
  deliver(sw, day + 1);
  CHECK(sw.world.worker(local).contact_min_month == 60.0);
  CHECK(sw.world.user(u).seen_count == 2);
  CHECK(sw.ledger.month(0).missed == 0);
}

TEST_CASE("delivery: a visit nobody can cover is missed, and cover looks at most providers.cover_search workers") {
  m::Params p;
  p.providers.cover_search = 1;
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto regular = sw.add_worker(pid, ward);
  const auto other = sw.add_worker(pid, nth_nearest(ward, 3));  // the second worker a search would reach
  const auto u = sw.add_user(ward, {{9 * 60, 30}});
  roster_with(sw, u, pid, regular);
  sw.world.worker(regular).absent_until_day = 100;
  deliver(sw, 3);
  const auto& t = sw.ledger.month(0);
  CHECK(t.visits == 1);
  CHECK(t.missed == 1);
  CHECK(t.unmet_min == 30.0);
  CHECK(t.delivered_min == 0.0);
  CHECK(sw.world.user(u).missed_month == 1);
  CHECK(sw.world.user(u).missed_days_month == 1);
  CHECK(sw.world.user(u).visits_month == 0);
  CHECK(sw.world.worker(other).contact_min_month == 0.0);
  deliver(sw, 4);
  CHECK(sw.world.user(u).missed_days_month == 2);

  // With a wider search the other worker covers it.
  m::Params wider;
  wider.providers.cover_search = 2;
  SmallWorld sw2(wider);
  const auto pid2 = sw2.add_provider();
  const auto r2 = sw2.add_worker(pid2, ward);
  const auto o2 = sw2.add_worker(pid2, nth_nearest(ward, 3));
  const auto u2 = sw2.add_user(ward, {{9 * 60, 30}});
  roster_with(sw2, u2, pid2, r2);
  sw2.world.worker(r2).absent_until_day = 100;
  deliver(sw2, 3);
  CHECK(sw2.ledger.month(0).missed == 0);
  CHECK(sw2.world.worker(o2).contact_min_month == 30.0);
}

TEST_CASE("delivery: gaps in the roster are retried each day, at most 12 of them") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto u = sw.add_user(ward, {{8 * 60, 30}, {12 * 60, 30}, {17 * 60, 30}});
  sw.place(u, pid);
  for (std::size_t k = 0; k < 3; ++k)
    for (int wd = 0; wd < 7; ++wd) m::queue_for_cover(sw.world.provider(pid), u, k, wd, 0);
  // Nobody yet: today's visits are missed and the gaps stay queued.
  deliver(sw, 3);
  CHECK(sw.ledger.month(0).missed == 3);
  CHECK(sw.world.provider(pid).pending.size() == 21);
  // A worker joins: 12 gaps are filled on the next day, the other 9 the day after.
  const auto w = sw.add_worker(pid, ward);
  deliver(sw, 4);
  CHECK(sw.world.provider(pid).pending.size() == 9);
  CHECK(sw.world.worker(w).booked_min_week == 12 * 30.0);
  deliver(sw, 5);
  CHECK(sw.world.provider(pid).pending.empty());
  CHECK(sw.world.worker(w).booked_min_week == 21 * 30.0);
}

TEST_CASE("delivery: users in hospital are not visited") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, ward);
  const auto u = sw.add_user(ward, {{9 * 60, 30}});
  roster_with(sw, u, pid, w);
  sw.world.user(u).in_hospital = true;
  deliver(sw, 3);
  CHECK(sw.ledger.month(0).visits == 0);
  CHECK(sw.world.worker(w).contact_min_month == 0.0);
  CHECK(sw.world.provider(pid).revenue_month == 0.0);
}

TEST_CASE("delivery: a double-handed visit counts once, both carers paid, and with a carer missing it is called off") {
  SmallWorld sw;
  const auto pid = sw.add_provider(1.0, 15.0);
  const auto a = sw.add_worker(pid, ward);
  const auto b = sw.add_worker(pid, ward);
  const auto u = sw.add_user(ward, {{9 * 60, 30, true}});
  sw.place(u, pid);
  REQUIRE(m::roster_package(u, pid, sw.s, sw.world));
  deliver(sw, 3);
  const auto& t = sw.ledger.month(0);
  CHECK(t.visits == 1);
  CHECK(t.delivered_min == 30.0);
  CHECK(t.contact_min == 60.0);  // two carers' time
  CHECK(t.spend_double == Approx(2 * 0.5 * 15.0));
  CHECK(sw.world.user(u).visits_month == 1);
  CHECK(sw.world.user(u).seen_count == 2);
  // The second carer away, nobody to cover: the visit is missed, and the carer who came is not
  // paid for it (a carer is paid only when a seat is found empty after the day's rounds, which
  // the cover step above does not leave).
  sw.world.worker(b).absent_until_day = 100;
  deliver(sw, 4);
  CHECK(t.visits == 2);
  CHECK(t.missed == 1);
  CHECK(t.unmet_min == 30.0);
  CHECK(sw.world.worker(a).contact_min_month == 30.0);  // only day 3's visit
  CHECK(sw.world.user(u).missed_month == 1);
}

TEST_CASE("delivery: a user's distinct workers are counted once each") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto a = sw.add_worker(pid, ward);
  const auto u = sw.add_user(ward, {{9 * 60, 30}, {13 * 60, 30}});
  roster_with(sw, u, pid, a);
  for (std::int64_t day = 0; day < 7; ++day) deliver(sw, day);
  CHECK(sw.world.user(u).visits_month == 14);
  CHECK(sw.world.user(u).seen_count == 1);
  // Each day of the next week another worker takes the afternoon.
  for (std::int64_t day = 7; day < 14; ++day) {
    const auto w = sw.add_worker(pid, ward);
    m::unroster_entry(u, 1, weekday(sw, day), 0, sw.s, sw.world);
    REQUIRE(m::roster_slot(u, 1, weekday(sw, day), 0, pid, true, sw.s, sw.world, w));
    deliver(sw, day);
  }
  CHECK(sw.world.user(u).seen_count == 8);
}
