// The one entry point the scenario fuzzer (fuzz_scenario.cpp, clang + libFuzzer) and the replay
// test (test_fuzz_replay.cpp, any compiler) share: bytes in, scenario loaded or rejected out.
//
// The contract checked: load_scenario() either returns a scenario or throws InputError. Anything
// else that escapes (another exception, a crash, a sanitizer report, a hang, runaway memory) is a
// finding. On success the resolved YAML of the base and of the first variants must load back to
// exactly the same parameters (it is the provenance a results file keeps); a mismatch throws
// RoundTripError, also a finding.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "scenario/scenario.hpp"

namespace homecare::fuzz {

/// A private folder holding a copy of the shipped scenarios (scenarios/**/*.yaml), so that an
/// input's `extends: brent-baseline.yaml` resolves exactly as it would beside them, and of every
/// borough pack (Brent, the default, and Ealing) and the tables (boroughs/ beside scenarios/). The
/// input is written to <folder>/scenarios/fuzz-input.yaml; an input that starts with one of
/// `pack_file_markers` is a file of a pack instead, written over the copy's. Created under $HOMECARE_FUZZ_TMP, else /dev/shm,
/// else the system's temporary folder; removed by the destructor.
class Sandbox {
 public:
  explicit Sandbox(const std::filesystem::path& scenarios_dir);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }
  [[nodiscard]] const std::filesystem::path& input_path() const { return input_; }
  [[nodiscard]] const std::filesystem::path& resolved_path() const { return resolved_; }
  [[nodiscard]] const std::filesystem::path& pack_dir() const { return pack_; }

 private:
  std::filesystem::path root_;
  std::filesystem::path input_;
  std::filesystem::path resolved_;
  std::filesystem::path pack_;
};

/// The first line of an input that is a borough pack's pack.yaml rather than a scenario.
inline constexpr std::string_view pack_marker = "#%pack\n";

/// First lines of inputs that are another file of a pack, or a table, rather than a scenario:
/// the input replaces that file of the sandbox's copy while that pack is loaded, and the file is
/// put back afterwards, so that the next input sees the shipped pack. The unprefixed markers are
/// the default pack's (Brent's); `#%ealing/...` ones Ealing's.
struct PackFileMarker {
  std::string_view marker;
  bool table;                // a file of boroughs/tables, else of a pack
  std::string_view file;     // its name there
  std::string_view borough;  // the pack (a folder of boroughs/); empty: the default pack
};
inline constexpr std::array<PackFileMarker, 11> pack_file_markers{{
    {pack_marker, false, "pack.yaml", ""},
    {"#%targets\n", false, "targets.yaml", ""},
    {"#%wards\n", false, "wards.csv", ""},
    {"#%boundaries\n", false, "boundaries.wkt", ""},
    {"#%wage_floors\n", true, "wage_floors.yaml", ""},
    {"#%homecare_costs\n", true, "homecare_costs.yaml", ""},
    {"#%outside_options\n", true, "outside_options.yaml", ""},
    {"#%ealing/pack\n", false, "pack.yaml", "ealing"},
    {"#%ealing/targets\n", false, "targets.yaml", "ealing"},
    {"#%ealing/wards\n", false, "wards.csv", "ealing"},
    {"#%ealing/boundaries\n", false, "boundaries.wkt", "ealing"},
}};

/// The resolved YAML of a valid scenario did not load back to the same parameters.
class RoundTripError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

enum class Outcome { loaded, rejected };

/// How a scenario file is loaded; load_scenario() except in the replay test's self-check.
using Loader = std::function<scenario::Scenario(const std::string& path)>;

/// Writes `bytes` to the sandbox's input file and loads it. Returns `loaded` (after checking the
/// resolved YAML round trip) or `rejected` (an InputError). Every other exception propagates.
/// An input that starts with one of `pack_file_markers` is loaded as that file of its pack or the
/// tables (load_pack of that pack), the same contract: a pack or an InputError; the shipped file is put back.
Outcome load_input(const Sandbox& box, std::string_view bytes, const Loader& load);
Outcome load_input(const Sandbox& box, std::string_view bytes);

/// The dynamic type of an exception, demangled, for reports ("std::out_of_range").
std::string type_name_of(const std::exception& e);

/// How many variants' resolved YAML is reloaded per input (the base always is).
inline constexpr std::size_t round_trip_variants = 3;

}  // namespace homecare::fuzz
