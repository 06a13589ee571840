// Parses the embedded ward table.
#include "model/geography.hpp"

#include <sstream>

#include "common/error.hpp"

namespace homecare::model {

extern const char* const brent_wards_csv;  // generated from data/brent_wards.csv at build time

std::vector<Ward> parse_wards_csv(const std::string& text) {
  std::vector<Ward> out;
  std::istringstream in(text);
  std::string line;
  bool header_seen = false;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) { header_seen = true; continue; }
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
    if (f.size() != 13)
      throw ModelError("ward table line " + std::to_string(line_no) + ": expected 13 fields, got " +
                       std::to_string(f.size()));
    try {
      Ward w;
      w.name = f[0];
      w.ons_code = f[1];
      w.easting = std::stod(f[4]);
      w.northing = std::stod(f[5]);
      w.area_ha = std::stod(f[6]);
      w.pop_2016 = std::stod(f[7]);
      w.pop65_2019 = std::stod(f[9]);
      w.pop65_2017 = std::stod(f[10]);
      w.pop85 = std::stod(f[11]);
      w.locality = f[12];
      out.push_back(std::move(w));
    } catch (const std::exception&) {
      throw ModelError("ward table line " + std::to_string(line_no) + ": a number does not parse");
    }
  }
  return out;
}

const std::vector<Ward>& brent_wards() {
  static const std::vector<Ward> wards = parse_wards_csv(brent_wards_csv);
  return wards;
}

}  // namespace homecare::model
