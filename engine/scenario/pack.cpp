// Borough packs and dated tables: read and checked (boroughs/README.md describes the files).
// Every message names the file, the line and column, and the key (YAML) or column (CSV) at fault.
#include "scenario/pack.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/io/wkt/read.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "common/sha256.hpp"
#include "common/suggest.hpp"
#include "model/metrics.hpp"
#include "model/parameter_spec.hpp"
#include "scenario/convert.hpp"
#include "scenario/document.hpp"
#include "scenario/resolved_yaml.hpp"
#include "scenario/text.hpp"

#ifndef HOMECARE_SOURCE_BOROUGHS
#define HOMECARE_SOURCE_BOROUGHS "boroughs"
#endif

namespace homecare::scenario {
namespace fs = std::filesystem;
namespace bg = boost::geometry;
using namespace detail;

namespace {

using BgPoint = bg::model::d2::point_xy<double>;
using BgPolygon = bg::model::polygon<BgPoint>;  // clockwise outer rings, closed (Boost's default)
using BgMulti = bg::model::multi_polygon<BgPolygon>;

const std::vector<std::string> tag_names = {"sourced", "estimate", "assumption"};

// ---- YAML mappings: known keys, required keys, typed values ----

/// Checks `map` is a mapping whose keys are all in `known`.
void check_keys(const std::string& file, const YAML::Node& map, const std::string& path,
                const std::vector<std::string>& known, const std::string& what = "a mapping") {
  if (!map.IsMap()) type_error(at(file, map.Mark()), path, what, map);
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node k = it->first;
    if (!k.IsScalar()) type_error(at(file, k.Mark()), path, "a plain name as a key", k);
    const std::string key = k.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end())
      throw InputError(at(file, k.Mark()), join(path, key),
                       with_suggestion("unknown key", key, known, " (known keys here: " + comma_list(known) + ")"));
  }
}

YAML::Node required(const std::string& file, const YAML::Node& map, const std::string& path, const std::string& key) {
  const YAML::Node n = map[key];
  if (!n) throw InputError(at(file, map.Mark()), join(path, key), "missing required key");
  return n;
}

std::string text_of(const std::string& file, const YAML::Node& n, const std::string& key) {
  const SourceLocation where = at(file, n.Mark());
  (void)any_text(n, where, key, "a line of text");
  std::string s = utf8_scalar(n, where, key);
  if (s.empty()) throw InputError(where, key, "expected a line of text, got an empty one");
  return s;
}

double number_of(const std::string& file, const YAML::Node& n, const std::string& key, const std::string& unit,
                 double lo = -1e300, double hi = 1e300) {
  const SourceLocation where = at(file, n.Mark());
  const double v = to_real(n, where, key, unit);
  if (v < lo) throw InputError(where, key, format_real(v) + " is below the minimum " + format_real(lo));
  if (v > hi) throw InputError(where, key, format_real(v) + " is above the maximum " + format_real(hi));
  return v;
}

kernel::Date date_of(const std::string& file, const YAML::Node& n, const std::string& key) {
  return to_date(n, at(file, n.Mark()), key);
}

/// `tag:` and `source:` of a row, both required.
void check_tag_source(const std::string& file, const YAML::Node& map, const std::string& path, std::string* tag = nullptr,
                      std::string* source = nullptr) {
  const YAML::Node t = required(file, map, path, "tag");
  const std::string tv = text_of(file, t, join(path, "tag"));
  if (std::find(tag_names.begin(), tag_names.end(), tv) == tag_names.end())
    throw InputError(at(file, t.Mark()), join(path, "tag"),
                     with_suggestion("'" + printable(tv) + "' is not a tag", tv, tag_names,
                                     " (sourced, estimate or assumption)"));
  const YAML::Node s = map["source"];
  if (!s) throw InputError(at(file, map.Mark()), join(path, "source"), "missing required key (every figure names its source)");
  const std::string sv = text_of(file, s, join(path, "source"));
  if (tag) *tag = tv;
  if (source) *source = sv;
}

YAML::Node load_yaml_file(const std::string& path, const SourceLocation& referrer, const std::string& key) {
  const std::string text = read_file_checked(path, referrer, key, "pack");
  YAML::Node root = parse_yaml(path, text);
  if (!root.IsMap())
    throw InputError(at(path, root.Mark()), "", "expected a mapping of keys to values, got " + describe_node(root));
  return root;
}

// ---- Dated tables ----

model::DatedTable read_table(const std::string& file, const YAML::Node& root, const std::string& name,
                             const std::vector<std::string>& required_columns) {
  const YAML::Node t = required(file, root, "", name);
  check_keys(file, t, name, {"description", "unit", "dated_by", "valid_until", "columns", "column_notes", "rows", "notes"});
  model::DatedTable out;
  out.name = name;
  out.file = file;
  (void)text_of(file, required(file, t, name, "description"), name + ".description");
  out.unit = text_of(file, required(file, t, name, "unit"), name + ".unit");
  (void)text_of(file, required(file, t, name, "dated_by"), name + ".dated_by");
  for (const char* prose : {"column_notes", "notes"})
    if (t[prose]) (void)text_of(file, t[prose], name + "." + prose);
  out.valid_until = date_of(file, required(file, t, name, "valid_until"), name + ".valid_until");
  const YAML::Node cols = required(file, t, name, "columns");
  if (!cols.IsSequence() || cols.size() == 0) type_error(at(file, cols.Mark()), name + ".columns", "a list of column names", cols);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const std::string c = text_of(file, cols[i], name + ".columns[" + std::to_string(i) + "]");
    if (std::find(out.columns.begin(), out.columns.end(), c) != out.columns.end())
      throw InputError(at(file, cols[i].Mark()), name + ".columns[" + std::to_string(i) + "]", "column '" + c + "' is listed twice");
    out.columns.push_back(c);
  }
  for (const auto& c : required_columns)
    if (std::find(out.columns.begin(), out.columns.end(), c) == out.columns.end())
      throw InputError(at(file, cols.Mark()), name + ".columns", "the table needs a column '" + c + "'");
  const YAML::Node rows = required(file, t, name, "rows");
  if (!rows.IsSequence() || rows.size() == 0) type_error(at(file, rows.Mark()), name + ".rows", "a list of rows", rows);
  std::vector<std::string> known = {"from", "tag", "source", "announced", "payable_by", "note"};
  known.insert(known.end(), out.columns.begin(), out.columns.end());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string path = name + ".rows[" + std::to_string(r) + "]";
    const YAML::Node row = rows[r];
    check_keys(file, row, path, known, "a row (a mapping)");
    const kernel::Date from = date_of(file, required(file, row, path, "from"), path + ".from");
    if (!out.from.empty() && !(out.from.back() < from))
      throw InputError(at(file, row["from"].Mark()), path + ".from",
                       kernel::to_iso(from) + " is not after the previous row's " + kernel::to_iso(out.from.back()) +
                           " (rows must be in date order)");
    check_tag_source(file, row, path);
    for (const char* d : {"announced", "payable_by"})
      if (row[d]) (void)date_of(file, row[d], path + "." + d);
    if (row["note"]) (void)text_of(file, row["note"], path + ".note");
    std::vector<double> values(out.columns.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t c = 0; c < out.columns.size(); ++c) {
      const YAML::Node v = row[out.columns[c]];
      if (v) values[c] = number_of(file, v, path + "." + out.columns[c], out.unit, 0.0);
      else if (std::find(required_columns.begin(), required_columns.end(), out.columns[c]) != required_columns.end())
        throw InputError(at(file, row.Mark()), path + "." + out.columns[c], "missing required key");
    }
    out.from.push_back(from);
    out.values.push_back(std::move(values));
  }
  if (out.valid_until < out.from.back())
    throw InputError(at(file, t["valid_until"].Mark()), name + ".valid_until",
                     kernel::to_iso(out.valid_until) + " is before the last row's date " + kernel::to_iso(out.from.back()));
  return out;
}

