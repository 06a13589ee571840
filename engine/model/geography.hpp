// Brent's wards: the places where service users live and care workers travel between.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel/random.hpp"

namespace homecare::model {

struct Ward {
  std::string name;
  std::string ons_code;
  double easting = 0;   // British National Grid, metres (ward centroid)
  double northing = 0;
  double area_ha = 0;
  double pop_2016 = 0;
  double pop65_2017 = 0;
  double pop65_2019 = 0;
  double pop85 = 0;
  std::string locality;
};

/// The 21 wards of Brent (2002-2022 boundaries), from the data file compiled into the binary
/// (engine/model/data/brent_wards.csv; sources in its header and in docs/MODEL.md).
[[nodiscard]] const std::vector<Ward>& brent_wards();

/// Parses the ward CSV format (exposed for tests). Throws ModelError on malformed data.
[[nodiscard]] std::vector<Ward> parse_wards_csv(const std::string& text);

}  // namespace homecare::model

namespace homecare::model {

/// A place in British National Grid metres.
struct Point {
  double x = 0;
  double y = 0;
};

[[nodiscard]] inline double distance_m(Point a, Point b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  return __builtin_sqrt(dx * dx + dy * dy);
}

/// Wembley Stadium (BRENT.md).
inline constexpr Point wembley_stadium{519367.0, 185526.0};

/// Precomputed relations between wards. Thread-safety: immutable after construction.
struct WardGraph {
  std::vector<std::vector<std::uint16_t>> by_distance;  // per ward: all wards, nearest first (itself first)
  std::vector<std::vector<std::uint16_t>> adjacent;     // Gabriel graph of centroids (contiguity)
};
[[nodiscard]] const WardGraph& ward_graph();

/// A home placed uniformly at random in a disc of the ward's area around its centroid (no
/// boundary files are used). Draws two uniforms from `s`, radius first.
[[nodiscard]] Point random_point_in_ward(std::uint16_t ward, kernel::RandomStream& s);

}  // namespace homecare::model
