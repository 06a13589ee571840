// Brent's wards: the places where service users live and care workers travel between.
#pragma once

#include <string>
#include <vector>

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
