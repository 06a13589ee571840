// `homecare describe` and `homecare describe --json`.
#include "app/describe.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <type_traits>
#include <variant>

#include "model/params.hpp"
#include "model/place.hpp"
#include "scenario/resolved_yaml.hpp"
#include "version.hpp"

namespace homecare::app {
namespace {

std::string range_text(const model::ParamSpec& s) {
  switch (s.type()) {
    case model::ParamType::real:
    case model::ParamType::integer:
    case model::ParamType::schedule: {
      auto num = [&](double v) {
        if (s.type() == model::ParamType::integer) return std::to_string(static_cast<long long>(v));
        return scenario::format_real(v);
      };
      return "[" + num(s.min) + ", " + num(s.max) + "]";
    }
    case model::ParamType::choice: {
      std::string o;
      for (const auto& c : s.choices) o += (o.empty() ? "" : " | ") + c;
      return o;
    }
    case model::ParamType::boolean: return "true | false";
    case model::ParamType::date: return "YYYY-MM-DD";
    case model::ParamType::ward_map: return s.value_field == "network" ? "network name -> patch 1..K" : "ward name -> patch 1..K";
    case model::ParamType::count_list:
      return "[" + std::to_string(static_cast<long long>(s.min)) + ", " + std::to_string(static_cast<long long>(s.max)) + "] per patch";
  }
  return "";
}

/// `s` as a JSON string: quotes, backslashes and control characters escaped; UTF-8 as it is.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned>(c));
      out += hex;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

/// A number that reads back as the same double (JSON has no infinity: null stands for "none").
std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  return scenario::format_real(v);
}

std::string json_default(const model::ParamSpec& spec, const model::Params& p) {
  return std::visit(
      [&](const auto& ref) -> std::string {
        const auto& v = ref(p);
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<std::decay_t<decltype(ref)>, model::ChoiceRef>) {
          return json_string(model::choice_name(spec, p));
        } else if constexpr (std::is_same_v<T, double>) {
          return json_number(v);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          return json_string(kernel::to_iso(v));
        } else if constexpr (std::is_same_v<T, std::vector<model::ScheduleStep>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i)
            s += std::string(i ? ", " : "") + "{\"from\": " + json_string(kernel::to_iso(v[i].from)) + ", " +
                 json_string(spec.value_field) + ": " + json_number(v[i].value) + "}";
          return s + "]";
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
          return s + "]";
        } else {
          std::string s = "{";
          for (std::size_t i = 0; i < v.size(); ++i)
            s += std::string(i ? ", " : "") + json_string(v[i].ward) + ": " + std::to_string(v[i].patch);
          return s + "}";
        }
      },
      spec.ref);
}

/// The pack's statement of `key` (its `defaults:` entry), if any.
const scenario::PackDefault* pack_default(const scenario::Pack& pack, std::string_view key) {
  for (const auto& d : pack.defaults)
    if (d.key == key) return &d;
  return nullptr;
}

std::string source_text(const model::ParamSpec& s, const scenario::Pack& pack) {
  if (const auto* d = pack_default(pack, s.path))
    return "borough pack " + pack.place->name + " (defaults, " + d->tag + "): " + d->source;
  const bool radius = !pack.place->venues.empty() && pack.place->venues.front().radius_km;
  if (s.path == "travel.event_days_per_year" || s.path == "travel.event_extra" || (radius && s.path == "travel.event_radius_km"))
    return "borough pack " + pack.place->name + " (venues): " + s.source;
  return s.source;
}

std::string iso(kernel::Date d) { return kernel::to_iso(d); }

bool numeric_range(const model::ParamSpec& s) {
  const auto t = s.type();
  return t == model::ParamType::real || t == model::ParamType::integer || t == model::ParamType::schedule ||
         t == model::ParamType::count_list;
}

}  // namespace

