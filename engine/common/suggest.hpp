// "Did you mean": the closest known name to a misspelt key, option, command or choice, and the
// one way every message of homecare offers it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace homecare {

/// Levenshtein distance (insertions, deletions, substitutions; all cost 1).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if near enough to be a plausible typo (distance at most a
/// third of the word's length, and at least 2 allowed), ties broken by list order.
[[nodiscard]] std::optional<std::string> closest(std::string_view word,
                                                 std::span<const std::string> candidates);

/// `problem` followed by "; did you mean 'x'?" when a candidate is a plausible typo of `word`,
/// else by `otherwise` (for example " (known keys here: a, b)"; empty for nothing).
[[nodiscard]] std::string with_suggestion(std::string problem, std::string_view word,
                                          std::span<const std::string> candidates,
                                          std::string_view otherwise = "");

/// The candidates as "a, b, c" (for "known keys here: ...").
[[nodiscard]] std::string comma_list(std::span<const std::string> candidates, std::string_view separator = ", ");

}  // namespace homecare
