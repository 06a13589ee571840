// Delivery of a day: roster retries, cover for absences and gaps, and every visit delivered.
#include "model/delivery.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "common/error.hpp"
#include "kernel/random.hpp"
#include "model/place.hpp"
#include "model/roster.hpp"

namespace homecare::model {
namespace {

/// Stable sort by planned minute without allocating: the day's cover list is a few short
/// sorted runs (each absent worker's day, then the gaps), where insertion sort is near linear.
template <class T>
void insertion_sort_by_minute(std::vector<T>& v) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    T x = v[i];
    std::size_t j = i;
    while (j > 0 && v[j - 1].minute > x.minute) {
      v[j] = v[j - 1];
      --j;
    }
    v[j] = x;
  }
}

void note_seen(ServiceUser& u, WorkerId w) {
  if (u.last_seen == w && u.seen_count > 0) return;
  u.last_seen = w;
  for (std::uint8_t i = 0; i < u.seen_count; ++i)
    if (u.seen[i] == w) return;
  if (u.seen_count < u.seen.size()) u.seen[u.seen_count++] = w;
}

void deliver_provider(ProviderId pid, std::int64_t day, int wd, bool ev, const Setting& s, World& world, Ledger& ledger,
                      DeliveryScratch& scratch) {
  Provider& pr = world.provider(pid);
  MonthTally& tally = ledger.month(s.month_of(day));
  WardTally* const by_ward = ledger.ward_row(s.month_of(day));  // the same, by the user's ward
  const auto wdi = static_cast<std::size_t>(wd);

  // 1. Gaps in the standing roster: try again now (new starters may have arrived).
  if (!pr.pending.empty()) {
    double spare = 0;
    for (WorkerId w : pr.workers) spare += world.worker(w).capacity_min_week - world.worker(w).booked_min_week;
    std::size_t keep = 0;
    int attempts = 0;  // a bounded number of tries a day: a short-staffed provider cannot fill them all
    for (std::size_t i = 0; i < pr.pending.size(); ++i) {
      const auto ps = pr.pending[i];
      ServiceUser& u = world.user(ps.user);
      if (u.state != UserState::active || u.provider != pid || ps.slot >= u.slots.size() ||
          (ps.seat == 1 && !u.slots[ps.slot].double_handed) || u.slots[ps.slot].regular[ps.weekday][ps.seat].valid())
        continue;  // no longer needed
      if (spare >= 45.0 && attempts++ < 12) {
        const VisitSlot& sl = u.slots[ps.slot];
        const std::uint64_t mask = blocks_for(sl.minute, sl.duration, s.allowance).mask;
        const WorkerId other = sl.regular[ps.weekday][1 - ps.seat];
        // Nothing that could let it succeed has changed since it last failed: a try all the
        // same, without the search.
        const bool known_to_fail = ps.failed_version == pr.roster_version && ps.failed_mask == mask && ps.failed_other == other;
#ifdef HOMECARE_CHECKED
        if (known_to_fail && roster_slot(ps.user, ps.slot, ps.weekday, ps.seat, pid, false, s, world))
          throw ModelError("a roster try skipped as known to fail would have succeeded");
#endif
        if (!known_to_fail) {
          if (roster_slot(ps.user, ps.slot, ps.weekday, ps.seat, pid, true, s, world)) {
            spare -= 45.0;
            continue;
          }
          Provider::PendingSlot& kept = pr.pending[keep++];
          kept = ps;
          kept.failed_version = pr.roster_version;
          kept.failed_mask = mask;
          kept.failed_other = other;
          continue;
        }
      }
      pr.pending[keep++] = ps;
    }
    pr.pending.resize(keep);
  }

  // 2. Who works today; the regular visits of those who don't need cover. (An available
  // worker's own visits are read straight from the roster in step 4.)
  const std::size_t nw = pr.workers.size();
  if (scratch.today.size() < nw) scratch.today.resize(nw);
  scratch.busy_today.assign(nw, ~0ULL);
  scratch.available_today.assign(nw, 0);
  if (scratch.local_of.size() < world.workers.size()) scratch.local_of.resize(world.workers.size(), -1);
  scratch.cover.clear();
  scratch.double_visits.clear();
  for (std::size_t i = 0; i < nw; ++i) {
    // The day is memory-bound: fetch the records of workers a few places ahead (no effect on results).
    if (i + 4 < nw) __builtin_prefetch(&world.workers[pr.workers[i + 4].index()]);
    const CareWorker& cw = world.workers[pr.workers[i].index()];
    scratch.local_of[pr.workers[i].index()] = static_cast<std::int32_t>(i);
    scratch.today[i].clear();
    const bool avail = works_on(cw, day, wd);
    scratch.available_today[i] = avail ? 1 : 0;
    if (avail) scratch.busy_today[i] = cw.busy[wdi];  // an absent worker is busy all day
    else
      for (const RosterEntry& e : cw.week.day(wd)) scratch.cover.push_back({e.minute, e.user, e.slot, e.seat});
  }
  // Visits nobody is rostered for are exactly the provider's pending entries (a slot loses its
  // worker only through unroster_worker, a review or a failed roster, which all queue it).
  for (const auto& ps : pr.pending) {
    if (ps.weekday != wd) continue;
    ServiceUser& u = world.user(ps.user);
    if (u.state != UserState::active || u.in_hospital || u.provider != pid || ps.slot >= u.slots.size()) continue;
    VisitSlot& sl = u.slots[ps.slot];
    if ((ps.seat == 1 && !sl.double_handed) || sl.regular[wdi][ps.seat].valid() || sl.cover_stamp[ps.seat] == day) continue;
    sl.cover_stamp[ps.seat] = static_cast<std::int32_t>(day);
    scratch.cover.push_back({sl.minute, ps.user, ps.slot, ps.seat});
  }

  // 3. Cover: the user's own workers first, then the nearest free worker; otherwise missed.
  insertion_sort_by_minute(scratch.cover);
  const int limit = static_cast<int>(s.p.providers.cover_search);
  for (std::size_t ci = 0; ci < scratch.cover.size(); ++ci) {
    const DeliveryScratch::CoverVisit& c = scratch.cover[ci];
    // Fetch ahead: the user records, then their visit slots, of the visits to come.
    if (ci + 4 < scratch.cover.size()) __builtin_prefetch(&world.users[scratch.cover[ci + 4].user.index()]);
    if (ci + 2 < scratch.cover.size()) {  // all the user's slots: the search reads their regular workers
      const ServiceUser& next = world.users[scratch.cover[ci + 2].user.index()];
      const char* first = reinterpret_cast<const char*>(next.slots.data());
      const char* last = reinterpret_cast<const char*>(next.slots.data() + next.slots.size());
      for (const char* line = first; line < last; line += 64) __builtin_prefetch(line);
    }
    ServiceUser& u = world.user(c.user);
    if (u.state != UserState::active || u.in_hospital || c.slot >= u.slots.size()) continue;
    VisitSlot& sl = u.slots[c.slot];
    if (sl.missed_stamp == day) continue;
    const Blocks b = blocks_for(sl.minute, sl.duration, s.allowance);
    auto free_today = [&](WorkerId w) {
      const std::int32_t li = scratch.local_of[w.index()];
      if (li < 0 || static_cast<std::size_t>(li) >= nw || pr.workers[static_cast<std::size_t>(li)] != w) return -1;
      return (scratch.busy_today[static_cast<std::size_t>(li)] & b.mask) != 0 ? -1 : li;
    };
    const WorkerId other = sl.regular[wdi][static_cast<std::size_t>(1 - c.seat)];
    std::int32_t chosen = -1;
    WorkerId tried;  // the same regular worker fills most of a user's week: try each once in a row
    for (std::size_t j = 0; j < u.slots.size() && chosen < 0; ++j)
      for (int d = 0; d < 7 && chosen < 0; ++d)
        for (int st = 0; st < 2 && chosen < 0; ++st) {
          const WorkerId w = u.slots[j].regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(st)];
          if (!w.valid() || w == other || w == tried) continue;
          tried = w;
          chosen = free_today(w);
        }
    if (chosen < 0) {
      int checked = 0;
      for (std::uint16_t ward : s.place.graph.by_distance[u.ward]) {
        for (WorkerId w : pr.by_ward[ward]) {
          if (++checked > limit) break;
          if (w == other) continue;
          chosen = free_today(w);
          if (chosen >= 0) break;
        }
        if (chosen >= 0 || checked > limit) break;
      }
    }
    if (chosen < 0) {
      sl.missed_stamp = static_cast<std::int32_t>(day);
      u.missed_month += 1;
      if (u.last_missed_day != day) { u.missed_days_month += 1; u.last_missed_day = static_cast<std::int32_t>(day); }
      tally.visits += 1;
      tally.missed += 1;
      tally.unmet_min += sl.duration;
      WardTally& wt = by_ward[u.ward];
      wt.visits += 1;
      wt.missed += 1;
      wt.unmet_min += sl.duration;
      continue;
    }
    scratch.busy_today[static_cast<std::size_t>(chosen)] |= b.mask;
    scratch.today[static_cast<std::size_t>(chosen)].push_back({sl.minute, sl.duration, c.user, c.slot, c.seat, sl.double_handed});
  }

  // 4. Each worker's day, their rostered visits merged in time order with the cover given them
  // (in time order too, as scratch.cover was): travel between homes, overruns, lateness.
  const double threshold = s.p.travel.late_threshold_min;
  constexpr std::size_t ahead = 4;  // workers: fetch rosters this far ahead, their users half as far
  for (std::size_t i = 0; i < std::min(nw, ahead); ++i) __builtin_prefetch(world.workers[pr.workers[i].index()].week.day_data(wd));
  for (std::size_t i = 0; i < nw; ++i) {
    if (i + ahead < nw) __builtin_prefetch(world.workers[pr.workers[i + ahead].index()].week.day_data(wd));
    if (const std::size_t n = i + ahead / 2; n < nw && scratch.available_today[n])
      for (const RosterEntry& v : world.workers[pr.workers[n].index()].week.day(wd)) {
        // A visit reads the user's first 64 bytes, which may straddle two cache lines.
        const char* rec = reinterpret_cast<const char*>(&world.users[v.user.index()]);
        __builtin_prefetch(rec);
        __builtin_prefetch(rec + 63);
      }
    if (!scratch.available_today[i]) continue;
    const WorkerId wid = pr.workers[i];
    CareWorker& cw = world.worker(wid);
    const std::span<const RosterEntry> own = cw.week.day(wd);
    const std::span<const RosterEntry> extra = scratch.today[i];
    if (own.empty() && extra.empty()) continue;
    const double quality = cw.care_certificate || cw.qualification != Qualification::none ? s.p.training.quality_effect : 1.0;
    bool first = true;
    double prev_end = 0;  // when the previous visit of the day ended
    Point pos = cw.home;
    std::uint16_t pos_ward = cw.ward;
    std::uint16_t first_ward = cw.ward;  // where the day's first visit was
    for (std::size_t a = 0, b = 0; a < own.size() || b < extra.size();) {
      const RosterEntry& v = b == extra.size() || (a < own.size() && own[a].minute <= extra[b].minute) ? own[a++] : extra[b++];
      ServiceUser& u = world.user(v.user);
      if (u.state != UserState::active || u.in_hospital || u.provider != pid) continue;
      // Only a double-handed visit can have been called off today (its other seat uncovered);
      // a single-handed one needs nothing from the slot but what the roster entry carries.
      VisitSlot* dh = nullptr;
      if (v.double_handed) {
        if (v.slot >= u.slots.size()) continue;
        dh = &u.slots[v.slot];
        if (dh->missed_stamp == day) continue;
      }
      const double planned = v.minute;
      double arrival = planned;
      WardTally& wt = by_ward[u.ward];
      if (!first) {
        const bool slow = ev && (s.near_stadium[pos_ward] || s.near_stadium[u.ward]);
        const double travel = s.travel.minutes(cw.mode, pos, u.home, slow);
        cw.travel_min_month += travel;
        tally.travel_min += travel;
        wt.travel_min += travel;
        if (cw.mode == TravelMode::car) cw.km_month += distance_m(pos, u.home) * s.travel.km_per_m;
        arrival = std::max(planned, prev_end + travel);
      } else {
        first_ward = u.ward;
      }
      first = false;
      // A visit's overrun matters only to the visits after it, so the worker's last visit of
      // the day draws none (each draw has its own key: skipping one changes nothing else).
      if (a < own.size() || b < extra.size()) {
        kernel::RandomStream rs(s.keys(rng_visit, StreamAgent::user(u.key), static_cast<std::uint32_t>(day) * 8U + v.slot));
        // Irwin-Hall: four uniforms from one Philox block, scaled to mean 0 and sd 1.
        const double z = (rs.uniform32() + rs.uniform32() + rs.uniform32() + rs.uniform32() - 2.0) * 1.7320508075688772;
        prev_end = arrival + v.duration * std::max(0.3, 1.0 + s.p.travel.overrun_cv * quality * z);
      }
      pos = u.home;
      pos_ward = u.ward;
      cw.contact_min_month += v.duration;
      tally.contact_min += v.duration;
      wt.contact_min += v.duration;
      const double price = pr.price + pr.llw_supplement + pr.travel_supplement + u.price_premium;
      pr.revenue_month += v.duration / 60.0 * price;
      tally.paid_for_visits += v.duration / 60.0 * price;
      wt.paid_for_visits += v.duration / 60.0 * price;
      (pr.reablement_team ? tally.spend_reablement : tally.spend_long_term) += v.duration / 60.0 * price;
      pr.hours_month += v.duration / 60.0;
      if (dh) tally.spend_double += v.duration / 60.0 * price;
      if (!pr.reablement_team) {
        tally.price_hours += v.duration / 60.0;
        tally.price_weighted += v.duration / 60.0 * price;
        if (pr.out_of_borough) tally.out_of_borough_hours += v.duration / 60.0;
      }
      note_seen(u, wid);
      if (dh) {
        if (dh->stamp != day) {
          dh->stamp = static_cast<std::int32_t>(day);
          dh->arrival = {-1.0F, -1.0F};
          scratch.double_visits.emplace_back(v.user, v.slot);
        }
        dh->arrival[v.seat] = static_cast<float>(arrival);
        continue;
      }
      tally.visits += 1;
      tally.delivered_min += v.duration;
      wt.visits += 1;
      wt.delivered_min += v.duration;
      u.visits_month += 1;
      if (arrival - planned > threshold) {
        tally.late += 1;
        wt.late += 1;
        u.late_month += 1;
      }
    }
    // A worker who lives outside the borough travels in before the first visit and home after
    // the last (docs/MODEL.md 7.7a): travel, counted to the wards of those visits, but not
    // travel between visits (pay, working time) and leaving the first visit's start as planned.
    if (cw.lives_outside && !first) {
      const double leg = s.p.providers.out_of_borough_leg_min;
      cw.commute_min_month += 2.0 * leg;
      tally.travel_min += 2.0 * leg;
      tally.commute_min += 2.0 * leg;
      by_ward[first_ward].travel_min += leg;
      by_ward[pos_ward].travel_min += leg;
    }
  }
  // 5. Double-handed visits start when the second carer arrives.
  for (const auto& [uid, k] : scratch.double_visits) {
    ServiceUser& u = world.user(uid);
    const VisitSlot& sl = u.slots[k];
    WardTally& wt = by_ward[u.ward];
    tally.visits += 1;
    wt.visits += 1;
    u.visits_month += 1;
    if (sl.arrival[0] < 0 || sl.arrival[1] < 0) {  // a carer did not come: not safe to deliver
      tally.missed += 1;
      tally.unmet_min += sl.duration;
      wt.missed += 1;
      wt.unmet_min += sl.duration;
      u.visits_month -= 1;  // counted as due once, as missed
      u.missed_month += 1;
      continue;
    }
    tally.delivered_min += sl.duration;
    wt.delivered_min += sl.duration;
    if (std::max(sl.arrival[0], sl.arrival[1]) - sl.minute > threshold) {
      tally.late += 1;
      wt.late += 1;
      u.late_month += 1;
    }
  }
  for (WorkerId w : pr.workers) scratch.local_of[w.index()] = -1;
}

}  // namespace

