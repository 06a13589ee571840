// A user's journey after referral: assessment, hospital stays, reviews, personal assistants, exits.
#include "model/needs.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "model/demand.hpp"
#include "model/labour_market.hpp"
#include "model/packages.hpp"
#include "model/roster.hpp"

namespace homecare::model {

void assessment_done(UserId id, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                     Ledger& ledger) {
  ServiceUser& u = world.user(id);
  if (u.state != UserState::assessing) return;
  if (u.route == Route::direct_payment) {
    if (s.p.direct_payments.setup_days > 0 && !u.dp_setup) {
      // Ealing Direct sets it up (docs/MODEL.md 7.1): the person waits, still being assessed as far
      // as exits and brokerage are concerned, their hours unmet (reporting.cpp: count_day).
      u.dp_setup = true;
      agenda.at(agenda.now() + kernel::days(s.p.direct_payments.setup_days), Payload{EventKind::assessment_done, 0, id.value},
                CancelSlot::of(id));
      return;
    }
    u.dp_setup = false;
    u.state = UserState::active;
    u.started_day = static_cast<double>(day);
    ledger.month(s.month_of(day)).new_users += 1;
  } else {
    u.state = UserState::waiting;
    u.waiting_since = static_cast<double>(day);
    world.waiting.push_back(id);
  }
  // Exit hazards apply from arrival, for the rest of this month (then month by month).
  user_month(id, day, s.month_of(day), s, econ, world, agenda);
}

void user_month(UserId id, std::int64_t day, int month, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  const Params& p = s.p;
  ServiceUser& u = world.user(id);
  if (u.route == Route::reablement) return;
  const kernel::Date d = s.cal.date_of_day(day);
  // Hazards apply from now (a user arriving mid-day is at risk from arrival) to the month's end.
  const double from = std::max(static_cast<double>(day), agenda.now().value / kernel::minutes_per_day);
  const double len = static_cast<double>(day) + kernel::days_in_month(d.year, d.month) - (d.day - 1) - from;
  kernel::RandomStream rs(s.keys(rng_user_month, StreamAgent::user(u.key), static_cast<std::uint32_t>(month)));
  const double f = u.group == ClientGroup::older ? 1.0 : p.demand.under_65_exit_factor;
  const double unmet = u.state == UserState::waiting ? 1.0 : u.unmet_share_last_month;
  const double hz[3] = {p.demand.death_hazard * f,
                        p.demand.residential_hazard * f * (1.0 + p.demand.unmet_residential_factor * unmet),
                        p.demand.recovery_hazard * f};
  // Competing exits as clocks: each way of leaving runs its Exp(1) clock at its hazard this month
  // (per day); the first to run out, if any does before the month ends, is how the user leaves.
  // The same law as fresh exponential draws each month, but a policy that changes a hazard a
  // little moves the exit a little in the paired replicate, instead of to another month.
  double first = len;
  int cause = -1;
  for (int c = 0; c < 3; ++c) {
    if (hz[c] <= 0) continue;
    const double t = u.exit_clock[static_cast<std::size_t>(c)] / (hz[c] / kernel::days_per_year);
    if (t < first) {
      first = t;
      cause = c;
    }
  }
  const kernel::Minutes now = kernel::days(from);
  if (cause >= 0)
    agenda.at(now + kernel::days(first), Payload{EventKind::user_exit, static_cast<std::uint8_t>(cause), id.value}, CancelSlot::of(id));
  else
    for (int c = 0; c < 3; ++c) u.exit_clock[static_cast<std::size_t>(c)] -= hz[c] / kernel::days_per_year * len;
  if (u.route == Route::direct_payment) {
    if (u.has_pa && !u.pa_vacant) {
      const double wage = pa_wage(p, econ.wages, econ.regime);
      const double h = p.workforce.base_quit_hazard * p.direct_payments.pa_quit_factor * u.pa_wage_frailty *
                       std::pow(wage / econ.wages.outside, -p.workforce.wage_elasticity);
      const double t = h > 0 ? kernel::exponential(rs, kernel::days_per_year / h) : len + 1;
      if (t < len) agenda.at(now + kernel::days(t), Payload{EventKind::pa_quit, 0, id.value}, CancelSlot::of(id));
    }
    return;
  }
  if (u.state != UserState::active) return;
  if (p.demand.hospital_hazard > 0) {
    const double t = kernel::exponential(rs, kernel::days_per_year / p.demand.hospital_hazard);
    if (t < len) agenda.at(now + kernel::days(t), Payload{EventKind::hospital_admit, 0, id.value}, CancelSlot::of(id));
  }
  // Reviews: needs rise to two carers, or hours change by a quarter of an hour a visit.
  if (!u.double_handed && kernel::bernoulli(rs, 1.0 - std::exp(-p.demand.review_to_double_handed / 12.0))) {
    u.double_handed = true;
    for (std::size_t k = 0; k < u.slots.size(); ++k) {
      u.slots[k].double_handed = true;
      for (std::uint8_t wd = 0; wd < 7; ++wd) {
        // The first carer's roster entry now belongs to a double-handed visit too.
        if (const WorkerId w = u.slots[k].regular[wd][0]; w.valid())
          for (RosterEntry& e : world.worker(w).week.day(wd))
            if (e.user == id && e.slot == k) e.double_handed = true;
        queue_for_cover(world.provider(u.provider), id, k, wd, 1);
      }
    }
  }
  if (kernel::bernoulli(rs, 1.0 - std::exp(-p.demand.review_hours_change / 12.0))) {
    // After an overspent year the council may cut hours at review (econ.responses): the draw is
    // made as always, so the streams stay paired.
    const bool up = kernel::bernoulli(rs, 0.6) && !econ.responses.review_hours_cut;
    for (std::size_t k = 0; k < u.slots.size(); ++k) {
      VisitSlot& sl = u.slots[k];
      const int nd = std::clamp(sl.duration + (up ? 15 : -15), 30, 90);
      if (nd == sl.duration) continue;
      std::array<std::array<WorkerId, 2>, 7> before = sl.regular;
      for (int wd = 0; wd < 7; ++wd)
        for (int seat = 0; seat < 2; ++seat)
          if (before[static_cast<std::size_t>(wd)][static_cast<std::size_t>(seat)].valid()) unroster_entry(id, k, wd, seat, s, world);
      sl.duration = static_cast<std::uint16_t>(nd);
      for (int wd = 0; wd < 7; ++wd)
        for (int seat = 0; seat < (sl.double_handed ? 2 : 1); ++seat)
          if (!roster_slot(id, k, wd, seat, u.provider, true, s, world, before[static_cast<std::size_t>(wd)][static_cast<std::size_t>(seat)]))
            queue_for_cover(world.provider(u.provider), id, k, wd, seat);
    }
    double h = 0;
    for (const auto& sl : u.slots) h += sl.duration * 7.0 / 60.0;
    u.weekly_hours = h;
  }
}

void end_user(UserId id, ExitCause cause, const Setting& s, World& world, Agenda& agenda, Ledger& ledger) {
  ServiceUser& u = world.user(id);
  if (u.state == UserState::ended) return;
  agenda.cancel(CancelSlot::of(id));
  if (u.route == Route::long_term && cause == ExitCause::residential) {
    // The part of this move that unmet need caused (MODEL.md: likelier when needs go unmet).
    const double unmet = u.state == UserState::waiting ? 1.0 : u.unmet_share_last_month;
    const double mult = 1.0 + s.p.demand.unmet_residential_factor * unmet;
    ledger.residential_caused += (mult - 1.0) / mult;
  }
  if (u.provider.valid()) release_package(id, s, world);
  u.state = UserState::ended;
  ++ledger.people_out;
}

void hospital_admit(UserId id, std::int64_t day, const Setting& s, World& world, Agenda& agenda) {
  ServiceUser& u = world.user(id);
  if (u.state != UserState::active || u.in_hospital) return;
  u.in_hospital = true;
  kernel::RandomStream rs(s.keys(rng_hospital, StreamAgent::user(u.key), static_cast<std::uint32_t>(day)));
  agenda.at(agenda.now() + kernel::days(kernel::exponential(rs, s.p.demand.hospital_mean_days)),
            Payload{EventKind::hospital_discharge, 0, id.value}, CancelSlot::of(id));
}

void hospital_discharge(UserId id, World& world) { world.user(id).in_hospital = false; }

void reablement_end(UserId id, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                    Ledger& ledger) {
  const Params& p = s.p;
  if (world.user(id).state == UserState::ended) return;
  const UserKey episode = world.user(id).key;
  kernel::RandomStream rs(s.keys(rng_new_user, StreamAgent::user(episode), 1));
  const double x = rs.uniform();
  const std::uint16_t ward = world.user(id).ward;
  end_user(id, x < p.reablement.to_residential ? ExitCause::residential : ExitCause::recovery, s, world, agenda, ledger);
  if (x >= p.reablement.to_residential && x < p.reablement.to_residential + p.reablement.to_long_term) {
    const Route route = long_term_route(kernel::bernoulli(rs, direct_payment_takeup(p, econ.regime)), p, world, ledger.month(s.month_of(day)));
    const UserId next = create_user(route, ward, static_cast<double>(day),
                                    UserKey::follow_on(episode), s, world, agenda);
    world.user(next).home = world.user(id).home;
    agenda.at(agenda.now(), Payload{EventKind::assessment_done, 0, next.value});
  }
}

void pa_quit(UserId id, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda) {
  ServiceUser& u = world.user(id);
  if (u.state != UserState::active || !u.has_pa || u.pa_vacant) return;
  u.pa_vacant = true;
  // A personal assistant is found among the same job seekers as the agencies' workers: the
  // labour market's matching rate against the run's first month's, and the PA's pay against
  // the agencies' (labour_market.hpp: pa_days_to_replace).
  const double mean = pa_days_to_replace(pa_wage(s.p, econ.wages, econ.regime), econ.labour, econ.labour_ref, s.p);
  kernel::RandomStream rs(s.keys(rng_pa, StreamAgent::user(u.key), static_cast<std::uint32_t>(day)));
  agenda.at(agenda.now() + kernel::days(kernel::exponential(rs, mean)),
            Payload{EventKind::pa_replaced, 0, id.value}, CancelSlot::of(id));
}

void pa_replaced(UserId id, World& world) { world.user(id).pa_vacant = false; }

}  // namespace homecare::model
