// Rostering: standing weekly rosters that keep each user's regular workers, daily cover for
// absences and gaps, and the delivery of each day's visits (travel, overruns, lateness).
#include <algorithm>
#include <cmath>

#include "common/error.hpp"
#include "model/geography.hpp"
#include "model/market_state.hpp"

namespace homecare::model {
namespace {

/// Quarter-hour blocks a visit occupies in a roster: the visit plus a travel allowance of one
/// block, rounded up. Blocks run 07:00-23:00.
struct Blocks {
  std::uint64_t mask;
  double minutes;
};
Blocks blocks_for(int minute, int duration, int allowance) {
  int b0 = (minute - roster_first_minute) / roster_block_minutes;
  b0 = std::clamp(b0, 0, 63);
  int n = (duration + allowance + roster_block_minutes - 1) / roster_block_minutes;
  n = std::clamp(n, 1, 64 - b0);
  const std::uint64_t bits = n >= 64 ? ~0ULL : ((1ULL << n) - 1ULL);
  return {bits << b0, static_cast<double>(n * roster_block_minutes)};
}

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

}  // namespace

bool Market::available(const CareWorker& w, std::int64_t day, int weekday) const {
  return w.employed && ((w.days_off >> weekday) & 1U) == 0 && static_cast<double>(day) >= w.absent_until_day;
}

bool Market::roster_slot(UserId uid, std::size_t k, int wd, int seat, ProviderId pid, bool commit, WorkerId prefer) {
  ServiceUser& u = users_[uid.index()];
  VisitSlot& sl = u.slots[k];
  auto& cell = sl.regular[static_cast<std::size_t>(wd)];
  if (cell[static_cast<std::size_t>(seat)].valid()) return true;
  const Provider& pr = providers_[pid.index()];
  const Blocks b = blocks_for(sl.minute, sl.duration, allowance_);
  const WorkerId other = cell[static_cast<std::size_t>(1 - seat)];
  auto fits = [&](WorkerId w) {
    const CareWorker& cw = workers_[w.index()];
    return cw.employed && cw.provider == pid && w != other && ((cw.days_off >> wd) & 1U) == 0 &&
           (cw.busy[static_cast<std::size_t>(wd)] & b.mask) == 0 && cw.booked_min_week + b.minutes <= cw.capacity_min_week;
  };
  WorkerId chosen;
  if (prefer.valid() && fits(prefer)) chosen = prefer;
  // Continuity first: whoever does this visit on other days, then the user's other workers.
  for (int d = 0; d < 7 && !chosen.valid(); ++d)
    for (int s = 0; s < 2 && !chosen.valid(); ++s) {
      const WorkerId w = sl.regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(s)];
      if (w.valid() && fits(w)) chosen = w;
    }
  for (std::size_t j = 0; j < u.slots.size() && !chosen.valid(); ++j)
    for (int d = 0; d < 7 && !chosen.valid(); ++d)
      for (int s = 0; s < 2 && !chosen.valid(); ++s) {
        const WorkerId w = u.slots[j].regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(s)];
        if (w.valid() && fits(w)) chosen = w;
      }
  // Then the nearest: the provider's workers ward by ward outward from the user's home ward,
  // checking at most providers.roster_search of them (never a scan of every worker).
  if (!chosen.valid()) {
    int checked = 0;
    const int limit = static_cast<int>(p_.providers.roster_search);
    for (std::uint16_t ward : ward_graph().by_distance[u.ward]) {
      for (WorkerId w : pr.by_ward[ward]) {
        if (++checked > limit) break;
        if (fits(w)) { chosen = w; break; }
      }
      if (chosen.valid() || checked > limit) break;
    }
  }
  if (!chosen.valid()) return false;
  if (commit) {
    CareWorker& cw = workers_[chosen.index()];
    cw.week.insert(wd, {sl.minute, sl.duration, uid, static_cast<std::uint16_t>(k), static_cast<std::uint8_t>(seat), sl.double_handed});
    cw.busy[static_cast<std::size_t>(wd)] |= b.mask;
    cw.booked_min_week += b.minutes;
    cell[static_cast<std::size_t>(seat)] = chosen;
  }
  return true;
}

