// Loads a scenario: its files (`extends:`) applied in order onto the defaults, every key checked
// against the parameter table, cross-field rules, then its sweep's variants. The pieces it uses:
// text.cpp (the bytes), document.cpp (YAML documents and `extends:`), convert.cpp (values),
// sweep.cpp (variants).
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "common/suggest.hpp"
#include "model/validate.hpp"
#include "scenario/convert.hpp"
#include "scenario/document.hpp"
#include "scenario/pack.hpp"
#include "scenario/scenario.hpp"
#include "scenario/sweep.hpp"
#include "scenario/text.hpp"

namespace homecare::scenario {
namespace fs = std::filesystem;
using model::ParamSpec;
using namespace detail;

namespace {

const std::set<std::string, std::less<>> reserved_keys = {"extends", "name", "description", "sweep", "borough"};

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
  const SourceLocation where = at(file, key_node.Mark());
  if (key.empty()) throw InputError(where, prefix, "an empty key names no parameter");
  if (key == "<<")
    throw InputError(where, full, "YAML merge keys (<<) are not supported; use extends: or write the keys out");
  auto candidates = children_of(prefix);
  if (prefix.empty()) candidates.insert(candidates.end(), reserved_keys.begin(), reserved_keys.end());
  const std::string known = prefix.empty() ? "" : " (known keys here: " + comma_list(candidates) + ")";
  throw InputError(where, full, with_suggestion("unknown key", key, candidates, known));
}

/// Applies one layer's keys. `set_here` records where this layer set each parameter: a key path
/// may also be written as one dotted key (workforce.base_quit_hazard: 0.3), so a parameter can be
/// given twice without a duplicate key.
void apply_tree(const YAML::Node& map, const std::string& prefix, const Layer& layer,
                model::Params& p, const model::Place& place, std::map<std::string, SourceLocation>& provenance,
                std::map<std::string, SourceLocation>& set_here, std::vector<std::string>& warnings) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: the iterator hands out a temporary
    if (!k.IsScalar()) type_error(at(layer.file, k.Mark()), prefix, "a plain name as a key", k);
    const std::string key = k.Scalar();
    if (prefix.empty() && reserved_keys.contains(key)) continue;
    const std::string path = prefix.empty() ? key : prefix + "." + key;
    const SourceLocation key_where = at(layer.file, k.Mark());
    const ParamSpec* spec = model::find_parameter(path);
    if (const model::RenamedKey* r = spec ? nullptr : model::find_renamed(path)) {
      warnings.push_back(renamed_warning(key_where, *r));
      spec = model::find_parameter(r->new_path);
    }
    if (spec) {
      const std::string& canonical = spec->path;
      if (const auto [first, fresh] = set_here.emplace(canonical, key_where); !fresh)
        throw InputError(key_where, path,
                         "duplicate key; first given at line " + std::to_string(first->second.line) + ", column " +
                             std::to_string(first->second.column));
      assign(*spec, it->second, layer.file, key_where, p, place);
      provenance[canonical] = it->second.Mark().line >= 0 && !it->second.IsNull() ? at(layer.file, it->second.Mark()) : key_where;
    } else if (is_group(path)) {
      if (!it->second.IsMap())
        throw InputError(it->second.Mark().line >= 0 ? at(layer.file, it->second.Mark()) : key_where,
                         path, "expected a mapping of " + path + ".* keys, got " + describe_node(it->second));
      apply_tree(it->second, path, layer, p, place, provenance, set_here, warnings);
    } else {
      unknown_key(layer.file, k, prefix, key);
    }
  }
}

/// Where `key` is written in the leaf-most layer that has it (the file as a whole otherwise).
SourceLocation where_is(const std::vector<Layer>& layers, const std::string& key, const std::string& fallback) {
  for (auto l = layers.rbegin(); l != layers.rend(); ++l)
    if (const YAML::Node n = l->root[key]) return at(l->file, n.Mark());
  return SourceLocation{fallback, 0, 0};
}

}  // namespace

