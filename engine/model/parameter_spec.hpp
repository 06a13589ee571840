// The description of one scenario parameter: key path, type, unit, default, range and meaning.
// The parameter table (parameter_table.cpp) is the single source for loading, `describe`, the
// resolved YAML, sweeps, `describe` and the typed parameters of results files; defaults
// live once, in Params' member initialisers.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
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

/// A ward (or, for patches.networks, a primary care network) named in the scenario, assigned to a
/// patch number (1-based).
struct WardAssignment {
  std::string ward;
  std::int64_t patch = 0;
  friend bool operator==(const WardAssignment&, const WardAssignment&) = default;
};

/// `ward_map`: name -> patch number; the names are the place's wards, or its primary care networks
/// when the spec's `value_field` is "network". `count_list`: a list of whole numbers in [min, max]
/// (patches.providers_by_patch: one per patch).
enum class ParamType : std::uint8_t { real, integer, boolean, date, choice, schedule, ward_map, count_list };

/// What a parameter is to the people reading results: a setting of the run, a lever the council
/// controls, a behavioural or data assumption, or a value fitted to a calibration target. The
/// report shows a sweep over anything but levers as sensitivity to assumptions, not as policies.
enum class ParamKind : std::uint8_t { run, policy, assumption, calibrated };

/// Where one parameter lives in Params, for reading (a const Params) and for writing.
template <class T>
struct Accessor {
  T& (*get)(Params&);
  const T& (*read)(const Params&);
  T& operator()(Params& p) const { return get(p); }
  const T& operator()(const Params& p) const { return read(p); }
};

using RealRef = Accessor<double>;
using IntRef = Accessor<std::int64_t>;
using BoolRef = Accessor<bool>;
using DateRef = Accessor<kernel::Date>;
/// A choice: an enum in Params, named by the spec's `choices` in the enum's order.
struct ChoiceRef {
  std::size_t (*read)(const Params&);
  void (*write)(Params&, std::size_t);
  [[nodiscard]] std::size_t operator()(const Params& p) const { return read(p); }
};
using ScheduleRef = Accessor<std::vector<ScheduleStep>>;
using WardMapRef = Accessor<std::vector<WardAssignment>>;
using CountListRef = Accessor<std::vector<std::int64_t>>;
/// The alternatives are in ParamType's order.
using ParamRef = std::variant<RealRef, IntRef, BoolRef, DateRef, ChoiceRef, ScheduleRef, WardMapRef, CountListRef>;

struct ParamSpec {
  std::string path;     // dotted key path, e.g. "workforce.quit.base_hazard"
  ParamRef ref;         // where the value lives in Params
  ParamKind kind;       // run setting, policy lever, assumption or calibrated
  std::string unit;     // e.g. "per year", "GBP per hour", "share"
  double min = -std::numeric_limits<double>::infinity();  // numeric range (inclusive)
  double max = std::numeric_limits<double>::infinity();   // also bounds a schedule's values
  std::vector<std::string> choices;                        // choice parameters: names in enum order
  std::string meaning;  // one line
  std::string source;   // where the default comes from (document, or "assumption")
  std::string value_field = "value";  // schedule: name of the value field in each step; ward map:
                                      // "network" for a map of primary care networks

  [[nodiscard]] ParamType type() const { return static_cast<ParamType>(ref.index()); }
};

/// Every parameter, in a fixed order (the order of `describe` and of the resolved YAML).
[[nodiscard]] std::span<const ParamSpec> parameter_table();
/// The spec with this exact path, or nullptr.
[[nodiscard]] const ParamSpec* find_parameter(std::string_view path);

/// Where no figure pins an assumption down: the range it plausibly lies in and why. These are
/// the priors of a later analysis of doubt about the assumptions; `describe` shows them.
struct AssumptionRange {
  std::string_view path;
  double low;
  double high;
  std::string_view reasoning;
};
[[nodiscard]] std::span<const AssumptionRange> assumption_ranges();
[[nodiscard]] const AssumptionRange* find_assumption_range(std::string_view path);
/// A key that was renamed: the old path still loads, with a warning naming the new one.
struct RenamedKey {
  std::string_view old_path;
  std::string_view new_path;
  std::string_view why;
};
/// Every renamed key (old names stay loadable for ever: CONTRACT.md).
[[nodiscard]] std::span<const RenamedKey> renamed_keys();
/// The renaming of `old_path`, or nullptr.
[[nodiscard]] const RenamedKey* find_renamed(std::string_view old_path);
/// Parameters whose values are facts about a place: every borough pack states them in its
/// `defaults:` (with sources), and they apply unless a scenario sets them.
[[nodiscard]] std::span<const std::string_view> pack_parameters();

/// The name of a choice parameter's value in `p`.
[[nodiscard]] const std::string& choice_name(const ParamSpec& spec, const Params& p);
/// Sets a choice parameter by name; false (and `p` unchanged) when the name is not a choice.
bool set_choice(const ParamSpec& spec, Params& p, std::string_view name);

/// "number", "integer", "boolean", "date", "choice", "schedule", "ward map", "count list".
[[nodiscard]] std::string_view type_name(ParamType t);
/// "run", "policy", "assumption", "calibrated".
[[nodiscard]] std::string_view kind_name(ParamKind k);

}  // namespace homecare::model
