// Values of a scenario file converted to parameters, with exact messages.
#include "scenario/convert.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

#include "common/suggest.hpp"
#include "model/place.hpp"
#include "scenario/document.hpp"
#include "scenario/resolved_yaml.hpp"
#include "scenario/scenario.hpp"
#include "scenario/text.hpp"

namespace homecare::scenario::detail {
using model::ParamSpec;

[[noreturn]] void type_error(const SourceLocation& where, const std::string& key,
                             const std::string& expected, const YAML::Node& n) {
  throw InputError(where, key, "expected " + expected + ", got " + describe_node(n));
}

namespace {

/// The text of a scalar written plainly (a number, true/false): quotes make YAML text of it.
const std::string& plain_text(const YAML::Node& n, const SourceLocation& where, const std::string& key,
                              const std::string& expected) {
  if (n.IsScalar() && n.Tag() == "?") return n.Scalar();
  if (n.IsScalar() && n.Tag() == "!")
    throw InputError(where, key, "expected " + expected + ", got the text \"" + printable(n.Scalar()) +
                                     "\" (remove the quotes)");
  type_error(where, key, expected, n);
}

/// A range limit as the user would write it: whole for whole-number parameters.
std::string limit_text(double v, bool integer) {
  if (integer) return std::to_string(static_cast<long long>(v));
  return format_real(v);
}

}  // namespace

const std::string& any_text(const YAML::Node& n, const SourceLocation& where, const std::string& key,
                            const std::string& expected) {
  if (n.IsScalar() && (n.Tag() == "?" || n.Tag() == "!")) return n.Scalar();
  type_error(where, key, expected, n);
}

std::string utf8_scalar(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  std::string s = n.Scalar();
  if (text_problem(where.file, s))
    throw InputError(where, key,
                     "not valid UTF-8 text once its escapes are decoded (YAML's \\N and \\_ escapes give "
                     "single bytes here, and \\x escapes control characters: write the characters themselves)");
  return s;
}

double to_real(const YAML::Node& n, const SourceLocation& where, const std::string& key,
               const std::string& unit) {
  const std::string expected = "a number (" + unit + ")";
  const std::string& s = plain_text(n, where, key, expected);
  const std::string_view magnitude = s.starts_with('+') || s.starts_with('-') ? std::string_view(s).substr(1) : s;
  for (std::string_view special : {".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF"})
    if (magnitude == special)
      throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  double v = 0.0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range && ptr == e) {
    // Too large, or so close to zero that it underflows: strtod says which.
    const double approx = std::strtod(std::string(b, e).c_str(), nullptr);
    if (std::fabs(approx) < 1.0)
      throw InputError(where, key, "'" + s + "' is too close to zero to be represented; write 0 if you mean zero");
    throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  }
  if (ec == std::errc{} && ptr == e && !std::isfinite(v))
    throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  if (ec != std::errc{} || ptr != e) type_error(where, key, expected, n);
  return v;
}

std::int64_t to_integer(const YAML::Node& n, const SourceLocation& where, const std::string& key, double lo,
                        double hi) {
  const std::string& s = plain_text(n, where, key, "a whole number");
  std::int64_t v = 0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range && ptr == e) {
    if (s.starts_with('-')) throw InputError(where, key, s + " is below the minimum " + limit_text(lo, true));
    throw InputError(where, key, s + " is above the maximum " + limit_text(hi, true));
  }
  if (ec != std::errc{} || ptr != e) type_error(where, key, "a whole number", n);
  const auto d = static_cast<double>(v);
  if (d < lo) throw InputError(where, key, std::to_string(v) + " is below the minimum " + limit_text(lo, true));
  if (d > hi) throw InputError(where, key, std::to_string(v) + " is above the maximum " + limit_text(hi, true));
  return v;
}

namespace {

bool to_bool(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  const std::string& s = plain_text(n, where, key, "true or false");
  if (s == "true") return true;
  if (s == "false") return false;
  type_error(where, key, "true or false", n);
}


}  // namespace

