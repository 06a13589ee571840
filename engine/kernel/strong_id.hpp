// Strong integer identifiers, so a WorkerId can never be passed where a UserId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace homecare::kernel {

/// An index into a contiguous vector of agents of one kind. `Tag` makes each kind a distinct type.
/// Thread-safety: a plain value type.
template <class Tag>
struct StrongId {
  using value_type = std::uint32_t;
  static constexpr value_type invalid_value = std::numeric_limits<value_type>::max();

  value_type value = invalid_value;

  constexpr StrongId() = default;
  constexpr explicit StrongId(value_type v) : value(v) {}
  [[nodiscard]] constexpr bool valid() const { return value != invalid_value; }
  [[nodiscard]] constexpr std::size_t index() const { return value; }
  friend constexpr auto operator<=>(StrongId, StrongId) = default;
};

}  // namespace homecare::kernel

template <class Tag>
struct std::hash<homecare::kernel::StrongId<Tag>> {
  std::size_t operator()(homecare::kernel::StrongId<Tag> id) const noexcept { return id.value; }
};
