// `homecare describe`: every scenario parameter, as text for people or as JSON for scripts.
#pragma once

#include <ostream>

#include "scenario/pack.hpp"

namespace homecare::app {

/// The borough pack (its place, wards, calibration period and targets, the defaults it states),
/// then key path, type, kind, unit, default in that place, allowed range, meaning and source of
/// every parameter (a default the pack states: "borough pack <name> (defaults): <its source>").
void describe_text(std::ostream& out, const scenario::Pack& pack);

/// The same as one JSON object (format in output/README.md): {"format": 1, "engine_version":
/// ..., "pack": {...}, "parameters": [{"key", "type", "kind", "unit", "default", "min", "max", ...}]}, with the
/// defaults typed (numbers, true/false, dates as "YYYY-MM-DD", schedules as lists of objects,
/// ward maps as objects). Numbers are written so that they read back as the same doubles.
void describe_json(std::ostream& out, const scenario::Pack& pack);

}  // namespace homecare::app