struct LoadedTables {
  model::Tables tables;
  std::vector<std::pair<std::string, std::string>> files;  // name, text
};

LoadedTables load_tables(const std::string& dir, const SourceLocation& referrer, const std::string& key) {
  LoadedTables out;
  const std::string wages = (fs::path(dir) / "wage_floors.yaml").string();
  const std::string costs = (fs::path(dir) / "homecare_costs.yaml").string();
  const YAML::Node w = load_yaml_file(wages, referrer, key);
  check_keys(wages, w, "", {"national_living_wage", "london_living_wage", "uk_real_living_wage"});
  out.tables.national_living_wage = read_table(wages, w, "national_living_wage", {"adult"});
  out.tables.london_living_wage = read_table(wages, w, "london_living_wage", {"rate"});
  out.tables.uk_real_living_wage = read_table(wages, w, "uk_real_living_wage", {"rate"});
  for (auto* t : {&out.tables.london_living_wage, &out.tables.uk_real_living_wage})
    if (t->columns.front() != "rate")
      throw InputError(at(wages, w[t->name]["columns"].Mark()), t->name + ".columns", "the first column must be 'rate'");
  if (out.tables.national_living_wage.columns.front() != "adult")
    throw InputError(at(wages, w["national_living_wage"]["columns"].Mark()), "national_living_wage.columns",
                     "the first column must be 'adult'");
  const YAML::Node c = load_yaml_file(costs, referrer, key);
  check_keys(costs, c, "", {"minimum_price", "cost_lines"});
  out.tables.minimum_price = read_table(costs, c, "minimum_price", {"price"});
  static const std::vector<std::string> lines = {"contact_wage", "travel_time", "ni_pension", "other_oncosts",
                                                 "mileage",      "running_business", "profit"};
  std::vector<std::string> cost_columns = lines;
  cost_columns.push_back("travel_minutes_per_contact_hour");
  out.tables.cost_lines = read_table(costs, c, "cost_lines", cost_columns);
  // The lines of a year add up to that year's minimum price.
  const auto& cl = out.tables.cost_lines;
  const auto& mp = out.tables.minimum_price;
  for (std::size_t r = 0; r < cl.from.size(); ++r) {
    double sum = 0;
    for (const auto& l : lines) sum += cl.values[r][cl.column(l)];
    const double price = mp.at(cl.from[r], mp.column("price"));
    if (std::fabs(sum - price) > 0.02 + 1e-9)
      throw InputError(at(costs, c["cost_lines"]["rows"][r].Mark()), "cost_lines.rows[" + std::to_string(r) + "]",
                       "the lines add up to " + format_real(std::round(sum * 100) / 100) + ", not to the minimum price " +
                           format_real(price) + " in force on " + kernel::to_iso(cl.from[r]) + " (within 0.02)");
  }
  // Outside options (for the labour market): hourly pay by column, and a share of starters.
  const std::string outside = (fs::path(dir) / "outside_options.yaml").string();
  const YAML::Node o = load_yaml_file(outside, referrer, key);
  check_keys(outside, o, "", {"outside_options_london", "international_recruitment"});
  out.tables.outside_options_london =
      read_table(outside, o, "outside_options_london", {"retail", "nhs_band2", "care_elsewhere"});
  out.tables.international_recruitment = read_table(outside, o, "international_recruitment", {"share_of_starters"});
  {
    const auto& ir = out.tables.international_recruitment;
    const std::size_t col = ir.column("share_of_starters");
    for (std::size_t r = 0; r < ir.from.size(); ++r)
      if (ir.values[r][col] > 1.0)
        throw InputError(at(outside, o["international_recruitment"]["rows"][r]["share_of_starters"].Mark()),
                         "international_recruitment.rows[" + std::to_string(r) + "].share_of_starters",
                         format_real(ir.values[r][col]) + " is above the maximum 1.0");
  }
  std::string all;
  for (const auto& f : {wages, costs, outside}) {
    const std::string text = read_file_checked(f, referrer, key, "pack");
    out.files.emplace_back(fs::path(f).filename().string(), text);
    all += fs::path(f).filename().string() + "\n" + sha256_hex(text) + "\n";
  }
  out.tables.hash = sha256_hex(all);
  return out;
}

// ---- CSV ----

struct CsvCell {
  std::string text;
  int line = 0;
  int column = 0;
};

/// Rows of a comma-separated file: `#` lines and blank lines skipped; the first row is the header.
std::vector<std::vector<CsvCell>> read_csv(const std::string& file, const std::string& text) {
  std::vector<std::vector<CsvCell>> rows;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line.find('"') != std::string::npos)
      throw InputError(SourceLocation{file, n, static_cast<int>(line.find('"')) + 1}, "",
                       "a quote; the ward table is plain comma-separated text without quotes (names hold no commas)");
    std::vector<CsvCell> row;
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      const std::size_t end = comma == std::string::npos ? line.size() : comma;
      std::string cell = line.substr(start, end - start);
      const auto first = cell.find_first_not_of(' ');
      const int col = static_cast<int>(start + (first == std::string::npos ? 0 : first)) + 1;
      cell = first == std::string::npos ? "" : cell.substr(first, cell.find_last_not_of(' ') - first + 1);
      row.push_back({cell, n, col});
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

