// Reads scenario YAML into model::Params: layered `extends:`, strict keys and types, sweeps.
// The only code in homecare that touches yaml-cpp.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kernel/random.hpp"
#include "model/geography.hpp"
#include "model/validate.hpp"
#include "scenario/scenario.hpp"
#include "scenario/suggest.hpp"

namespace homecare::scenario {
namespace fs = std::filesystem;
using model::ParamSpec;
using model::ParamType;

namespace {

const std::set<std::string, std::less<>> reserved_keys = {"extends", "name", "description", "sweep"};

SourceLocation at(const std::string& file, const YAML::Mark& m) {
  if (m.line < 0) return SourceLocation{file, 0, 0};
  return SourceLocation{file, m.line + 1, m.column + 1};
}

std::string describe_node(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "nothing (null)";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Scalar: {
      std::string s = n.Scalar();
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return "'" + s + "'";
    }
    default: return "an undefined value";
  }
}

/// Checks that `bytes` is UTF-8; on failure returns the 1-based line and column of the bad byte.
std::optional<std::pair<int, int>> bad_utf8(const std::string& bytes) {
  int line = 1;
  int col = 1;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t len = 0;
    if (c < 0x80) len = 1;
    else if ((c >> 5) == 0x6) len = 2;
    else if ((c >> 4) == 0xe) len = 3;
    else if ((c >> 3) == 0x1e) len = 4;
    else return std::pair{line, col};
    if (i + len > bytes.size()) return std::pair{line, col};
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(bytes[i + k]) >> 6) != 0x2) return std::pair{line, col};
    if (c == '\n') { ++line; col = 1; } else { ++col; }
    i += len;
  }
  return std::nullopt;
}

/// A scalar's text once YAML's escapes are decoded, checked to be UTF-8: yaml-cpp 0.7 decodes
/// "\N" and "\_" to the single bytes 0x85 and 0xA0, so a valid UTF-8 file can still give text
/// that is not, which results files and the report cannot hold.
std::string utf8_scalar(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  std::string s = n.Scalar();
  if (bad_utf8(s))
    throw InputError(where, key,
                     "not valid UTF-8 text once its escapes are decoded (YAML's \\N and \\_ escapes give "
                     "single bytes here: write the characters themselves)");
  return s;
}

std::string read_file_checked(const std::string& path, const SourceLocation& referrer,
                              const std::string& key) {
  auto fail = [&](const std::string& why) -> InputError {
    if (referrer.file.empty()) return InputError(SourceLocation{path, 0, 0}, "", why);
    return InputError(referrer, key, "cannot read '" + path + "': " + why);
  };
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) throw fail("no such file");
  if (fs::is_directory(st)) throw fail("is a directory, not a scenario file");
  if (!fs::is_regular_file(st)) throw fail("is not a regular file");
  if (fs::file_size(path, ec) > max_file_bytes)
    throw fail("larger than the " + std::to_string(max_file_bytes) + "-byte limit for a scenario");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw fail(std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (auto bad = bad_utf8(text))
    throw InputError(SourceLocation{path, bad->first, bad->second}, "",
                     "the file is not valid UTF-8 text");
  return text;
}

struct Layer {
  std::string file;
  std::string text;
  YAML::Node root;
};

YAML::Node parse_yaml(const std::string& file, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(at(file, e.mark), "", "YAML syntax error: " + e.msg);
  }
}

