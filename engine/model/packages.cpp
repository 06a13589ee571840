// Releasing and handing back packages.
#include "model/packages.hpp"

#include <algorithm>

#include "model/roster.hpp"

namespace homecare::model {

void release_package(UserId uid, const Setting& s, World& world) {
  ServiceUser& u = world.user(uid);
  unroster_user(uid, s, world);
  Provider& pr = world.provider(u.provider);
  auto it = std::find(pr.users.begin(), pr.users.end(), uid);
  if (it != pr.users.end()) {
    *it = pr.users.back();
    pr.users.pop_back();
  }
  u.provider = ProviderId{};
  u.price_premium = 0;  // a spot premium belonged to that placement
}

void hand_back(UserId uid, std::int64_t day, const Setting& s, World& world) {
  release_package(uid, s, world);
  ServiceUser& u = world.user(uid);
  u.state = UserState::waiting;
  u.waiting_since = static_cast<double>(day);
  world.waiting.push_front(uid);
}

}  // namespace homecare::model
