// Users' experience at the month's end (experience.cpp: close_experience): complaints by cause
// (continuity, lateness, missed visits), which go to the council, the month's figures reset, and
// hand-backs of packages with many days of missed visits (less often with a partnership forum).
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <vector>

#include "model/experience.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
using m::test::SmallWorld;

namespace {

const homecare::kernel::Date april_close{2016, 4, 30};  // month 0, financial year 2016/17

/// `n` long-term packages active with one provider, 30 visits due this month, set up by `f`.
std::vector<m::UserId> users(SmallWorld& sw, int n, const std::function<void(m::ServiceUser&)>& f) {
  const auto pid = sw.world.providers.empty() ? sw.add_provider() : m::ProviderId(0);
  std::vector<m::UserId> out;
  for (int i = 0; i < n; ++i) {
    const auto u = sw.add_user(3);
    sw.place(u, pid);
    m::ServiceUser& su = sw.world.user(u);
    su.visits_month = 30;
    su.seen_count = 1;
    f(su);
    out.push_back(u);
  }
  return out;
}

std::int64_t all_complaints(const m::MonthTally& t) {
  return t.complaints_continuity + t.complaints_lateness + t.complaints_missed;
}

}  // namespace

TEST_CASE("complaints: users seeing many different workers complain about continuity, those seeing one never") {
  SmallWorld many, one, three;
  const int n = 3000;
  users(many, n, [](m::ServiceUser& u) { u.seen_count = 12; });
  users(one, n, [](m::ServiceUser& u) { u.seen_count = 1; });
  users(three, n, [](m::ServiceUser& u) { u.seen_count = 3; });  // more than three count
  for (SmallWorld* sw : {&many, &one, &three}) m::close_experience(0, april_close, sw->s, sw->econ, sw->world, sw->ledger);
  const auto& t = many.ledger.month(0);
  // 1 - exp(-0.004 x 9) = 3.5% a month: about 106 of 3,000.
  INFO(t.complaints_continuity << " continuity complaints from users with 12 workers");
  CHECK(t.complaints_continuity > 60);
  CHECK(t.complaints_continuity < 160);
  CHECK(one.ledger.month(0).complaints_continuity == 0);
  CHECK(three.ledger.month(0).complaints_continuity == 0);
  CHECK(t.complaints_lateness == 0);
  CHECK(t.complaints_missed == 0);
  CHECK(t.distinct_users == n);
  CHECK(t.distinct_sum == 12 * n);
}

TEST_CASE("complaints: late visits cause lateness complaints, missed visits missed-visit complaints") {
  SmallWorld late, missed, fine;
  const int n = 3000;
  users(late, n, [](m::ServiceUser& u) { u.late_month = 100; u.visits_month = 120; });
  users(missed, n, [](m::ServiceUser& u) { u.missed_month = 20; });
  users(fine, n, [](m::ServiceUser&) {});
  for (SmallWorld* sw : {&late, &missed, &fine}) m::close_experience(0, april_close, sw->s, sw->econ, sw->world, sw->ledger);
  // 1 - exp(-0.0006 x 100) = 5.8%: about 175; 1 - exp(-0.01 x 20) = 18%: about 544.
  const auto& tl = late.ledger.month(0);
  const auto& tm = missed.ledger.month(0);
  INFO(tl.complaints_lateness << " lateness, " << tm.complaints_missed << " missed-visit complaints");
  CHECK(tl.complaints_lateness > 120);
  CHECK(tl.complaints_lateness < 240);
  CHECK(tl.complaints_missed == 0);
  CHECK(tl.complaints_continuity == 0);
  CHECK(tm.complaints_missed > 440);
  CHECK(tm.complaints_missed < 650);
  CHECK(tm.complaints_lateness == 0);
  CHECK(all_complaints(fine.ledger.month(0)) == 0);
}

TEST_CASE("complaints: only long-term users with visits due this month") {
  SmallWorld sw;
  auto worst = [](m::ServiceUser& u) {
    u.seen_count = 16;
    u.late_month = 200;
    u.missed_month = 200;
  };
  const auto dp = users(sw, 500, worst);
  const auto reab = users(sw, 500, worst);
  const auto idle = users(sw, 500, [](m::ServiceUser& u) { u.visits_month = 0; u.seen_count = 16; });
  for (const auto u : dp) sw.world.user(u).route = m::Route::direct_payment;
  for (const auto u : reab) sw.world.user(u).route = m::Route::reablement;
  m::close_experience(0, april_close, sw.s, sw.econ, sw.world, sw.ledger);
  CHECK(all_complaints(sw.ledger.month(0)) == 0);
  CHECK(sw.ledger.month(0).distinct_users == 0);
}