/// Loads `path` and its `extends:` ancestors, root-most first.
void load_layers(const std::string& path, std::vector<Layer>& out, std::vector<std::string>& chain,
                 const SourceLocation& referrer) {
  std::error_code ec;
  const std::string canon = fs::weakly_canonical(path, ec).string();
  if (std::find(chain.begin(), chain.end(), canon) != chain.end()) {
    std::string cycle;
    for (const auto& c : chain) cycle += fs::path(c).filename().string() + " -> ";
    throw InputError(referrer, "extends", "extends cycle: " + cycle + fs::path(canon).filename().string());
  }
  if (static_cast<int>(chain.size()) >= max_extends_depth)
    throw InputError(referrer, "extends",
                     "extends chain deeper than " + std::to_string(max_extends_depth) + " files");
  std::string text = read_file_checked(path, referrer, "extends");
  YAML::Node root = parse_yaml(path, text);
  if (root.IsNull()) throw InputError(SourceLocation{path, 0, 0}, "", "the scenario file is empty");
  if (!root.IsMap())
    throw InputError(at(path, root.Mark()), "",
                     "a scenario must be a mapping of keys to values, got " + describe_node(root));
  chain.push_back(canon);
  if (const YAML::Node ext = root["extends"]) {
    if (!ext.IsScalar() || ext.Scalar().empty())
      throw InputError(at(path, ext.Mark()), "extends",
                       "expected the path of another scenario file, got " + describe_node(ext));
    fs::path parent = fs::path(path).parent_path() / ext.Scalar();
    load_layers(parent.lexically_normal().string(), out, chain, at(path, ext.Mark()));
  }
  chain.pop_back();
  out.push_back(Layer{path, std::move(text), root});
}

// ---------- scalar conversion with exact messages ----------

[[noreturn]] void type_error(const SourceLocation& where, const std::string& key,
                             const std::string& expected, const YAML::Node& n) {
  throw InputError(where, key, "expected " + expected + ", got " + describe_node(n));
}

bool plain_scalar(const YAML::Node& n) { return n.IsScalar() && n.Tag() != "!"; }

double to_real(const YAML::Node& n, const SourceLocation& where, const std::string& key,
               const std::string& unit) {
  const std::string expected = "a number (" + unit + ")";
  if (!plain_scalar(n)) type_error(where, key, expected, n);
  const std::string& s = n.Scalar();
  if (s == ".nan" || s == ".NaN" || s == ".NAN" || s == ".inf" || s == ".Inf" || s == "+.inf" ||
      s == "-.inf" || s == "-.Inf" || s == ".INF")
    throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  double v = 0.0;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (b != e && *b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec == std::errc::result_out_of_range || (ec == std::errc{} && ptr == e && !std::isfinite(v)))
    throw InputError(where, key, "expected a finite number (" + unit + "), got '" + s + "'");
  if (ec != std::errc{} || ptr != e) type_error(where, key, expected, n);
  return v;
}

std::int64_t to_integer(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  if (!plain_scalar(n)) type_error(where, key, "a whole number", n);
  const std::string& s = n.Scalar();
  std::int64_t v = 0;
  const char* b = s.data();
  if (!s.empty() && *b == '+') ++b;
  auto [ptr, ec] = std::from_chars(b, s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range)
    throw InputError(where, key, "the whole number '" + s + "' is too large");
  if (ec != std::errc{} || ptr != s.data() + s.size()) type_error(where, key, "a whole number", n);
  return v;
}

bool to_bool(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  if (plain_scalar(n)) {
    if (n.Scalar() == "true") return true;
    if (n.Scalar() == "false") return false;
  }
  type_error(where, key, "true or false", n);
}

kernel::Date to_date(const YAML::Node& n, const SourceLocation& where, const std::string& key) {
  if (n.IsScalar())
    if (auto d = kernel::parse_iso_date(n.Scalar())) return *d;
  type_error(where, key, "a date YYYY-MM-DD", n);
}

void check_range(double v, const ParamSpec& spec, const SourceLocation& where,
                 const std::string& key) {
  if (v < spec.min)
    throw InputError(where, key, model::format_real(v) + " is below the minimum " +
                                     model::format_real(spec.min));
  if (v > spec.max)
    throw InputError(where, key, model::format_real(v) + " is above the maximum " +
                                     model::format_real(spec.max));
}