void Market::unroster_entry(UserId uid, std::size_t k, int wd, int seat) {
  VisitSlot& sl = users_[uid.index()].slots[k];
  WorkerId& cell = sl.regular[static_cast<std::size_t>(wd)][static_cast<std::size_t>(seat)];
  if (!cell.valid()) return;
  CareWorker& cw = workers_[cell.index()];
  const auto day = cw.week.day(wd);
  for (std::size_t i = 0; i < day.size(); ++i)
    if (day[i].user == uid && day[i].slot == k && day[i].seat == seat) {
      const Blocks b = blocks_for(day[i].minute, day[i].duration, allowance_);
      cw.busy[static_cast<std::size_t>(wd)] &= ~b.mask;
      cw.booked_min_week -= b.minutes;
      cw.week.erase(wd, i);
      if (cw.provider.valid()) ++providers_[cw.provider.index()].roster_version;
      break;
    }
  cell = WorkerId{};
}

void Market::unroster_user(UserId uid) {
  ServiceUser& u = users_[uid.index()];
  for (std::size_t k = 0; k < u.slots.size(); ++k)
    for (int wd = 0; wd < 7; ++wd)
      for (int seat = 0; seat < 2; ++seat) unroster_entry(uid, k, wd, seat);
}

void Market::unroster_worker(WorkerId wid) {
  CareWorker& cw = workers_[wid.index()];
  for (int wd = 0; wd < 7; ++wd) {
    for (const RosterEntry& e : cw.week.day(wd)) {
      ServiceUser& u = users_[e.user.index()];
      if (e.slot >= u.slots.size()) continue;
      u.slots[e.slot].regular[static_cast<std::size_t>(wd)][e.seat] = WorkerId{};
      if (u.provider.valid() && u.state == UserState::active)
        providers_[u.provider.index()].pending.push_back({e.user, e.slot, static_cast<std::uint8_t>(wd), e.seat});
    }
    cw.busy[static_cast<std::size_t>(wd)] = 0;
  }
  cw.week.clear();
  cw.booked_min_week = 0;
  if (cw.provider.valid()) ++providers_[cw.provider.index()].roster_version;
}

bool Market::roster_package(UserId uid, ProviderId pid) {
  ServiceUser& u = users_[uid.index()];
  for (std::size_t k = 0; k < u.slots.size(); ++k)
    for (int wd = 0; wd < 7; ++wd)
      for (int seat = 0; seat < (u.slots[k].double_handed ? 2 : 1); ++seat)
        if (!roster_slot(uid, k, wd, seat, pid, true)) return false;
  return true;
}

double Market::travel_minutes(const CareWorker& w, Point a, Point b, bool slow) const {
  // Road distance (straight line times circuity) at the mode's speed, slower near the stadium
  // on event days, plus the per-leg overhead; the factor is precomputed (no division per leg).
  return distance_m(a, b) * travel_min_per_m_[static_cast<std::size_t>(w.mode)][slow ? 1 : 0] + p_.travel.leg_overhead_min;
}

void Market::note_seen(ServiceUser& u, WorkerId w) {
  if (u.last_seen == w && u.seen_count > 0) return;
  u.last_seen = w;
  for (std::uint8_t i = 0; i < u.seen_count; ++i)
    if (u.seen[i] == w) return;
  if (u.seen_count < u.seen.size()) u.seen[u.seen_count++] = w;
}

void Market::deliver_day(std::int64_t day) {
  const int wd = static_cast<int>(kernel::weekday(cal_.date_of_day(day)));
  const bool ev = event_day_[static_cast<std::size_t>(day)];
#ifdef HOMECARE_CHECKED
  // Hours: every visit commissioned today (each daily slot of an active package with a provider,
  // its user at home) is either delivered or unmet, counted once even when double-handed.
  double commissioned = 0;
  for (UserId id : live_users_) {
    const ServiceUser& u = users_[id.index()];
    if (u.state != UserState::active || u.in_hospital || !u.provider.valid() || !providers_[u.provider.index()].active) continue;
    for (const VisitSlot& sl : u.slots) commissioned += sl.duration;
  }
  const auto month = static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(day)));
  const double accounted_before = tally_[month].delivered_min + tally_[month].unmet_min;
