// The description of one scenario parameter: key path, type, unit, default, range and meaning.
// The parameter table (parameter_table.cpp) is the single source for loading, `describe`, the
// resolved YAML and sweeps; defaults live once, in Params' member initialisers.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "kernel/calendar.hpp"

namespace homecare::model {

struct Params;

/// One step of a dated schedule (e.g. LLW phasing): from `from`, `value` applies.
struct ScheduleStep {
  kernel::Date from;
  double value = 0.0;
  friend bool operator==(const ScheduleStep&, const ScheduleStep&) = default;
};

/// A ward named in the scenario, assigned to a patch number (1-based).
struct WardAssignment {
  std::string ward;
  std::int64_t patch = 0;
  friend bool operator==(const WardAssignment&, const WardAssignment&) = default;
};

enum class ParamType : std::uint8_t { real, integer, boolean, date, choice, schedule, ward_map };

using RealRef = double& (*)(Params&);
using IntRef = std::int64_t& (*)(Params&);
using BoolRef = bool& (*)(Params&);
using DateRef = kernel::Date& (*)(Params&);
using ChoiceRef = std::string& (*)(Params&);
using ScheduleRef = std::vector<ScheduleStep>& (*)(Params&);
using WardMapRef = std::vector<WardAssignment>& (*)(Params&);
using ParamRef = std::variant<RealRef, IntRef, BoolRef, DateRef, ChoiceRef, ScheduleRef, WardMapRef>;

struct ParamSpec {
  std::string path;     // dotted key path, e.g. "workforce.quit.base_hazard"
  ParamRef ref;         // where the value lives in Params
  std::string unit;     // e.g. "per year", "GBP per hour", "share"
  double min = -std::numeric_limits<double>::infinity();  // numeric range (inclusive)
  double max = std::numeric_limits<double>::infinity();   // also bounds a schedule's values
  std::vector<std::string> choices;                        // for choice parameters
  std::string meaning;  // one line
  std::string source;   // where the default comes from (document, or "assumption")
  std::string value_field = "value";  // schedule: name of the value field in each step

  [[nodiscard]] ParamType type() const { return static_cast<ParamType>(ref.index()); }
};

/// Every parameter, in a fixed order (the order of `describe` and of the resolved YAML).
[[nodiscard]] std::span<const ParamSpec> parameter_table();
/// The spec with this exact path, or nullptr.
[[nodiscard]] const ParamSpec* find_parameter(std::string_view path);
[[nodiscard]] std::string_view type_name(ParamType t);

/// The value of one parameter in `p`, formatted as YAML flow text (numbers shortest round-trip).
[[nodiscard]] std::string format_value(const ParamSpec& spec, const Params& p);
/// Shortest text that reads back as the same double.
[[nodiscard]] std::string format_real(double v);

}  // namespace homecare::model
