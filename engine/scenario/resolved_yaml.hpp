// Parameters as YAML text: one value in flow style, or every parameter as nested block YAML (the
// `resolved_yaml` of a results file, which `homecare run` reads back as the same parameters).
#pragma once

#include <string>

#include "model/params.hpp"

namespace homecare::scenario {

/// Shortest text that reads back as the same double, always a YAML float (`3.0`, not `3`).
[[nodiscard]] std::string format_real(double v);

/// The value of one parameter in `p`, as YAML flow text (numbers shortest round-trip, ward names
/// double-quoted so that any name reads back as the same bytes).
[[nodiscard]] std::string format_value(const model::ParamSpec& spec, const model::Params& p);

/// Every parameter's value as nested YAML, in the parameter table's order; with `borough`, the
/// pack's name first (`borough: NAME`), so that the text runs again as the same scenario.
[[nodiscard]] std::string resolved_yaml(const model::Params& p, const std::string& borough = "");

}  // namespace homecare::scenario
