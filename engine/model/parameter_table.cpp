// The parameter table: the key path, unit, range, meaning and source of every scenario parameter.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "model/params.hpp"

namespace homecare::model {
namespace {

// Each entry binds a key path to a member of Params through a captureless lambda.
#define HC_REF(member) [](Params& p) -> auto& { return p.member; }

const std::vector<ParamSpec>& table() {
  static const std::vector<ParamSpec> t = {
      {"run.start", HC_REF(run.start), "date", 0, 0, {},
       "First simulated day (warm-up starts here)", "MODEL.md: warm-up from 1 April 2016"},
      {"run.end", HC_REF(run.end), "date", 0, 0, {},
       "Last simulated day", "MODEL.md: policy period to 30 Sep 2021"},
      {"run.seed", HC_REF(run.seed), "integer", 0, 4294967295.0, {},
       "Base random seed (the command line's --seed overrides it)", "choice of the analyst"},
      {"run.replicates", HC_REF(run.replicates), "count", 1, 100000, {},
       "Monte Carlo replicates per variant (--replicates overrides it)", "TARGETS.md: at least 50"},

      {"demand.referrals_per_1000_65plus", HC_REF(demand.referrals_per_1000_65plus),
       "per 1,000 aged 65+ per year", 0, 1000, {},
       "New home care packages a year per 1,000 residents aged 65+",
       "calibrated to TARGETS.md C1-C2 (1,800 at a time, 2,578 in a year)"},
      {"demand.growth_65plus", HC_REF(demand.growth_65plus), "share per year", -0.5, 0.5, {},
       "Annual growth of the 65+ population", "TARGETS.md P6: +26.4% by 2020 (about 3.5%/yr)"},
      {"demand.mean_package_days", HC_REF(demand.mean_package_days), "days", 1, 10000, {},
       "Mean length of a home care package", "calibrated: 1,800 at a time / 2,578 a year"},
      {"demand.start_at_steady_state", HC_REF(demand.start_at_steady_state), "flag", 0, 0, {},
       "Start with the stationary number of packages already running", "modelling choice"},

      {"workforce.initial_workers", HC_REF(workforce.initial_workers), "count", 0, 1000000, {},
       "Care workers at the start", "TARGETS.md C5: about 1,730 (Skills for Care 2015/16)"},
      {"workforce.quit_hazard", HC_REF(workforce.quit_hazard), "per year", 0, 20, {},
       "Hazard of a care worker leaving their job", "TARGETS.md C6: turnover 27.8%-30%"},
      {"workforce.mean_days_to_fill", HC_REF(workforce.mean_days_to_fill), "days", 0, 3650, {},
       "Mean time to fill a vacancy", "assumption"},
  };
  return t;
}

#undef HC_REF

}  // namespace

std::span<const ParamSpec> parameter_table() { return table(); }

const ParamSpec* find_parameter(std::string_view path) {
  for (const auto& s : table())
    if (s.path == path) return &s;
  return nullptr;
}

std::string_view type_name(ParamType t) {
  switch (t) {
    case ParamType::real: return "number";
    case ParamType::integer: return "integer";
    case ParamType::boolean: return "boolean";
    case ParamType::date: return "date";
    case ParamType::choice: return "choice";
    case ParamType::schedule: return "schedule";
    case ParamType::ward_map: return "ward map";
  }
  return "?";
}

std::string format_real(double v) {
  if (std::isnan(v)) return ".nan";
  if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  // Keep it a YAML float even when integral, so the type reads back unchanged.
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

std::string format_value(const ParamSpec& spec, const Params& cp) {
  Params& p = const_cast<Params&>(cp);  // accessors are shared by reads and writes; nothing is written
  return std::visit(
      [&](auto ref) -> std::string {
        const auto& v = ref(p);
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) {
          return format_real(v);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          return kernel::to_iso(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, std::vector<ScheduleStep>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += "{from: " + kernel::to_iso(v[i].from) + ", " + spec.value_field + ": " +
                 format_real(v[i].value) + "}";
          }
          return s + "]";
        } else {
          std::string s = "{";
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += "\"" + v[i].ward + "\": " + std::to_string(v[i].patch);
          }
          return s + "}";
        }
      },
      spec.ref);
}

}  // namespace homecare::model
