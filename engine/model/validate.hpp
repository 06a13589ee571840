// Checks that need more than one parameter, or the place (dates in order, patches that fit the
// wards, a run within the dated tables).
#pragma once

#include <string>
#include <vector>

#include "model/params.hpp"
#include "model/place.hpp"

namespace homecare::model {

/// A problem with a scenario's parameters, attributed to the key whose value is wrong.
struct ParamProblem {
  std::string path;
  std::string message;
};

/// Every cross-parameter inconsistency in `p`, and every way `p` does not fit `place` (single-value
/// ranges are checked on loading).
[[nodiscard]] std::vector<ParamProblem> validate(const Params& p, const Place& place);

/// What loads but deserves a warning: a fixed price below the cost of paying the statutory floor
/// for working time (travel included, on the year's cost lines), the first date each step falls
/// below it. The model then runs it: losses, hand-backs and exits follow.
[[nodiscard]] std::vector<ParamProblem> warnings(const Params& p, const Place& place);

}  // namespace homecare::model
