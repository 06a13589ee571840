// Cross-parameter checks of a scenario.
#include "model/validate.hpp"

#include <algorithm>
#include <set>

#include "kernel/calendar.hpp"
#include "model/geography.hpp"

namespace homecare::model {

std::vector<ParamProblem> validate(const Params& p) {
  std::vector<ParamProblem> out;
  if (!(p.run.start < p.run.end))
    out.push_back({"run.end", kernel::to_iso(p.run.end) + " is not after run.start " +
                                  kernel::to_iso(p.run.start)});
  if (!(p.commissioning.switch_date < p.run.end))
    out.push_back({"commissioning.switch_date", kernel::to_iso(p.commissioning.switch_date) + " is not before run.end " +
                                                    kernel::to_iso(p.run.end)});
  if (p.run.policy_start < p.run.start || !(p.run.policy_start < p.run.end))
    out.push_back({"run.policy_start", kernel::to_iso(p.run.policy_start) + " is not within run.start to run.end"});
  if (p.patches.method == PatchMethod::explicit_map) {
    const auto& wards = brent_wards();
    std::set<std::string> named;
    std::int64_t max_patch = 0;
    for (const auto& a : p.patches.wards) {
      const bool known = std::any_of(wards.begin(), wards.end(), [&](const Ward& w) { return w.name == a.ward; });
      if (!known) out.push_back({"patches.wards." + a.ward, "'" + a.ward + "' is not a Brent ward"});
      named.insert(a.ward);
      max_patch = std::max(max_patch, a.patch);
    }
    for (const auto& w : wards)
      if (!named.contains(w.name)) {
        out.push_back({"patches.wards", "ward '" + w.name + "' has no patch (method explicit needs all 21)"});
        break;
      }
    std::set<std::int64_t> used;
    for (const auto& a : p.patches.wards) used.insert(a.patch);
    if (static_cast<std::int64_t>(used.size()) != max_patch)
      out.push_back({"patches.wards", "patch numbers must run 1.." + std::to_string(max_patch) + " with none unused"});
  }
  return out;
}

}  // namespace homecare::model
