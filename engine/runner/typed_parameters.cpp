// Parameters in the results file's typed form.
#include "runner/typed_parameters.hpp"

#include <string>
#include <type_traits>
#include <variant>

#include "kernel/calendar.hpp"

namespace homecare::runner {

std::vector<results::Parameter> typed_parameters(const model::Params& p) {
  std::vector<results::Parameter> out;
  for (const auto& spec : model::parameter_table()) {
    results::ParameterValue value = std::visit(
        [&](const auto& ref) -> results::ParameterValue {
          const auto& v = ref(p);
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<std::decay_t<decltype(ref)>, model::ChoiceRef>) {
            return model::choice_name(spec, p);
          } else if constexpr (std::is_same_v<T, kernel::Date>) {
            return kernel::to_iso(v);
          } else if constexpr (std::is_same_v<T, std::vector<model::ScheduleStep>>) {
            std::vector<std::string> from;
            std::vector<double> values;
            for (const auto& step : v) {
              from.push_back(kernel::to_iso(step.from));
              values.push_back(step.value);
            }
            results::Table t;
            t.columns = {{"from", std::move(from)}, {spec.value_field, std::move(values)}};
            return t;
          } else if constexpr (std::is_same_v<T, std::vector<model::WardAssignment>>) {
            std::vector<std::string> wards;
            std::vector<std::int64_t> patches;
            for (const auto& w : v) {
              wards.push_back(w.ward);
              patches.push_back(w.patch);
            }
            results::Table t;
            t.columns = {{spec.value_field == "network" ? "network" : "ward", std::move(wards)}, {"patch", std::move(patches)}};
            return t;
          } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
            results::Table t;  // a count list: one column, one row per patch
            t.columns = {{"count", std::vector<std::int64_t>(v.begin(), v.end())}};
            return t;
          } else {
            return v;  // double, std::int64_t, bool
          }
        },
        spec.ref);
    out.push_back({spec.path, std::move(value)});
  }
  return out;
}

std::vector<results::ParameterInfo> parameter_info() {
  std::vector<results::ParameterInfo> out;
  for (const auto& spec : model::parameter_table())
    out.push_back({spec.path, std::string(model::type_name(spec.type())), spec.unit,
                   std::string(model::kind_name(spec.kind))});
  return out;
}

}  // namespace homecare::runner