void describe_text(std::ostream& out, const scenario::Pack& pack) {
  const model::Place& pl = *pack.place;
  const model::Params& defaults = pack.params;
  out << "# Borough pack " << pl.name << " (" << pack.dir << "): " << pl.display_name << ", ONS " << pl.ons_code << ", "
      << pl.wards.size() << " wards in " << pl.localities.size() << " localities\n"
      << "#   calibration year " << iso(pl.calibration_from) << " to " << iso(pl.calibration_to) << "; living wage: "
      << model::table_name(pl.living_wage_table) << "; pack " << pl.hash.substr(0, 12) << ", tables " << pl.tables.hash.substr(0, 12) << "\n"
      << "#   calibration targets (" << pack.targets_file << "):\n";
  for (const auto& t : pack.targets)
    out << "#     " << t.id << "  " << t.metric << " = " << scenario::format_real(t.value) << " ["
        << scenario::format_real(t.low) << ", " << scenario::format_real(t.high) << "]"
        << (t.month.empty() ? "" : " in " + t.month) << "  " << t.quantity
        << (t.known_gap.empty() ? "" : " (known gap)") << "\n";
  out << "# Every scenario parameter: key path, type, kind (run, policy, assumption, calibrated), unit,\n"
         "# default in this borough, allowed range, meaning, source. `homecare describe --json` gives the\n"
         "# same for scripts.\n";
  for (const auto& s : model::parameter_table()) {
    out << s.path << "\n"
        << "    type: " << model::type_name(s.type()) << "    unit: " << s.unit << "    kind: " << model::kind_name(s.kind)
        << "\n"
        << "    default: " << scenario::format_value(s, defaults) << "    range: " << range_text(s) << "\n"
        << "    meaning: " << s.meaning << "\n"
        << "    source: " << source_text(s, pack) << "\n";
    if (const auto* r = model::find_assumption_range(s.path))
      out << "    plausible: " << scenario::format_real(r->low) << " to " << scenario::format_real(r->high) << " ("
          << r->reasoning << ")\n";
  }
}