#endif
  for (std::uint32_t p = 0; p < providers_.size(); ++p)
    if (providers_[p].active) deliver_provider(ProviderId(p), day, wd, ev);
#ifdef HOMECARE_CHECKED
  const double accounted = tally_[month].delivered_min + tally_[month].unmet_min - accounted_before;
  if (std::fabs(accounted - commissioned) > 1e-6)
    throw ModelError("day " + std::to_string(day) + ": minutes commissioned (" + std::to_string(commissioned) +
                     ") != delivered + unmet (" + std::to_string(accounted) + ")");
#endif
}

void Market::deliver_provider(ProviderId pid, std::int64_t day, int wd, bool ev) {
  Provider& pr = providers_[pid.index()];
  const auto month = static_cast<std::size_t>(kernel::months_between(p_.run.start, cal_.date_of_day(day)));
  MonthTally& tally = tally_[month];
  const auto wdi = static_cast<std::size_t>(wd);

  // 1. Gaps in the standing roster: try again now (new starters may have arrived).
  if (!pr.pending.empty()) {
    double spare = 0;
    for (WorkerId w : pr.workers) spare += workers_[w.index()].capacity_min_week - workers_[w.index()].booked_min_week;
    std::size_t keep = 0;
    int attempts = 0;  // a bounded number of tries a day: a short-staffed provider cannot fill them all
    for (std::size_t i = 0; i < pr.pending.size(); ++i) {
      const auto ps = pr.pending[i];
      ServiceUser& u = users_[ps.user.index()];
      if (u.state != UserState::active || u.provider != pid || ps.slot >= u.slots.size() ||
          (ps.seat == 1 && !u.slots[ps.slot].double_handed) || u.slots[ps.slot].regular[ps.weekday][ps.seat].valid())
        continue;  // no longer needed
      if (spare >= 45.0 && attempts++ < 12) {
        const VisitSlot& sl = u.slots[ps.slot];
        const std::uint64_t mask = blocks_for(sl.minute, sl.duration, allowance_).mask;
        const WorkerId other = sl.regular[ps.weekday][1 - ps.seat];
        // Nothing that could let it succeed has changed since it last failed: a try all the
        // same, without the search.
        const bool known_to_fail = ps.failed_version == pr.roster_version && ps.failed_mask == mask && ps.failed_other == other;
#ifdef HOMECARE_CHECKED
        if (known_to_fail && roster_slot(ps.user, ps.slot, ps.weekday, ps.seat, pid, false))
          throw ModelError("a roster try skipped as known to fail would have succeeded");
#endif
        if (!known_to_fail) {
          if (roster_slot(ps.user, ps.slot, ps.weekday, ps.seat, pid, true)) {
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
  if (today_.size() < nw) today_.resize(nw);
  busy_today_.assign(nw, ~0ULL);
  available_today_.assign(nw, 0);
  if (local_of_.size() < workers_.size()) local_of_.resize(workers_.size(), -1);
  cover_.clear();
  double_visits_.clear();
  for (std::size_t i = 0; i < nw; ++i) {
    // The day is memory-bound: fetch the records of workers a few places ahead (no effect on results).
    if (i + 4 < nw) __builtin_prefetch(&workers_[pr.workers[i + 4].index()]);
    const CareWorker& cw = workers_[pr.workers[i].index()];
    local_of_[pr.workers[i].index()] = static_cast<std::int32_t>(i);
    today_[i].clear();
    const bool avail = available(cw, day, wd);
    available_today_[i] = avail ? 1 : 0;
    if (avail) busy_today_[i] = cw.busy[wdi];  // an absent worker is busy all day
    else
      for (const RosterEntry& e : cw.week.day(wd)) cover_.push_back({e.minute, e.user, e.slot, e.seat});
  }
  // Visits nobody is rostered for are exactly the provider's pending entries (a slot loses its
  // worker only through unroster_worker, a review or a failed roster, which all queue it).
  for (const auto& ps : pr.pending) {
    if (ps.weekday != wd) continue;
    ServiceUser& u = users_[ps.user.index()];
    if (u.state != UserState::active || u.in_hospital || u.provider != pid || ps.slot >= u.slots.size()) continue;
    VisitSlot& sl = u.slots[ps.slot];
    if ((ps.seat == 1 && !sl.double_handed) || sl.regular[wdi][ps.seat].valid() || sl.cover_stamp[ps.seat] == day) continue;
    sl.cover_stamp[ps.seat] = static_cast<std::int32_t>(day);
    cover_.push_back({sl.minute, ps.user, ps.slot, ps.seat});
  }

  // 3. Cover: the user's own workers first, then the nearest free worker; otherwise missed.
  insertion_sort_by_minute(cover_);
  const int limit = static_cast<int>(p_.providers.cover_search);
  for (std::size_t ci = 0; ci < cover_.size(); ++ci) {
    const CoverVisit& c = cover_[ci];
    // Fetch ahead: the user records, then their visit slots, of the visits to come.
    if (ci + 4 < cover_.size()) __builtin_prefetch(&users_[cover_[ci + 4].user.index()]);
    if (ci + 2 < cover_.size()) {  // all the user's slots: the search reads their regular workers
      const ServiceUser& next = users_[cover_[ci + 2].user.index()];
      const char* first = reinterpret_cast<const char*>(next.slots.data());
      const char* last = reinterpret_cast<const char*>(next.slots.data() + next.slots.size());
      for (const char* line = first; line < last; line += 64) __builtin_prefetch(line);
    }
    ServiceUser& u = users_[c.user.index()];
    if (u.state != UserState::active || u.in_hospital || c.slot >= u.slots.size()) continue;
    VisitSlot& sl = u.slots[c.slot];
    if (sl.missed_stamp == day) continue;
    const Blocks b = blocks_for(sl.minute, sl.duration, allowance_);
    auto free_today = [&](WorkerId w) {
      const std::int32_t li = local_of_[w.index()];
      if (li < 0 || static_cast<std::size_t>(li) >= nw || pr.workers[static_cast<std::size_t>(li)] != w) return -1;
      return (busy_today_[static_cast<std::size_t>(li)] & b.mask) != 0 ? -1 : li;
    };
    const WorkerId other = sl.regular[wdi][static_cast<std::size_t>(1 - c.seat)];
    std::int32_t chosen = -1;
    WorkerId tried;  // the same regular worker fills most of a user's week: try each once in a row
    for (std::size_t j = 0; j < u.slots.size() && chosen < 0; ++j)
      for (int d = 0; d < 7 && chosen < 0; ++d)
        for (int s = 0; s < 2 && chosen < 0; ++s) {
          const WorkerId w = u.slots[j].regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(s)];
          if (!w.valid() || w == other || w == tried) continue;
          tried = w;
          chosen = free_today(w);
        }
    if (chosen < 0) {
      int checked = 0;
      for (std::uint16_t ward : ward_graph().by_distance[u.ward]) {
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
      continue;
    }
    busy_today_[static_cast<std::size_t>(chosen)] |= b.mask;
    today_[static_cast<std::size_t>(chosen)].push_back({sl.minute, sl.duration, c.user, c.slot, c.seat, sl.double_handed});
  }

  // 4. Each worker's day, their rostered visits merged in time order with the cover given them
  // (in time order too, as cover_ was): travel between homes, overruns, lateness.
  const double threshold = p_.travel.late_threshold_min;
  constexpr std::size_t ahead = 4;  // workers: fetch rosters this far ahead, their users half as far
  for (std::size_t i = 0; i < std::min(nw, ahead); ++i) __builtin_prefetch(workers_[pr.workers[i].index()].week.day_data(wd));
  for (std::size_t i = 0; i < nw; ++i) {
    if (i + ahead < nw) __builtin_prefetch(workers_[pr.workers[i + ahead].index()].week.day_data(wd));
    if (const std::size_t n = i + ahead / 2; n < nw && available_today_[n])
      for (const RosterEntry& v : workers_[pr.workers[n].index()].week.day(wd)) {
        // A visit reads the user's first 64 bytes, which may straddle two cache lines.
        const char* rec = reinterpret_cast<const char*>(&users_[v.user.index()]);
        __builtin_prefetch(rec);
        __builtin_prefetch(rec + 63);
      }
    if (!available_today_[i]) continue;
    const WorkerId wid = pr.workers[i];
    CareWorker& cw = workers_[wid.index()];
    const std::span<const RosterEntry> own = cw.week.day(wd);
    const std::span<const RosterEntry> extra = today_[i];
    if (own.empty() && extra.empty()) continue;
    const double quality = cw.trained ? p_.training.quality_effect : 1.0;
    bool first = true;
    double prev_end = 0;  // when the previous visit of the day ended
    Point pos = cw.home;
    std::uint16_t pos_ward = cw.ward;
    for (std::size_t a = 0, b = 0; a < own.size() || b < extra.size();) {
      const RosterEntry& v = b == extra.size() || (a < own.size() && own[a].minute <= extra[b].minute) ? own[a++] : extra[b++];
      ServiceUser& u = users_[v.user.index()];
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
      if (!first) {
        const bool slow = ev && (near_stadium_[pos_ward] || near_stadium_[u.ward]);
        const double travel = travel_minutes(cw, pos, u.home, slow);
        cw.travel_min_month += travel;
        tally.travel_min += travel;
        if (cw.mode == TravelMode::car) cw.km_month += distance_m(pos, u.home) * km_per_m_;
        arrival = std::max(planned, prev_end + travel);
      }
      first = false;
      // A visit's overrun matters only to the visits after it, so the worker's last visit of
      // the day draws none (each draw has its own key: skipping one changes nothing else).
      if (a < own.size() || b < extra.size()) {
        kernel::RandomStream s(key(rng_visit, v.user.value, static_cast<std::uint32_t>(day) * 8U + v.slot));
        // Irwin-Hall: four uniforms from one Philox block, scaled to mean 0 and sd 1.
        const double z = (s.uniform32() + s.uniform32() + s.uniform32() + s.uniform32() - 2.0) * 1.7320508075688772;
        prev_end = arrival + v.duration * std::max(0.3, 1.0 + p_.travel.overrun_cv * quality * z);
      }
      pos = u.home;
      pos_ward = u.ward;
      cw.contact_min_month += v.duration;
      tally.contact_min += v.duration;
      const double price = pr.price + pr.llw_supplement + u.price_premium;
      pr.revenue_month += v.duration / 60.0 * price;
      tally.paid_for_visits += v.duration / 60.0 * price;
      pr.hours_month += v.duration / 60.0;
      if (dh) tally.spend_double += v.duration / 60.0 * price;
      if (!pr.reablement_team) {
        tally.price_hours += v.duration / 60.0;
        tally.price_weighted += v.duration / 60.0 * price;
      }
      note_seen(u, wid);
      if (dh) {
        if (dh->stamp != day) {
          dh->stamp = static_cast<std::int32_t>(day);
          dh->arrival = {-1.0F, -1.0F};
          double_visits_.emplace_back(v.user, v.slot);
        }
        dh->arrival[v.seat] = static_cast<float>(arrival);
        continue;
      }
      tally.visits += 1;
      tally.delivered_min += v.duration;
      u.visits_month += 1;
      if (arrival - planned > threshold) {
        tally.late += 1;
        u.late_month += 1;
      }
    }
  }
  // 5. Double-handed visits start when the second carer arrives.
  for (const auto& [uid, k] : double_visits_) {
    ServiceUser& u = users_[uid.index()];
    const VisitSlot& sl = u.slots[k];
    tally.visits += 1;
    u.visits_month += 1;
    if (sl.arrival[0] < 0 || sl.arrival[1] < 0) {  // a carer did not come: not safe to deliver
      tally.missed += 1;
      tally.unmet_min += sl.duration;
      u.visits_month -= 1;  // counted as due once, as missed
      u.missed_month += 1;
      continue;
    }
    tally.delivered_min += sl.duration;
    if (std::max(sl.arrival[0], sl.arrival[1]) - sl.minute > threshold) {
      tally.late += 1;
      u.late_month += 1;
    }
  }
  for (WorkerId w : pr.workers) local_of_[w.index()] = -1;
}

}  // namespace homecare::model
