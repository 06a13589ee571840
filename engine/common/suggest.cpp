// Edit distance and nearest-name suggestions for unknown keys, options, commands and choices.
#include "common/suggest.hpp"

#include <algorithm>
#include <vector>

namespace homecare {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest(std::string_view word, std::span<const std::string> candidates) {
  const std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_d = allowed + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string with_suggestion(std::string problem, std::string_view word, std::span<const std::string> candidates,
                            std::string_view otherwise) {
  if (auto near = closest(word, candidates)) return problem + "; did you mean '" + *near + "'?";
  return problem + std::string(otherwise);
}

std::string comma_list(std::span<const std::string> candidates, std::string_view separator) {
  std::string out;
  for (const auto& c : candidates) {
    if (!out.empty()) out += separator;
    out += c;
  }
  return out;
}

}  // namespace homecare
