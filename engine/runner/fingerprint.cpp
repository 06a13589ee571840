// Fingerprints of resolved scenarios and of the engine build.
#include "runner/fingerprint.hpp"

#include <cstdio>

#include "scenario/resolved_yaml.hpp"
#include "version.hpp"

namespace homecare::runner {

namespace {
constexpr std::uint64_t fnv_offset = 1469598103934665603ULL;
std::uint64_t fnv1a(std::uint64_t h, std::string_view data) {
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}
std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}
}  // namespace

std::string fnv1a_hex(std::string_view data) { return hex(fnv1a(fnv_offset, data)); }

std::string scenario_fingerprint(const scenario::Scenario& sc, std::uint32_t seed) {
  std::string all = "seed " + std::to_string(seed) + "\n";
  // The place is part of the scenario: a changed pack or table is another scenario.
  all += "borough " + sc.place->name + " pack " + sc.place->hash + " tables " + sc.place->tables.hash + "\n";
  for (const auto& v : sc.variants) {
    model::Params p = v.params;
    p.run.replicates = 0;  // more replicates may be added later to the same file
    all += "variant " + v.name + "\n" + scenario::resolved_yaml(p);
  }
  return fnv1a_hex(all);
}

const std::string& engine_identity() {
  static const std::string id = [] {
    std::string s = std::string(engine_version) + " (" + git_commit + ")";
    if (std::string_view(git_commit).ends_with("-dirty")) {
      std::uint64_t h = fnv_offset;
      if (std::FILE* exe = std::fopen("/proc/self/exe", "rb")) {
        char buf[1 << 16];
        std::size_t n = 0;
        while ((n = std::fread(buf, 1, sizeof buf, exe)) > 0) h = fnv1a(h, std::string_view(buf, n));
        std::fclose(exe);
      }
      s += " build " + hex(h);
    }
    return s;
  }();
  return id;
}

std::string fingerprint(const scenario::Scenario& sc, std::uint32_t seed) {
  return fnv1a_hex("engine " + engine_identity() + "\nscenario " + scenario_fingerprint(sc, seed) + "\n");
}

}  // namespace homecare::runner