std::string short_number(double v) {
  std::string s = model::format_real(v);
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

void check_int_range(std::int64_t v, const ParamSpec& spec, const SourceLocation& where,
                     const std::string& key) {
  const auto d = static_cast<double>(v);
  if (d < spec.min)
    throw InputError(where, key, std::to_string(v) + " is below the minimum " + short_number(spec.min));
  if (d > spec.max)
    throw InputError(where, key, std::to_string(v) + " is above the maximum " + short_number(spec.max));
}

/// Sets one parameter from a YAML node, checking type and range.
void assign(const ParamSpec& spec, const YAML::Node& n, const std::string& file,
            const SourceLocation& key_where, model::Params& p) {
  const std::string& key = spec.path;
  const SourceLocation where = n.Mark().line >= 0 ? at(file, n.Mark()) : key_where;
  std::visit(
      [&](auto ref) {
        auto& slot = ref(p);
        using T = std::decay_t<decltype(slot)>;
        if constexpr (std::is_same_v<T, double>) {
          const double v = to_real(n, where, key, spec.unit);
          check_range(v, spec, where, key);
          slot = v;
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          const std::int64_t v = to_integer(n, where, key);
          check_int_range(v, spec, where, key);
          slot = v;
        } else if constexpr (std::is_same_v<T, bool>) {
          slot = to_bool(n, where, key);
        } else if constexpr (std::is_same_v<T, kernel::Date>) {
          slot = to_date(n, where, key);
        } else if constexpr (std::is_same_v<T, std::string>) {
          std::string opts;
          for (const auto& c : spec.choices) opts += (opts.empty() ? "" : ", ") + c;
          if (!plain_scalar(n)) type_error(where, key, "one of " + opts, n);
          const std::string& s = n.Scalar();
          if (std::find(spec.choices.begin(), spec.choices.end(), s) == spec.choices.end()) {
            std::string msg = "'" + s + "' is not one of " + opts;
            if (auto near = closest(s, spec.choices)) msg += "; did you mean '" + *near + "'?";
            throw InputError(where, key, msg);
          }
          slot = s;
        } else if constexpr (std::is_same_v<T, std::vector<model::ScheduleStep>>) {
          if (!n.IsSequence())
            type_error(where, key, "a list of {from: YYYY-MM-DD, " + spec.value_field + ": number}", n);
          if (n.size() > max_schedule_steps)
            throw InputError(where, key, std::to_string(n.size()) + " steps is above the maximum " +
                                             std::to_string(max_schedule_steps));
          std::vector<model::ScheduleStep> steps;
          for (std::size_t i = 0; i < n.size(); ++i) {
            const YAML::Node item = n[i];
            const std::string ikey = key + "[" + std::to_string(i) + "]";
            const SourceLocation iw = at(file, item.Mark());
            if (!item.IsMap())
              type_error(iw, ikey, "a mapping {from: YYYY-MM-DD, " + spec.value_field + ": number}", item);
            model::ScheduleStep step;
            bool has_from = false;
            bool has_value = false;
            for (auto it = item.begin(); it != item.end(); ++it) {
              const std::string f = it->first.Scalar();
              const SourceLocation fw = at(file, it->second.Mark());
              if (f == "from") {
                step.from = to_date(it->second, fw, ikey + ".from");
                has_from = true;
              } else if (f == spec.value_field) {
                const std::string vkey = ikey + "." + spec.value_field;
                step.value = to_real(it->second, fw, vkey, spec.unit);
                check_range(step.value, spec, fw, vkey);
                has_value = true;
              } else {
                std::vector<std::string> fields = {"from", spec.value_field};
                std::string msg = "unknown key";
                if (auto near = closest(f, fields)) msg += "; did you mean '" + *near + "'?";
                throw InputError(at(file, it->first.Mark()), ikey + "." + f, msg);
              }
            }
            if (!has_from) throw InputError(iw, ikey + ".from", "missing required key");
            if (!has_value) throw InputError(iw, ikey + "." + spec.value_field, "missing required key");
            if (!steps.empty() && !(steps.back().from < step.from))
              throw InputError(iw, ikey + ".from",
                               kernel::to_iso(step.from) + " is not after the previous step's " +
                                   kernel::to_iso(steps.back().from) + " (steps must be in date order)");
            steps.push_back(step);
          }
          slot = std::move(steps);
        } else {
          if (!n.IsMap()) type_error(where, key, "a mapping of ward name to patch number", n);
          if (n.size() > model::brent_wards().size())
            throw InputError(where, key, std::to_string(n.size()) + " wards named, but Brent has " +
                                             std::to_string(model::brent_wards().size()));
          std::vector<model::WardAssignment> wards;
          for (auto it = n.begin(); it != n.end(); ++it) {
            const std::string ward = utf8_scalar(it->first, at(file, it->first.Mark()), key);
            const SourceLocation vw = at(file, it->second.Mark());
            const std::string wkey = key + "." + ward;
            // Only Brent's wards, whatever patches.method is: a typo is caught even when the map
            // is not used yet, and the resolved YAML only ever holds the wards' own names.
            const auto& brent = model::brent_wards();
            if (std::none_of(brent.begin(), brent.end(), [&](const model::Ward& w) { return w.name == ward; })) {
              std::string msg = "'" + ward + "' is not a Brent ward";
              std::vector<std::string> names;
              for (const auto& w : brent) names.push_back(w.name);
              if (ward.size() <= 64)
                if (auto near = closest(ward, names)) msg += "; did you mean '" + *near + "'?";
              throw InputError(at(file, it->first.Mark()), wkey, msg);
            }
            const std::int64_t patch = to_integer(it->second, vw, wkey);
            if (patch < 1) throw InputError(vw, wkey, std::to_string(patch) + " is below the minimum 1");
            wards.push_back({ward, patch});
          }
          slot = std::move(wards);
        }
      },
      spec.ref);
}

/// The immediate children, at `prefix`, of the parameter tree ("" for the top level).
std::vector<std::string> children_of(const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& s : model::parameter_table()) {
    if (!prefix.empty() && !s.path.starts_with(prefix + ".")) continue;
    const std::string rest = prefix.empty() ? s.path : s.path.substr(prefix.size() + 1);
    const std::string head = rest.substr(0, rest.find('.'));
    if (std::find(out.begin(), out.end(), head) == out.end()) out.push_back(head);
  }
  return out;
}