double csv_number(const std::string& file, const CsvCell& c, const std::string& column, const std::string& unit) {
  double v = 0;
  const char* b = c.text.data();
  const char* e = b + c.text.size();
  auto [p, ec] = std::from_chars(b, e, v);
  const SourceLocation where{file, c.line, c.column};
  if (ec != std::errc{} || p != e || b == e || !std::isfinite(v))
    throw InputError(where, column, "expected a number (" + unit + "), got '" + printable(c.text) + "'");
  if (v < 0) throw InputError(where, column, format_real(v) + " is below the minimum 0");
  return v;
}

// ---- The pack ----

bool is_population_column(const std::string& c) {
  for (const char* band : {"pop_all_", "pop_65plus_", "pop_85plus_"})
    if (c.starts_with(band)) {
      const std::string year = c.substr(std::string(band).size());
      return year.size() == 4 && std::all_of(year.begin(), year.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    }
  return false;
}

std::vector<std::string> packs_in(const std::string& root) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root, ec))
    if (e.is_directory() && fs::exists(e.path() / "pack.yaml")) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// A file named in pack.yaml, relative to the pack's folder.
std::string pack_file(const std::string& dir, const std::string& file, const YAML::Node& n, const std::string& key) {
  const std::string name = text_of(file, n, key);
  if (fs::path(name).is_absolute())
    throw InputError(at(file, n.Mark()), key, "'" + printable(name) + "' is an absolute path; name a file in the pack's folder");
  return (fs::path(dir) / name).lexically_normal().string();
}

/// Reads the ward table into `place` (wards, population columns).
void read_wards(const std::string& file, const std::string& text, model::Place& place) {
  const auto rows = read_csv(file, text);
  if (rows.empty()) throw InputError(SourceLocation{file, 0, 0}, "", "the ward table is empty (it needs a header and a row per ward)");
  const auto& header = rows.front();
  const std::vector<std::string> needed = {"code", "name", "easting", "northing", "area_ha", "locality"};
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const CsvCell& h = header[i];
    const SourceLocation where{file, h.line, h.column};
    if (col.contains(h.text)) throw InputError(where, h.text, "column '" + printable(h.text) + "' is named twice");
    if (std::find(needed.begin(), needed.end(), h.text) == needed.end() && !is_population_column(h.text)) {
      std::vector<std::string> known = needed;
      known.push_back("pop_<all|65plus|85plus>_<year>");
      throw InputError(where, h.text,
                       with_suggestion("unknown column '" + printable(h.text) + "'", h.text, needed,
                                       " (columns: " + comma_list(known) + ")"));
    }
    col[h.text] = i;
    if (is_population_column(h.text)) place.population_columns.push_back(h.text);
  }
  for (const auto& n : needed)
    if (!col.contains(n)) throw InputError(SourceLocation{file, header.front().line, 1}, n, "the header has no column '" + n + "'");
  std::set<std::string> codes, names;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() != header.size())
      throw InputError(SourceLocation{file, row.front().line, row.back().column}, "row " + std::to_string(r),
                       std::to_string(row.size()) + " cells, but the header has " + std::to_string(header.size()));
    for (std::size_t i = 0; i < row.size(); ++i)
      if (row[i].text.empty())
        throw InputError(SourceLocation{file, row[i].line, row[i].column}, header[i].text, "an empty cell");
    model::Ward w;
    auto cell = [&](const std::string& c) -> const CsvCell& { return row[col.at(c)]; };
    w.code = cell("code").text;
    w.name = cell("name").text;
    w.locality = cell("locality").text;
    if (!codes.insert(w.code).second)
      throw InputError(SourceLocation{file, cell("code").line, cell("code").column}, "code", "ward code '" + w.code + "' is listed twice");
    if (!names.insert(w.name).second)
      throw InputError(SourceLocation{file, cell("name").line, cell("name").column}, "name", "ward name '" + w.name + "' is listed twice");
    w.centroid = {csv_number(file, cell("easting"), "easting", "metres"), csv_number(file, cell("northing"), "northing", "metres")};
    w.area_ha = csv_number(file, cell("area_ha"), "area_ha", "hectares");
    if (w.area_ha <= 0)
      throw InputError(SourceLocation{file, cell("area_ha").line, cell("area_ha").column}, "area_ha", "a ward's area must be above 0");
    for (const auto& pc : place.population_columns) w.population.push_back(csv_number(file, cell(pc), pc, "people"));
    place.wards.push_back(std::move(w));
  }
  if (place.wards.empty()) throw InputError(SourceLocation{file, 0, 0}, "", "the ward table has no wards");
  if (place.wards.size() > 4000)
    throw InputError(SourceLocation{file, 0, 0}, "", std::to_string(place.wards.size()) + " wards; a pack holds at most 4000");
}

