// A user's journey (needs.cpp): assessment, the month's exit hazards, reviews of needs, exits,
// hospital stays, the end of reablement, personal assistants.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "model/demand.hpp"
#include "model/needs.hpp"
#include "model/reporting.hpp"
#include "model/roster.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;
using m::test::contains;

namespace {

constexpr std::uint16_t ward = 8;

/// Parameters with every hazard of a user's month off.
m::Params quiet() {
  m::Params p;
  p.demand.death_hazard = 0;
  p.demand.residential_hazard = 0;
  p.demand.recovery_hazard = 0;
  p.demand.hospital_hazard = 0;
  p.demand.review_to_double_handed = 0;
  p.demand.review_hours_change = 0;
  return p;
}

/// The share of `users` whose exit the month's draws schedule (all exits, of cause `cause`).
double exit_share(SmallWorld& sw, const std::vector<m::UserId>& users, m::ExitCause cause) {
  for (const auto u : users) m::user_month(u, 0, 0, sw.s, sw.econ, sw.world, sw.agenda);
  int exits = 0;
  for (const auto& e : sw.drain()) {
    if (!contains(users, m::UserId(e.payload.id))) continue;
    REQUIRE(e.payload.kind == m::EventKind::user_exit);
    CHECK(e.payload.cause == static_cast<std::uint8_t>(cause));
    CHECK(e.time < k::days(30.0));
    ++exits;
  }
  return static_cast<double>(exits) / static_cast<double>(users.size());
}

std::vector<m::UserId> active_users(SmallWorld& sw, int n, m::ClientGroup group = m::ClientGroup::older) {
  const auto pid = sw.world.providers.empty() ? sw.add_provider() : m::ProviderId(0);
  std::vector<m::UserId> out;
  for (int i = 0; i < n; ++i) {
    const auto u = sw.add_user(ward);
    sw.world.user(u).group = group;
    sw.place(u, pid);
    out.push_back(u);
  }
  return out;
}

}  // namespace

TEST_CASE("assessment: a direct payment starts at once, any other package joins the back of the brokerage queue") {
  SmallWorld sw(quiet());
  const auto queued = sw.add_user(ward);
  sw.enqueue(queued, 1.0);
  const auto dp = sw.add_user(ward, {{9 * 60, 30}}, m::Route::direct_payment);
  const auto lt = sw.add_user(ward);
  const auto reab = sw.add_user(ward, {{9 * 60, 30}}, m::Route::reablement);
  for (const auto u : {dp, lt, reab}) m::assessment_done(u, 40, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.user(dp).state == m::UserState::active);
  CHECK(sw.world.user(dp).started_day == 40.0);
  CHECK(sw.ledger.month(1).new_users == 1);  // the direct payment; the others count when placed
  CHECK(sw.world.user(lt).state == m::UserState::waiting);
  CHECK(sw.world.user(lt).waiting_since == 40.0);
  CHECK(sw.world.user(reab).state == m::UserState::waiting);
  REQUIRE(sw.world.waiting.size() == 3);
  CHECK(sw.world.waiting[0] == queued);
  CHECK(sw.world.waiting[1] == lt);
  CHECK(sw.world.waiting[2] == reab);
  // Assessed once only.
  m::assessment_done(lt, 41, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.waiting.size() == 3);
  CHECK(sw.world.user(lt).waiting_since == 40.0);
}

TEST_CASE("assessment: with a set-up time a direct payment waits that long, unmet, then starts") {
  m::Params p = quiet();
  p.direct_payments.setup_days = 21.0;
  SmallWorld sw(p);
  const auto dp = sw.add_user(ward, {{9 * 60, 60}}, m::Route::direct_payment);
  m::assessment_done(dp, 40, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.user(dp).state == m::UserState::assessing);
  CHECK(sw.world.user(dp).dp_setup);
  CHECK(sw.ledger.month(1).new_users == 0);
  CHECK(sw.world.waiting.empty());  // Ealing Direct sets it up, not brokerage
  // Its hours are unmet and nothing is paid while it is set up.
  m::count_day(40, 1, sw.s, sw.econ, sw.world, sw.ledger);
  CHECK(sw.ledger.month(1).dp_unmet_min == Approx(60.0));
  CHECK(sw.ledger.month(1).spend_dp == 0.0);
  CHECK(sw.ledger.month(1).dp == 0);
  // The second call (the set-up done) starts it.
  m::assessment_done(dp, 61, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.user(dp).state == m::UserState::active);
  CHECK_FALSE(sw.world.user(dp).dp_setup);
  CHECK(sw.world.user(dp).started_day == 61.0);
}

