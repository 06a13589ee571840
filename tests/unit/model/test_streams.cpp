// Stream identities (streams.hpp): distinct things get distinct identities, the same thing the
// same, out-of-range identities are refused, and every purpose has a registered agent kind.
#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>

#include "common/error.hpp"
#include "model/streams.hpp"

namespace m = homecare::model;

TEST_CASE("streams: users' identities are distinct by day, ward stream and rank, and a follow-on is not its episode") {
  std::set<std::uint64_t> seen;
  for (std::int64_t day : {0, 1, 2000, 20000})
    for (std::uint32_t stream : {0U, 1U, 41U, 60000U})
      for (std::uint64_t rank : {0U, 1U, 127U, 65535U}) {
        const auto k = m::UserKey::referral(day, stream, rank);
        CHECK(seen.insert(k.value()).second);
        CHECK(seen.insert(m::UserKey::follow_on(k).value()).second);
        CHECK(m::UserKey::referral(day, stream, rank) == k);
      }
  for (std::uint64_t i : {0U, 1U, 5000U}) {
    CHECK(seen.insert(m::UserKey::initial(i).value()).second);
    CHECK(seen.insert(m::UserKey::follow_on(m::UserKey::initial(i)).value()).second);
  }
  for (auto v : seen) CHECK(v <= homecare::kernel::max_stream_agent);
}

TEST_CASE("streams: posts' identities are distinct by provider, post and occupant") {
  std::set<std::uint64_t> seen;
  for (std::uint32_t p : {0U, 1U, 60U, 1048575U})
    for (std::uint32_t post : {0U, 1U, 65535U})
      for (std::uint32_t occ : {0U, 1U, 65535U}) {
        const auto k = m::WorkerKey::post(m::ProviderId(p), post, occ);
        CHECK(seen.insert(k.value()).second);
        CHECK(k.value() <= homecare::kernel::max_stream_agent);
      }
}

TEST_CASE("streams: identities out of range are refused, never wrapped onto another") {
  CHECK_THROWS_AS(m::UserKey::referral(1 << 19, 0, 0), homecare::ModelError);
  CHECK_THROWS_AS(m::UserKey::referral(0, 1U << 16, 0), homecare::ModelError);
  CHECK_THROWS_AS(m::UserKey::referral(0, 0, 1U << 16), homecare::ModelError);
  CHECK_THROWS_AS(m::WorkerKey::post(m::ProviderId(1U << 20), 0, 0), homecare::ModelError);
  CHECK_THROWS_AS(m::WorkerKey::post(m::ProviderId(0), 1U << 16, 0), homecare::ModelError);
  CHECK_THROWS_AS(m::WorkerKey::post(m::ProviderId(0), 0, 1U << 16), homecare::ModelError);
  CHECK_THROWS_AS(m::UserKey::follow_on(m::UserKey::follow_on(m::UserKey::initial(1))), homecare::ModelError);
}

TEST_CASE("streams: every purpose is registered with the kind of agent it is keyed by") {
  for (std::uint32_t purpose = 1; purpose < m::rng_purposes; ++purpose) {
    INFO("purpose " << purpose);
    const auto kind = m::purpose_agent[purpose];
    // Only rng_setup_stock draws once per replicate (no agent); the rest name what they are about.
    if (purpose != m::rng_setup_stock) CHECK(kind != m::StreamAgent::Kind::none);
  }
}

#ifdef HOMECARE_CHECKED
TEST_CASE("streams: in a checked build a stream keyed by the wrong kind of agent is refused") {
  const m::StreamKeys keys{1, 2};
  CHECK_NOTHROW(keys(m::rng_brokerage, m::StreamAgent::user(m::UserKey::initial(3)), 4));
  CHECK_THROWS_AS(keys(m::rng_brokerage, m::StreamAgent::month(3), 4), std::logic_error);
  CHECK_THROWS_AS(keys(m::rng_hire, m::StreamAgent::provider(m::ProviderId(1)), 4), std::logic_error);
}
#endif
