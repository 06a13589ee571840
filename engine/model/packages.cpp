// Releasing and handing back packages.
#include "model/packages.hpp"

#include <algorithm>

#include "model/roster.hpp"

namespace homecare::model {

double package_minutes(const ServiceUser& u, const Setting& s) {
  double need = 0;
  for (const auto& sl : u.slots) need += 7.0 * (sl.duration + s.allowance) * (sl.double_handed ? 2 : 1);
  return need;
}

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
  u.awarded_min = 0;    // and so did its place in an award
  u.emergency = false;
}

void hand_back(UserId uid, std::int64_t day, const Setting& s, World& world) {
  release_package(uid, s, world);
  ServiceUser& u = world.user(uid);
  u.state = UserState::waiting;
  u.waiting_since = static_cast<double>(day);
  world.waiting.push_front(uid);
}

}  // namespace homecare::model
