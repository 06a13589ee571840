// The place a scenario simulates, as its borough pack describes it (boroughs/<name>/): wards with
// their people, localities, event venues, the calibration year, and the dated tables (wage
// floors, cost lines) that hold there. Plain data, read by every mechanism; made by the pack
// loader (scenario/pack.cpp) and never changed during a run. Nothing here names a borough: the
// packs do.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "kernel/calendar.hpp"
#include "kernel/random.hpp"

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

/// A closed ring of a ward's boundary (first point repeated last), clockwise, and a polygon: its
/// outer ring then any holes (each hole clockwise too, so that every ring reads as an area).
using Ring = std::vector<Point>;
using Polygon = std::vector<Ring>;

struct Ward {
  std::string code;      // ONS code
  std::string name;
  std::string locality;
  Point centroid;        // British National Grid, metres
  double area_ha = 0;
  /// Population by column of the pack's ward table (Place::population_columns), in that order.
  std::vector<double> population;
  /// The ward's boundary: one or more polygons; empty when the pack has no boundaries.
  std::vector<Polygon> boundary;
  Point box_min, box_max;    // the boundary's bounding box (when it has one)
  std::string boundary_wkt;  // as the pack writes it (for the results file's maps)
};

/// A run of days with extra events at a venue (e.g. a club playing its home games there).
struct EventWindow {
  kernel::Date from;
  kernel::Date to;
  double events = 0;
};

/// A venue whose major events slow traffic in nearby wards.
struct Venue {
  std::string name;
  Point at;
  double events_per_year = 0;  // the pack's figure: default of travel.event_days_per_year
  std::optional<double> radius_km;  // the first venue's: default of travel.event_radius_km
  int summer_month = 6;        // a share of the events falls in a summer season: its first day,
  int summer_day = 1;
  int summer_days = 122;       // its length,
  double summer_share = 0.5;   // and the share
  std::vector<EventWindow> extra;
};

/// A dated table: rows in date order, each holding from its date until the next row's. Values
/// by column (NaN where a row does not give one).
struct DatedTable {
  std::string name;
  std::string file;  // where it was read from, for messages
  std::string unit;
  std::vector<std::string> columns;
  std::vector<kernel::Date> from;
  std::vector<std::vector<double>> values;  // per row, per column
  kernel::Date valid_until;                  // the last day the table is known to hold
  /// Index of `column`; throws ModelError if the table has no such column.
  [[nodiscard]] std::size_t column(const std::string& column) const;
  /// The value in force on `d` (the last row dated on or before `d`; before the first row, the
  /// first row's). NaN when that row does not give the column.
  [[nodiscard]] double at(kernel::Date d, std::size_t col) const;
};

/// The national tables (boroughs/tables/): wage floors, the Homecare Association's costing and
/// care workers' outside options.
struct Tables {
  DatedTable national_living_wage;  // column "adult" (and age bands)
  DatedTable london_living_wage;    // dated by announcement; column "rate"
  DatedTable uk_real_living_wage;   // dated by announcement; column "rate"
  DatedTable minimum_price;         // column "price"
  DatedTable cost_lines;            // contact_wage, travel_time, ni_pension, other_oncosts, mileage, ...
  /// Outside options (boroughs/tables/outside_options.yaml), for the labour market; no mechanism reads
  /// them yet.
  DatedTable outside_options_london;     // retail, nhs_band2, care_elsewhere (GBP per hour)
  DatedTable international_recruitment;  // share_of_starters (England)
  std::string hash;                 // SHA-256 of the tables' files, hex
};

/// Precomputed relations between wards.
struct WardGraph {
  std::vector<std::vector<std::uint16_t>> by_distance;  // per ward: all wards, nearest first (itself first)
  std::vector<std::vector<std::uint16_t>> adjacent;     // neighbours (contiguity)
};

