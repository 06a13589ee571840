// Writes and reads the contract HDF5 layout.
#include "results/results_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <type_traits>
#include <variant>

#include "common/error.hpp"
#include "results/h5.hpp"
#include "results/stats.hpp"

namespace homecare::results {
namespace fs = std::filesystem;

namespace {

void fsync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) throw EngineError("cannot open '" + path + "' to sync it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw EngineError("cannot sync '" + path + "' to disk: " + std::strerror(err));
}

/// Attribute for an override: a number when the text is one (so plots can sort and compare), else text.
void write_override(hid_t g, const std::string& key, const std::string& text) {
  if (text == "true" || text == "false") {
    h5::write_attr(g, key, text);
    return;
  }
  std::int64_t i = 0;
  auto [pi, ei] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ei == std::errc{} && pi == text.data() + text.size()) {
    h5::write_attr(g, key, i);
    return;
  }
  double d = 0;
  auto [pd, ed] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ed == std::errc{} && pd == text.data() + text.size()) {
    h5::write_attr(g, key, d);
    return;
  }
  h5::write_attr(g, key, text);
}

/// `/variants/<name>/parameters`: scalars as attributes, tables as datasets, named by key path.
void write_parameters(hid_t variant, const std::vector<Parameter>& params) {
  if (params.empty()) return;
  h5::Handle g = h5::create_group(variant, "parameters");
  for (const auto& [key, value] : params) {
    std::visit(
        [&, &k = key](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, bool>) h5::write_attr_bool(g.id(), k, v);
          else if constexpr (std::is_same_v<T, Table>) h5::write_table(g.id(), k, v);
          else h5::write_attr(g.id(), k, v);
        },
        value);
  }
}

std::vector<Parameter> read_parameters(hid_t variant) {
  std::vector<Parameter> out;
  if (!h5::exists(variant, "parameters")) return out;
  h5::Handle g = h5::open_group(variant, "parameters");
  for (const auto& key : h5::attr_names(g.id()))
    out.push_back({key, std::visit([](auto v) -> ParameterValue { return v; }, h5::read_attr_value(g.id(), key))});
  for (const auto& key : h5::children(g.id())) out.push_back({key, h5::read_table(g.id(), key)});
  return out;
}

void write_parameter_table(hid_t root, const std::vector<ParameterInfo>& rows) {
  if (rows.empty()) return;
  std::vector<std::string> key, type, unit, kind;
  for (const auto& r : rows) {
    key.push_back(r.key);
    type.push_back(r.type);
    unit.push_back(r.unit);
    kind.push_back(r.kind);
  }
  Table t;
  t.columns = {{"key", key}, {"type", type}, {"unit", unit}, {"kind", kind}};
  h5::write_table(root, "parameter_table", t);
}

std::vector<ParameterInfo> read_parameter_table(hid_t root) {
  std::vector<ParameterInfo> out;
  if (!h5::exists(root, "parameter_table")) return out;
  const Table t = h5::read_table(root, "parameter_table");
  auto column = [&](const std::string& name) -> const std::vector<std::string>& {
    for (const auto& [n, c] : t.columns)
      if (n == name && std::holds_alternative<std::vector<std::string>>(c)) return std::get<std::vector<std::string>>(c);
    throw EngineError("HDF5: /parameter_table lacks the text column '" + name + "'");
  };
  const auto& key = column("key");
  const auto& type = column("type");
  const auto& unit = column("unit");
  const auto& kind = column("kind");
  for (std::size_t i = 0; i < t.rows(); ++i) out.push_back({key[i], type[i], unit[i], kind[i]});
  return out;
}

void write_columns(hid_t group, const std::vector<MetricColumn>& cols, const std::vector<hsize_t>& shape) {
  for (const auto& c : cols) {
    h5::Handle d = h5::write_doubles(group, c.name, shape, c.values.data());
    h5::write_attr(d.id(), "units", c.units);
    h5::write_attr(d.id(), "description", c.description);
  }
}

