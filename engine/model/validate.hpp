// Checks that need more than one parameter (dates in order, patches that fit the wards).
#pragma once

#include <string>
#include <vector>

#include "model/params.hpp"

namespace homecare::model {

/// A problem with a scenario's parameters, attributed to the key whose value is wrong.
struct ParamProblem {
  std::string path;
  std::string message;
};

/// Every cross-parameter inconsistency in `p` (single-value ranges are checked on loading).
[[nodiscard]] std::vector<ParamProblem> validate(const Params& p);

}  // namespace homecare::model