TEST_CASE("direct-payment support: full at support workers x users each, then a chooser takes council-arranged care") {
  m::Params p = quiet();
  SmallWorld sw(p);
  m::MonthTally t;
  for (int i = 0; i < 3; ++i) sw.world.user(sw.add_user(ward, {{9 * 60, 30}}, m::Route::direct_payment)).state = m::UserState::active;
  // Unlimited by default (Brent's behaviour): the choice stands.
  CHECK_FALSE(m::direct_payment_support_full(sw.p, sw.world));
  CHECK(m::long_term_route(true, sw.p, sw.world, t) == m::Route::direct_payment);
  CHECK(m::long_term_route(false, sw.p, sw.world, t) == m::Route::long_term);
  sw.p.direct_payments.support_workers = 1;
  sw.p.direct_payments.users_per_support_worker = 4;
  CHECK_FALSE(m::direct_payment_support_full(sw.p, sw.world));
  sw.add_user(ward, {{9 * 60, 30}}, m::Route::direct_payment);  // being assessed: counts
  CHECK(m::direct_payment_support_full(sw.p, sw.world));
  CHECK(m::long_term_route(true, sw.p, sw.world, t) == m::Route::long_term);
  CHECK(t.dp_unsupported == 1);
  CHECK(m::long_term_route(false, sw.p, sw.world, t) == m::Route::long_term);
  CHECK(t.dp_unsupported == 1);  // only those who would have chosen one
}

TEST_CASE("user month: exits come at the hazard's rate within the month, half as often for younger client groups") {
  m::Params p = quiet();
  p.demand.death_hazard = 12.0;  // a year: 1 - exp(-12 x 30 / 365.25) = 63% within April
  SmallWorld sw(p);
  const auto older = active_users(sw, 2000);
  const double share_older = exit_share(sw, older, m::ExitCause::death);
  SmallWorld sw2(p);
  const auto younger2 = active_users(sw2, 2000, m::ClientGroup::physical_disability);
  const double share_younger = exit_share(sw2, younger2, m::ExitCause::death);
  INFO("exits within the month: " << share_older << " older, " << share_younger << " younger");
  CHECK(share_older > 0.58);
  CHECK(share_older < 0.68);
  CHECK(share_younger > 0.34);  // 1 - exp(-6 x 30 / 365.25) = 39%
  CHECK(share_younger < 0.44);
}

TEST_CASE("user month: waiting for a package raises the residential hazard by unmet_residential_factor") {
  m::Params p = quiet();
  p.demand.residential_hazard = 3.0;  // x (1 + 3) while waiting: 63% in April, against 22% when served
  SmallWorld served(p);
  const double share_served = exit_share(served, active_users(served, 2000), m::ExitCause::residential);
  SmallWorld waiting(p);
  std::vector<m::UserId> queued;
  for (int i = 0; i < 2000; ++i) {
    queued.push_back(waiting.add_user(ward));
    waiting.enqueue(queued.back());
  }
  const double share_waiting = exit_share(waiting, queued, m::ExitCause::residential);
  INFO(share_served << " served, " << share_waiting << " waiting");
  CHECK(share_served > 0.17);
  CHECK(share_served < 0.27);
  CHECK(share_waiting > 0.58);
  CHECK(share_waiting < 0.68);
}

TEST_CASE("user month: no hazards, no events, and reablement episodes have no monthly draws") {
  SmallWorld sw(quiet());
  active_users(sw, 50);
  m::Params busy;
  busy.demand.death_hazard = 1000;
  SmallWorld reab(busy);
  const auto r = reab.add_user(ward, {{9 * 60, 30}}, m::Route::reablement);
  reab.world.user(r).state = m::UserState::active;
  for (std::uint32_t u = 0; u < 50; ++u) m::user_month(m::UserId(u), 0, 0, sw.s, sw.econ, sw.world, sw.agenda);
  m::user_month(r, 0, 0, reab.s, reab.econ, reab.world, reab.agenda);
  CHECK(sw.agenda.sim.pending() == 0);
  CHECK(reab.agenda.sim.pending() == 0);
}

