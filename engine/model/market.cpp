// One replicate, orchestrated: the order of a month and of a day, and which mechanism each event
// belongs to. The state is plain data (setting.hpp, economy.hpp, world.hpp, agenda.hpp,
// ledger.hpp); each mechanism is a file of free functions whose signatures say what they read
// (const&) and what they change (&). engine/README.md maps them.
#include "model/market.hpp"

#include "model/agenda.hpp"
#include "model/brokerage.hpp"
#include "model/council_budget.hpp"
#include "model/delivery.hpp"
#include "model/demand.hpp"
#include "model/economy.hpp"
#include "model/labour_market.hpp"
#include "model/experience.hpp"
#include "model/invariants.hpp"
#include "model/ledger.hpp"
#include "model/needs.hpp"
#include "model/pricing.hpp"
#include "model/procurement.hpp"
#include "model/provider_finance.hpp"
#include "model/reporting.hpp"
#include "model/setting.hpp"
#include "model/setup.hpp"
#include "model/training.hpp"
#include "model/workforce.hpp"
#include "model/world.hpp"

namespace homecare::model {

// random_scheme (market.hpp) names the purposes it covers: a purpose added or removed must change it.
static_assert(rng_purposes == 24, "a random stream purpose was added or removed: update random_scheme's name and purpose range");

namespace {

/// The whole state of one replicate.
struct Replicate {
  Setting setting;
  Economy economy;
  World world;
  Agenda agenda;
  Ledger ledger;
  DeliveryScratch delivery;   // reused day after day
  std::vector<double> spare;  // brokerage's scratch
};

/// The first day of month `month`: pay, the switch, prices, and the month's draws of every
/// person's hazards; training, new providers, recruitment.
void start_month(Replicate& r, std::int64_t day, int month, kernel::Date date) {
  const Setting& s = r.setting;
  Economy& econ = r.economy;
  World& world = r.world;
  econ.wages = wage_environment(s.place, s.p, date, month_close_date(s.p, date));
  econ.levers = levers_in_force(s.p, date);
  econ.responses = responses_in_force(s.p, date, r.ledger);
  econ.costs = cost_lines(s.place.tables, date, s.p.providers.oncost_rate);
  econ.costs.travel_paid = econ.levers.travel_paid;
  apply_wages(econ.wages, s.p.workforce, world);
  apply_contracts(econ.levers, world);
  if (!econ.regime.switched && !(date < s.p.commissioning.switch_date))
    switch_commissioning(day, month, s, econ, world, r.agenda, r.ledger);
  else if (econ.regime.patches_active)
    retender(day, month, s, econ, world, r.agenda, r.ledger);
  update_prices(date, s, econ, world);
  for (std::uint32_t w = 0; w < world.workers.size(); ++w)
    if (world.workers[w].employed) schedule_quit(WorkerId(w), date, s, econ, world, r.agenda);
  for (std::uint32_t u = 0; u < world.users.size(); ++u)
    if (world.users[u].state == UserState::active || world.users[u].state == UserState::waiting)
      user_month(UserId(u), day, month, s, econ, world, r.agenda);
  training_month(date, day, s, world);
  provider_entry(day, month, s, econ, world, r.agenda);
  // The labour market meets this month's vacancies; then providers start filling them.
  if (s.p.labour_market.pool) {
    for (std::uint32_t pi = 0; pi < world.providers.size(); ++pi)
      if (world.providers[pi].active) count_vacancies(ProviderId(pi), s, econ, world);
    const PersonalAssistants pa = personal_assistants(world.users, world.live_users, pa_wage(s.p, econ.wages, econ.regime));
    econ.labour = labour_market(s.place, s.p, date, econ.wages, world.providers, world.employed, pa, econ.labour_ref);
  }
  for (std::uint32_t pi = 0; pi < world.providers.size(); ++pi)
    if (world.providers[pi].active) recruit(ProviderId(pi), day, s, econ, world, r.agenda);
}

/// The last day of month `month` (`date`): users' experience and complaints, providers' books,
/// the council's, the month's snapshot.
void close_month(Replicate& r, std::int64_t day, int month, kernel::Date date) {
  close_experience(month, date, r.setting, r.economy, r.world, r.ledger);
  const double payments = close_provider_books(day, r.setting, r.economy, r.world, r.agenda, r.ledger);
  close_council_month(month, date, payments, r.setting, r.economy, r.ledger);
  close_month_snapshot(month, date, r.setting, r.economy, r.world, r.ledger);
#ifdef HOMECARE_CHECKED
  check_invariants(month, r.setting, r.economy, r.world, r.ledger);
#endif
}

/// Each event, to the mechanism it belongs to.
void handle(Replicate& r, const kernel::Simulator<Payload>::Event& e) {
  const Setting& s = r.setting;
  const std::int64_t day = s.cal.day_index(r.agenda.now());
  const UserId user(e.payload.id);
  const WorkerId worker(e.payload.id);
  switch (e.payload.kind) {
    case EventKind::assessment_done: assessment_done(user, day, s, r.economy, r.world, r.agenda, r.ledger); break;
    case EventKind::user_exit:
      end_user(user, static_cast<ExitCause>(e.payload.cause), s, r.world, r.agenda, r.ledger);
      break;
    case EventKind::hospital_admit: hospital_admit(user, day, s, r.world, r.agenda); break;
    case EventKind::hospital_discharge: hospital_discharge(user, r.world); break;
    case EventKind::reablement_end: reablement_end(user, day, s, r.economy, r.world, r.agenda, r.ledger); break;
    case EventKind::worker_quit: quit_due(worker, e.time, day, s, r.economy, r.world, r.agenda, r.ledger); break;
    case EventKind::absence_start: absence_start(worker, day, s, r.world, r.agenda); break;
    case EventKind::hire: vacancy_filled(ProviderId(e.payload.id), day, s, r.economy, r.world, r.agenda); break;
    case EventKind::pa_quit: pa_quit(user, day, s, r.economy, r.world, r.agenda); break;
    case EventKind::pa_replaced: pa_replaced(user, r.world); break;
  }
}

}  // namespace

double referral_rate(const Place& place, const Params& p, std::uint16_t ward, double day, bool reablement) {
  return referrals_per_day(place, p, ward, day, reablement);
}

std::optional<PatchPartition> commissioned_patches(const Place& place, const Params& p) { return patches_at_switch(place, p); }

std::vector<std::string> report_months(const Params& p) {
  std::vector<std::string> out;
  const int n = kernel::months_between(p.run.start, p.run.end) + 1;
  const kernel::Date first{p.run.start.year, p.run.start.month, 1};
  for (int i = 0; i < n; ++i) out.push_back(kernel::month_label(kernel::add_months(first, i)));
  return out;
}

ReplicateResult simulate_replicate(const Place& place, const Params& p, std::uint32_t seed, std::uint32_t replicate) {
  Replicate r{make_setting(place, p, seed, replicate), {}, {}, {}, {}, {}, {}};
  const Setting& s = r.setting;
  r.economy = initial_economy(s);
  r.agenda.sim.reserve(1 << 14);
  setup_market(s, r.economy, r.world, r.agenda, r.ledger);
  add_spot_market(s, r.economy, r.world, r.agenda);
  auto dispatch = [&r](const kernel::Simulator<Payload>::Event& e) { handle(r, e); };

  int month = -1;
  for (std::int64_t day = 0; day <= s.last_day; ++day) {
    const kernel::Date date = s.cal.date_of_day(day);
    if (const int m = kernel::months_between(p.run.start, date); m != month) start_month(r, day, month = m, date);
    take_surveys(day, date, s, r.world, r.ledger);
    daily_referrals(day, s, r.economy.regime, r.economy.responses.referral_factor, r.world, r.agenda, r.ledger);
    // Events of the night and the first minute (referrals arriving, exits), then the council
    // brokers, providers deliver the day, and the rest of the day's events follow.
    r.agenda.sim.run_until(kernel::days(static_cast<double>(day)) + kernel::Minutes{1.0}, dispatch);
    brokerage(day, s, r.economy.regime, r.economy.levers, r.world, r.ledger, r.spare);
    deliver_day(day, s, r.world, r.ledger, r.delivery);
    r.agenda.sim.run_until(kernel::days(static_cast<double>(day + 1)), dispatch);
    count_day(day, month, s, r.economy, r.world, r.ledger);
    if (s.cal.date_of_day(day + 1).month != date.month || day == s.last_day) close_month(r, day, month, date);
  }
  return replicate_result(s, r.ledger, r.agenda.sim.processed());
}

}  // namespace homecare::model