bool is_group(const std::string& path) {
  for (const auto& s : model::parameter_table())
    if (s.path.starts_with(path + ".")) return true;
  return false;
}

[[noreturn]] void unknown_key(const std::string& file, const YAML::Node& key_node,
                              const std::string& prefix, const std::string& key) {
  const std::string full = prefix.empty() ? key : prefix + "." + key;
  auto candidates = children_of(prefix);
  if (prefix.empty()) candidates.insert(candidates.end(), reserved_keys.begin(), reserved_keys.end());
  std::string msg = "unknown key";
  if (auto near = closest(key, candidates)) {
    msg += "; did you mean '" + *near + "'?";
  } else if (!prefix.empty()) {
    std::string list;
    for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
    msg += " (known keys here: " + list + ")";
  }
  throw InputError(at(file, key_node.Mark()), full, msg);
}

void apply_tree(const YAML::Node& map, const std::string& prefix, const Layer& layer,
                model::Params& p, std::map<std::string, SourceLocation>& provenance) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: the iterator hands out a temporary
    if (!k.IsScalar()) throw InputError(at(layer.file, k.Mark()), prefix, "keys must be plain names");
    const std::string key = k.Scalar();
    if (prefix.empty() && reserved_keys.contains(key)) continue;
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    const SourceLocation key_where = at(layer.file, k.Mark());
    if (const ParamSpec* spec = model::find_parameter(path)) {
      assign(*spec, it->second, layer.file, key_where, p);
      provenance[path] = it->second.Mark().line >= 0 ? at(layer.file, it->second.Mark()) : key_where;
    } else if (is_group(path)) {
      if (!it->second.IsMap())
        throw InputError(it->second.Mark().line >= 0 ? at(layer.file, it->second.Mark()) : key_where,
                         path, "expected a mapping of " + path + ".* keys, got " + describe_node(it->second));
      apply_tree(it->second, path, layer, p, provenance);
    } else {
      unknown_key(layer.file, k, prefix, key);
    }
  }
}

