// The workforce: hiring against vacancies, pay, absence, and quits (the hazard that drives
// turnover), with leavers leaving the sector or moving to another provider.
#pragma once

#include <cstdint>

#include "kernel/random.hpp"
#include "model/agenda.hpp"
#include "model/economy.hpp"
#include "model/ledger.hpp"
#include "model/setting.hpp"
#include "model/world.hpp"

namespace homecare::model {

/// A post of a provider and the identity of the worker who takes it (streams.hpp: WorkerKey).
struct Post {
  std::uint32_t number;
  WorkerKey key;
};
/// The lowest free post of `pid`, now held (a new one when all are held).
Post take_post(ProviderId pid, World& world);
/// Post `number` of `pr` free again.
void free_post(Provider& pr, std::uint32_t number);

/// A new worker `key` employed by `pid` in post `post` from `day`: home ward near its users
/// (within its patches), travel mode, contract, hours, days off, experience and training drawn
/// from `rs` (the post's stream).
WorkerId create_worker(ProviderId pid, double day, bool from_sector, WorkerKey key, std::uint32_t post, kernel::RandomStream& rs,
                       const Setting& s, const Economy& econ, World& world, Agenda& agenda);

/// The hazard (per year) that `w` quits on `day`: pay relative to the outside option, zero-hours
/// insecurity, the first year in the sector, unpaid travel, training and qualification, frailty.
[[nodiscard]] double quit_hazard(const CareWorker& w, double day, const WorkforceParams& q, const WageEnvironment& wages);
/// Starts the quit clock of `w`'s job (begun on w.hired_day): an Exp(1) amount of hazard the job
/// will run through before they quit, drawn from the stream of (worker, job).
void start_quit_clock(CareWorker& w, const Setting& s);
/// The rest of the month of `d`, from now: runs `w`'s quit clock at the month's hazard, and
/// schedules the quit if the clock runs out before the month ends. The same law as a fresh
/// exponential draw each month, but a small change in the hazard moves the quit a little, in two
/// variants, instead of to another month.
void schedule_quit(WorkerId w, kernel::Date d, const Setting& s, const Economy& econ, World& world, Agenda& agenda);
/// The quit event at time `t`: `w` leaves, unless it was scheduled for a job they have left since.
void quit_due(WorkerId w, kernel::Minutes t, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
              Ledger& ledger);
/// `w` leaves their job: to another provider with vacancies (a move), or out of the market; their
/// provider recruits a replacement.
void worker_quit(WorkerId w, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda,
                 Ledger& ledger);
/// `w` changes employer (a move; the staff of a loser that stops at the switch): unrostered, paid
/// the new wage, on a new job's clock (the caller adds protect_pay for a transfer under TUPE).
void move_worker(WorkerId w, ProviderId to, std::int64_t day, const Setting& s, const Economy& econ, World& world);
/// `w` transfers to `to` under TUPE: the same job (its start, quit clock and roster kept) with a
/// new employer, paid the new employer's wage or, when that is lower, their own (protect_pay). The
/// caller frees visits of other providers' packages.
void transfer_worker(WorkerId w, ProviderId to, const Setting& s, const Economy& econ, World& world);
/// TUPE's protection of pay (commissioning.tupe_protects_pay): `w`, paid `wage_before` before a
/// transfer, keeps that base pay in the new job while it is above the new employer's.
void protect_pay(CareWorker& w, double wage_before, const Params& p);
/// Sets `pid`'s vacancies from the minutes it must staff, and returns them.
int count_vacancies(ProviderId pid, const Setting& s, const Economy& econ, World& world);
/// Sets `pid`'s vacancies and starts filling those not yet being filled: each hire comes after a
/// time drawn from the month's labour market (labour_market.hpp).
void recruit(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda);
/// A vacancy of `pid` filled now: a new worker (the provider's first hires, and the hire event).
void hire(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda);
/// The hire event: one of `pid`'s vacancies filled, if it still recruits.
void vacancy_filled(ProviderId pid, std::int64_t day, const Setting& s, const Economy& econ, World& world, Agenda& agenda);
/// Schedules `w`'s next absence (sickness or leave) after `from_day`.
void schedule_absence(WorkerId w, double from_day, const Setting& s, const World& world, Agenda& agenda);
/// An absence starts (the event): it lasts some days, then the next is scheduled.
void absence_start(WorkerId w, std::int64_t day, const Setting& s, World& world, Agenda& agenda);
/// Every employed worker paid what their provider offers this month.
void apply_wages(const WageEnvironment& wages, const WorkforceParams& q, World& world);
/// Each employed worker's contract under the levers in force: on zero hours while the uniform
/// drawn at hire is below the zero-hours share (offering guaranteed hours lowers the share).
void apply_contracts(const Levers& levers, World& world);

}  // namespace homecare::model