/// `stats/<kind>/<metric>`: [7, M] for monthly series, [7, Y] for yearly ones, [7] for summaries;
/// row names in `rows`.
void write_stats(hid_t group, const std::vector<MetricColumn>& cols, std::size_t replicates, std::size_t width,
                 bool monthly) {
  std::string rows;
  for (auto r : stat_rows) rows += (rows.empty() ? "" : ",") + std::string(r);
  for (const auto& c : cols) {
    const auto st = column_stats(c.values, replicates, width);
    std::vector<hsize_t> shape = {stat_rows.size()};
    if (monthly) shape.push_back(width);
    h5::Handle d = h5::write_doubles(group, c.name, shape, st.data());
    h5::write_attr(d.id(), "rows", rows);
    h5::write_attr(d.id(), "units", c.units);
    h5::write_attr(d.id(), "description", c.description);
  }
}

/// `/borough`: the place, for maps and for checking which pack a run used.
void write_borough(hid_t root, const Borough& b) {
  h5::Handle g = h5::create_group(root, "borough");
  h5::write_attr(g.id(), "name", b.name);
  h5::write_attr(g.id(), "display_name", b.display_name);
  h5::write_attr(g.id(), "ons_code", b.ons_code);
  h5::write_attr(g.id(), "living_wage", b.living_wage);
  h5::write_attr(g.id(), "pack_hash", b.pack_hash);
  h5::write_attr(g.id(), "tables_hash", b.tables_hash);
  h5::write_attr(g.id(), "calibration_from", b.calibration_from);
  h5::write_attr(g.id(), "calibration_to", b.calibration_to);
  h5::write_attr(g.id(), "crs", std::string("EPSG:27700"));
  if (!b.bounding_box.empty()) {
    h5::Handle bb = h5::write_doubles(g.id(), "bounding_box", {b.bounding_box.size()}, b.bounding_box.data());
    h5::write_attr(bb.id(), "description", std::string("east_min, north_min, east_max, north_max (metres, British National Grid)"));
  }
  h5::Handle w = h5::create_group(g.id(), "wards");
  h5::write_strings(w.id(), "code", b.ward_code);
  h5::write_strings(w.id(), "name", b.ward_name);
  h5::write_strings(w.id(), "locality", b.ward_locality);
  h5::write_doubles(w.id(), "easting", {b.ward_easting.size()}, b.ward_easting.data());
  h5::write_doubles(w.id(), "northing", {b.ward_northing.size()}, b.ward_northing.data());
  h5::write_doubles(w.id(), "area_ha", {b.ward_area_ha.size()}, b.ward_area_ha.data());
  if (!b.ward_boundary_wkt.empty()) h5::write_strings(w.id(), "boundary_wkt", b.ward_boundary_wkt);
  if (!b.venue_name.empty()) {
    h5::Handle v = h5::create_group(g.id(), "venues");
    h5::write_strings(v.id(), "name", b.venue_name);
    h5::write_doubles(v.id(), "easting", {b.venue_easting.size()}, b.venue_easting.data());
    h5::write_doubles(v.id(), "northing", {b.venue_northing.size()}, b.venue_northing.data());
  }
  // The files themselves, so a results file says exactly what the place was (names relative to
  // the pack's folder; the tables as ../tables/NAME).
  h5::Handle f = h5::create_group(g.id(), "files");
  std::vector<std::string> names, texts;
  for (const auto& [name, text] : b.files) {
    names.push_back(name);
    texts.push_back(text);
  }
  h5::write_strings(f.id(), "name", names);
  h5::write_strings(f.id(), "text", texts);
}

