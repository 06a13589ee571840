// The people and firms of one replicate: service users, care workers, providers, and the
// council's brokerage queue. Plain data; the mechanisms (one file each) change it.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "model/care_worker.hpp"
#include "model/ids.hpp"
#include "model/provider.hpp"
#include "model/service_user.hpp"

namespace homecare::model {

struct World {
  std::vector<ServiceUser> users;
  std::vector<CareWorker> workers;
  std::vector<Provider> providers;  // framework providers, entrants, and the reablement team
  ProviderId reablement_team;
  std::deque<UserId> waiting;     // brokerage queue, oldest first
  std::vector<UserId> live_users;  // users not yet ended (compacted monthly), for daily counts
  std::int64_t employed = 0;       // care workers employed now

  [[nodiscard]] ServiceUser& user(UserId id) { return users[id.index()]; }
  [[nodiscard]] const ServiceUser& user(UserId id) const { return users[id.index()]; }
  [[nodiscard]] CareWorker& worker(WorkerId id) { return workers[id.index()]; }
  [[nodiscard]] const CareWorker& worker(WorkerId id) const { return workers[id.index()]; }
  [[nodiscard]] Provider& provider(ProviderId id) { return providers[id.index()]; }
  [[nodiscard]] const Provider& provider(ProviderId id) const { return providers[id.index()]; }
};

}  // namespace homecare::model