Scenario load_scenario(const std::string& path, std::optional<std::uint32_t> seed_override,
                       const std::optional<std::string>& boroughs) {
  std::vector<Layer> layers;
  std::vector<std::string> chain;
  load_layers(path, layers, chain, SourceLocation{});

  Scenario sc;
  sc.file = path;
  sc.text = layers.back().text;
  sc.name = fs::path(path).stem().string();
  // The borough pack: the leaf-most file that names one, else the default. Its facts about the
  // place are the defaults the scenario's files then override.
  sc.borough = default_borough;
  std::string borough_file = path;
  SourceLocation borough_at{};
  for (const Layer& layer : layers)
    if (const YAML::Node b = layer.root["borough"]) {
      borough_at = at(layer.file, b.Mark());
      (void)any_text(b, borough_at, "borough", "the name of a borough pack (a folder of boroughs/) or a path to one");
      sc.borough = utf8_scalar(b, borough_at, "borough");
      if (sc.borough.empty() || sc.borough.find('\0') != std::string::npos)
        throw InputError(borough_at, "borough", "expected the name of a borough pack, got an empty one");
      borough_file = layer.file;
    }
  sc.pack = load_pack(pack_dir(sc.borough, borough_file, boroughs_root(boroughs)), borough_at, "borough");
  sc.place = sc.pack->place;
  sc.base = sc.pack->params;
  for (const Layer& layer : layers) {
    for (const char* meta : {"name", "description"}) {
      if (const YAML::Node n = layer.root[meta]) {
        (void)any_text(n, at(layer.file, n.Mark()), meta, "a line of text");  // its type
        const std::string text = utf8_scalar(n, at(layer.file, n.Mark()), meta);
        if (std::string(meta) == "description") sc.description = text;
        else if (&layer == &layers.back()) sc.name = text;
      }
    }
    std::map<std::string, SourceLocation> set_here;
    apply_tree(layer.root, "", layer, sc.base, *sc.place, sc.provenance, set_here, sc.warnings);
  }
  // The name becomes an HDF5 group and, by default, the results file's name.
  const bool control = std::any_of(sc.name.begin(), sc.name.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (sc.name.empty() || sc.name.find('/') != std::string::npos || sc.name == "." || sc.name == ".." || control)
    throw InputError(where_is(layers, "name", path), "name",
                     "'" + printable(sc.name) + "' cannot name a results group (one line of text, without '/')");
  // A dated lever's start a scenario leaves out is the switch to the new contracts (a variant's
  // own switch date when a sweep sets it).
  auto date_levers = [&](model::Params& p, const std::vector<std::pair<std::string, std::string>>& overrides) {
    for (const auto& lever : model::lever_start_dates(p)) {
      const std::string key(lever.first);  // not a structured binding: clang cannot capture one
      const bool swept = std::any_of(overrides.begin(), overrides.end(), [&](const auto& o) { return o.first == key; });
      if (!sc.provenance.contains(key) && !swept) *lever.second = p.commissioning.switch_date;
    }
    // Take-up after the switch a scenario leaves out is take-up before it (a calibration that
    // fits direct_payments.takeup moves both; a policy sets its own).
    const std::string takeup = "direct_payments.policy_takeup";
    if (!sc.provenance.contains(takeup) &&
        std::none_of(overrides.begin(), overrides.end(), [&](const auto& o) { return o.first == takeup; }))
      p.direct_payments.policy_takeup = p.direct_payments.takeup;
  };
  date_levers(sc.base, {});
  if (seed_override) sc.base.run.seed = *seed_override;

  auto check = [&](const model::Params& p, const std::string& variant) {
    for (const auto& prob : model::validate(p, *sc.place)) {
      SourceLocation where{path, 0, 0};
      if (auto it = sc.provenance.find(prob.path); it != sc.provenance.end()) where = it->second;
      throw InputError(where, prob.path,
                       prob.message + (variant.empty() ? "" : " (in sweep variant " + variant + ")"));
    }
  };
  // A run longer than this is a typo in a year (and would take days and fill memory).
  const kernel::Date start = sc.base.run.start;
  if (sc.base.run.end > kernel::Date{start.year + max_run_years, start.month, start.day}) {
    SourceLocation where{path, 0, 0};
    if (auto it = sc.provenance.find("run.end"); it != sc.provenance.end()) where = it->second;
    throw InputError(where, "run.end",
                     kernel::to_iso(sc.base.run.end) + " is more than " + std::to_string(max_run_years) +
                         " years after run.start " + kernel::to_iso(start) + ", the longest run homecare simulates");
  }

  check(sc.base, "");
  for (const auto& w : model::warnings(sc.base, *sc.place)) {
    SourceLocation where{path, 0, 0};
    if (auto it = sc.provenance.find(w.path); it != sc.provenance.end()) where = it->second;
    sc.warnings.push_back(where.str() + ": " + w.path + ": " + w.message);
  }
  // A lever dated outside the run, in a scenario file: legal (a file may serve several runs), but
  // worth saying, since it acts from the first day, or not at all.
  for (const auto& lever : model::lever_start_dates(sc.base)) {
    const auto it = sc.provenance.find(std::string(lever.first));
    if (it == sc.provenance.end()) continue;
    const kernel::Date d = *lever.second;
    if (d < sc.base.run.start)
      sc.warnings.push_back(it->second.str() + ": " + std::string(lever.first) + ": " + kernel::to_iso(d) + " is before run.start " +
                            kernel::to_iso(sc.base.run.start) + ": the lever acts from the run's first day");
    else if (!(d < sc.base.run.end))
      sc.warnings.push_back(it->second.str() + ": " + std::string(lever.first) + ": " + kernel::to_iso(d) +
                            " is not before run.end " + kernel::to_iso(sc.base.run.end) + ": the lever never acts in this run");
  }

  const Layer* sweep_layer = nullptr;
  for (const Layer& layer : layers)
    if (layer.root["sweep"]) sweep_layer = &layer;
  if (sweep_layer) {
    expand_sweep(*sweep_layer, sweep_layer->root["sweep"], sc, static_cast<std::uint32_t>(sc.base.run.seed));
    for (auto& v : sc.variants) {
      date_levers(v.params, v.overrides);
      check(v.params, v.name);
    }
  } else {
    sc.variants.push_back(Variant{sc.name, sc.base, {}});
  }
  SourceLocation replicates_at{path, 0, 0};
  if (auto it = sc.provenance.find("run.replicates"); it != sc.provenance.end()) replicates_at = it->second;
  check_run_size(sc, sc.base.run.replicates, replicates_at, "run.replicates");
  return sc;
}

void check_run_size(const Scenario& sc, std::int64_t replicates, const SourceLocation& where,
                    const std::string& key) {
  const auto variants = static_cast<std::int64_t>(sc.variants.size());
  if (replicates > 0 && variants > max_replicates_per_run / replicates)
    throw InputError(where, key,
                     std::to_string(variants) + " variants x " + std::to_string(replicates) + " replicates is " +
                         std::to_string(variants * replicates) + " replicates in all, above the limit of " +
                         std::to_string(max_replicates_per_run) +
                         " for one run (split the sweep, or ask for fewer replicates)");
}

}  // namespace homecare::scenario