void write_file(const std::string& path, const Provenance& prov, const std::vector<VariantResults>& variants) {
  h5::Handle f = h5::create_file(path);
  const hid_t root = f.id();
  h5::write_attr(root, "schema_version", schema_version);
  h5::write_attr(root, "engine_version", prov.engine_version);
  h5::write_attr(root, "git_commit", prov.git_commit);
  h5::write_attr(root, "compiler", prov.compiler);
  h5::write_attr(root, "seed", static_cast<std::int64_t>(prov.seed));
  h5::write_attr(root, "created_utc", prov.created_utc);
  h5::write_attr(root, "scenario_name", prov.scenario_name);
  h5::write_attr(root, "scenario_yaml", prov.scenario_yaml);
  h5::write_attr(root, "resolved_yaml", prov.resolved_yaml);
  h5::write_attr(root, "fingerprint", prov.fingerprint);
  h5::write_attr(root, "scenario_fingerprint", prov.scenario_fingerprint);
  h5::write_attr(root, "random_scheme", prov.random_scheme);
  h5::write_attr(root, "sweep", prov.sweep);
  write_parameter_table(root, prov.parameter_table);
  write_borough(root, prov.borough);
  h5::Handle vs = h5::create_group(root, "variants");
  for (const auto& v : variants) {
    h5::Handle g = h5::create_group(vs.id(), v.name);
    for (const auto& [k, val] : v.overrides) write_override(g.id(), k, val);
    h5::write_attr(g.id(), "replicates", static_cast<std::int64_t>(v.replicates));
    h5::write_strings(g.id(), "months", v.months);
    write_parameters(g.id(), v.parameters);
    if (!v.ward_patch.empty()) {
      h5::Handle geo = h5::create_group(g.id(), "geography");
      h5::Handle wp = h5::write_doubles(geo.id(), "ward_patch", {v.ward_patch.size()}, v.ward_patch.data());
      h5::write_attr(wp.id(), "description", std::string("Patch (1-based) each ward belongs to under patch commissioning, in the order of ward_names"));
      h5::write_strings(geo.id(), "ward_names", v.ward_names);
    }
    h5::Handle mg = h5::create_group(g.id(), "monthly");
    write_columns(mg.id(), v.monthly, {v.replicates, v.months.size()});
    h5::Handle sg = h5::create_group(g.id(), "summary");
    write_columns(sg.id(), v.summary, {v.replicates});
    for (const auto& [old, now] : prov.borough.summary_aliases) h5::soft_link(sg.id(), old, now);
    h5::Handle st = h5::create_group(g.id(), "stats");
    h5::Handle stm = h5::create_group(st.id(), "monthly");
    write_stats(stm.id(), v.monthly, v.replicates, v.months.size(), true);
    h5::Handle sts = h5::create_group(st.id(), "summary");
    write_stats(sts.id(), v.summary, v.replicates, 1, false);
    for (const auto& [old, now] : prov.borough.summary_aliases) h5::soft_link(sts.id(), old, now);
    if (!v.years.empty()) {
      h5::write_strings(g.id(), "years", v.years);
      h5::Handle yg = h5::create_group(g.id(), "yearly");
      write_columns(yg.id(), v.yearly, {v.replicates, v.years.size()});
      h5::Handle sty = h5::create_group(st.id(), "yearly");
      write_stats(sty.id(), v.yearly, v.replicates, v.years.size(), true);
    }
    // Per ward and per patch, [replicates, wards] and [replicates, patches], named in `wards`
    // and `patches` (in /borough/wards' order, and the partition's).
    for (const auto& [names_key, names, group, cols] :
         {std::tuple{"wards", &v.wards, "by_ward", &v.by_ward}, std::tuple{"patches", &v.patches, "by_patch", &v.by_patch}}) {
      if (names->empty()) continue;
      h5::write_strings(g.id(), names_key, *names);
      h5::Handle bg = h5::create_group(g.id(), group);
      write_columns(bg.id(), *cols, {v.replicates, names->size()});
      h5::Handle sb = h5::create_group(st.id(), group);
      write_stats(sb.id(), *cols, v.replicates, names->size(), true);
    }
  }
  h5::check(H5Fflush(root, H5F_SCOPE_GLOBAL), "flush '" + path + "'");
}

