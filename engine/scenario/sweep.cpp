// Sweeps: grid and Latin hypercube variants of a scenario.
#include "scenario/sweep.hpp"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "common/suggest.hpp"
#include "kernel/random.hpp"
#include "scenario/convert.hpp"
#include "scenario/resolved_yaml.hpp"

namespace homecare::scenario::detail {
using model::ParamSpec;
using model::ParamType;

namespace {

struct SweepAxis {
  const ParamSpec* spec;
  std::vector<YAML::Node> values;  // grid
  double lo = 0, hi = 0;           // hypercube
  SourceLocation where;
};

/// The parameter a sweep's key names; `section` is the key path of the mapping it is in.
const ParamSpec& sweepable(const std::string& file, const YAML::Node& key_node, const std::string& section,
                           std::vector<std::string>& warnings, bool grid) {
  if (!key_node.IsScalar()) type_error(at(file, key_node.Mark()), section, "a parameter's key path", key_node);
  const std::string key = key_node.Scalar();
  const ParamSpec* spec = model::find_parameter(key);
  if (const model::RenamedKey* r = spec ? nullptr : model::find_renamed(key)) {
    warnings.push_back(renamed_warning(at(file, key_node.Mark()), *r));
    spec = model::find_parameter(r->new_path);
  }
  if (!spec) {
    std::vector<std::string> all;
    for (const auto& s : model::parameter_table()) all.push_back(s.path);
    throw InputError(at(file, key_node.Mark()), section + "." + key, with_suggestion("not a parameter", key, all));
  }
  const auto t = spec->type();
  // A grid lists dates as it lists numbers; a hypercube needs a numeric range.
  if (t == ParamType::schedule || t == ParamType::ward_map || t == ParamType::count_list || (t == ParamType::date && !grid))
    throw InputError(at(file, key_node.Mark()), section + "." + key,
                     "a " + std::string(model::type_name(t)) + " parameter cannot be swept");
  // Every variant of a run shares its seed and replicate count (the batch takes them from the
  // scenario or the command line): a sweep over them would make variants that differ in name only.
  if (spec->path == "run.seed" || spec->path == "run.replicates")
    throw InputError(at(file, key_node.Mark()), section + "." + key,
                     "cannot be swept: every variant of a run has the same " +
                         std::string(spec->path == "run.seed" ? "seed (use separate runs with --seed)"
                                                              : "number of replicates"));
  return *spec;
}

std::string variant_label(const std::string& path, const std::string& value) {
  return path + "=" + value;
}

}  // namespace

void expand_sweep(const Layer& layer, const YAML::Node& sweep, Scenario& sc, std::uint32_t seed) {
  const std::string& file = layer.file;
  if (!sweep.IsMap()) type_error(at(file, sweep.Mark()), "sweep", "a mapping with grid: or latin_hypercube:", sweep);
  if (sweep.size() != 1)
    throw InputError(at(file, sweep.Mark()), "sweep", "expected exactly one of grid: or latin_hypercube:");
  const auto it = sweep.begin();
  if (!it->first.IsScalar()) type_error(at(file, it->first.Mark()), "sweep", "grid or latin_hypercube", it->first);
  const std::string kind = it->first.Scalar();
  const YAML::Node body = it->second;
  if (kind == "grid") {
    sc.sweep = SweepKind::grid;
    if (!body.IsMap() || body.size() == 0)
      throw InputError(at(file, body.Mark().line >= 0 ? body.Mark() : it->first.Mark()), "sweep.grid",
                       "expected a mapping of parameter to a list of values, got " + describe_node(body));
    std::vector<SweepAxis> axes;
    std::size_t total = 1;
    for (auto a = body.begin(); a != body.end(); ++a) {
      const ParamSpec& spec = sweepable(file, a->first, "sweep.grid", sc.warnings, true);
      const std::string key = "sweep.grid." + spec.path;
      if (!a->second.IsSequence()) type_error(at(file, a->second.Mark()), key, "a list of values", a->second);
      if (a->second.size() == 0) throw InputError(at(file, a->second.Mark()), key, "a sweep needs at least one value");
      if (a->second.size() > max_variants)
        throw InputError(at(file, a->second.Mark()), key,
                         std::to_string(a->second.size()) + " values is above the maximum " +
                             std::to_string(max_variants));
      SweepAxis ax{&spec, {}, 0, 0, at(file, a->second.Mark())};
      // Each value is checked here, where it is written; two values that are the same number
      // would make two variants of the same name (and the same results).
      std::map<std::string, std::size_t> seen;
      for (std::size_t i = 0; i < a->second.size(); ++i) {
        const YAML::Node item = a->second[i];
        const std::string ikey = key + "[" + std::to_string(i) + "]";
        model::Params scratch = sc.base;
        assign(spec, item, file, ax.where, scratch, *sc.place, ikey);
        const std::string value = format_value(spec, scratch);
        const auto [prev, fresh] = seen.emplace(value, i);
        if (!fresh)
          throw InputError(at(file, item.Mark()), ikey,
                           value + " is already in the list (item " + std::to_string(prev->second) +
                               "); each value of a sweep must be different");
        ax.values.push_back(item);
      }
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
        assign(*ax.spec, node, file, at(file, node.Mark()), v.params, *sc.place);
        v.overrides.insert(v.overrides.begin(), {ax.spec->path, format_value(*ax.spec, v.params)});
      }
      for (const auto& [path, val] : v.overrides)
        name += (name.empty() ? "" : ",") + variant_label(path, val);
      v.name = name;
      sc.variants.push_back(std::move(v));
    }
  } else if (kind == "latin_hypercube") {
    sc.sweep = SweepKind::latin_hypercube;
    if (!body.IsMap()) type_error(at(file, body.Mark()), "sweep.latin_hypercube", "a mapping with samples: and ranges:", body);
    for (auto f = body.begin(); f != body.end(); ++f) {
      if (!f->first.IsScalar()) type_error(at(file, f->first.Mark()), "sweep.latin_hypercube", "samples or ranges", f->first);
      const std::string fk = f->first.Scalar();
      if (fk != "samples" && fk != "ranges") {
        const std::vector<std::string> c = {"samples", "ranges"};
        throw InputError(at(file, f->first.Mark()), "sweep.latin_hypercube." + fk, with_suggestion("unknown key", fk, c));
      }
    }
    const YAML::Node samples = body["samples"];
    const YAML::Node ranges = body["ranges"];
    if (!samples) throw InputError(at(file, body.Mark()), "sweep.latin_hypercube.samples", "missing required key");
    if (!ranges) throw InputError(at(file, body.Mark()), "sweep.latin_hypercube.ranges", "missing required key");
    const SourceLocation sw = at(file, samples.Mark());
    const std::int64_t n =
        to_integer(samples, sw, "sweep.latin_hypercube.samples", 1, static_cast<double>(max_variants));
    if (!ranges.IsMap() || ranges.size() == 0)
      type_error(at(file, ranges.Mark()), "sweep.latin_hypercube.ranges", "a mapping of parameter to [low, high]", ranges);
    std::vector<SweepAxis> axes;
    for (auto a = ranges.begin(); a != ranges.end(); ++a) {
      const ParamSpec& spec = sweepable(file, a->first, "sweep.latin_hypercube.ranges", sc.warnings, false);
      const std::string key = "sweep.latin_hypercube.ranges." + spec.path;
      const SourceLocation w = at(file, a->second.Mark());
      if (spec.type() != ParamType::real && spec.type() != ParamType::integer)
        throw InputError(w, key, "only numeric parameters can be sampled");
      if (!a->second.IsSequence() || a->second.size() != 2) type_error(w, key, "a list [low, high]", a->second);
      const double lo = to_real(a->second[0], at(file, a->second[0].Mark()), key + "[0]", spec.unit);
      const double hi = to_real(a->second[1], at(file, a->second[1].Mark()), key + "[1]", spec.unit);
      check_range(lo, spec, at(file, a->second[0].Mark()), key + "[0]");
      check_range(hi, spec, at(file, a->second[1].Mark()), key + "[1]");
      if (!(lo < hi)) throw InputError(w, key, "low " + format_real(lo) + " is not below high " + format_real(hi));
      axes.push_back(SweepAxis{&spec, {}, lo, hi, w});
    }
    // Stratified design: each axis gets a random permutation of the n strata and a random point
    // within each stratum. Drawn from a stream of its own, so the design depends only on the seed.
    // Its counter's first word is "LHS\0" (0x4c485300) as it has always been, written in the
    // kernel's (purpose 8 bits, agent 56 bits) layout: purpose 0x4c, agent 0x485300 << 32 | axis.
    // Replicate 0xffffffff is never a model replicate, so no model stream can meet it.
    const auto count = static_cast<std::uint32_t>(n);
    std::vector<std::vector<double>> points(axes.size(), std::vector<double>(count));
    for (std::size_t a = 0; a < axes.size(); ++a) {
      kernel::RandomStream rs({seed, 0xffffffffU, 0x4cU, (std::uint64_t{0x485300} << 32) | a, 0});
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
        v.overrides.emplace_back(spec.path, format_value(spec, v.params));
      }
      std::string num = std::to_string(i + 1);
      v.name = "lhs-" + std::string(static_cast<std::size_t>(width) - num.size(), '0') + num;
      sc.variants.push_back(std::move(v));
    }
  } else {
    const std::vector<std::string> c = {"grid", "latin_hypercube"};
    throw InputError(at(file, it->first.Mark()), "sweep." + kind,
                     with_suggestion("unknown kind of sweep", kind, c, " (expected grid or latin_hypercube)"));
  }
}


}  // namespace homecare::scenario::detail
