// The random streams of the model: every purpose a draw can serve, and how its stream is keyed.
// A stream is (seed, replicate, purpose, agent, sub) (kernel/random.hpp); replicate i of two
// variants gets the same draws for the same (purpose, agent, sub): common random numbers.
#pragma once

#include <cstdint>

#include "kernel/random.hpp"

namespace homecare::model {

/// Purposes of random streams: part of every stream's key. Never renumber: results would change.
/// The agent and sub of each, as the mechanisms key them:
enum Purpose : std::uint32_t {
  rng_setup_provider = 1,  // (framework provider index, 0)                       setup.cpp
  rng_setup_worker = 2,    // (provider, 0): the staff it starts with               setup.cpp
  rng_setup_user = 3,      // (0, 0): the packages running on day 0                 setup.cpp
  rng_referral = 4,        // (ward * 2 + reablement, day)                          demand.cpp
  rng_new_user = 5,        // (user, 1): where a reablement episode leads           needs.cpp
  rng_user_month = 6,      // (user, month): exits, hospital, reviews, PA quits;
                           // (user, month + 100000): complaints                    needs.cpp, experience.cpp
  rng_worker_month = 7,    // (worker, month), or (worker, 0x80000000 | movers so far) after a move,
                           // or (worker, 0x40000000 | worker) in the month of hire: quits  workforce.cpp
  rng_absence = 8,         // (worker, 0): the first absence; (worker, from day + 1): the next;
                           // (worker, day + 1000000): an absence's length            workforce.cpp
  rng_visit = 9,           // (user, day * 8 + slot): a visit's overrun             delivery.cpp
  rng_hire = 10,           // (provider, hires so far in the market)                workforce.cpp
  rng_leaver = 11,         // (worker, day): where a leaver goes                    workforce.cpp
  rng_event_days = 12,     // (year, 0); (0, 2017): the extra events of 2017/18     setup.cpp
  rng_provider_month = 13, // (provider, month): exit; (provider, 0xffff): its staff at exit  provider_finance.cpp
  rng_brokerage = 14,      // (user, day): whom a waiting package is offered to     brokerage.cpp
  rng_switch = 15,         // (0, 0): staff transfers at re-procurement             procurement.cpp
  rng_entry = 16,          // (month, 0): new providers                             procurement.cpp
  rng_hospital = 17,       // (user, day): length of a stay                         needs.cpp
  rng_pa = 18,             // (user, day): time to replace a personal assistant     needs.cpp
};

/// Keys of one replicate's streams.
struct StreamKeys {
  std::uint32_t seed = 0;
  std::uint32_t replicate = 0;
  [[nodiscard]] kernel::StreamKey operator()(std::uint32_t purpose, std::uint32_t agent, std::uint32_t sub = 0) const {
    return {seed, replicate, purpose, agent, sub};
  }
};

}  // namespace homecare::model