// ---------- sweeps ----------

struct SweepAxis {
  const ParamSpec* spec;
  std::vector<YAML::Node> values;  // grid
  double lo = 0, hi = 0;           // hypercube
  SourceLocation where;
};

const ParamSpec& sweepable(const std::string& file, const YAML::Node& key_node) {
  const std::string key = key_node.Scalar();
  const ParamSpec* spec = model::find_parameter(key);
  if (!spec) {
    std::vector<std::string> all;
    for (const auto& s : model::parameter_table()) all.push_back(s.path);
    std::string msg = "not a parameter";
    if (auto near = closest(key, all)) msg += "; did you mean '" + *near + "'?";
    throw InputError(at(file, key_node.Mark()), "sweep." + key, msg);
  }
  const auto t = spec->type();
  if (t == ParamType::schedule || t == ParamType::ward_map || t == ParamType::date)
    throw InputError(at(file, key_node.Mark()), "sweep." + key,
                     "a " + std::string(model::type_name(t)) + " parameter cannot be swept");
  return *spec;
}

std::string variant_label(const std::string& path, const std::string& value) {
  return path + "=" + value;
}

void expand_sweep(const Layer& layer, const YAML::Node& sweep, Scenario& sc, std::uint32_t seed) {
  const std::string& file = layer.file;
  if (!sweep.IsMap()) type_error(at(file, sweep.Mark()), "sweep", "a mapping with grid: or latin_hypercube:", sweep);
  if (sweep.size() != 1)
    throw InputError(at(file, sweep.Mark()), "sweep", "expected exactly one of grid: or latin_hypercube:");
  const auto it = sweep.begin();
  const std::string kind = it->first.Scalar();
  const YAML::Node body = it->second;
  if (kind == "grid") {
    if (!body.IsMap() || body.size() == 0)
      throw InputError(at(file, body.Mark().line >= 0 ? body.Mark() : it->first.Mark()), "sweep.grid",
                       "expected a mapping of parameter to a list of values, got " + describe_node(body));
    std::vector<SweepAxis> axes;
    std::size_t total = 1;
    for (auto a = body.begin(); a != body.end(); ++a) {
      const ParamSpec& spec = sweepable(file, a->first);
      const std::string key = "sweep.grid." + spec.path;
      if (!a->second.IsSequence()) type_error(at(file, a->second.Mark()), key, "a list of values", a->second);
      if (a->second.size() == 0) throw InputError(at(file, a->second.Mark()), key, "a sweep needs at least one value");
      if (a->second.size() > max_variants)
        throw InputError(at(file, a->second.Mark()), key,
                         std::to_string(a->second.size()) + " values is above the maximum " +
                             std::to_string(max_variants));
      SweepAxis ax{&spec, {}, 0, 0, at(file, a->second.Mark())};
      for (std::size_t i = 0; i < a->second.size(); ++i) ax.values.push_back(a->second[i]);
      total *= ax.values.size();
      if (total > max_variants)
        throw InputError(at(file, a->first.Mark()), "sweep.grid",
                         "the grid has more than " + std::to_string(max_variants) + " points");
      axes.push_back(std::move(ax));
    }
    for (std::size_t idx = 0; idx < total; ++idx) {
      Variant v{"", sc.base, {}};
      std::size_t rest = idx;
      std::string name;
      for (std::size_t a = axes.size(); a-- > 0;) {  // last axis varies fastest
        const auto& ax = axes[a];
        const std::size_t k = rest % ax.values.size();
        rest /= ax.values.size();
        const YAML::Node& node = ax.values[k];
        assign(*ax.spec, node, file, at(file, node.Mark()), v.params);
        v.overrides.insert(v.overrides.begin(), {ax.spec->path, model::format_value(*ax.spec, v.params)});
      }
      for (const auto& [path, val] : v.overrides)
        name += (name.empty() ? "" : ",") + variant_label(path, val);
      v.name = name;
      sc.variants.push_back(std::move(v));
    }
  } else if (kind == "latin_hypercube") {
    if (!body.IsMap()) type_error(at(file, body.Mark()), "sweep.latin_hypercube", "a mapping with samples: and ranges:", body);
    const YAML::Node samples = body["samples"];
    const YAML::Node ranges = body["ranges"];
    for (auto f = body.begin(); f != body.end(); ++f) {
      const std::string fk = f->first.Scalar();
      if (fk != "samples" && fk != "ranges") {
        std::vector<std::string> c = {"samples", "ranges"};
        std::string msg = "unknown key";
        if (auto near = closest(fk, c)) msg += "; did you mean '" + *near + "'?";
        throw InputError(at(file, f->first.Mark()), "sweep.latin_hypercube." + fk, msg);
      }
    }
    if (!samples) throw InputError(at(file, body.Mark()), "sweep.latin_hypercube.samples", "missing required key");
    if (!ranges) throw InputError(at(file, body.Mark()), "sweep.latin_hypercube.ranges", "missing required key");
    const SourceLocation sw = at(file, samples.Mark());
    const std::int64_t n = to_integer(samples, sw, "sweep.latin_hypercube.samples");
    if (n < 1) throw InputError(sw, "sweep.latin_hypercube.samples", std::to_string(n) + " is below the minimum 1");
    if (n > static_cast<std::int64_t>(max_variants))
      throw InputError(sw, "sweep.latin_hypercube.samples",
                       std::to_string(n) + " is above the maximum " + std::to_string(max_variants));
    if (!ranges.IsMap() || ranges.size() == 0)
      type_error(at(file, ranges.Mark()), "sweep.latin_hypercube.ranges", "a mapping of parameter to [low, high]", ranges);
    std::vector<SweepAxis> axes;
    for (auto a = ranges.begin(); a != ranges.end(); ++a) {
      const ParamSpec& spec = sweepable(file, a->first);
      const std::string key = "sweep.latin_hypercube.ranges." + spec.path;
      const SourceLocation w = at(file, a->second.Mark());
      if (spec.type() != ParamType::real && spec.type() != ParamType::integer)
        throw InputError(w, key, "only numeric parameters can be sampled");
      if (!a->second.IsSequence() || a->second.size() != 2) type_error(w, key, "a list [low, high]", a->second);
      const double lo = to_real(a->second[0], at(file, a->second[0].Mark()), key, spec.unit);
      const double hi = to_real(a->second[1], at(file, a->second[1].Mark()), key, spec.unit);
      check_range(lo, spec, at(file, a->second[0].Mark()), key);
      check_range(hi, spec, at(file, a->second[1].Mark()), key);
      if (!(lo < hi)) throw InputError(w, key, "low " + model::format_real(lo) + " is not below high " + model::format_real(hi));
      axes.push_back(SweepAxis{&spec, {}, lo, hi, w});
    }
    // Stratified design: each axis gets a random permutation of the n strata and a random point
    // within each stratum. Drawn from a stream of its own, so the design depends only on the seed.
    const auto count = static_cast<std::uint32_t>(n);
    std::vector<std::vector<double>> points(axes.size(), std::vector<double>(count));
    for (std::size_t a = 0; a < axes.size(); ++a) {
      kernel::RandomStream rs({seed, 0xffffffffU, 0x4c485300U /* "LHS" */, static_cast<std::uint32_t>(a), 0});
      std::vector<std::uint32_t> perm(count);
      for (std::uint32_t i = 0; i < count; ++i) perm[i] = i;
      for (std::uint32_t i = count; i > 1; --i) std::swap(perm[i - 1], perm[kernel::uniform_index(rs, i)]);
      for (std::uint32_t i = 0; i < count; ++i)
        points[a][i] = axes[a].lo + (axes[a].hi - axes[a].lo) * (perm[i] + rs.uniform()) / count;
    }
    const int width = static_cast<int>(std::to_string(count).size());
    for (std::uint32_t i = 0; i < count; ++i) {
      Variant v{"", sc.base, {}};
      for (std::size_t a = 0; a < axes.size(); ++a) {
        const ParamSpec& spec = *axes[a].spec;
        if (spec.type() == ParamType::integer)
          std::get<model::IntRef>(spec.ref)(v.params) = static_cast<std::int64_t>(std::llround(points[a][i]));
        else
          std::get<model::RealRef>(spec.ref)(v.params) = points[a][i];
        v.overrides.emplace_back(spec.path, model::format_value(spec, v.params));
      }
      std::string num = std::to_string(i + 1);
      v.name = "lhs-" + std::string(static_cast<std::size_t>(width) - num.size(), '0') + num;
      sc.variants.push_back(std::move(v));
    }
  } else {
    std::vector<std::string> c = {"grid", "latin_hypercube"};
    std::string msg = "unknown kind of sweep";
    if (auto near = closest(kind, c)) msg += "; did you mean '" + *near + "'?";
    else msg += " (expected grid or latin_hypercube)";
    throw InputError(at(file, it->first.Mark()), "sweep." + kind, msg);
  }
}

}  // namespace