/// Reads boundaries.wkt: `CODE<TAB>NAME<TAB>WKT` per ward.
void read_boundaries(const std::string& file, const std::string& text, model::Place& place) {
  std::istringstream in(text);
  std::string line;
  int n = 0;
  std::vector<bool> seen(place.wards.size(), false);
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto t1 = line.find('\t');
    const auto t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos)
      throw InputError(SourceLocation{file, n, 1}, "", "expected CODE<tab>NAME<tab>WKT on each line");
    const std::string code = line.substr(0, t1);
    const std::string name = line.substr(t1 + 1, t2 - t1 - 1);
    const std::string wkt = line.substr(t2 + 1);
    const SourceLocation code_at{file, n, 1};
    const SourceLocation wkt_at{file, n, static_cast<int>(t2) + 2};
    auto it = std::find_if(place.wards.begin(), place.wards.end(), [&](const model::Ward& w) { return w.code == code; });
    if (it == place.wards.end()) {
      std::vector<std::string> codes;
      for (const auto& w : place.wards) codes.push_back(w.code);
      throw InputError(code_at, "code", with_suggestion("'" + printable(code) + "' is not a ward of the ward table", code, codes));
    }
    const auto i = static_cast<std::size_t>(it - place.wards.begin());
    if (seen[i]) throw InputError(code_at, "code", "ward " + code + " has a second boundary");
    seen[i] = true;
    if (name != it->name)
      throw InputError(SourceLocation{file, n, static_cast<int>(t1) + 2}, "name",
                       "'" + printable(name) + "' but the ward table names " + code + " '" + it->name + "'");
    BgMulti multi;
    try {
      if (wkt.starts_with("POLYGON")) {
        BgPolygon poly;
        bg::read_wkt(wkt, poly);
        multi.push_back(poly);
      } else if (wkt.starts_with("MULTIPOLYGON")) {
        bg::read_wkt(wkt, multi);
      } else {
        throw InputError(wkt_at, code, "expected a WKT POLYGON or MULTIPOLYGON in British National Grid metres");
      }
    } catch (const bg::read_wkt_exception& e) {
      throw InputError(wkt_at, code, std::string("not readable WKT: ") + e.what());
    }
    // Boost.Geometry's validity and overlay checks rescale coordinates to 64-bit integers, which
    // overflows (boost::numeric::positive_overflow) on numbers no map could hold; the grid itself
    // bounds them: British National Grid's 100 km squares span 0-700 km east, 0-1300 km north.
    bg::for_each_point(multi, [&](const BgPoint& p) {
      if (!(p.x() >= 0.0 && p.x() <= 700000.0 && p.y() >= 0.0 && p.y() <= 1300000.0))
        throw InputError(wkt_at, code,
                         "the point (" + format_real(p.x()) + ", " + format_real(p.y()) +
                             ") lies outside British National Grid (0-700000 m east, 0-1300000 m north)");
    });
    it->boundary_wkt = wkt;
    bg::correct(multi);  // ring orientation and closure, as Boost.Geometry expects them
    std::string why;
    if (!bg::is_valid(multi, why)) throw InputError(wkt_at, code, "the boundary is not a valid polygon: " + why);
    const double area_ha = bg::area(multi) / 1e4;
    if (std::fabs(area_ha - it->area_ha) > 0.05 * it->area_ha)
      throw InputError(wkt_at, code,
                       "the boundary's area is " + format_real(std::round(area_ha * 10) / 10) + " ha, but the ward table says " +
                           format_real(it->area_ha) + " ha (they must agree within 5%)");
    for (const auto& poly : multi) {
      model::Polygon out;
      auto ring = [](const auto& r) {
        model::Ring o;
        for (const auto& p : r) o.push_back({p.x(), p.y()});
        return o;
      };
      out.push_back(ring(poly.outer()));
      for (const auto& inner : poly.inners()) {
        out.push_back(ring(inner));
        std::reverse(out.back().begin(), out.back().end());  // clockwise, as model::Ring is read
      }
      it->boundary.push_back(std::move(out));
    }
    bg::model::box<BgPoint> box;
    bg::envelope(multi, box);
    it->box_min = {box.min_corner().x(), box.min_corner().y()};
    it->box_max = {box.max_corner().x(), box.max_corner().y()};
  }
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i])
      throw InputError(SourceLocation{file, 0, 0}, place.wards[i].code,
                       "ward " + place.wards[i].code + " (" + place.wards[i].name + ") has no boundary; give every ward one, or none");
  place.has_boundaries = true;
}

