// A variant's resolved parameters in the typed form of the results file (numbers as numbers,
// dates as ISO text, schedules and ward maps as small tables), and the table of what each is.
#pragma once

#include <vector>

#include "model/params.hpp"
#include "results/results_file.hpp"

namespace homecare::runner {

/// Every parameter of `p`, in the parameter table's order.
[[nodiscard]] std::vector<results::Parameter> typed_parameters(const model::Params& p);

/// Key, type, unit and kind of every parameter, in the parameter table's order.
[[nodiscard]] std::vector<results::ParameterInfo> parameter_info();

}  // namespace homecare::runner
