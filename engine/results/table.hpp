// A small table of named columns: a schedule's steps or a ward map's wards in a results file.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace homecare::results {

/// A small table (a schedule's steps, a ward map's wards): named columns of equal length, written
/// as a 1-D compound dataset with one field per column.
struct Table {
  using Column = std::variant<std::vector<std::string>, std::vector<double>, std::vector<std::int64_t>>;
  std::vector<std::pair<std::string, Column>> columns;
  [[nodiscard]] std::size_t rows() const;
  friend bool operator==(const Table&, const Table&) = default;
};

}  // namespace homecare::results