std::vector<Target> read_targets(const std::string& file, const YAML::Node& root) {
  check_keys(file, root, "", {"targets"});
  const YAML::Node list = required(file, root, "", "targets");
  if (!list.IsSequence()) type_error(at(file, list.Mark()), "targets", "a list of targets", list);
  std::vector<std::string> metrics, monthly;
  for (const auto& m : model::summary_metrics()) metrics.push_back(m.name);
  for (const auto& m : model::monthly_metrics()) monthly.push_back(m.name);
  static const std::vector<std::string> modes = {"ratio", "inverse", "shift", "negshift", "entries", "inflow"};
  std::vector<Target> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "targets[" + std::to_string(i) + "]";
    const YAML::Node t = list[i];
    check_keys(file, t, path, {"id", "quantity", "metric", "value", "tolerance", "tag", "source", "steers", "note", "month", "known_gap"});
    Target x;
    x.id = text_of(file, required(file, t, path, "id"), path + ".id");
    for (const auto& y : out)
      if (y.id == x.id) throw InputError(at(file, t["id"].Mark()), path + ".id", "target " + x.id + " is listed twice");
    x.quantity = text_of(file, required(file, t, path, "quantity"), path + ".quantity");
    const YAML::Node m = required(file, t, path, "metric");
    x.metric = text_of(file, m, path + ".metric");
    if (const YAML::Node mo = t["month"]) {
      // A count on a day or in a month (Ealing's E2: March 2023), read from the monthly series.
      x.month = text_of(file, mo, path + ".month");
      const auto day = kernel::parse_iso_date(x.month + "-01");
      if (x.month.size() != 7 || !day)
        throw InputError(at(file, mo.Mark()), path + ".month", "'" + printable(x.month) + "' is not a month written YYYY-MM");
      if (std::find(monthly.begin(), monthly.end(), x.metric) == monthly.end())
        throw InputError(at(file, m.Mark()), path + ".metric",
                         with_suggestion("'" + printable(x.metric) + "' is not a monthly series of the results file (a target with `month` reads one)",
                                         x.metric, monthly));
    } else if (std::find(metrics.begin(), metrics.end(), x.metric) == metrics.end()) {
      throw InputError(at(file, m.Mark()), path + ".metric",
                       with_suggestion("'" + printable(x.metric) + "' is not a summary metric of the results file", x.metric, metrics));
    }
    x.value = number_of(file, required(file, t, path, "value"), path + ".value", "the metric's unit");
    const YAML::Node tol = required(file, t, path, "tolerance");
    if (!tol.IsSequence() || tol.size() != 2) type_error(at(file, tol.Mark()), path + ".tolerance", "a list [low, high]", tol);
    x.low = number_of(file, tol[0], path + ".tolerance[0]", "the metric's unit");
    x.high = number_of(file, tol[1], path + ".tolerance[1]", "the metric's unit");
    if (!(x.low <= x.value && x.value <= x.high))
      throw InputError(at(file, tol.Mark()), path + ".tolerance",
                       "the band " + format_real(x.low) + " to " + format_real(x.high) + " does not hold the target " + format_real(x.value));
    check_tag_source(file, t, path, &x.tag, &x.source);
    if (const YAML::Node s = t["steers"]) {
      check_keys(file, s, path + ".steers", {"parameter", "mode", "gain"});
      const YAML::Node p = required(file, s, path + ".steers", "parameter");
      x.parameter = text_of(file, p, path + ".steers.parameter");
      const model::ParamSpec* spec = model::find_parameter(x.parameter);
      if (!spec || (spec->type() != model::ParamType::real && spec->type() != model::ParamType::integer)) {
        std::vector<std::string> numeric;
        for (const auto& ps : model::parameter_table())
          if (ps.type() == model::ParamType::real || ps.type() == model::ParamType::integer) numeric.push_back(ps.path);
        throw InputError(at(file, p.Mark()), path + ".steers.parameter",
                         with_suggestion("'" + printable(x.parameter) + "' is not a numeric parameter", x.parameter, numeric));
      }
      x.mode = "ratio";
      if (const YAML::Node mo = s["mode"]) {
        x.mode = text_of(file, mo, path + ".steers.mode");
        if (std::find(modes.begin(), modes.end(), x.mode) == modes.end())
          throw InputError(at(file, mo.Mark()), path + ".steers.mode",
                           with_suggestion("unknown mode '" + printable(x.mode) + "'", x.mode, modes, " (" + comma_list(modes) + ")"));
      }
      x.gain = s["gain"] ? number_of(file, s["gain"], path + ".steers.gain", "ratio", 0.0, 10.0) : 0.8;
      if (!(x.gain > 0)) throw InputError(at(file, s["gain"].Mark()), path + ".steers.gain", "the gain must be above 0");
    }
    if (t["note"]) (void)text_of(file, t["note"], path + ".note");
    if (const YAML::Node g = t["known_gap"]) {
      x.known_gap = text_of(file, g, path + ".known_gap");
      if (!x.parameter.empty())
        throw InputError(at(file, g.Mark()), path + ".known_gap",
                         "a target the model is known not to reach cannot steer " + x.parameter + "; drop `steers` or `known_gap`");
    }
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

std::string boroughs_root(const std::optional<std::string>& option) {
  if (option) return *option;
  if (const char* env = std::getenv("HOMECARE_BOROUGHS"); env && *env) return env;
  return HOMECARE_SOURCE_BOROUGHS;
}

std::string pack_dir(const std::string& borough, const std::string& scenario_file, const std::string& root) {
  if (borough.find('/') != std::string::npos)
    return (fs::path(scenario_file).parent_path() / borough).lexically_normal().string();
  return (fs::path(root) / borough).string();
}

namespace {

/// Packs read before, by canonical folder: each is reused while its files read the same bytes
/// (reading them again is cheap; parsing and checking polygons is not).
struct PackCache {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const Pack>> packs;
};
PackCache& pack_cache() {
  static PackCache c;
  return c;
}

bool unchanged(const Pack& p) {
  for (const auto& [name, text] : p.place->files) {
    std::ifstream in(fs::path(p.dir) / name, std::ios::binary | std::ios::ate);
    if (!in) return false;
    const std::streamoff size = in.tellg();
    if (size < 0) return false;
    std::string now(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    if (!in.read(now.data(), size)) return false;
    if (now.starts_with("\xEF\xBB\xBF")) now.erase(0, 3);
    if (now != text) return false;
  }
  return true;
}

std::shared_ptr<const Pack> read_pack(const std::string& dir, const SourceLocation& referrer, const std::string& key);

}  // namespace

std::shared_ptr<const Pack> load_pack(const std::string& dir, const SourceLocation& referrer, const std::string& key) {
  std::error_code ec;
  const std::string canon = fs::weakly_canonical(dir, ec).string();
  PackCache& cache = pack_cache();
  {
    std::lock_guard lock(cache.mutex);
    if (auto it = cache.packs.find(canon); it != cache.packs.end() && !ec && unchanged(*it->second)) return it->second;
  }
  auto pack = read_pack(dir, referrer, key);
  std::lock_guard lock(cache.mutex);
  if (!ec) cache.packs[canon] = pack;
  return pack;
}

namespace {

std::shared_ptr<const Pack> read_pack(const std::string& dir_in, const SourceLocation& referrer, const std::string& key) {
  std::string dir = dir_in;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const std::string folder = fs::path(dir).filename().string();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    const std::string root = fs::path(dir).parent_path().string();
    const auto known = packs_in(root.empty() ? "." : root);
    const std::string problem = fs::exists(dir, ec) ? "'" + dir + "' is not a folder" : "no borough pack at '" + dir + "'";
    const std::string hint = known.empty() ? " (no packs in '" + (root.empty() ? "." : root) + "'; --boroughs DIR or $HOMECARE_BOROUGHS says where they are)"
                                           : " (packs there: " + comma_list(known) + ")";
    if (referrer.file.empty()) throw InputError(SourceLocation{dir, 0, 0}, "", with_suggestion(problem, folder, known, hint));
    throw InputError(referrer, key, with_suggestion(problem, folder, known, hint));
  }
  const std::string file = (fs::path(dir) / "pack.yaml").string();
  const YAML::Node root = load_yaml_file(file, referrer, key);
  check_keys(file, root, "",
             {"name", "display_name", "ons_code", "living_wage", "outside_options", "coordinates", "bounding_box", "wards",
              "boundaries", "localities", "gp_localities", "primary_care_networks", "population", "demand", "workers", "venues",
              "calibration", "patches", "defaults", "sources", "tables"});
  auto pack = std::make_shared<Pack>();
  pack->dir = dir;
  auto place = std::make_shared<model::Place>();
  model::Place& pl = *place;
  std::vector<std::pair<std::string, std::string>> files;  // name in the pack, text

  // Names.
  const YAML::Node name = required(file, root, "", "name");
  pl.name = text_of(file, name, "name");
  if (pl.name != folder)
    throw InputError(at(file, name.Mark()), "name", "'" + printable(pl.name) + "' is not the pack's folder name '" + folder + "'");
  pl.display_name = text_of(file, required(file, root, "", "display_name"), "display_name");
  pl.ons_code = text_of(file, required(file, root, "", "ons_code"), "ons_code");
  const YAML::Node lw = required(file, root, "", "living_wage");
  const std::string living_wage = text_of(file, lw, "living_wage");
  const std::vector<std::string> living = {std::string(model::table_name(model::LivingWageTable::london_living_wage)),
                                           std::string(model::table_name(model::LivingWageTable::uk_real_living_wage))};
  if (std::find(living.begin(), living.end(), living_wage) == living.end())
    throw InputError(at(file, lw.Mark()), "living_wage",
                     with_suggestion("'" + printable(living_wage) + "' is not a living-wage table", living_wage, living,
                                     " (london_living_wage or uk_real_living_wage)"));
  pl.living_wage_table = living_wage == living[0] ? model::LivingWageTable::london_living_wage : model::LivingWageTable::uk_real_living_wage;
  // The outside options its care workers' pay is compared with: optional, London's by default (the
  // only table so far; the shipped pack is a London borough).
  if (const YAML::Node oo = root["outside_options"]) {
    const std::string table = text_of(file, oo, "outside_options");
    const std::vector<std::string> outside = {std::string(model::table_name(model::OutsideOptionsTable::outside_options_london))};
    if (std::find(outside.begin(), outside.end(), table) == outside.end())
      throw InputError(at(file, oo.Mark()), "outside_options",
                       with_suggestion("'" + printable(table) + "' is not an outside-options table", table, outside,
                                       " (outside_options_london)"));
    pl.outside_options_table = model::OutsideOptionsTable::outside_options_london;
  }
  const YAML::Node crs = required(file, root, "", "coordinates");
  if (text_of(file, crs, "coordinates") != "british_national_grid")
    throw InputError(at(file, crs.Mark()), "coordinates", "only british_national_grid (EPSG:27700, metres) is supported");

  // Wards, localities, the bounding box.
  const std::string wards_file = pack_file(dir, file, required(file, root, "", "wards"), "wards");
  const std::string wards_text = read_file_checked(wards_file, at(file, root["wards"].Mark()), "wards", "pack");
  read_wards(wards_file, wards_text, pl);
  files.emplace_back(fs::path(wards_file).lexically_relative(dir).string(), wards_text);
  const YAML::Node locs = required(file, root, "", "localities");
  if (!locs.IsSequence() || locs.size() == 0) type_error(at(file, locs.Mark()), "localities", "a list of locality names", locs);
  for (std::size_t i = 0; i < locs.size(); ++i) pl.localities.push_back(text_of(file, locs[i], "localities[" + std::to_string(i) + "]"));
  {
    const auto rows = read_csv(wards_file, wards_text);
    std::size_t loc_col = 0;
    for (std::size_t i = 0; i < rows.front().size(); ++i)
      if (rows.front()[i].text == "locality") loc_col = i;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const CsvCell& c = rows[r][loc_col];
      if (std::find(pl.localities.begin(), pl.localities.end(), c.text) == pl.localities.end())
        throw InputError(SourceLocation{wards_file, c.line, c.column}, "locality",
                         with_suggestion("'" + printable(c.text) + "' is not one of the localities pack.yaml lists", c.text, pl.localities,
                                         " (" + comma_list(pl.localities) + ")"));
    }
  }
  const YAML::Node bb = required(file, root, "", "bounding_box");
  check_keys(file, bb, "bounding_box", {"east", "north"});
  for (int axis = 0; axis < 2; ++axis) {
    const std::string k = axis == 0 ? "east" : "north";
    const YAML::Node r = required(file, bb, "bounding_box", k);
    if (!r.IsSequence() || r.size() != 2) type_error(at(file, r.Mark()), "bounding_box." + k, "a list [min, max] in metres", r);
    pl.bounding_box[static_cast<std::size_t>(axis)] = number_of(file, r[0], "bounding_box." + k + "[0]", "metres");
    pl.bounding_box[static_cast<std::size_t>(axis) + 2] = number_of(file, r[1], "bounding_box." + k + "[1]", "metres");
    if (!(pl.bounding_box[static_cast<std::size_t>(axis)] < pl.bounding_box[static_cast<std::size_t>(axis) + 2]))
      throw InputError(at(file, r.Mark()), "bounding_box." + k, "min is not below max");
  }
  auto inside_box = [&](model::Point p) {
    return p.x >= pl.bounding_box[0] && p.x <= pl.bounding_box[2] && p.y >= pl.bounding_box[1] && p.y <= pl.bounding_box[3];
  };
  for (const auto& w : pl.wards)
    if (!inside_box(w.centroid))
      throw InputError(at(file, bb.Mark()), "bounding_box",
                       "ward " + w.code + " (" + w.name + ") lies outside the bounding box (its centroid " +
                           format_real(w.centroid.x) + ", " + format_real(w.centroid.y) + ")");

  // Boundaries (optional).
  if (const YAML::Node b = root["boundaries"]) {
    const std::string bfile = pack_file(dir, file, b, "boundaries");
    const std::string btext = read_file_checked(bfile, at(file, b.Mark()), "boundaries", "pack");
    read_boundaries(bfile, btext, pl);
    files.emplace_back(fs::path(bfile).lexically_relative(dir).string(), btext);
  }

  // GP localities (optional) and primary care networks (optional): named groups of wards, each
  // with its tag and source. A list that is not empty puts every ward in exactly one group (a
  // partition: the patches these give must cover the wards once).
  auto ward_groups = [&](const char* group_key, const char* what, std::vector<std::string>& names, std::vector<int>& ward_group) {
    const YAML::Node groups = root[group_key];
    if (!groups) return;
    if (!groups.IsSequence()) type_error(at(file, groups.Mark()), group_key, "a list", groups);
    if (groups.size() == 0) return;
    ward_group.assign(pl.wards.size(), -1);
    for (std::size_t i = 0; i < groups.size(); ++i) {
      const std::string path = std::string(group_key) + "[" + std::to_string(i) + "]";
      check_keys(file, groups[i], path, {"name", "wards", "tag", "source"});
      const YAML::Node nm = required(file, groups[i], path, "name");
      const std::string gname = text_of(file, nm, path + ".name");
      if (std::find(names.begin(), names.end(), gname) != names.end())
        throw InputError(at(file, nm.Mark()), path + ".name", std::string(what) + " '" + printable(gname) + "' is listed twice");
      names.push_back(gname);
      check_tag_source(file, groups[i], path);
      const YAML::Node ws = required(file, groups[i], path, "wards");
      if (!ws.IsSequence() || ws.size() == 0) type_error(at(file, ws.Mark()), path + ".wards", "a list of ward codes", ws);
      for (std::size_t j = 0; j < ws.size(); ++j) {
        const std::string wpath = path + ".wards[" + std::to_string(j) + "]";
        const std::string code = text_of(file, ws[j], wpath);
        const auto it = std::find_if(pl.wards.begin(), pl.wards.end(), [&](const model::Ward& w) { return w.code == code; });
        if (it == pl.wards.end()) throw InputError(at(file, ws[j].Mark()), wpath, "'" + printable(code) + "' is not a ward code of the ward table");
        int& g = ward_group[static_cast<std::size_t>(it - pl.wards.begin())];
        if (g >= 0)
          throw InputError(at(file, ws[j].Mark()), wpath,
                           "ward " + code + " (" + it->name + ") is already in " + what + " '" + names[static_cast<std::size_t>(g)] +
                               "' (each ward belongs to one; if it straddles two, pick one and say so in the source)");
        g = static_cast<int>(i);
      }
    }
    for (std::size_t w = 0; w < pl.wards.size(); ++w)
      if (ward_group[w] < 0)
        throw InputError(at(file, groups.Mark()), group_key,
                         "ward " + pl.wards[w].code + " (" + pl.wards[w].name + ") is in no " + what + " (each ward belongs to one)");
  };
  ward_groups("gp_localities", "GP locality", pl.gp_localities, pl.ward_gp_locality);
  ward_groups("primary_care_networks", "primary care network", pl.networks, pl.ward_network);

  // Population: every column sourced; the wards add up to the stated totals.
  const YAML::Node pop = required(file, root, "", "population");
  check_keys(file, pop, "population", {"columns", "totals", "tolerance"});
  const YAML::Node pcols = required(file, pop, "population", "columns");
  check_keys(file, pcols, "population.columns", pl.population_columns, "a mapping of the ward table's population columns");
  for (const auto& c : pl.population_columns) {
    const YAML::Node n = pcols[c];
    if (!n) throw InputError(at(file, pcols.Mark()), "population.columns." + c, "missing (every population column needs its tag and source)");
    check_keys(file, n, "population.columns." + c, {"tag", "source"});
    check_tag_source(file, n, "population.columns." + c);
  }
  const double tolerance = pop["tolerance"] ? number_of(file, pop["tolerance"], "population.tolerance", "share", 0.0, 0.5) : 0.001;
  if (const YAML::Node totals = pop["totals"]) {
    check_keys(file, totals, "population.totals", pl.population_columns, "a mapping of column to borough total");
    for (std::size_t c = 0; c < pl.population_columns.size(); ++c) {
      const std::string& col = pl.population_columns[c];
      if (!totals[col]) continue;
      const double total = number_of(file, totals[col], "population.totals." + col, "people", 0.0);
      double sum = 0;
      for (const auto& w : pl.wards) sum += w.population[c];
      if (std::fabs(sum - total) > tolerance * total)
        throw InputError(at(file, totals[col].Mark()), "population.totals." + col,
                         "the wards add up to " + format_real(sum) + ", not " + format_real(total) + " (tolerance " +
                             format_real(tolerance * 100) + "%)");
    }
  }
  auto column_index = [&](const YAML::Node& n, const std::string& k) {
    const std::string c = text_of(file, n, k);
    const auto it = std::find(pl.population_columns.begin(), pl.population_columns.end(), c);
    if (it == pl.population_columns.end())
      throw InputError(at(file, n.Mark()), k, with_suggestion("'" + printable(c) + "' is not a population column of the ward table", c,
                                                              pl.population_columns));
    return static_cast<std::size_t>(it - pl.population_columns.begin());
  };
  const YAML::Node demand = required(file, root, "", "demand");
  check_keys(file, demand, "demand", {"anchor", "pop65", "pop85"});
  pl.demand_anchor = date_of(file, required(file, demand, "demand", "anchor"), "demand.anchor");
  const std::size_t c65 = column_index(required(file, demand, "demand", "pop65"), "demand.pop65");
  const std::size_t c85 = column_index(required(file, demand, "demand", "pop85"), "demand.pop85");
  const YAML::Node workers = required(file, root, "", "workers");
  check_keys(file, workers, "workers", {"homes_by"});
  const std::size_t chome = column_index(required(file, workers, "workers", "homes_by"), "workers.homes_by");
  for (const auto& w : pl.wards) {
    pl.demand_pop65.push_back(w.population[c65]);
    pl.demand_pop85.push_back(w.population[c85]);
    pl.worker_home_weights.push_back(w.population[chome]);
  }

  // Venues.
  if (const YAML::Node venues = root["venues"]) {
    if (!venues.IsSequence()) type_error(at(file, venues.Mark()), "venues", "a list of venues", venues);
    for (std::size_t i = 0; i < venues.size(); ++i) {
      const std::string path = "venues[" + std::to_string(i) + "]";
      const YAML::Node v = venues[i];
      check_keys(file, v, path, {"name", "easting", "northing", "events_per_year", "radius_km", "summer", "extra", "tag", "source"});
      model::Venue venue;
      venue.name = text_of(file, required(file, v, path, "name"), path + ".name");
      venue.at = {number_of(file, required(file, v, path, "easting"), path + ".easting", "metres"),
                  number_of(file, required(file, v, path, "northing"), path + ".northing", "metres")};
      for (int axis = 0; axis < 2 && !inside_box(venue.at); ++axis) {
        const double c = axis == 0 ? venue.at.x : venue.at.y;
        const double lo = pl.bounding_box[static_cast<std::size_t>(axis)], hi = pl.bounding_box[static_cast<std::size_t>(axis) + 2];
        if (c >= lo && c <= hi) continue;
        const std::string k = axis == 0 ? "easting" : "northing";
        throw InputError(at(file, v[k].Mark()), path + "." + k,
                         "the venue (" + venue.name + ") lies outside the bounding box: " + k + " " + format_real(c) + " is not in " +
                             "bounding_box." + (axis == 0 ? "east" : "north") + " [" + format_real(lo) + ", " + format_real(hi) + "]");
      }
      venue.events_per_year = number_of(file, required(file, v, path, "events_per_year"), path + ".events_per_year", "events per year", 0, 365);
      if (v["radius_km"]) venue.radius_km = number_of(file, v["radius_km"], path + ".radius_km", "km", 0, 20);
      check_tag_source(file, v, path);
      if (const YAML::Node s = v["summer"]) {
        check_keys(file, s, path + ".summer", {"from", "days", "share"});
        const YAML::Node f = required(file, s, path + ".summer", "from");
        const std::string md = text_of(file, f, path + ".summer.from");
        const auto d = kernel::parse_iso_date("2001-" + md);
        if (md.size() != 5 || !d)
          throw InputError(at(file, f.Mark()), path + ".summer.from", "expected a day of the year MM-DD, got '" + printable(md) + "'");
        venue.summer_month = d->month;
        venue.summer_day = d->day;
        venue.summer_days = static_cast<int>(to_integer(required(file, s, path + ".summer", "days"), at(file, s["days"].Mark()),
                                                        path + ".summer.days", 1, 365));
        venue.summer_share = number_of(file, required(file, s, path + ".summer", "share"), path + ".summer.share", "share", 0, 1);
      } else {
        venue.summer_share = 0;
      }
      if (const YAML::Node ex = v["extra"]) {
        if (!ex.IsSequence()) type_error(at(file, ex.Mark()), path + ".extra", "a list of windows", ex);
        for (std::size_t j = 0; j < ex.size(); ++j) {
          const std::string wp = path + ".extra[" + std::to_string(j) + "]";
          check_keys(file, ex[j], wp, {"from", "to", "events", "tag", "source"});
          model::EventWindow w;
          w.from = date_of(file, required(file, ex[j], wp, "from"), wp + ".from");
          w.to = date_of(file, required(file, ex[j], wp, "to"), wp + ".to");
          if (w.to < w.from) throw InputError(at(file, ex[j]["to"].Mark()), wp + ".to", "the window ends before it begins");
          w.events = number_of(file, required(file, ex[j], wp, "events"), wp + ".events", "events", 0, 365);
          check_tag_source(file, ex[j], wp);
          venue.extra.push_back(w);
        }
      }
      pl.venues.push_back(std::move(venue));
    }
  }

  // The calibration period and its targets.
  const YAML::Node cal = required(file, root, "", "calibration");
  check_keys(file, cal, "calibration", {"from", "to", "agency_census", "targets"});
  pl.calibration_from = date_of(file, required(file, cal, "calibration", "from"), "calibration.from");
  pl.calibration_to = date_of(file, required(file, cal, "calibration", "to"), "calibration.to");
  if (pl.calibration_from.day != 1)
    throw InputError(at(file, cal["from"].Mark()), "calibration.from", "the calibration period begins on the first day of a month");
  if (pl.calibration_to.day != kernel::days_in_month(pl.calibration_to.year, pl.calibration_to.month) ||
      !(pl.calibration_from < pl.calibration_to))
    throw InputError(at(file, cal["to"].Mark()), "calibration.to",
                     "the calibration period ends on the last day of a month after calibration.from");
  pl.agency_census = date_of(file, required(file, cal, "calibration", "agency_census"), "calibration.agency_census");
  const std::string tfile = pack_file(dir, file, required(file, cal, "calibration", "targets"), "calibration.targets");
  const YAML::Node troot = load_yaml_file(tfile, at(file, cal["targets"].Mark()), "calibration.targets");
  pack->targets = read_targets(tfile, troot);
  pack->targets_file = tfile;
  files.emplace_back(fs::path(tfile).lexically_relative(dir).string(), read_file_checked(tfile, {}, "", "pack"));

  // Patches.
  const auto nwards = static_cast<double>(pl.wards.size());
  pl.patches_max = static_cast<int>(pl.wards.size());
  if (const YAML::Node pt = root["patches"]) {
    check_keys(file, pt, "patches", {"max"});
    const YAML::Node mx = required(file, pt, "patches", "max");
    pl.patches_max = static_cast<int>(to_integer(mx, at(file, mx.Mark()), "patches.max", 1, nwards));
  }

  // Sources (free text, cited by the rows above).
  if (const YAML::Node src = root["sources"]) {
    if (!src.IsSequence()) type_error(at(file, src.Mark()), "sources", "a list of sources", src);
    for (std::size_t i = 0; i < src.size(); ++i) (void)text_of(file, src[i], "sources[" + std::to_string(i) + "]");
  }

  // The national tables.
  std::string tables_dir = (fs::path(dir) / ".." / "tables").lexically_normal().string();
  SourceLocation tables_at = at(file, root.Mark());
  if (const YAML::Node t = root["tables"]) {
    tables_dir = pack_file(dir, file, t, "tables");
    tables_at = at(file, t.Mark());
  }
  if (!fs::is_directory(tables_dir, ec))
    throw InputError(tables_at, "tables", "no folder of dated tables at '" + tables_dir + "'");
  LoadedTables tables = load_tables(tables_dir, tables_at, "tables");
  pl.tables = std::move(tables.tables);
  pack->tables_dir = tables_dir;

  // The hash of the pack's own files (sorted by name; each file's SHA-256 after its name).
  files.emplace_back("pack.yaml", read_file_checked(file, {}, "", "pack"));
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& [n, text] : files) all += n + "\n" + sha256_hex(text) + "\n";
  pl.hash = sha256_hex(all);
  pl.files = files;
  for (const auto& [n, text] : tables.files)
    pl.files.emplace_back((fs::path(tables_dir) / n).lexically_relative(dir).string(), text);
  pl.graph = model::build_ward_graph(pl.wards);

  // Parameter values the place states: its venues' event figures and its `defaults:`.
  model::Params& p = pack->params;
  p.travel.event_days_per_year = pl.venues.empty() ? 0.0 : pl.venues.front().events_per_year;
  p.travel.event_extra = pl.venues.empty() || pl.venues.front().extra.empty() ? 0.0 : pl.venues.front().extra.front().events;
  if (!pl.venues.empty() && pl.venues.front().radius_km) p.travel.event_radius_km = *pl.venues.front().radius_km;
  const YAML::Node defs = required(file, root, "", "defaults");
  if (!defs.IsMap()) type_error(at(file, defs.Mark()), "defaults", "a mapping of parameter to {value, tag, source}", defs);
  std::set<std::string> stated;
  for (auto it = defs.begin(); it != defs.end(); ++it) {
    const YAML::Node k = it->first;
    if (!k.IsScalar()) type_error(at(file, k.Mark()), "defaults", "a parameter's key path", k);
    const std::string param = k.Scalar();
    const std::string path = "defaults." + param;
    const model::ParamSpec* spec = model::find_parameter(param);
    if (!spec) {
      std::vector<std::string> all_keys;
      for (const auto& s : model::parameter_table()) all_keys.push_back(s.path);
      if (const model::RenamedKey* r = model::find_renamed(param))
        throw InputError(at(file, k.Mark()), path, "renamed to " + std::string(r->new_path) + "; a pack uses the new name");
      throw InputError(at(file, k.Mark()), path, with_suggestion("not a parameter", param, all_keys));
    }
    if (param.starts_with("run.") || spec->type() == model::ParamType::ward_map || spec->type() == model::ParamType::count_list)
      throw InputError(at(file, k.Mark()), path, "a run setting or a ward map is the scenario's, not the pack's");
    if (param == "travel.event_days_per_year" || param == "travel.event_extra" || param == "travel.event_radius_km")
      throw InputError(at(file, k.Mark()), path, "comes from the pack's venues (events_per_year, extra, radius_km)");
    const YAML::Node d = it->second;
    check_keys(file, d, path, {"value", "tag", "source"}, "a mapping {value, tag, source}");
    const YAML::Node v = required(file, d, path, "value");
    assign(*spec, v, file, at(file, k.Mark()), p, pl, path);
    PackDefault pd;
    pd.key = param;
    pd.value = format_value(*spec, p);
    check_tag_source(file, d, path, &pd.tag, &pd.source);
    pack->defaults.push_back(std::move(pd));
    stated.insert(param);
  }
  for (std::string_view must : model::pack_parameters())
    if (!stated.contains(std::string(must)))
      throw InputError(at(file, defs.Mark()), "defaults." + std::string(must),
                       "missing: every pack states this fact about its place (value, tag, source)");
  pack->place = std::move(place);
  return pack;
}

}  // namespace

}  // namespace homecare::scenario