TEST_CASE("user month: a review that makes a package double-handed queues the second seat of every visit") {
  m::Params p = quiet();
  p.demand.review_to_double_handed = 1e9;  // certain
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, ward);
  const auto u = sw.add_user(ward, {{9 * 60, 30}, {17 * 60, 30}});
  sw.place(u, pid);
  REQUIRE(m::roster_package(u, pid, sw.s, sw.world));
  m::user_month(u, 0, 0, sw.s, sw.econ, sw.world, sw.agenda);
  const auto& su = sw.world.user(u);
  CHECK(su.double_handed);
  for (const auto& sl : su.slots) CHECK(sl.double_handed);
  for (int wd = 0; wd < 7; ++wd)
    for (const auto& e : sw.world.worker(w).week.day(wd)) CHECK(e.double_handed);
  const auto& pending = sw.world.provider(pid).pending;
  CHECK(pending.size() == 14);
  for (const auto& ps : pending) CHECK(ps.seat == 1);
  // Already double-handed: not again.
  m::user_month(u, 31, 1, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(sw.world.provider(pid).pending.size() == 14);
}

TEST_CASE("user month: a review changes a visit by a quarter of an hour, kept with the same worker") {
  m::Params p = quiet();
  p.demand.review_hours_change = 1e9;  // certain
  SmallWorld sw(p);
  const auto pid = sw.add_provider();
  int up = 0;
  const int n = 300;
  for (int i = 0; i < n; ++i) {
    const auto w = sw.add_worker(pid, ward);
    const auto u = sw.add_user(ward, {{9 * 60, 60}});
    sw.place(u, pid);
    for (int wd = 0; wd < 7; ++wd) REQUIRE(m::roster_slot(u, 0, wd, 0, pid, true, sw.s, sw.world, w));
    m::user_month(u, 0, 0, sw.s, sw.econ, sw.world, sw.agenda);
    const auto& su = sw.world.user(u);
    const int d = su.slots[0].duration;
    CHECK((d == 45 || d == 75));
    up += d == 75 ? 1 : 0;
    CHECK(su.weekly_hours == Approx(d * 7.0 / 60.0));
    for (int wd = 0; wd < 7; ++wd) CHECK(su.slots[0].regular[static_cast<std::size_t>(wd)][0] == w);
    CHECK(sw.world.worker(w).booked_min_week == 7.0 * d);
  }
  INFO(up << " of " << n << " up");
  CHECK(up > 0.5 * n);  // 60% up
  CHECK(up < 0.7 * n);
  CHECK(sw.world.provider(pid).pending.empty());

  // Within 30-90 minutes: a 30-minute visit is never shortened.
  SmallWorld low(p);
  const auto lp = low.add_provider();
  low.add_worker(lp, ward);
  for (int i = 0; i < 50; ++i) {
    const auto u = low.add_user(ward, {{9 * 60, 30}});
    low.place(u, lp);
    m::user_month(u, 0, 0, low.s, low.econ, low.world, low.agenda);
    CHECK(low.world.user(u).slots[0].duration >= 30);
  }
}

TEST_CASE("end_user: the package is released, pending events cancelled, and caused residential moves counted") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto w = sw.add_worker(pid, ward);
  const auto u = sw.add_user(ward);
  sw.place(u, pid);
  REQUIRE(m::roster_package(u, pid, sw.s, sw.world));
  sw.world.user(u).unmet_share_last_month = 0.5;
  sw.agenda.at(k::days(3.0), m::Payload{m::EventKind::hospital_admit, 0, u.value}, m::CancelSlot::of(u));
  m::end_user(u, m::ExitCause::residential, sw.s, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.world.user(u).state == m::UserState::ended);
  CHECK_FALSE(sw.world.user(u).provider.valid());
  CHECK(sw.world.provider(pid).users.empty());
  CHECK(sw.world.worker(w).booked_min_week == 0.0);
  CHECK(sw.ledger.people_out == 1);
  // Residential hazard x (1 + 3 x 0.5) = 2.5: 0.6 of the move is caused by unmet need.
  CHECK(sw.ledger.residential_caused == Approx(0.6));
  CHECK(sw.drain().empty());
  // Ending twice changes nothing; a death adds no caused placement.
  m::end_user(u, m::ExitCause::residential, sw.s, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.ledger.people_out == 1);
  const auto waiting = sw.add_user(ward);
  sw.enqueue(waiting);
  m::end_user(waiting, m::ExitCause::death, sw.s, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.ledger.residential_caused == Approx(0.6));
  // A waiting user moving to residential care: all unmet, x 4, 0.75 caused.
  const auto waiting2 = sw.add_user(ward);
  sw.enqueue(waiting2);
  m::end_user(waiting2, m::ExitCause::residential, sw.s, sw.world, sw.agenda, sw.ledger);
  CHECK(sw.ledger.residential_caused == Approx(0.6 + 0.75));
}

