// Values of a scenario file converted to parameters: types, ranges and exact messages. A value's
// message names the file, line and column where it is written and the key path it sets.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>

#include "common/error.hpp"
#include "kernel/calendar.hpp"
#include "model/params.hpp"
#include "model/place.hpp"

namespace homecare::scenario::detail {

/// Throws InputError "expected <expected>, got <what n is>".
[[noreturn]] void type_error(const SourceLocation& where, const std::string& key, const std::string& expected,
                             const YAML::Node& n);

/// The text of a scalar, quoted or not (a name, a date); a type error otherwise.
const std::string& any_text(const YAML::Node& n, const SourceLocation& where, const std::string& key,
                            const std::string& expected);

/// A scalar's text once YAML's escapes are decoded, checked to be UTF-8 text.
[[nodiscard]] std::string utf8_scalar(const YAML::Node& n, const SourceLocation& where, const std::string& key);

/// A finite number written plainly (not quoted), in `unit` for messages.
[[nodiscard]] double to_real(const YAML::Node& n, const SourceLocation& where, const std::string& key,
                             const std::string& unit);
/// A whole number within [lo, hi] (also when it is too large for 64 bits).
[[nodiscard]] std::int64_t to_integer(const YAML::Node& n, const SourceLocation& where, const std::string& key,
                                      double lo, double hi);
/// The warning for a key written with its old name.
[[nodiscard]] std::string renamed_warning(const SourceLocation& where, const model::RenamedKey& r);

/// A date written YYYY-MM-DD (quoted or not); the message says why a well-shaped one is no day.
[[nodiscard]] kernel::Date to_date(const YAML::Node& n, const SourceLocation& where, const std::string& key);
/// Throws InputError when `v` is outside the parameter's range.
void check_range(double v, const model::ParamSpec& spec, const SourceLocation& where, const std::string& key);

/// Sets one parameter of `p` from a YAML node, checking type and range (a ward map: the wards of
/// `place`). Messages name `key` (the parameter's path unless the value is written elsewhere, as
/// in a sweep) at the value's location, or at `key_where` for an empty value.
void assign(const model::ParamSpec& spec, const YAML::Node& n, const std::string& file,
            const SourceLocation& key_where, model::Params& p, const model::Place& place,
            const std::string& key_override = "");

}  // namespace homecare::scenario::detail