void deliver_day(std::int64_t day, const Setting& s, World& world, Ledger& ledger, DeliveryScratch& scratch) {
  const int wd = static_cast<int>(kernel::weekday(s.cal.date_of_day(day)));
  const bool ev = s.event_day[static_cast<std::size_t>(day)];
#ifdef HOMECARE_CHECKED
  // Hours: every visit commissioned today (each daily slot of an active package with a provider,
  // its user at home) is either delivered or unmet, counted once even when double-handed.
  double commissioned = 0;
  for (UserId id : world.live_users) {
    const ServiceUser& u = world.user(id);
    if (u.state != UserState::active || u.in_hospital || !u.provider.valid() || !world.provider(u.provider).active) continue;
    for (const VisitSlot& sl : u.slots) commissioned += sl.duration;
  }
  const MonthTally& tally = ledger.month(s.month_of(day));
  const double accounted_before = tally.delivered_min + tally.unmet_min;
#endif
  for (std::uint32_t p = 0; p < world.providers.size(); ++p)
    if (world.providers[p].active) deliver_provider(ProviderId(p), day, wd, ev, s, world, ledger, scratch);
#ifdef HOMECARE_CHECKED
  const double accounted = tally.delivered_min + tally.unmet_min - accounted_before;
  if (std::fabs(accounted - commissioned) > 1e-6)
    throw ModelError("day " + std::to_string(day) + ": minutes commissioned (" + std::to_string(commissioned) +
                     ") != delivered + unmet (" + std::to_string(accounted) + ")");
#endif
}

}  // namespace homecare::model
