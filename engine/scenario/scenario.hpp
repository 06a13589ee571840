// A loaded scenario: its parameters after `extends:` and defaults, and the variants its sweep
// makes. Pure data; produced by load_scenario() (loader.cpp). scenario/ is the only folder that
// reads YAML; its users see this header and resolved_yaml.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "model/params.hpp"
#include "model/place.hpp"

namespace homecare::scenario {

struct Pack;  // scenario/pack.hpp

/// One point of a sweep (or the scenario itself when there is no sweep).
struct Variant {
  std::string name;
  model::Params params;
  /// The parameters that differ from the base scenario: key path -> value as YAML text.
  std::vector<std::pair<std::string, std::string>> overrides;
};

/// How a scenario's variants were made.
enum class SweepKind : std::uint8_t { none, grid, latin_hypercube };
/// "none", "grid", "latin_hypercube" (as written in `sweep:`).
[[nodiscard]] constexpr const char* sweep_kind_name(SweepKind k) {
  return k == SweepKind::grid ? "grid" : k == SweepKind::latin_hypercube ? "latin_hypercube" : "none";
}

struct Scenario {
  std::string name;         // the leaf file's `name:`, else its file stem
  std::string file;         // path as given
  std::string text;         // the leaf file's text, verbatim
  std::string description;
  std::string borough;      // as the scenario names it (`borough:`), else the default
  std::shared_ptr<const Pack> pack;            // the borough pack
  std::shared_ptr<const model::Place> place;   // its place (pack->place)
  model::Params base;       // the pack's defaults, then extends, overrides and command-line settings
  std::vector<Variant> variants;
  SweepKind sweep = SweepKind::none;
  /// Where each parameter was last set (key path -> location), for cross-field error messages.
  std::map<std::string, SourceLocation> provenance;
  /// Things that load but should be written otherwise (a key's old name), each
  /// `file:line:column: key: message`; the command line prints them.
  std::vector<std::string> warnings;
};

/// Reads, checks and expands a scenario file and its borough pack. Throws InputError naming
/// file, line, column and key path for anything wrong. `seed_override`, when set, replaces
/// run.seed before a Latin hypercube design is drawn (the design depends on the seed).
/// `boroughs` is where packs are found (boroughs_root()).
[[nodiscard]] Scenario load_scenario(const std::string& path,
                                     std::optional<std::uint32_t> seed_override = std::nullopt,
                                     const std::optional<std::string>& boroughs = std::nullopt);

/// Throws InputError (at `where`, naming `key`) when `replicates` of each of the scenario's
/// variants would make more than max_replicates_per_run replicates in all.
void check_run_size(const Scenario& sc, std::int64_t replicates, const SourceLocation& where,
                    const std::string& key);

/// Limits that keep hostile input from exhausting memory, the stack or the machine's time.
inline constexpr std::size_t max_file_bytes = 1 << 20;
inline constexpr std::size_t max_variants = 10000;
inline constexpr int max_extends_depth = 16;
/// Lists and mappings inside one another (a scenario needs 5; yaml-cpp recurses once a level).
inline constexpr int max_nesting_depth = 32;
/// Variants x replicates of one run (the results are merged in memory).
inline constexpr std::int64_t max_replicates_per_run = 1000000;
/// Years from run.start to run.end.
inline constexpr int max_run_years = 50;
/// Every variant of a sweep copies the scenario's schedules and ward map, so these are bounded
/// too (a ward map by the number of wards): otherwise a 1 MB file could make 10,000 copies of
/// tens of thousands of entries (gigabytes; found by fuzzing).
inline constexpr std::size_t max_schedule_steps = 100;

}  // namespace homecare::scenario
