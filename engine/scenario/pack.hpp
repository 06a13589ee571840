// Borough packs (boroughs/<name>/) and the dated tables they use (boroughs/tables/): read,
// checked as strictly as scenarios (every message names file, line, column and key), and turned
// into a model::Place. boroughs/README.md describes the files.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "model/params.hpp"
#include "model/place.hpp"

namespace homecare::scenario {

/// A calibration target of the pack (targets.yaml).
struct Target {
  std::string id;
  std::string quantity;
  std::string metric;      // a summary metric of the results file
  double value = 0;
  double low = 0;          // tolerance band, inclusive
  double high = 0;
  std::string tag;         // sourced, estimate, assumption
  std::string source;
  std::string parameter;   // the parameter that steers it ("" when it is only checked)
  std::string mode;        // how the calibration moves it: ratio, inverse, shift, negshift, entries
  double gain = 0;
  std::string month;      // YYYY-MM: the metric is a monthly series read in that month ("": a summary metric)
  std::string known_gap;  // why the model is known not to reach the target ("": it must)
};

/// A parameter value the pack states (pack.yaml `defaults:`), with its source.
struct PackDefault {
  std::string key;
  std::string value;  // as the resolved YAML writes it
  std::string tag;
  std::string source;
};

/// A loaded pack.
struct Pack {
  std::string dir;                              // as found
  std::shared_ptr<const model::Place> place;
  /// The default parameters in this place: Params' defaults with the pack's `defaults:` and its
  /// venues' event figures applied. A scenario's files are applied on top.
  model::Params params;
  std::vector<PackDefault> defaults;
  std::vector<Target> targets;
  std::string targets_file;
  std::string tables_dir;
};

/// Where packs are looked for: `option` (--boroughs), else $HOMECARE_BOROUGHS, else the source
/// tree's boroughs/ folder (compiled in).
[[nodiscard]] std::string boroughs_root(const std::optional<std::string>& option = std::nullopt);

/// The folder a scenario's `borough:` names: a name is a folder of `root`; a value with a '/' is
/// a path relative to the scenario file that gives it.
[[nodiscard]] std::string pack_dir(const std::string& borough, const std::string& scenario_file, const std::string& root);

/// Reads and checks the pack in `dir` and the tables it uses. `referrer` is where the pack was
/// named (a scenario's `borough:`), for a pack that cannot be found. Throws InputError.
/// Packs are cached by canonical path (each is read once per process). Thread-safe.
[[nodiscard]] std::shared_ptr<const Pack> load_pack(const std::string& dir, const SourceLocation& referrer = {},
                                                    const std::string& key = "borough");

/// The pack every scenario uses unless it names another.
inline constexpr const char* default_borough = "brent";

}  // namespace homecare::scenario
