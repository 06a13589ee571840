// The contract results file (CONTRACT.md): provenance, and per variant its months, monthly series
// and summaries. Written complete under a temporary name, then renamed: never half-written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "results/table.hpp"

namespace homecare::results {

/// 1: the CONTRACT.md layout with statistics. 2: adds `random_scheme`, `sweep`,
/// `/parameter_table` and each variant's typed `parameters`. 3: adds `/borough` (the place:
/// its pack's hashes, files, wards and venues); the calibration summaries are `calibration_*`,
/// with their old names `fy2016_*` as links when the calibration year is 2016/17 (output/README.md).
/// 4: adds each variant's `years` and `yearly/` (figures per financial year) with their `stats/yearly/`.
/// 5: adds each variant's `wards` and `by_ward/` (figures per ward over the policy period), and
/// under patch commissioning `patches` and `by_patch/`, each with its `stats/`.
inline constexpr std::int64_t schema_version = 5;

/// A resolved parameter's value: a number, a whole number, a flag, text (a date as YYYY-MM-DD,
/// or a choice), or a small table (a schedule, a ward map).
using ParameterValue = std::variant<double, std::int64_t, bool, std::string, Table>;

struct Parameter {
  std::string key;  // dotted key path
  ParameterValue value;
  friend bool operator==(const Parameter&, const Parameter&) = default;
};

/// One row of `/parameter_table`: what a parameter is (see `homecare describe`).
struct ParameterInfo {
  std::string key;
  std::string type;  // number, integer, boolean, date, choice, schedule, ward map
  std::string unit;
  std::string kind;  // run, policy, assumption, calibrated
  friend bool operator==(const ParameterInfo&, const ParameterInfo&) = default;
};

/// The place a run simulated (`/borough`): enough to draw its maps and to check which pack ran.
struct Borough {
  std::string name;
  std::string display_name;
  std::string ons_code;
  std::string living_wage;       // the table the living-wage policy pays towards
  std::string pack_hash;         // SHA-256 over the pack's files (each file's SHA-256 after its name)
  std::string tables_hash;       // the same over the dated tables
  std::string calibration_from;  // YYYY-MM-DD
  std::string calibration_to;
  std::vector<double> bounding_box;  // east_min, north_min, east_max, north_max (metres, EPSG:27700)
  std::vector<std::string> ward_code, ward_name, ward_locality, ward_boundary_wkt;
  std::vector<double> ward_easting, ward_northing, ward_area_ha;
  std::vector<std::string> venue_name;
  std::vector<double> venue_easting, venue_northing;
  std::vector<std::pair<std::string, std::string>> files;  // the pack's and tables' files: name, text
  /// Old names of summary metrics kept as links: (old, new).
  std::vector<std::pair<std::string, std::string>> summary_aliases;
};

struct Provenance {
  std::string engine_version;
  std::string git_commit;
  std::string compiler;
  std::uint32_t seed = 0;
  std::string created_utc;
  std::string scenario_name;
  std::string scenario_yaml;
  std::string resolved_yaml;
  std::string fingerprint;  // identifies (scenario, engine, seed): what --resume must match
  std::string scenario_fingerprint;  // identifies (scenario, seed), whichever engine ran it
  std::string random_scheme;  // how the build draws random numbers: equal schemes and seeds pair replicates
  std::string sweep;          // none, grid or latin_hypercube
  std::vector<ParameterInfo> parameter_table;
  Borough borough;
};

struct MetricColumn {
  std::string name;
  std::string units;
  std::string description;
  std::vector<double> values;  // monthly: [replicate * months + month]; summary: [replicate]; yearly: [replicate * years + year]; by ward, by patch likewise
};

struct VariantResults {
  std::string name;
  std::vector<std::pair<std::string, std::string>> overrides;  // key path -> value text
  std::vector<std::string> months;
  std::size_t replicates = 0;
  std::vector<MetricColumn> monthly;
  std::vector<MetricColumn> summary;
  std::vector<std::string> years;     // financial years, "2016/17"
  std::vector<MetricColumn> yearly;   // per financial year
  std::vector<std::string> wards;     // the place's wards' names
  std::vector<MetricColumn> by_ward;  // per ward: [replicate * wards + ward]
  std::vector<std::string> patches;   // under patch commissioning: the patches' names; else empty
  std::vector<MetricColumn> by_patch; // per patch, from by_ward (model::patch_figures)
  /// For patch commissioning: each ward's patch (1-based) and the wards' names, written to
  /// /variants/<name>/geography/ (for maps); empty otherwise.
  std::vector<double> ward_patch;
  std::vector<std::string> ward_names;
  /// Every resolved parameter of the variant, typed (`/variants/<name>/parameters`).
  std::vector<Parameter> parameters;
};

/// Writes the whole file to `path` atomically (temporary, fsync, rename, fsync folder), with each
/// variant's statistics across replicates (`stats/`, see stats.hpp). The temporary is `temporary`
/// when given (it must be on the same file system as `path`), else a sibling of `path`.
/// On failure nothing is left at `path` but what was there before. Throws EngineError.
void write_results(const std::string& path, const Provenance& prov,
                   const std::vector<VariantResults>& variants, const std::string& temporary = "");

struct ResultsFile {
  Provenance provenance;
  std::vector<VariantResults> variants;
};
/// Reads a file written by write_results (for --resume, extension and tests). The `stats/`
/// groups and the geography are not read: they follow from the replicates and the parameters.
/// A file of schema 1 reads with no typed parameters.
[[nodiscard]] ResultsFile read_results(const std::string& path);

/// What an existing file is, read cheaply (attributes only).
struct ResultsHeader {
  Provenance provenance;
  std::size_t replicates = 0;  // per variant
};
/// The header of the homecare results file at `path`; nullopt when `path` is not one (not HDF5,
/// or without homecare's root attributes). Throws EngineError when it cannot be opened at all.
[[nodiscard]] std::optional<ResultsHeader> read_header(const std::string& path);

/// Current UTC time as ISO 8601, e.g. 2026-11-22T09:28:39Z.
[[nodiscard]] std::string utc_now();

}  // namespace homecare::results
