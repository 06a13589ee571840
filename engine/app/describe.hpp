// `homecare describe`: every scenario parameter, as text for people or as JSON for scripts.
#pragma once

#include <ostream>

namespace homecare::app {

/// Key path, type, kind, unit, default, allowed range, meaning and source of every parameter.
void describe_text(std::ostream& out);

/// The same as one JSON object (format in output/README.md): {"format": 1, "engine_version":
/// ..., "parameters": [{"key", "type", "kind", "unit", "default", "min", "max", ...}]}, with the
/// defaults typed (numbers, true/false, dates as "YYYY-MM-DD", schedules as lists of objects,
/// ward maps as objects). Numbers are written so that they read back as the same doubles.
void describe_json(std::ostream& out);

}  // namespace homecare::app
