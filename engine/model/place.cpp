// Lookups in a place's tables, and its ward graph.
#include "model/place.hpp"

#include <algorithm>
#include <cmath>

#include <boost/geometry/algorithms/within.hpp>
#include <boost/geometry/geometries/register/point.hpp>
#include <boost/geometry/geometries/register/ring.hpp>

#include "common/error.hpp"

// A Point and a Ring are a Boost.Geometry point and (clockwise, closed) ring as they are.
BOOST_GEOMETRY_REGISTER_POINT_2D(homecare::model::Point, double, boost::geometry::cs::cartesian, x, y)
BOOST_GEOMETRY_REGISTER_RING(homecare::model::Ring)

namespace homecare::model {

std::size_t DatedTable::column(const std::string& c) const {
  const auto it = std::find(columns.begin(), columns.end(), c);
  if (it == columns.end()) throw ModelError("table " + name + " has no column " + c);
  return static_cast<std::size_t>(it - columns.begin());
}

double DatedTable::at(kernel::Date d, std::size_t col) const {
  if (from.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::size_t row = 0;
  for (std::size_t i = 0; i < from.size(); ++i)
    if (!(d < from[i])) row = i;
  return values[row][col];
}

std::string_view table_name(LivingWageTable t) {
  return t == LivingWageTable::london_living_wage ? "london_living_wage" : "uk_real_living_wage";
}

std::string_view table_name(OutsideOptionsTable) { return "outside_options_london"; }

int Place::ward_index(const std::string& ward_name) const {
  for (std::size_t i = 0; i < wards.size(); ++i)
    if (wards[i].name == ward_name) return static_cast<int>(i);
  return -1;
}

WardGraph build_ward_graph(const std::vector<Ward>& w) {
  const std::size_t n = w.size();
  auto pt = [&](std::size_t i) { return w[i].centroid; };
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
}

namespace {

bool inside(const Ward& w, Point p) {
  for (const Polygon& poly : w.boundary) {
    if (!boost::geometry::within(p, poly.front())) continue;
    const bool in_hole = std::any_of(poly.begin() + 1, poly.end(), [&](const Ring& hole) { return boost::geometry::within(p, hole); });
    if (!in_hole) return true;
  }
  return false;
}

}  // namespace

Point random_point_in_ward(const Place& place, std::uint16_t ward, kernel::RandomStream& s) {
  const Ward& w = place.wards[ward];
  if (!w.boundary.empty()) {
    for (int attempt = 0; attempt < 10000; ++attempt) {
      const Point p{w.box_min.x + (w.box_max.x - w.box_min.x) * s.uniform(), w.box_min.y + (w.box_max.y - w.box_min.y) * s.uniform()};
      if (inside(w, p)) return p;
    }
    return w.centroid;
  }
  const double radius = std::sqrt(w.area_ha * 1e4 / 3.141592653589793);
  const double r = radius * std::sqrt(s.uniform());
  const double a = 6.283185307179586 * s.uniform();
  return {w.centroid.x + r * std::cos(a), w.centroid.y + r * std::sin(a)};
}

}  // namespace homecare::model
