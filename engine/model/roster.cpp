// Standing weekly rosters: who does each visit of each package, week after week.
#include "model/roster.hpp"

#include <algorithm>

namespace homecare::model {

void queue_for_cover(Provider& pr, UserId u, std::size_t k, int wd, int seat) {
  pr.pending.push_back({u, static_cast<std::uint16_t>(k), static_cast<std::uint8_t>(wd), static_cast<std::uint8_t>(seat)});
}

bool roster_slot(UserId uid, std::size_t k, int wd, int seat, ProviderId pid, bool commit, const Setting& s, World& world,
                 WorkerId prefer) {
  ServiceUser& u = world.user(uid);
  VisitSlot& sl = u.slots[k];
  auto& cell = sl.regular[static_cast<std::size_t>(wd)];
  if (cell[static_cast<std::size_t>(seat)].valid()) return true;
  const Provider& pr = world.provider(pid);
  const Blocks b = blocks_for(sl.minute, sl.duration, s.allowance);
  const WorkerId other = cell[static_cast<std::size_t>(1 - seat)];
  auto fits = [&](WorkerId w) {
    const CareWorker& cw = world.worker(w);
    return cw.employed && cw.provider == pid && w != other && ((cw.days_off >> wd) & 1U) == 0 &&
           (cw.busy[static_cast<std::size_t>(wd)] & b.mask) == 0 && cw.booked_min_week + b.minutes <= cw.capacity_min_week;
  };
  WorkerId chosen;
  if (prefer.valid() && fits(prefer)) chosen = prefer;
  // Continuity first: whoever does this visit on other days, then the user's other workers.
  for (int d = 0; d < 7 && !chosen.valid(); ++d)
    for (int st = 0; st < 2 && !chosen.valid(); ++st) {
      const WorkerId w = sl.regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(st)];
      if (w.valid() && fits(w)) chosen = w;
    }
  for (std::size_t j = 0; j < u.slots.size() && !chosen.valid(); ++j)
    for (int d = 0; d < 7 && !chosen.valid(); ++d)
      for (int st = 0; st < 2 && !chosen.valid(); ++st) {
        const WorkerId w = u.slots[j].regular[static_cast<std::size_t>(d)][static_cast<std::size_t>(st)];
        if (w.valid() && fits(w)) chosen = w;
      }
  // Then the nearest: the provider's workers ward by ward outward from the user's home ward,
  // checking at most providers.roster_search of them (never a scan of every worker).
  if (!chosen.valid()) {
    int checked = 0;
    const int limit = static_cast<int>(s.p.providers.roster_search);
    for (std::uint16_t ward : s.place.graph.by_distance[u.ward]) {
      for (WorkerId w : pr.by_ward[ward]) {
        if (++checked > limit) break;
        if (fits(w)) {
          chosen = w;
          break;
        }
      }
      if (chosen.valid() || checked > limit) break;
    }
  }
  if (!chosen.valid()) return false;
  if (commit) {
    CareWorker& cw = world.worker(chosen);
    cw.week.insert(wd, {sl.minute, sl.duration, uid, static_cast<std::uint16_t>(k), static_cast<std::uint8_t>(seat), sl.double_handed});
    cw.busy[static_cast<std::size_t>(wd)] |= b.mask;
    cw.booked_min_week += b.minutes;
    cell[static_cast<std::size_t>(seat)] = chosen;
  }
  return true;
}

void unroster_entry(UserId uid, std::size_t k, int wd, int seat, const Setting& s, World& world) {
  VisitSlot& sl = world.user(uid).slots[k];
  WorkerId& cell = sl.regular[static_cast<std::size_t>(wd)][static_cast<std::size_t>(seat)];
  if (!cell.valid()) return;
  CareWorker& cw = world.worker(cell);
  const auto day = cw.week.day(wd);
  for (std::size_t i = 0; i < day.size(); ++i)
    if (day[i].user == uid && day[i].slot == k && day[i].seat == seat) {
      const Blocks b = blocks_for(day[i].minute, day[i].duration, s.allowance);
      cw.busy[static_cast<std::size_t>(wd)] &= ~b.mask;
      cw.booked_min_week -= b.minutes;
      cw.week.erase(wd, i);
      if (cw.provider.valid()) ++world.provider(cw.provider).roster_version;
      break;
    }
  cell = WorkerId{};
}

void unroster_user(UserId uid, const Setting& s, World& world) {
  const ServiceUser& u = world.user(uid);
  for (std::size_t k = 0; k < u.slots.size(); ++k)
    for (int wd = 0; wd < 7; ++wd)
      for (int seat = 0; seat < 2; ++seat) unroster_entry(uid, k, wd, seat, s, world);
}

void unroster_worker(WorkerId wid, World& world) {
  CareWorker& cw = world.worker(wid);
  for (int wd = 0; wd < 7; ++wd) {
    for (const RosterEntry& e : cw.week.day(wd)) {
      ServiceUser& u = world.user(e.user);
      if (e.slot >= u.slots.size()) continue;
      u.slots[e.slot].regular[static_cast<std::size_t>(wd)][e.seat] = WorkerId{};
      if (u.provider.valid() && u.state == UserState::active) queue_for_cover(world.provider(u.provider), e.user, e.slot, wd, e.seat);
    }
    cw.busy[static_cast<std::size_t>(wd)] = 0;
  }
  cw.week.clear();
  cw.booked_min_week = 0;
  if (cw.provider.valid()) ++world.provider(cw.provider).roster_version;
}

void shed_to_capacity(WorkerId wid, const Setting& s, World& world) {
  CareWorker& cw = world.worker(wid);
  for (int wd = 6; wd >= 0; --wd) {
    while (cw.booked_min_week > cw.capacity_min_week + 1e-6 && !cw.week.day(wd).empty()) {
      const RosterEntry e = cw.week.day(wd).back();
      ServiceUser& u = world.user(e.user);
      if (e.slot < u.slots.size() && u.slots[e.slot].regular[static_cast<std::size_t>(wd)][e.seat] == wid) {
        unroster_entry(e.user, e.slot, wd, e.seat, s, world);
        if (u.provider.valid() && u.state == UserState::active) queue_for_cover(world.provider(u.provider), e.user, e.slot, wd, e.seat);
      } else {  // an entry no slot points to any longer: only the worker's week to free
        const Blocks b = blocks_for(e.minute, e.duration, s.allowance);
        cw.busy[static_cast<std::size_t>(wd)] &= ~b.mask;
        cw.booked_min_week -= b.minutes;
        cw.week.erase(wd, cw.week.day(wd).size() - 1);
      }
    }
  }
}

bool roster_package(UserId uid, ProviderId pid, const Setting& s, World& world) {
  const ServiceUser& u = world.user(uid);
  for (std::size_t k = 0; k < u.slots.size(); ++k)
    for (int wd = 0; wd < 7; ++wd)
      for (int seat = 0; seat < (u.slots[k].double_handed ? 2 : 1); ++seat)
        if (!roster_slot(uid, k, wd, seat, pid, true, s, world)) return false;
  return true;
}

}  // namespace homecare::model