TEST_CASE("complaints: the council's share goes to the council, and those of 2016/17 are counted for calibration") {
  m::Params p;
  p.council.complaint_to_council_share = 1.0;
  SmallWorld sw(p);
  users(sw, 1000, [](m::ServiceUser& u) { u.seen_count = 16; u.late_month = 30; u.missed_month = 30; });
  m::close_experience(0, april_close, sw.s, sw.econ, sw.world, sw.ledger);
  const auto& t = sw.ledger.month(0);
  REQUIRE(all_complaints(t) > 0);
  CHECK(t.complaints_council == all_complaints(t));
  CHECK(sw.ledger.calibration_council_complaints == t.complaints_council);
  // A month of 2017/18: to the council, not counted for 2016/17.
  SmallWorld later(p);
  users(later, 1000, [](m::ServiceUser& u) { u.missed_month = 30; });
  m::close_experience(12, {2017, 4, 30}, later.s, later.econ, later.world, later.ledger);
  CHECK(later.ledger.month(12).complaints_council > 0);
  CHECK(later.ledger.calibration_council_complaints == 0);
  // None to the council.
  p.council.complaint_to_council_share = 0.0;
  SmallWorld none(p);
  users(none, 1000, [](m::ServiceUser& u) { u.missed_month = 30; });
  m::close_experience(0, april_close, none.s, none.econ, none.world, none.ledger);
  CHECK(none.ledger.month(0).complaints_missed > 0);
  CHECK(none.ledger.month(0).complaints_council == 0);
}

TEST_CASE("close_experience: the month's figures reset, the unmet share kept for next month") {
  SmallWorld sw;
  const auto u = users(sw, 1, [](m::ServiceUser& su) {
    su.visits_month = 27;
    su.missed_month = 3;
    su.late_month = 4;
    su.seen_count = 5;
    su.missed_days_month = 2;
  })[0];
  m::close_experience(0, april_close, sw.s, sw.econ, sw.world, sw.ledger);
  const auto& su = sw.world.user(u);
  CHECK(su.unmet_share_last_month == Approx(0.1));
  CHECK(su.visits_month == 0);
  CHECK(su.missed_month == 0);
  CHECK(su.late_month == 0);
  CHECK(su.seen_count == 0);
  CHECK(su.missed_days_month == 0);
  CHECK(su.state == m::UserState::active);
}

TEST_CASE("hand-backs: a package with handback_missed_days days of missed visits is handed back, one fewer is kept") {
  SmallWorld sw;
  const auto kept = users(sw, 5, [&](m::ServiceUser& u) {
    u.missed_days_month = static_cast<std::uint8_t>(sw.p.providers.handback_missed_days - 1);
    u.missed_month = u.missed_days_month;
  });
  const auto back = users(sw, 5, [&](m::ServiceUser& u) {
    u.missed_days_month = static_cast<std::uint8_t>(sw.p.providers.handback_missed_days);
    u.missed_month = u.missed_days_month;
  });
  m::close_experience(0, april_close, sw.s, sw.econ, sw.world, sw.ledger);
  CHECK(sw.ledger.month(0).handed_back == 5);
  for (const auto u : kept) CHECK(sw.world.user(u).state == m::UserState::active);
  for (const auto u : back) {
    const auto& su = sw.world.user(u);
    CHECK(su.state == m::UserState::waiting);
    CHECK_FALSE(su.provider.valid());
    CHECK(su.waiting_since == 29.0);  // 30 April
  }
  REQUIRE(sw.world.waiting.size() == 5);
  CHECK(sw.world.waiting.front() == back.back());  // each goes to the front: the last handed back is first
  CHECK(sw.world.provider(m::ProviderId(0)).users.size() == 5);
}

TEST_CASE("hand-backs: a partnership forum makes them forum_handback_notice_factor as frequent") {
  auto handed_back = [](bool forum, double factor, bool from_start = true) {
    m::Params p;
    p.council.partnership_forum = forum;
    p.council.forum_handback_notice_factor = factor;
    if (from_start) p.council.partnership_forum_from = p.run.start;  // else the switch date, 2018
    SmallWorld sw(p);
    users(sw, 2000, [](m::ServiceUser& u) {
      u.missed_days_month = 15;
      u.missed_month = 15;
    });
    m::close_experience(0, april_close, sw.s, sw.econ, sw.world, sw.ledger);
    return sw.ledger.month(0).handed_back;
  };
  CHECK(handed_back(false, 0.5) == 2000);  // without a forum the factor does nothing
  const auto half = handed_back(true, 0.5);
  INFO(half << " of 2000 handed back with a forum");
  CHECK(half > 880);
  CHECK(half < 1120);
  CHECK(handed_back(true, 0.0) == 0);
  // The forum meets from its date (by default the switch to the new contracts), not before.
  CHECK(handed_back(true, 0.0, false) == 2000);
}

TEST_CASE("close_experience: active long-term double-handed packages are counted") {
  SmallWorld sw;
  const auto dh = users(sw, 3, [](m::ServiceUser& u) { u.double_handed = true; });
  users(sw, 4, [](m::ServiceUser&) {});
  sw.world.user(dh[0]).state = m::UserState::waiting;
  m::close_experience(0, april_close, sw.s, sw.econ, sw.world, sw.ledger);
  CHECK(sw.ledger.month(0).dh_packages == 2);
}