TEST_CASE("hospital: an admission of an active user at home, discharged after a stay") {
  SmallWorld sw;
  const auto pid = sw.add_provider();
  const auto u = sw.add_user(ward);
  sw.place(u, pid);
  sw.advance_to_day(10.0);
  m::hospital_admit(u, 10, sw.s, sw.world, sw.agenda);
  CHECK(sw.world.user(u).in_hospital);
  m::hospital_admit(u, 10, sw.s, sw.world, sw.agenda);  // already in: no second stay
  const auto events = sw.drain();
  REQUIRE(events.size() == 1);
  CHECK(events[0].payload.kind == m::EventKind::hospital_discharge);
  CHECK(events[0].time > k::days(10.0));
  m::hospital_discharge(u, sw.world);
  CHECK_FALSE(sw.world.user(u).in_hospital);
  const auto queued = sw.add_user(ward);
  sw.enqueue(queued);
  m::hospital_admit(queued, 10, sw.s, sw.world, sw.agenda);
  CHECK_FALSE(sw.world.user(queued).in_hospital);
}

TEST_CASE("reablement end: residential care, recovery, or a new long-term package assessed at once") {
  auto end_of = [](double to_residential, double to_long_term, m::UserState& state, std::size_t& users_after,
                   std::size_t& events) {
    m::Params p;
    p.reablement.to_residential = to_residential;
    p.reablement.to_long_term = to_long_term;
    p.direct_payments.takeup = 0;
    SmallWorld sw(p);
    const auto team = sw.add_reablement_team();
    const auto r = sw.add_user(ward, {{9 * 60, 30}}, m::Route::reablement);
    sw.place(r, team);
    sw.advance_to_day(20.0);
    m::reablement_end(r, 20, sw.s, sw.econ, sw.world, sw.agenda, sw.ledger);
    state = sw.world.user(r).state;
    users_after = sw.world.users.size();
    const auto ev = sw.drain();
    events = ev.size();
    if (users_after == 2) {
      const auto& next = sw.world.users[1];
      CHECK(next.route == m::Route::long_term);
      CHECK(next.ward == ward);
      CHECK(next.home.x == sw.world.users[0].home.x);
      CHECK(next.home.y == sw.world.users[0].home.y);
      REQUIRE(ev.size() == 1);
      CHECK(ev[0].payload.kind == m::EventKind::assessment_done);
      CHECK(ev[0].payload.id == 1);
      CHECK(ev[0].time == k::days(20.0));
    }
    CHECK(sw.world.provider(team).users.empty());
  };
  m::UserState state{};
  std::size_t users = 0, events = 0;
  end_of(1.0, 0.0, state, users, events);
  CHECK(state == m::UserState::ended);
  CHECK(users == 1);
  end_of(0.0, 0.0, state, users, events);  // recovered
  CHECK(state == m::UserState::ended);
  CHECK(users == 1);
  CHECK(events == 0);
  end_of(0.0, 1.0, state, users, events);
  CHECK(state == m::UserState::ended);
  CHECK(users == 2);
}

TEST_CASE("personal assistants: a PA who quits leaves the post vacant until replaced") {
  SmallWorld sw;
  const auto u = sw.add_user(ward, {{9 * 60, 60}}, m::Route::direct_payment);
  auto& su = sw.world.user(u);
  su.state = m::UserState::active;
  su.has_pa = true;
  sw.advance_to_day(5.0);
  m::pa_quit(u, 5, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK(su.pa_vacant);
  m::pa_quit(u, 5, sw.s, sw.econ, sw.world, sw.agenda);  // already vacant
  const auto events = sw.drain();
  REQUIRE(events.size() == 1);
  CHECK(events[0].payload.kind == m::EventKind::pa_replaced);
  m::pa_replaced(u, sw.world);
  CHECK_FALSE(su.pa_vacant);
  su.has_pa = false;
  m::pa_quit(u, 6, sw.s, sw.econ, sw.world, sw.agenda);
  CHECK_FALSE(su.pa_vacant);
}