Scenario load_scenario(const std::string& path, std::optional<std::uint32_t> seed_override) {
  std::vector<Layer> layers;
  std::vector<std::string> chain;
  load_layers(path, layers, chain, SourceLocation{});

  Scenario sc;
  sc.file = path;
  sc.text = layers.back().text;
  sc.name = fs::path(path).stem().string();
  for (const Layer& layer : layers) {
    for (const char* meta : {"name", "description"}) {
      if (const YAML::Node n = layer.root[meta]) {
        if (!n.IsScalar()) type_error(at(layer.file, n.Mark()), meta, "a line of text", n);
        const std::string text = utf8_scalar(n, at(layer.file, n.Mark()), meta);
        if (std::string(meta) == "description") sc.description = text;
        else if (&layer == &layers.back()) sc.name = text;
      }
    }
    apply_tree(layer.root, "", layer, sc.base, sc.provenance);
  }
  if (sc.name.empty() || sc.name.find('/') != std::string::npos || sc.name == "." || sc.name == "..")
    throw InputError(SourceLocation{path, 0, 0}, "name", "'" + sc.name + "' cannot name a results group");
  if (seed_override) sc.base.run.seed = *seed_override;

  auto check = [&](const model::Params& p, const std::string& variant) {
    for (const auto& prob : model::validate(p)) {
      SourceLocation where{path, 0, 0};
      if (auto it = sc.provenance.find(prob.path); it != sc.provenance.end()) where = it->second;
      throw InputError(where, prob.path,
                       prob.message + (variant.empty() ? "" : " (in sweep variant " + variant + ")"));
    }
  };
  check(sc.base, "");

  const Layer* sweep_layer = nullptr;
  for (const Layer& layer : layers)
    if (layer.root["sweep"]) sweep_layer = &layer;
  if (sweep_layer) {
    expand_sweep(*sweep_layer, sweep_layer->root["sweep"], sc, static_cast<std::uint32_t>(sc.base.run.seed));
    for (const auto& v : sc.variants) check(v.params, v.name);
  } else {
    sc.variants.push_back(Variant{sc.name, sc.base, {}});
  }
  return sc;
}

std::string resolved_yaml(const model::Params& p) {
  std::string out;
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
    out += std::string(2 * parts.size(), ' ') + leaf + ": " + model::format_value(spec, p) + "\n";
  }
  return out;
}

}  // namespace homecare::scenario
