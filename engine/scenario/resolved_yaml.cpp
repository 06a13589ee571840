// Parameters as YAML text: values in flow style, and the resolved YAML of a whole parameter set.
#include "scenario/resolved_yaml.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>
#include <type_traits>
#include <variant>
#include <vector>

namespace homecare::scenario {

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

namespace {
/// `s` as a YAML double-quoted scalar that reads back as the same bytes: backslash and quote
/// escaped, control characters as \xNN (the loader has already checked the text is UTF-8).
std::string double_quoted(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\' || c == '"') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(c));
      out += hex;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}
}  // namespace

std::string format_value(const model::ParamSpec& spec, const model::Params& p) {
  return std::visit(
      [&](auto ref) -> std::string {
        const auto& v = ref(p);
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<std::decay_t<decltype(ref)>, model::ChoiceRef>) {
          return model::choice_name(spec, p);
        } else if constexpr (std::is_same_v<T, double>) {
          return format_real(v);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          return kernel::to_iso(v);
        } else if constexpr (std::is_same_v<T, std::vector<model::ScheduleStep>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += "{from: " + kernel::to_iso(v[i].from) + ", " + spec.value_field + ": " +
                 format_real(v[i].value) + "}";
          }
          return s + "]";
        } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          std::string s = "[";
          for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
          return s + "]";
        } else {
          std::string s = "{";
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += ", ";
            s += double_quoted(v[i].ward) + ": " + std::to_string(v[i].patch);
          }
          return s + "}";
        }
      },
      spec.ref);
}

std::string resolved_yaml(const model::Params& p, const std::string& borough) {
  std::string out;
  if (!borough.empty()) out += "borough: " + double_quoted(borough) + "\n";
  std::vector<std::string> open;  // the group path currently printed
  for (const auto& spec : model::parameter_table()) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = spec.path.find('.', start)) != std::string::npos; start = dot + 1)
      parts.push_back(spec.path.substr(start, dot - start));
    const std::string leaf = spec.path.substr(start);
    std::size_t common = 0;
    while (common < open.size() && common < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (std::size_t i = common; i < parts.size(); ++i) {
      out += std::string(2 * i, ' ') + parts[i] + ":\n";
      open.push_back(parts[i]);
    }
    out += std::string(2 * parts.size(), ' ') + leaf + ": " + format_value(spec, p) + "\n";
  }
  return out;
}

}  // namespace homecare::scenario