std::vector<MetricColumn> read_columns(hid_t group) {
  std::vector<MetricColumn> out;
  for (const auto& name : h5::children(group)) {
    MetricColumn c;
    c.name = name;
    c.values = h5::read_doubles(group, name, nullptr);
    h5::Handle d(H5Dopen2(group, name.c_str(), H5P_DEFAULT), H5Dclose, "open dataset '" + name + "'");
    c.units = h5::read_attr_string(d.id(), "units");
    c.description = h5::read_attr_string(d.id(), "description");
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::size_t Table::rows() const {
  if (columns.empty()) return 0;
  return std::visit([](const auto& c) { return c.size(); }, columns.front().second);
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void write_results(const std::string& path, const Provenance& prov,
                   const std::vector<VariantResults>& variants, const std::string& temporary) {
  const std::string tmp = temporary.empty() ? path + ".tmp-" + std::to_string(::getpid()) : temporary;
  try {
    write_file(tmp, prov, variants);
    fsync_path(tmp, false);
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) throw EngineError("cannot move the finished results to '" + path + "': " + ec.message());
    const fs::path parent = fs::path(path).parent_path();
    fsync_path(parent.empty() ? "." : parent.string(), true);
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

namespace {
void read_provenance(hid_t root, Provenance& p) {
  p.engine_version = h5::read_attr_string(root, "engine_version");
  p.git_commit = h5::read_attr_string(root, "git_commit");
  p.compiler = h5::read_attr_string(root, "compiler");
  p.seed = static_cast<std::uint32_t>(h5::read_attr_int(root, "seed"));
  p.created_utc = h5::read_attr_string(root, "created_utc");
  p.scenario_name = h5::read_attr_string(root, "scenario_name");
  p.scenario_yaml = h5::read_attr_string(root, "scenario_yaml");
  p.resolved_yaml = h5::read_attr_string(root, "resolved_yaml");
  p.fingerprint = h5::read_attr_string(root, "fingerprint");
  if (h5::has_attr(root, "scenario_fingerprint")) p.scenario_fingerprint = h5::read_attr_string(root, "scenario_fingerprint");
  if (h5::has_attr(root, "random_scheme")) p.random_scheme = h5::read_attr_string(root, "random_scheme");
  if (h5::has_attr(root, "sweep")) p.sweep = h5::read_attr_string(root, "sweep");
  p.parameter_table = read_parameter_table(root);
}
}  // namespace

ResultsFile read_results(const std::string& path) {
  ResultsFile rf;
  h5::Handle f = h5::open_file_read(path);
  const hid_t root = f.id();
  read_provenance(root, rf.provenance);
  h5::Handle vs = h5::open_group(root, "variants");
  for (const auto& name : h5::children(vs.id())) {
    VariantResults v;
    v.name = name;
    h5::Handle g = h5::open_group(vs.id(), name);
    v.replicates = static_cast<std::size_t>(h5::read_attr_int(g.id(), "replicates"));
    v.months = h5::read_strings(g.id(), "months");
    v.parameters = read_parameters(g.id());
    h5::Handle mg = h5::open_group(g.id(), "monthly");
    v.monthly = read_columns(mg.id());
    h5::Handle sg = h5::open_group(g.id(), "summary");
    v.summary = read_columns(sg.id());
    if (h5::exists(g.id(), "yearly")) {  // schema 4
      v.years = h5::read_strings(g.id(), "years");
      h5::Handle yg = h5::open_group(g.id(), "yearly");
      v.yearly = read_columns(yg.id());
    }
    if (h5::exists(g.id(), "by_ward")) {  // schema 5; by_patch follows from it and the parameters
      v.wards = h5::read_strings(g.id(), "wards");
      h5::Handle bg = h5::open_group(g.id(), "by_ward");
      v.by_ward = read_columns(bg.id());
    }
    rf.variants.push_back(std::move(v));
  }
  return rf;
}

std::optional<ResultsHeader> read_header(const std::string& path) {
  h5::silence_library_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) return std::nullopt;
  h5::Handle f = h5::open_file_read(path);
  const hid_t root = f.id();
  for (const char* a : {"fingerprint", "seed", "engine_version", "scenario_name"})
    if (!h5::has_attr(root, a)) return std::nullopt;
  if (!h5::exists(root, "variants")) return std::nullopt;
  ResultsHeader h;
  read_provenance(root, h.provenance);
  h5::Handle vs = h5::open_group(root, "variants");
  const auto names = h5::children(vs.id());
  if (names.empty()) return std::nullopt;
  h5::Handle g = h5::open_group(vs.id(), names.front());
  h.replicates = static_cast<std::size_t>(h5::read_attr_int(g.id(), "replicates"));
  return h;
}

}  // namespace homecare::results
