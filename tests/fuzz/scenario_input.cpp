// See scenario_input.hpp.
#include "scenario_input.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cxxabi.h>
#include <fstream>
#include <sstream>
#include <memory>
#include <typeinfo>

#include "common/error.hpp"
#include "scenario/pack.hpp"
#include "scenario/resolved_yaml.hpp"

namespace homecare::fuzz {
namespace fs = std::filesystem;

namespace {

fs::path temp_base() {
  if (const char* t = std::getenv("HOMECARE_FUZZ_TMP"); t && *t) return t;
  std::error_code ec;
  if (fs::is_directory("/dev/shm", ec) && ::access("/dev/shm", W_OK) == 0) return "/dev/shm";
  return fs::temp_directory_path();
}

void write_file(const fs::path& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  // Not a finding about the loader: the harness itself cannot work.
  if (!out) throw std::runtime_error("fuzz sandbox: cannot write " + p.string());
}

/// The first line where two texts differ, for a readable round-trip report.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t start = 0;
  while (true) {
    const std::size_t ea = a.find('\n', start);
    const std::size_t eb = b.find('\n', start);
    const std::string la = a.substr(start, ea == std::string::npos ? std::string::npos : ea - start);
    const std::string lb = b.substr(start, eb == std::string::npos ? std::string::npos : eb - start);
    if (la != lb || ea == std::string::npos || eb == std::string::npos)
      return "'" + la + "' became '" + lb + "'";
    start = ea + 1;
  }
}

void check_round_trip(const Sandbox& box, const Loader& load, const model::Params& p,
                      const std::string& what) {
  const std::string text = scenario::resolved_yaml(p);
  write_file(box.resolved_path(), text);
  scenario::Scenario again;
  try {
    again = load(box.resolved_path().string());
  } catch (const InputError& e) {
    throw RoundTripError(what + ": its resolved YAML does not load back: " + e.what() +
                         "\n--- resolved YAML ---\n" + text);
  }
  const std::string back = scenario::resolved_yaml(again.base);
  if (back != text)
    throw RoundTripError(what + ": its resolved YAML loads back to other values: " +
                         first_difference(text, back) + "\n--- resolved YAML ---\n" + text);
}

}  // namespace

Sandbox::Sandbox(const fs::path& scenarios_dir) {
  static int counter = 0;
  root_ = temp_base() / ("homecare-fuzz-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(root_);
  const fs::path dest = root_ / "scenarios";
  fs::create_directories(dest);
  for (const auto& e : fs::recursive_directory_iterator(scenarios_dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".yaml") continue;
    const fs::path to = dest / fs::relative(e.path(), scenarios_dir);
    fs::create_directories(to.parent_path());
    fs::copy_file(e.path(), to, fs::copy_options::overwrite_existing);
  }
  // Every pack (a folder of boroughs/ with a pack.yaml: Brent, Ealing) and the tables, where a
  // scenario's `borough:` path (`borough: ../boroughs/ealing`) or a pack-file input finds them.
  const fs::path boroughs = scenarios_dir.parent_path() / "boroughs";
  pack_ = root_ / "boroughs" / scenario::default_borough;
  fs::create_directories(pack_.parent_path());
  for (const auto& e : fs::directory_iterator(boroughs)) {
    if (!e.is_directory() || !fs::is_regular_file(e.path() / "pack.yaml")) continue;
    fs::copy(e.path(), root_ / "boroughs" / e.path().filename(), fs::copy_options::recursive);
  }
  if (!fs::is_regular_file(pack_ / "pack.yaml"))
    throw std::runtime_error("fuzz sandbox: no default pack in " + boroughs.string());
  fs::copy(boroughs / "tables", root_ / "boroughs" / "tables", fs::copy_options::recursive);
  input_ = dest / "fuzz-input.yaml";
  resolved_ = dest / "fuzz-resolved.yaml";
}

Sandbox::~Sandbox() {
  std::error_code ec;
  fs::remove_all(root_, ec);
}

Outcome load_input(const Sandbox& box, std::string_view bytes, const Loader& load) {
  for (const PackFileMarker& m : pack_file_markers) {
    if (!bytes.starts_with(m.marker)) continue;
    const fs::path pack = m.borough.empty() ? box.pack_dir() : box.pack_dir().parent_path() / m.borough;
    const fs::path file = (m.table ? box.pack_dir().parent_path() / "tables" : pack) / m.file;
    // The shipped file, put back however the load ends (a sandbox that cannot be put back ends
    // the run: the harness could no longer test anything).
    std::string shipped;
    {
      std::ifstream in(file, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) throw std::runtime_error("fuzz sandbox: cannot read " + file.string());
      shipped = text.str();
    }
    struct PutBack {
      const fs::path& file;
      const std::string& text;
      ~PutBack() { write_file(file, text); }
    } put_back{file, shipped};
    write_file(file, bytes.substr(m.marker.size()));
    try {
      (void)scenario::load_pack(pack.string());
    } catch (const InputError&) {
      return Outcome::rejected;
    }
    return Outcome::loaded;
  }
  write_file(box.input_path(), bytes);
  scenario::Scenario sc;
  try {
    sc = load(box.input_path().string());
  } catch (const InputError&) {
    return Outcome::rejected;  // the documented answer to bad input
  }
  check_round_trip(box, load, sc.base, "the scenario");
  for (std::size_t i = 0; i < sc.variants.size() && i < round_trip_variants; ++i)
    check_round_trip(box, load, sc.variants[i].params, "variant '" + sc.variants[i].name + "'");
  return Outcome::loaded;
}

Outcome load_input(const Sandbox& box, std::string_view bytes) {
  return load_input(box, bytes, [](const std::string& path) { return scenario::load_scenario(path); });
}

std::string type_name_of(const std::exception& e) {
  const char* mangled = typeid(e).name();
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> d(abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  return status == 0 && d ? std::string(d.get()) : std::string(mangled);
}

}  // namespace homecare::fuzz
