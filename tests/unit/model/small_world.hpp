// Small hand-built states for the tests of the model's mechanisms: a Setting in Brent from the
// default (or given) parameters, an Economy on run.start, and a World built a provider, a worker and a
// user at a time, so that a test sets up exactly what it needs in a few lines.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "kernel/calendar.hpp"
#include "kernel/event_queue.hpp"
#include "kernel/time.hpp"
#include "model/agenda.hpp"
#include "model/economy.hpp"
#include "model/place.hpp"
#include "model/ledger.hpp"
#include "model/provider_finance.hpp"
#include "model/setting.hpp"
#include "model/setup.hpp"
#include "model/streams.hpp"
#include "model/training.hpp"
#include "model/workforce.hpp"
#include "model/world.hpp"
#include "brent_place.hpp"

namespace homecare::model::test {

/// One daily visit of a hand-built package.
struct Visit {
  int minute = 9 * 60;
  int duration = 30;
  bool double_handed = false;
};

/// The centroid of a ward (homes are placed there, so distances are between centroids).
inline Point centroid(std::uint16_t ward) { return brent().wards[ward].centroid; }

/// A replicate's state in Brent with nothing in it yet. Not copyable: the Setting refers to `p`.
class SmallWorld {
 public:
  explicit SmallWorld(Params params = {}, std::uint32_t seed = 11, std::uint32_t replicate = 0)
      : p(std::move(params)), s(make_setting(brent(), p, seed, replicate)), econ(initial_economy(s)) {
    ledger.open(static_cast<std::size_t>(s.months), s.place.wards.size());
  }
  SmallWorld(const SmallWorld&) = delete;
  SmallWorld& operator=(const SmallWorld&) = delete;

  Params p;
  Setting s;
  Economy econ;
  World world;
  Agenda agenda;
  Ledger ledger;

  /// A framework provider (active, serving the whole borough).
  ProviderId add_provider(double size_weight = 1.0, double price = 15.0, double wage_premium = 1.0) {
    Provider pr;
    pr.size_weight = size_weight;
    pr.price = price;
    pr.wage_premium = wage_premium;
    pr.by_ward.resize(brent().wards.size());
    const ProviderId id(static_cast<std::uint32_t>(world.providers.size()));
    pr.losing_months_left = losing_months_borne(id, s);
    world.providers.push_back(std::move(pr));
    return id;
  }

  /// The reablement team (world.reablement_team).
  ProviderId add_reablement_team() {
    const ProviderId id = add_provider(0.0, p.reablement.price_per_hour, p.workforce.wage_premium_mean);
    world.provider(id).reablement_team = true;
    world.reablement_team = id;
    return id;
  }

  /// An employed worker of `pid` living at the centroid of `ward`: guaranteed hours, trained,
  /// level 2 (paid its premium), frailty 1, years in the sector, working every day, paid what `pid` offers.
  WorkerId add_worker(ProviderId pid, std::uint16_t ward, double capacity_min_week = 3000.0, std::uint8_t days_off = 0) {
    const WorkerId id(static_cast<std::uint32_t>(world.workers.size()));
    agenda.open(CancelSlot::of(id));
    const Post post = take_post(pid, world);
    Provider& pr = world.provider(pid);
    CareWorker w;
    w.key = post.key;
    w.post = post.number;
    w.employed = true;
    w.provider = pid;
    w.lives_outside = pr.out_of_borough;  // as create_worker: a provider based outside hires there
    w.ward = ward;
    w.home = centroid(ward);
    w.days_off = days_off;
    w.capacity_min_week = capacity_min_week;
    w.zero_hours = false;
    w.trained = true;
    w.qualification = Qualification::level2;
    w.frailty = 1.0;
    w.sector_start_day = -3650.0;
    w.hired_day = -1000.0;
    w.wage = econ.wages.offered_wage(pr) + pay_premium(w.qualification, p.workforce);
    start_quit_clock(w, s);
    world.workers.push_back(std::move(w));
    pr.workers.push_back(id);
    pr.by_ward[ward].push_back(id);
    ++pr.roster_version;
    ++world.employed;
    return id;
  }

  /// A user in `ward` with these daily visits, still being assessed (not queued, not placed).
  UserId add_user(std::uint16_t ward, const std::vector<Visit>& visits = {Visit{}}, Route route = Route::long_term) {
    const UserId id(static_cast<std::uint32_t>(world.users.size()));
    agenda.open(CancelSlot::of(id));
    ServiceUser u;
    u.key = UserKey::initial(id.value);
    kernel::RandomStream clocks(s.keys(rng_new_user, StreamAgent::user(u.key), 3));
    for (double& c : u.exit_clock) c = kernel::exponential(clocks, 1.0);
    u.ward = ward;
    u.home = centroid(ward);
    u.route = route;
    double minutes = 0;
    for (const Visit& v : visits) {
      VisitSlot sl;
      sl.minute = static_cast<std::uint16_t>(v.minute);
      sl.duration = static_cast<std::uint16_t>(v.duration);
      sl.double_handed = v.double_handed;
      u.double_handed = u.double_handed || v.double_handed;
      u.slots.push_back(sl);
      minutes += v.duration;
    }
    u.weekly_hours = minutes * 7.0 / 60.0;
    world.users.push_back(std::move(u));
    world.live_users.push_back(id);
    return id;
  }

  /// `u` waits for a provider from day `since`, at the back of the brokerage queue.
  void enqueue(UserId u, double since = 0.0) {
    world.user(u).state = UserState::waiting;
    world.user(u).waiting_since = since;
    world.waiting.push_back(u);
  }

  /// `u`'s package is active with `pid` (nothing rostered).
  void place(UserId u, ProviderId pid) {
    ServiceUser& su = world.user(u);
    su.state = UserState::active;
    su.provider = pid;
    su.ever_placed = true;
    world.provider(pid).users.push_back(u);
  }

  /// Every pending event, in the order the simulator would process them (the agenda is emptied
  /// and its clock moved to the end).
  std::vector<kernel::Simulator<Payload>::Event> drain() {
    std::vector<kernel::Simulator<Payload>::Event> out;
    agenda.sim.run_until(kernel::Minutes{1e15}, [&out](const kernel::Simulator<Payload>::Event& e) { out.push_back(e); });
    return out;
  }

  /// Moves the agenda's clock to the start of day `day`, dropping any event before it.
  void advance_to_day(double day) {
    agenda.sim.run_until(kernel::days(day), [](const kernel::Simulator<Payload>::Event&) {});
  }

  /// Day index of a date in this replicate.
  [[nodiscard]] std::int64_t day_of(kernel::Date d) const {
    return kernel::to_day_number(d) - kernel::to_day_number(p.run.start);
  }
};

/// Whether the container `v` holds `x`.
template <class Container, class T>
bool contains(const Container& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace homecare::model::test