/// The living wage a pack's living-wage policy pays towards (pack.yaml `living_wage`).
enum class LivingWageTable : std::uint8_t { london_living_wage, uk_real_living_wage };
/// The outside options a pack's care workers compare their pay with (pack.yaml `outside_options`).
enum class OutsideOptionsTable : std::uint8_t { outside_options_london };
/// The names the pack and the results file use for them.
[[nodiscard]] std::string_view table_name(LivingWageTable t);
[[nodiscard]] std::string_view table_name(OutsideOptionsTable t);

struct Place {
  std::string name;           // the pack's folder name, e.g. as a scenario's `borough:` gives it
  std::string display_name;   // as it reads in a sentence
  std::string ons_code;
  LivingWageTable living_wage_table = LivingWageTable::london_living_wage;  // the living wage its policy pays towards
  /// The outside-options table its care workers' pay is compared with (the pack's `outside_options`).
  OutsideOptionsTable outside_options_table = OutsideOptionsTable::outside_options_london;
  std::array<double, 4> bounding_box{};  // east_min, north_min, east_max, north_max
  std::vector<Ward> wards;
  std::vector<std::string> localities;
  /// The GP localities patches may follow (pack.yaml `gp_localities`): names, and per ward the
  /// index of its GP locality. Empty when the pack states none (the `locality` column is used).
  std::vector<std::string> gp_localities;
  std::vector<int> ward_gp_locality;
  /// The primary care networks (pack.yaml `primary_care_networks`): names, in the pack's order, and
  /// per ward the index of its network. Empty when the pack knows none.
  std::vector<std::string> networks;
  std::vector<int> ward_network;
  std::vector<std::string> population_columns;  // pop_<band>_<year>
  /// Referrals: the 65+ and 85+ populations of each ward on `demand_anchor`, growing from there.
  std::vector<double> demand_pop65;
  std::vector<double> demand_pop85;
  kernel::Date demand_anchor;
  /// Care workers' homes are spread over the wards by these weights.
  std::vector<double> worker_home_weights;
  std::vector<Venue> venues;
  kernel::Date calibration_from;  // the calibration year, first and last day
  kernel::Date calibration_to;
  kernel::Date agency_census;     // the day the share of workers who changed agency is counted
  int patches_max = 0;            // most patches the wards may form
  bool has_boundaries = false;
  WardGraph graph;
  Tables tables;
  std::string hash;               // SHA-256 of the pack's files, hex
  /// The pack's files (name relative to the pack, text), for the results file.
  std::vector<std::pair<std::string, std::string>> files;

  /// Whether `d` falls in the calibration period.
  [[nodiscard]] bool in_calibration_period(kernel::Date d) const { return !(d < calibration_from) && !(calibration_to < d); }
  /// Index of the ward named `name`, or -1.
  [[nodiscard]] int ward_index(const std::string& name) const;
  /// The living wage the living-wage policy pays towards (London or UK Real), by announcement.
  [[nodiscard]] const DatedTable& living_wage() const {
    return living_wage_table == LivingWageTable::london_living_wage ? tables.london_living_wage : tables.uk_real_living_wage;
  }
  /// The outside options of its care workers (GBP per hour): the table outside_options_table names.
  [[nodiscard]] const DatedTable& outside_options() const { return tables.outside_options_london; }
};

/// Builds the ward graph: wards by distance between centroids, and contiguity (the Gabriel graph
/// of the centroids). Call once the wards are set.
[[nodiscard]] WardGraph build_ward_graph(const std::vector<Ward>& wards);

/// A home placed uniformly at random in the ward. Where the place has ward boundaries: uniformly
/// inside the ward's polygons, by rejection from their bounding box (two uniforms per try, east
/// then north; Boost.Geometry's point-in-polygon), the centroid if 10,000 tries all miss (a
/// degenerate boundary the loader would have refused). Without boundaries: uniformly in a disc of
/// the ward's area around its centroid (two uniforms, radius first).
[[nodiscard]] Point random_point_in_ward(const Place& place, std::uint16_t ward, kernel::RandomStream& s);

}  // namespace homecare::model