namespace {

void pack_json(std::ostream& out, const scenario::Pack& pack) {
  const model::Place& pl = *pack.place;
  out << "  \"pack\": {\"name\": " << json_string(pl.name) << ", \"dir\": " << json_string(pack.dir)
      << ", \"display_name\": " << json_string(pl.display_name) << ", \"ons_code\": " << json_string(pl.ons_code)
      << ", \"living_wage\": " << json_string(std::string(model::table_name(pl.living_wage_table))) << ",\n    \"calibration_from\": "
      << json_string(iso(pl.calibration_from)) << ", \"calibration_to\": " << json_string(iso(pl.calibration_to))
      << ", \"pack_hash\": " << json_string(pl.hash) << ", \"tables_hash\": " << json_string(pl.tables.hash)
      << ", \"patches_max\": " << pl.patches_max << ", \"has_boundaries\": " << (pl.has_boundaries ? "true" : "false")
      << ",\n    \"localities\": [";
  for (std::size_t i = 0; i < pl.localities.size(); ++i) out << (i ? ", " : "") << json_string(pl.localities[i]);
  out << "],\n    \"wards\": [\n";
  for (std::size_t i = 0; i < pl.wards.size(); ++i) {
    const auto& w = pl.wards[i];
    out << "      {\"code\": " << json_string(w.code) << ", \"name\": " << json_string(w.name)
        << ", \"locality\": " << json_string(w.locality) << ", \"easting\": " << json_number(w.centroid.x)
        << ", \"northing\": " << json_number(w.centroid.y) << ", \"area_ha\": " << json_number(w.area_ha) << "}"
        << (i + 1 < pl.wards.size() ? "," : "") << "\n";
  }
  out << "    ],\n    \"venues\": [";
  for (std::size_t i = 0; i < pl.venues.size(); ++i) {
    const auto& v = pl.venues[i];
    out << (i ? ", " : "") << "{\"name\": " << json_string(v.name) << ", \"easting\": " << json_number(v.at.x)
        << ", \"northing\": " << json_number(v.at.y) << ", \"events_per_year\": " << json_number(v.events_per_year) << "}";
  }
  out << "],\n    \"targets_file\": " << json_string(pack.targets_file) << ",\n    \"targets\": [\n";
  for (std::size_t i = 0; i < pack.targets.size(); ++i) {
    const auto& t = pack.targets[i];
    out << "      {\"id\": " << json_string(t.id) << ", \"quantity\": " << json_string(t.quantity)
        << ", \"metric\": " << json_string(t.metric) << ", \"value\": " << json_number(t.value)
        << ", \"low\": " << json_number(t.low) << ", \"high\": " << json_number(t.high) << ", \"tag\": " << json_string(t.tag)
        << ", \"source\": " << json_string(t.source) << ", \"parameter\": "
        << (t.parameter.empty() ? std::string("null") : json_string(t.parameter)) << ", \"mode\": "
        << (t.mode.empty() ? std::string("null") : json_string(t.mode)) << ", \"gain\": " << json_number(t.gain)
        << ", \"month\": " << (t.month.empty() ? std::string("null") : json_string(t.month))
        << ", \"known_gap\": " << (t.known_gap.empty() ? std::string("null") : json_string(t.known_gap)) << "}"
        << (i + 1 < pack.targets.size() ? "," : "") << "\n";
  }
  out << "    ],\n    \"defaults\": [\n";
  for (std::size_t i = 0; i < pack.defaults.size(); ++i) {
    const auto& d = pack.defaults[i];
    const model::ParamSpec* spec = model::find_parameter(d.key);
    out << "      {\"key\": " << json_string(d.key) << ", \"value\": " << (spec ? json_default(*spec, pack.params) : "null")
        << ", \"tag\": " << json_string(d.tag) << ", \"source\": " << json_string(d.source) << "}"
        << (i + 1 < pack.defaults.size() ? "," : "") << "\n";
  }
  out << "    ],\n    \"tables\": [";
  const model::DatedTable* tables[] = {&pl.tables.national_living_wage, &pl.tables.london_living_wage,
                                       &pl.tables.uk_real_living_wage, &pl.tables.minimum_price, &pl.tables.cost_lines,
                                       &pl.tables.outside_options_london, &pl.tables.international_recruitment};
  bool first = true;
  for (const auto* t : tables) {
    out << (first ? "" : ", ") << "{\"name\": " << json_string(t->name) << ", \"valid_until\": " << json_string(iso(t->valid_until))
        << "}";
    first = false;
  }
  out << "]\n  },\n";
}

}  // namespace

void describe_json(std::ostream& out, const scenario::Pack& pack) {
  const model::Params& defaults = pack.params;
  out << "{\n  \"format\": 1,\n  \"engine_version\": "
      << json_string(std::string(engine_version) + " (" + git_commit + ")") << ",\n";
  pack_json(out, pack);
  out << "  \"parameters\": [\n";
  const auto table = model::parameter_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& s = table[i];
    out << "    {\"key\": " << json_string(s.path) << ", \"type\": " << json_string(model::type_name(s.type()))
        << ", \"kind\": " << json_string(model::kind_name(s.kind)) << ", \"unit\": " << json_string(s.unit)
        << ", \"default\": " << json_default(s, defaults)
        << ", \"min\": " << (numeric_range(s) ? json_number(s.min) : "null")
        << ", \"max\": " << (numeric_range(s) ? json_number(s.max) : "null");
    if (s.type() == model::ParamType::choice) {
      out << ", \"choices\": [";
      for (std::size_t c = 0; c < s.choices.size(); ++c) out << (c ? ", " : "") << json_string(s.choices[c]);
      out << "]";
    }
    if (s.type() == model::ParamType::schedule) out << ", \"value_field\": " << json_string(s.value_field);
    out << ", \"meaning\": " << json_string(s.meaning) << ", \"source\": " << json_string(source_text(s, pack));
    if (const auto* r = model::find_assumption_range(s.path))
      out << ", \"plausible\": {\"low\": " << json_number(r->low) << ", \"high\": " << json_number(r->high)
          << ", \"reasoning\": " << json_string(std::string(r->reasoning)) << "}";
    out << "}"
        << (i + 1 < table.size() ? "," : "") << "\n";
  }
  out << "  ]\n}\n";
}

}  // namespace homecare::app
