// Invariants of one replicate's state, checked monthly in checked builds.
#include "model/invariants.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "model/procurement.hpp"

namespace homecare::model {

void check_invariants(int month, const Setting& s, const Economy& econ, const World& world, const Ledger& ledger) {
  const Regime& regime = econ.regime;
  // People: everyone who came in is either still here or has left.
  std::uint64_t present = 0;
  for (const auto& u : world.users) present += u.state != UserState::ended ? 1 : 0;
  if (present != world.live_users.size()) throw ModelError("month " + std::to_string(month) + ": live user list out of step");
  std::int64_t employed = 0;
  for (const auto& w : world.workers) employed += w.employed ? 1 : 0;
  if (employed != world.employed) throw ModelError("month " + std::to_string(month) + ": employed count out of step");
  if (ledger.people_in + (world.users.size() - ledger.people_in) - ledger.people_out != present &&
      ledger.people_in - ledger.people_out > present)
    throw ModelError("month " + std::to_string(month) + ": people in - out != present");
  // Rosters: no worker in two places at once; every roster entry and slot point at each other.
  for (std::uint32_t w = 0; w < world.workers.size(); ++w) {
    const CareWorker& cw = world.workers[w];
    double booked = 0;
    for (int d = 0; d < 7; ++d) {
      std::uint64_t seen = 0;
      for (const RosterEntry& e : cw.week.day(d)) {
        const int b0 = std::clamp((e.minute - roster_first_minute) / roster_block_minutes, 0, 63);
        const int n = std::clamp((e.duration + s.allowance + roster_block_minutes - 1) / roster_block_minutes, 1, 64 - b0);
        const std::uint64_t mask = (n >= 64 ? ~0ULL : ((1ULL << n) - 1ULL)) << b0;
        if (seen & mask) throw ModelError("month " + std::to_string(month) + ": worker " + std::to_string(w) + " double-booked");
        seen |= mask;
        booked += n * roster_block_minutes;
        const ServiceUser& u = world.user(e.user);
        if (e.slot >= u.slots.size() || u.slots[e.slot].regular[static_cast<std::size_t>(d)][e.seat] != WorkerId(w) ||
            u.slots[e.slot].double_handed != e.double_handed || u.slots[e.slot].duration != e.duration ||
            u.slots[e.slot].minute != e.minute)
          throw ModelError("month " + std::to_string(month) + ": roster entry of worker " + std::to_string(w) + " not matched by its visit");
      }
      if (seen != cw.busy[static_cast<std::size_t>(d)]) throw ModelError("month " + std::to_string(month) + ": busy mask out of step");
    }
    if (std::fabs(booked - cw.booked_min_week) > 1e-6) throw ModelError("month " + std::to_string(month) + ": booked minutes out of step");
    if (cw.employed && cw.booked_min_week > cw.capacity_min_week + 1e-6) throw ModelError("month " + std::to_string(month) + ": worker over capacity");
  }
  // Every visit of an active package without a rostered worker is queued for cover.
  for (const Provider& pr : world.providers) {
    for (UserId uid : pr.users) {
      const ServiceUser& u = world.user(uid);
      if (u.state != UserState::active) continue;
      for (std::size_t k = 0; k < u.slots.size(); ++k)
        for (int d = 0; d < 7; ++d)
          for (int seat = 0; seat < (u.slots[k].double_handed ? 2 : 1); ++seat) {
            if (u.slots[k].regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(seat)].valid()) continue;
            const bool queued = std::any_of(pr.pending.begin(), pr.pending.end(), [&](const Provider::PendingSlot& ps) {
              return ps.user == uid && ps.slot == k && ps.weekday == d && ps.seat == seat;
            });
            if (!queued) throw ModelError("month " + std::to_string(month) + ": an unrostered visit is not queued for cover");
          }
    }
  }
  // Packages: each placed package is with exactly one active provider, which lists it once; a
  // direct payment or a waiting package with none.
  auto fail = [&](const std::string& what) { throw ModelError("month " + std::to_string(month) + ": " + what); };
  std::vector<std::uint32_t> listed(world.users.size(), 0);
  for (std::uint32_t q = 0; q < world.providers.size(); ++q)
    for (UserId u : world.providers[q].users) {
      if (world.user(u).provider != ProviderId(q) || world.user(u).state != UserState::active)
        fail("provider " + std::to_string(q) + " lists a package it does not hold");
      ++listed[u.index()];
    }
  for (std::uint32_t i = 0; i < world.users.size(); ++i) {
    const ServiceUser& u = world.users[i];
    const bool placed = u.state == UserState::active && u.route != Route::direct_payment;
    if (placed && (!u.provider.valid() || !world.provider(u.provider).active || listed[i] != 1))
      fail("package of user " + std::to_string(i) + " is not with exactly one active provider");
    if (!placed && (u.provider.valid() || listed[i] != 0))
      fail("user " + std::to_string(i) + " without a placed package is held by a provider");
  }
  // Awards: no patch winner holds more than its awarded hours (emergency and overflow placements
  // go to the approved list, which holds no award).
  if (regime.patches_active)
    for (std::uint32_t q = 0; q < world.providers.size(); ++q) {
      const Provider& pr = world.providers[q];
      if (!pr.active) continue;
      for (std::size_t j = 0; j < pr.patches.size() && j < pr.awarded_min.size(); ++j)
        if (held_award(pr, pr.patches[j], regime.patches, world) > pr.awarded_min[j] + 1e-6)
          fail("provider " + std::to_string(q) + " holds more than its award in patch " + std::to_string(pr.patches[j] + 1));
      for (UserId u : pr.users)
        if (world.user(u).awarded_min > 0 &&
            std::find(pr.patches.begin(), pr.patches.end(), regime.patches.ward_patch[world.user(u).ward]) == pr.patches.end())
          fail("a package counts against an award its provider does not hold");
    }
  // Money: the council's month spend is at least what it paid providers (all spend is payments).
  const MonthTally& t = ledger.month(month);
  if (!(t.spend >= 0) || !std::isfinite(t.spend)) throw ModelError("month " + std::to_string(month) + ": spend negative or not finite");
  // Hours: visits due = delivered + missed (double-handed visits counted once).
  if (t.late > t.visits || t.missed > t.visits) throw ModelError("month " + std::to_string(month) + ": more late or missed visits than due");
  // Turnover by cause: the leavers through providers' exits are some of the month's leavers, and
  // there are none without an exit.
  if (t.exit_leavers < 0 || t.exit_leavers > t.leavers || (t.provider_exits == 0 && t.exit_leavers != 0))
    fail("leavers through provider exits (" + std::to_string(t.exit_leavers) + ") outside 0 to the month's leavers (" +
         std::to_string(t.leavers) + "), or without an exit");
  // Providers based outside the borough (docs/MODEL.md 7.7a): their hours are part of the long-term
  // hours, their workers' legs into the borough part of travel; only a worker living outside has
  // such legs; the reablement team and spot providers are based in the borough.
  if (t.out_of_borough_hours > t.price_hours + 1e-6 || t.commute_min > t.travel_min + 1e-6)
    fail("hours of providers based outside the borough, or their workers' legs into it, exceed the whole");
  for (std::uint32_t w = 0; w < world.workers.size(); ++w)
    if (!world.workers[w].lives_outside && world.workers[w].commute_min_month != 0)
      fail("worker " + std::to_string(w) + " lives in the borough but travels into it");
  for (const Provider& pr : world.providers)
    if (pr.out_of_borough && (pr.reablement_team || pr.off_framework)) fail("the reablement team or a spot provider based outside the borough");
  if (!(t.out_of_borough_hours >= 0)) fail("hours of providers based outside the borough negative");
  if (s.p.providers.out_of_borough_share <= 0)
    for (const Provider& pr : world.providers)
      if (pr.out_of_borough) fail("a provider based outside the borough where the pack states none (providers.out_of_borough_share 0)");
  // Direct payments (docs/MODEL.md 7.6): what is recouped is part of what was paid, so the spend
  // (paid less recouped) is not negative; the hours unmet are part of those planned.
  if (!(t.dp_recouped >= 0) || !(t.spend_dp >= -1e-9 * std::max(1.0, t.dp_recouped)) || !std::isfinite(t.spend_dp))
    fail("direct payments: recouped " + std::to_string(t.dp_recouped) + " GBP is negative or above what was paid (spend " +
         std::to_string(t.spend_dp) + " GBP)");
  if (!(t.dp_unmet_min >= 0) || t.dp_unmet_min > t.dp_planned_min + 1e-6 * std::max(1.0, t.dp_planned_min))
    fail("direct payments: unmet minutes outside 0 to the planned minutes");
  // Pay: the floor lies between the NLW and the pack's living wage (London's or the UK's), and no
  // employed care worker is paid below it (qualification premiums are not negative), whoever hired
  // them and whenever.
  const WageEnvironment& w = econ.wages;
  const double eps = 1e-9;
  if (w.floor < w.nlw - eps || w.floor > std::max(w.nlw, w.llw_payable) + eps)
    fail("the pay floor " + std::to_string(w.floor) + " is outside the NLW " + std::to_string(w.nlw) +
         " to the living wage payable " + std::to_string(w.llw_payable));
  for (std::uint32_t k = 0; k < world.workers.size(); ++k)
    if (world.workers[k].employed && world.workers[k].wage < w.floor - eps)
      fail("worker " + std::to_string(k) + " paid " + std::to_string(world.workers[k].wage) + " GBP an hour, below the floor " +
           std::to_string(w.floor));
}

}  // namespace homecare::model
