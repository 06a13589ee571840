// "Did you mean": the closest known name to a misspelt key.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace homecare::scenario {

/// Levenshtein distance (insertions, deletions, substitutions; all cost 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);
/// The candidate nearest to `word`, if near enough to be a plausible typo (distance at most a
/// third of the word's length, and at least 2 allowed), ties broken by list order.
[[nodiscard]] std::optional<std::string> closest(std::string_view word,
                                                 std::span<const std::string> candidates);

}  // namespace homecare::scenario
