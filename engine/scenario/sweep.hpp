// A scenario's `sweep:`: a grid over listed values, or a Latin hypercube over ranges, turned
// into the scenario's variants.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>

#include "scenario/document.hpp"
#include "scenario/scenario.hpp"

namespace homecare::scenario::detail {

/// Appends to `sc.variants` one variant per point of the sweep written at `sweep` in `layer`,
/// each a copy of `sc.base` with the swept values set, and sets `sc.sweep`. A Latin hypercube's
/// design is drawn from its own random stream of `seed`, so it depends on the seed alone.
void expand_sweep(const Layer& layer, const YAML::Node& sweep, Scenario& sc, std::uint32_t seed);

}  // namespace homecare::scenario::detail
