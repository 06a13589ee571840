// Stable identities of users, workers and vacancies for random streams, packed into 56 bits.
#include "model/streams.hpp"

#include "common/error.hpp"

namespace homecare::model {
namespace {

// Layout of a 56-bit identity: a 4-bit kind in bits 52-55, then the kind's fields.
constexpr std::uint64_t kind_initial_user = 1;
constexpr std::uint64_t kind_referral = 2;
constexpr std::uint64_t kind_follow_on = 3;
constexpr std::uint64_t kind_post = 4;
constexpr std::uint64_t kind_vacancy = 5;
constexpr int kind_shift = 52;

void require(bool ok, const char* what) {
  if (!ok) throw ModelError(std::string("a random stream's identity is out of range: ") + what);
}

}  // namespace

UserKey UserKey::initial(std::uint64_t rank) {
  require(rank < (std::uint64_t{1} << 51), "more than 2^51 packages on day 0");
  return UserKey((kind_initial_user << kind_shift) | rank);
}

UserKey UserKey::referral(std::int64_t day, std::uint32_t ward_stream, std::uint64_t rank) {
  // day: 19 bits (about 1,400 years), ward stream: 16 bits, rank that day: 16 bits.
  require(day >= 0 && day < (std::int64_t{1} << 19), "a day beyond 2^19");
  require(ward_stream < (1U << 16), "more than 32,767 wards");
  require(rank < (1U << 16), "more than 65,535 referrals in a ward in a day");
  return UserKey((kind_referral << kind_shift) | (static_cast<std::uint64_t>(day) << 32) |
                 (std::uint64_t{ward_stream} << 16) | rank);
}

UserKey UserKey::follow_on(UserKey episode) {
  // The episode's own identity (an initial package or a referral; bit 51 says which).
  const std::uint64_t kind = episode.value_ >> kind_shift;
  require(kind == kind_initial_user || kind == kind_referral, "a package following one that is not an episode");
  const std::uint64_t flag = kind == kind_referral ? std::uint64_t{1} << 51 : 0;
  return UserKey((kind_follow_on << kind_shift) | flag | (episode.value_ & ((std::uint64_t{1} << 51) - 1)));
}

WorkerKey WorkerKey::post(ProviderId provider, std::uint32_t post, std::uint32_t occupant) {
  require(provider.value < (1U << 20), "more than 2^20 providers");
  require(post < (1U << 16), "more than 65,535 posts at a provider");
  require(occupant < (1U << 16), "more than 65,535 occupants of one post");
  return WorkerKey((kind_post << kind_shift) | (std::uint64_t{provider.value} << 32) | (std::uint64_t{post} << 16) | occupant);
}

StreamAgent StreamAgent::vacancy(ProviderId p, std::uint32_t place) {
  require(p.value < (1U << 20), "more than 2^20 providers");
  require(place < (1U << 30), "more than 2^30 places at a provider");
  return {Kind::vacancy, (kind_vacancy << kind_shift) | (std::uint64_t{p.value} << 30) | place};
}

}  // namespace homecare::model
