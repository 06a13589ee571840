// The random streams of the model: every purpose a draw can serve, and the identity its stream is
// keyed by. A stream is (seed, replicate, purpose, agent, sub) (kernel/random.hpp). Common random
// numbers: replicate i of two variants gets the same draws for the same (purpose, agent, sub), so
// every agent is a stable identity -- a person by where and when they came, a post by its provider,
// number and occupant, a provider, a ward, a day or a month -- never a running count that a policy
// could shift (then one changed event would shift every later draw of its kind).
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "kernel/random.hpp"
#include "model/ids.hpp"

namespace homecare::model {

/// A service user's identity for random streams, fixed by how they came: the day-0 package's
/// rank, a referral's day, ward stream and rank among that day's referrals there, or (a package
/// after reablement) the identity of the episode it follows.
class UserKey {
 public:
  UserKey() = default;
  [[nodiscard]] static UserKey initial(std::uint64_t rank);
  [[nodiscard]] static UserKey referral(std::int64_t day, std::uint32_t ward_stream, std::uint64_t rank);
  [[nodiscard]] static UserKey follow_on(UserKey episode);
  [[nodiscard]] std::uint64_t value() const { return value_; }
  friend bool operator==(UserKey, UserKey) = default;

 private:
  explicit UserKey(std::uint64_t v) : value_(v) {}
  std::uint64_t value_ = 0;
};

/// A care worker's identity for random streams: the post they were first employed in (provider,
/// post number, how many had held it before). A worker keeps it when they move provider.
class WorkerKey {
 public:
  WorkerKey() = default;
  [[nodiscard]] static WorkerKey post(ProviderId provider, std::uint32_t post, std::uint32_t occupant);
  [[nodiscard]] std::uint64_t value() const { return value_; }
  friend bool operator==(WorkerKey, WorkerKey) = default;

 private:
  explicit WorkerKey(std::uint64_t v) : value_(v) {}
  std::uint64_t value_ = 0;
};

/// What a stream is keyed by: only these, never a bare number.
class StreamAgent {
 public:
  enum class Kind : std::uint8_t { none, provider, ward_stream, year, month, user, worker, vacancy };
  [[nodiscard]] static StreamAgent none() { return {Kind::none, 0}; }
  [[nodiscard]] static StreamAgent provider(ProviderId p) { return {Kind::provider, p.value}; }
  /// A ward's referrals: ward * 2 + (1 for reablement).
  [[nodiscard]] static StreamAgent ward_stream(std::uint16_t ward, bool reablement) {
    return {Kind::ward_stream, std::uint64_t{ward} * 2 + (reablement ? 1 : 0)};
  }
  [[nodiscard]] static StreamAgent year(int y) { return {Kind::year, static_cast<std::uint64_t>(y)}; }
  [[nodiscard]] static StreamAgent month(int m) { return {Kind::month, static_cast<std::uint64_t>(m)}; }
  [[nodiscard]] static StreamAgent user(UserKey k) { return {Kind::user, k.value()}; }
  [[nodiscard]] static StreamAgent worker(WorkerKey k) { return {Kind::worker, k.value()}; }
  /// A provider's vacancy: the place in its establishment it is to fill.
  [[nodiscard]] static StreamAgent vacancy(ProviderId p, std::uint32_t place);
  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] std::uint64_t id() const { return id_; }

 private:
  StreamAgent(Kind k, std::uint64_t id) : kind_(k), id_(id) {}
  Kind kind_;
  std::uint64_t id_;
};

