// The contract results file (CONTRACT.md): provenance, and per variant its months, monthly series
// and summaries. Written complete under a temporary name, then renamed: never half-written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace homecare::results {

/// 1: the CONTRACT.md layout with statistics. 2: adds `random_scheme`, `sweep`,
/// `/parameter_table` and each variant's typed `parameters` (output/README.md).
inline constexpr std::int64_t schema_version = 2;

/// A small table (a schedule's steps, a ward map's wards): named columns of equal length, written
/// as a 1-D compound dataset with one field per column.
struct Table {
  using Column = std::variant<std::vector<std::string>, std::vector<double>, std::vector<std::int64_t>>;
  std::vector<std::pair<std::string, Column>> columns;
  [[nodiscard]] std::size_t rows() const;
  friend bool operator==(const Table&, const Table&) = default;
};

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
};

struct MetricColumn {
  std::string name;
  std::string units;
  std::string description;
  std::vector<double> values;  // monthly: [replicate * months + month]; summary: [replicate]
};

struct VariantResults {
  std::string name;
  std::vector<std::pair<std::string, std::string>> overrides;  // key path -> value text
  std::vector<std::string> months;
  std::size_t replicates = 0;
  std::vector<MetricColumn> monthly;
  std::vector<MetricColumn> summary;
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
