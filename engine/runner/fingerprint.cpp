// Fingerprints of resolved scenarios.
#include "runner/fingerprint.hpp"

#include <cstdio>

#include "version.hpp"

namespace homecare::runner {

std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string fingerprint(const scenario::Scenario& sc, std::uint32_t seed) {
  std::string all = std::string("engine ") + engine_version + " " + git_commit + "\nseed " +
                    std::to_string(seed) + "\n";
  for (const auto& v : sc.variants) {
    model::Params p = v.params;
    p.run.replicates = 0;  // more replicates may be added later to the same file
    all += "variant " + v.name + "\n" + scenario::resolved_yaml(p);
  }
  return fnv1a_hex(all);
}

}  // namespace homecare::runner