/// Purposes of random streams, part of every stream's key, with what each is keyed by (the
/// registry below says the agent's kind; the sub is documented here). Never renumber: results
/// would change.
enum Purpose : std::uint32_t {
  rng_setup_provider = 1,  // provider; sub 0                                      setup.cpp
  rng_setup_worker = 2,    // worker (a day-0 post); sub 0: experience, tenure      setup.cpp
  rng_setup_user = 3,      // user (a day-0 package); sub 0: ward, provider, start  setup.cpp
  rng_referral = 4,        // ward stream; sub day: how many referrals               demand.cpp
  rng_new_user = 5,        // user; sub 0: needs and visit plan; 1: where a reablement episode
                           // leads; 2: route, arrival, assessment delay; 3: exit clocks  demand.cpp, needs.cpp
  rng_user_month = 6,      // user; sub month: hospital, reviews, PA quits;
                           // sub month + 100000: complaints                       needs.cpp, experience.cpp
  rng_worker_month = 7,    // worker; sub the day their job began + 1000000: the job's quit clock  workforce.cpp
  rng_absence = 8,         // worker; sub 0: the first absence; from day + 1: the next;
                           // day + 1000000: an absence's length                   workforce.cpp
  rng_visit = 9,           // user; sub day * 8 + slot: a visit's overrun           delivery.cpp
  rng_hire = 10,           // vacancy; sub day: time to fill                         workforce.cpp
  rng_leaver = 11,         // worker; sub the day their job began + 1000000: where a leaver goes  workforce.cpp
  rng_event_days = 12,     // year; sub 0; (year 0, sub 2017): the extra events      setup.cpp
  rng_provider_month = 13, // retired (exits draw once, from rng_provider_exit): kept so no number is reused
  rng_brokerage = 14,      // user; sub day: whom a waiting package is offered to   brokerage.cpp
  rng_switch = 15,         // worker; sub 0: transfer at re-procurement              procurement.cpp
  rng_entry = 16,          // month; sub 0: new providers                            procurement.cpp
  rng_hospital = 17,       // user; sub day: length of a stay                        needs.cpp
  rng_pa = 18,             // user; sub day: time to replace a personal assistant   needs.cpp
  rng_new_worker = 19,     // worker (a post filled by a hire); sub 0: who is hired workforce.cpp
  rng_setup_stock = 20,    // none; sub 0: reablement episodes in progress on day 0  setup.cpp
  rng_exit_move = 21,      // worker; sub the day their job began + 1000000: a closing provider's
                           // worker moves or leaves                                provider_finance.cpp
  rng_provider_exit = 22,  // provider; sub 0: how many losing months it bears    setup.cpp, procurement.cpp
  rng_worker_terms = 23,   // worker; sub 0: whether benefit rules limit their hours  workforce.cpp
                           // sub 1: Care Certificate and level 3 held on hiring     training.cpp
  rng_purposes             // one past the last
};

/// The agent kind each purpose is keyed by (index: the purpose).
inline constexpr std::array<StreamAgent::Kind, rng_purposes> purpose_agent = [] {
  using K = StreamAgent::Kind;
  std::array<K, rng_purposes> a{};
  a[0] = K::none;  // not a purpose
  a[rng_setup_provider] = K::provider;
  a[rng_setup_worker] = K::worker;
  a[rng_setup_user] = K::user;
  a[rng_referral] = K::ward_stream;
  a[rng_new_user] = K::user;
  a[rng_user_month] = K::user;
  a[rng_worker_month] = K::worker;
  a[rng_absence] = K::worker;
  a[rng_visit] = K::user;
  a[rng_hire] = K::vacancy;
  a[rng_leaver] = K::worker;
  a[rng_event_days] = K::year;
  a[rng_provider_month] = K::provider;
  a[rng_brokerage] = K::user;
  a[rng_switch] = K::worker;
  a[rng_entry] = K::month;
  a[rng_hospital] = K::user;
  a[rng_pa] = K::user;
  a[rng_new_worker] = K::worker;
  a[rng_setup_stock] = K::none;
  a[rng_exit_move] = K::worker;
  a[rng_provider_exit] = K::provider;
  a[rng_worker_terms] = K::worker;
  return a;
}();

/// Keys of one replicate's streams.
struct StreamKeys {
  std::uint32_t seed = 0;
  std::uint32_t replicate = 0;
  /// The stream for `purpose` and `agent`. A checked build (HOMECARE_CHECKED) throws
  /// std::logic_error when the agent is not of the kind the purpose is registered with.
  [[nodiscard]] kernel::StreamKey operator()(Purpose purpose, StreamAgent agent, std::uint32_t sub = 0) const {
#ifdef HOMECARE_CHECKED
    if (purpose <= 0 || purpose >= rng_purposes || purpose_agent[purpose] != agent.kind())
      throw std::logic_error("random stream purpose " + std::to_string(purpose) + " keyed by the wrong kind of agent");
#endif
    return {seed, replicate, purpose, agent.id(), sub};
  }
};

}  // namespace homecare::model
