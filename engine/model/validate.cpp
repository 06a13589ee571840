// Cross-parameter checks of a scenario.
#include "model/validate.hpp"

#include "kernel/calendar.hpp"

namespace homecare::model {

std::vector<ParamProblem> validate(const Params& p) {
  std::vector<ParamProblem> out;
  if (!(p.run.start < p.run.end))
    out.push_back({"run.end", kernel::to_iso(p.run.end) + " is not after run.start " +
                                  kernel::to_iso(p.run.start)});
  return out;
}

}  // namespace homecare::model