kernel::Date to_date(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  static constexpr const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                           "July",    "August",   "September", "October", "November", "December"};
  const std::string& s = any_text(n, where, key, "a date YYYY-MM-DD");
  if (auto d = kernel::parse_iso_date(s)) return *d;
  // The right shape but not a day of the calendar: say why.
  const bool shaped = s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                      std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  if (shaped) {
    const int year = std::stoi(s.substr(0, 4));
    const int month = std::stoi(s.substr(5, 2));
    std::string why;
    if (year < 1) why = "there is no year 0";
    else if (month < 1 || month > 12) why = "there is no month " + std::to_string(month);
    else
      why = std::string(months[month - 1]) + " " + std::to_string(year) + " has " +
            std::to_string(kernel::days_in_month(year, month)) + " days";
    throw InputError(where, key, "expected a date YYYY-MM-DD, got '" + s + "' (" + why + ")");
  }
  type_error(where, key, "a date YYYY-MM-DD", n);
}

std::string renamed_warning(const SourceLocation& where, const model::RenamedKey& r) {
  return where.str() + ": " + std::string(r.old_path) + ": renamed to " + std::string(r.new_path) +
         "; the old name still loads, but write the new one";
}

void check_range(double v, const ParamSpec& spec, const SourceLocation& where,
                 const std::string& key) {
  if (v < spec.min) throw InputError(where, key, format_real(v) + " is below the minimum " + format_real(spec.min));
  if (v > spec.max) throw InputError(where, key, format_real(v) + " is above the maximum " + format_real(spec.max));
}

