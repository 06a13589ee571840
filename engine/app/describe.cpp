// `homecare describe` and `homecare describe --json`.
#include "app/describe.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <type_traits>
#include <variant>

#include "model/params.hpp"
#include "scenario/resolved_yaml.hpp"
#include "version.hpp"

namespace homecare::app {
namespace {

std::string range_text(const model::ParamSpec& s) {
  switch (s.type()) {
    case model::ParamType::real:
    case model::ParamType::integer:
    case model::ParamType::schedule: {
      auto num = [&](double v) {
        if (s.type() == model::ParamType::integer) return std::to_string(static_cast<long long>(v));
        return scenario::format_real(v);
      };
      return "[" + num(s.min) + ", " + num(s.max) + "]";
    }
    case model::ParamType::choice: {
      std::string o;
      for (const auto& c : s.choices) o += (o.empty() ? "" : " | ") + c;
      return o;
    }
    case model::ParamType::boolean: return "true | false";
    case model::ParamType::date: return "YYYY-MM-DD";
    case model::ParamType::ward_map: return "ward name -> patch 1..K";
  }
  return "";
}

/// `s` as a JSON string: quotes, backslashes and control characters escaped; UTF-8 as it is.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned>(c));
      out += hex;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

/// A number that reads back as the same double (JSON has no infinity: null stands for "none").
std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  return scenario::format_real(v);
}

std::string json_default(const model::ParamSpec& spec, const model::Params& p) {
  return std::visit(
      [&](const auto& ref) -> std::string {
        const auto& v = ref(p);
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) {
          return json_number(v);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          return json_string(kernel::to_iso(v));
        } else if constexpr (std::is_same_v<T, std::string>) {
          return json_string(v);
        } else if constexpr (std::is_same_v<T, std::vector<model::ScheduleStep>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i)
            s += std::string(i ? ", " : "") + "{\"from\": " + json_string(kernel::to_iso(v[i].from)) + ", " +
                 json_string(spec.value_field) + ": " + json_number(v[i].value) + "}";
          return s + "]";
        } else {
          std::string s = "{";
          for (std::size_t i = 0; i < v.size(); ++i)
            s += std::string(i ? ", " : "") + json_string(v[i].ward) + ": " + std::to_string(v[i].patch);
          return s + "}";
        }
      },
      spec.ref);
}

bool numeric_range(const model::ParamSpec& s) {
  const auto t = s.type();
  return t == model::ParamType::real || t == model::ParamType::integer || t == model::ParamType::schedule;
}

}  // namespace

void describe_text(std::ostream& out) {
  const model::Params defaults;
  out << "# Every scenario parameter: key path, type, kind (run, policy, assumption, calibrated), unit,\n"
         "# default, allowed range, meaning, source. `homecare describe --json` gives the same for scripts.\n";
  for (const auto& s : model::parameter_table()) {
    out << s.path << "\n"
        << "    type: " << model::type_name(s.type()) << "    unit: " << s.unit << "    kind: " << model::kind_name(s.kind)
        << "\n"
        << "    default: " << scenario::format_value(s, defaults) << "    range: " << range_text(s) << "\n"
        << "    meaning: " << s.meaning << "\n"
        << "    source: " << s.source << "\n";
  }
}

void describe_json(std::ostream& out) {
  const model::Params defaults;
  out << "{\n  \"format\": 1,\n  \"engine_version\": "
      << json_string(std::string(engine_version) + " (" + git_commit + ")") << ",\n  \"parameters\": [\n";
  const auto table = model::parameter_table();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& s = table[i];
    out << "    {\"key\": " << json_string(s.path) << ", \"type\": " << json_string(model::type_name(s.type()))
        << ", \"kind\": " << json_string(model::kind_name(s.kind)) << ", \"unit\": " << json_string(s.unit)
        << ", \"default\": " << json_default(s, defaults)
        << ", \"min\": " << (numeric_range(s) ? json_number(s.min) : "null")
        << ", \"max\": " << (numeric_range(s) ? json_number(s.max) : "null");
    if (s.type() == model::ParamType::choice) {
      out << ", \"choices\": [";
      for (std::size_t c = 0; c < s.choices.size(); ++c) out << (c ? ", " : "") << json_string(s.choices[c]);
      out << "]";
    }
    if (s.type() == model::ParamType::schedule) out << ", \"value_field\": " << json_string(s.value_field);
    out << ", \"meaning\": " << json_string(s.meaning) << ", \"source\": " << json_string(s.source) << "}"
        << (i + 1 < table.size() ? "," : "") << "\n";
  }
  out << "  ]\n}\n";
}

}  // namespace homecare::app
