// Parses the embedded ward table.
#include "model/geography.hpp"

#include <algorithm>
#include <cmath>
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

namespace homecare::model {

const WardGraph& ward_graph() {
  static const WardGraph g = [] {
    const auto& w = brent_wards();
    const std::size_t n = w.size();
    auto pt = [&](std::size_t i) { return Point{w[i].easting, w[i].northing}; };
    WardGraph out;
    out.by_distance.resize(n);
    out.adjacent.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto& order = out.by_distance[i];
      for (std::size_t j = 0; j < n; ++j) order.push_back(static_cast<std::uint16_t>(j));
      std::stable_sort(order.begin(), order.end(), [&](std::uint16_t a, std::uint16_t b) {
        return distance_m(pt(i), pt(a)) < distance_m(pt(i), pt(b));
      });
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j) continue;
        // Gabriel graph: i and j are neighbours when no other centroid lies inside the circle
        // whose diameter is the segment i-j.
        const Point mid{(pt(i).x + pt(j).x) / 2, (pt(i).y + pt(j).y) / 2};
        const double r = distance_m(pt(i), pt(j)) / 2;
        bool empty = true;
        for (std::size_t k = 0; k < n && empty; ++k)
          if (k != i && k != j && distance_m(mid, pt(k)) < r) empty = false;
        if (empty) out.adjacent[i].push_back(static_cast<std::uint16_t>(j));
      }
    }
    return out;
  }();
  return g;
}

Point random_point_in_ward(std::uint16_t ward, kernel::RandomStream& s) {
  const auto& w = brent_wards()[ward];
  const double radius = std::sqrt(w.area_ha * 1e4 / 3.141592653589793);
  const double r = radius * std::sqrt(s.uniform());
  const double a = 6.283185307179586 * s.uniform();
  return {w.easting + r * std::cos(a), w.northing + r * std::sin(a)};
}

}  // namespace homecare::model