void assign(const ParamSpec& spec, const YAML::Node& n, const std::string& file,
            const SourceLocation& key_where, model::Params& p, const model::Place& place,
            const std::string& key_override) {
  const std::string& key = key_override.empty() ? spec.path : key_override;
  // yaml-cpp places an empty value at whatever follows it (the next line): point at the key.
  const SourceLocation where = n.Mark().line >= 0 && !n.IsNull() ? at(file, n.Mark()) : key_where;
  std::visit(
      [&](auto ref) {
        if constexpr (std::is_same_v<std::decay_t<decltype(ref)>, model::ChoiceRef>) {  // an enum, set by name
          const std::string opts = comma_list(spec.choices);
          const std::string& s = any_text(n, where, key, "one of " + opts);
          if (!model::set_choice(spec, p, s))
            throw InputError(where, key, with_suggestion("'" + printable(s) + "' is not one of " + opts, s, spec.choices));
          return;
        } else {
        auto& slot = ref(p);
        using T = std::decay_t<decltype(slot)>;
        if constexpr (std::is_same_v<T, double>) {
          const double v = to_real(n, where, key, spec.unit);
          check_range(v, spec, where, key);
          slot = v;
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          slot = to_integer(n, where, key, spec.min, spec.max);
        } else if constexpr (std::is_same_v<T, bool>) {
          slot = to_bool(n, where, key);
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          slot = to_date(n, where, key);
        } else if constexpr (std::is_same_v<T, std::vector<model::ScheduleStep>>) {
          if (!n.IsSequence())
            type_error(where, key, "a list of {from: YYYY-MM-DD, " + spec.value_field + ": number}", n);
          if (n.size() > max_schedule_steps)
            throw InputError(where, key, std::to_string(n.size()) + " steps is above the maximum " +
                                             std::to_string(max_schedule_steps));
          std::vector<model::ScheduleStep> steps;
          for (std::size_t i = 0; i < n.size(); ++i) {
            const YAML::Node item = n[i];
            const std::string ikey = key + "[" + std::to_string(i) + "]";
            const SourceLocation iw = at(file, item.Mark());
            if (!item.IsMap())
              type_error(iw, ikey, "a mapping {from: YYYY-MM-DD, " + spec.value_field + ": number}", item);
            model::ScheduleStep step;
            bool has_from = false;
            bool has_value = false;
            for (auto it = item.begin(); it != item.end(); ++it) {
              if (!it->first.IsScalar())
                type_error(at(file, it->first.Mark()), ikey, "a plain name as a key", it->first);
              const std::string f = it->first.Scalar();
              const SourceLocation fw = at(file, it->second.Mark());
              if (f == "from") {
                step.from = to_date(it->second, fw, ikey + ".from");
                has_from = true;
              } else if (f == spec.value_field) {
                const std::string vkey = ikey + "." + spec.value_field;
                step.value = to_real(it->second, fw, vkey, spec.unit);
                check_range(step.value, spec, fw, vkey);
                has_value = true;
              } else {
                const std::vector<std::string> fields = {"from", spec.value_field};
                throw InputError(at(file, it->first.Mark()), ikey + "." + f,
                                 with_suggestion("unknown key", f, fields, " (known keys here: " + comma_list(fields) + ")"));
              }
            }
            if (!has_from) throw InputError(iw, ikey + ".from", "missing required key");
            if (!has_value) throw InputError(iw, ikey + "." + spec.value_field, "missing required key");
            if (!steps.empty() && !(steps.back().from < step.from))
              throw InputError(iw, ikey + ".from",
                               kernel::to_iso(step.from) + " is not after the previous step's " +
                                   kernel::to_iso(steps.back().from) + " (steps must be in date order)");
            steps.push_back(step);
          }
          slot = std::move(steps);
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          if (!n.IsSequence()) type_error(where, key, "a list of whole numbers (" + spec.unit + ")", n);
          // A count per patch: there are never more patches than wards.
          if (n.size() > place.wards.size())
            throw InputError(where, key, std::to_string(n.size()) + " counts, but " + place.display_name + " has " +
                                             std::to_string(place.wards.size()) + " wards (a patch is one ward at least)");
          std::vector<std::int64_t> counts;
          for (std::size_t i = 0; i < n.size(); ++i)
            counts.push_back(to_integer(n[i], at(file, n[i].Mark()), key + "[" + std::to_string(i) + "]", spec.min, spec.max));
          slot = std::move(counts);
        } else {
          // A ward map, or (value_field "network") a map of the place's primary care networks.
          const bool by_network = spec.value_field == "network";
          const std::string what = by_network ? "network" : "ward";
          if (!n.IsMap()) type_error(where, key, "a mapping of " + what + " name to patch number", n);
          std::vector<std::string> names;
          if (by_network) names = place.networks;
          else
            for (const auto& w : place.wards) names.push_back(w.name);
          if (n.size() > std::max<std::size_t>(names.size(), 1))
            throw InputError(where, key, std::to_string(n.size()) + " " + what + "s named, but " + place.display_name + " has " +
                                             std::to_string(names.size()));
          std::vector<model::WardAssignment> wards;
          for (auto it = n.begin(); it != n.end(); ++it) {
            if (!it->first.IsScalar()) type_error(at(file, it->first.Mark()), key, "a ward name as a key", it->first);
            const std::string ward = utf8_scalar(it->first, at(file, it->first.Mark()), key);
            const std::string wkey = key + "." + ward;
            // Only the place's wards, whatever patches.method is: a typo is caught even when the map
            // is not used yet, and the resolved YAML only ever holds the wards' own names.
            if (std::find(names.begin(), names.end(), ward) == names.end()) {
              // A long name is no typo of a ward's (and the distance is quadratic in its length).
              const std::span<const std::string> near = ward.size() <= 64 ? std::span<const std::string>(names)
                                                                           : std::span<const std::string>();
              if (!by_network)
                for (const auto& w : place.wards)
                  if (w.code == ward)
                    throw InputError(at(file, it->first.Mark()), wkey,
                                     "'" + printable(ward) + "' is a ward code; " + key + " names wards: '" + w.name + "'");
              if (by_network && names.empty())
                throw InputError(at(file, it->first.Mark()), wkey,
                                 "'" + printable(ward) + "' is not a primary care network of " + place.display_name +
                                     ": its pack (" + place.name + ") lists none");
              throw InputError(at(file, it->first.Mark()), wkey,
                               with_suggestion("'" + printable(ward) + "' is not a " +
                                                   (by_network ? "primary care network" : "ward") + " of " + place.display_name,
                                               ward, near, by_network ? " (networks: " + comma_list(names) + ")" : ""));
            }
            // A patch is a group of wards (or networks): there cannot be more patches than them.
            const std::int64_t patch = to_integer(it->second, at(file, it->second.Mark()), wkey, 1,
                                                  static_cast<double>(names.size()));
            wards.push_back({ward, patch});
          }
          slot = std::move(wards);
        }
        }
      },
      spec.ref);
}


}  // namespace homecare::scenario::detail
