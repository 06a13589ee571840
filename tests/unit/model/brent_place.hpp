// The Brent pack (boroughs/brent/), loaded once per test binary: the place the model's tests
// simulate, and its default parameters.
#pragma once

#include <cstddef>
#include <string>

#include "common/error.hpp"
#include "model/place.hpp"
#include "scenario/pack.hpp"

namespace homecare::model::test {

/// The Brent pack as the pack loader reads it from the source tree.
inline const scenario::Pack& brent_pack() {
  static const auto pack = scenario::load_pack(std::string(HOMECARE_SOURCE_DIR) + "/boroughs/brent");
  return *pack;
}

/// Brent as a place: its 21 wards, localities, venues and tables.
inline const Place& brent() { return *brent_pack().place; }

/// Index of `column` in Brent's ward population table (Place::population_columns).
inline std::size_t brent_population_column(const std::string& column) {
  const auto& cols = brent().population_columns;
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i] == column) return i;
  throw ModelError("the Brent pack has no population column " + column);
}

/// A ward's population in `column` of the pack's ward table (e.g. pop_65plus_2017).
inline double ward_population(const Ward& w, const std::string& column) {
  return w.population[brent_population_column(column)];
}

}  // namespace homecare::model::test
