// gp_localities (the pack's GP localities, else its locality column), balanced (greedy growth from
// spread seeds, always onto the lightest patch), explicit (a ward -> patch map),
// primary_care_networks (the pack's networks, one patch each or grouped by a network -> patch map).
#include "model/patches.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "common/error.hpp"
#include "model/place.hpp"

namespace homecare::model {

PatchPartition partition_wards(const Place& place, const PatchParams& p, const std::vector<double>& demand) {
  const auto& wards = place.wards;
  const auto& g = place.graph;
  const std::size_t n = wards.size();
  PatchPartition out;
  out.ward_patch.assign(n, -1);
  if (p.method == PatchMethod::gp_localities && !place.gp_localities.empty()) {
    out.names = place.gp_localities;
    out.ward_patch = place.ward_gp_locality;
    out.count = static_cast<int>(out.names.size());
    return out;
  }
  if (p.method == PatchMethod::primary_care_networks) {
    if (place.networks.empty())
      throw ModelError("patches.method primary_care_networks: the pack " + place.name + " lists no primary care networks");
    if (p.networks.empty()) {
      out.names = place.networks;
      out.ward_patch = place.ward_network;
      out.count = static_cast<int>(out.names.size());
      return out;
    }
    std::vector<int> network_patch(place.networks.size(), -1);
    int maxp = 0;
    for (const auto& a : p.networks) {
      const auto it = std::find(place.networks.begin(), place.networks.end(), a.ward);
      if (it == place.networks.end()) throw ModelError("patches.networks: unknown network '" + a.ward + "'");
      network_patch[static_cast<std::size_t>(it - place.networks.begin())] = static_cast<int>(a.patch - 1);
      maxp = std::max(maxp, static_cast<int>(a.patch));
    }
    out.names.assign(static_cast<std::size_t>(maxp), "");
    for (std::size_t q = 0; q < network_patch.size(); ++q) {
      if (network_patch[q] < 0) throw ModelError("patches.networks: network '" + place.networks[q] + "' has no patch");
      auto& name = out.names[static_cast<std::size_t>(network_patch[q])];
      name += (name.empty() ? "" : " + ") + place.networks[q];
    }
    for (const auto& name : out.names)
      if (name.empty()) throw ModelError("patches.networks: patch numbers must run 1.." + std::to_string(maxp) + " with none unused");
    for (std::size_t i = 0; i < n; ++i) out.ward_patch[i] = network_patch[static_cast<std::size_t>(place.ward_network[i])];
    out.count = maxp;
    return out;
  }
  if (p.method == PatchMethod::gp_localities) {
    std::map<std::string, int> ids;
    for (const auto& w : wards) ids.emplace(w.locality, 0);
    int k = 0;
    for (auto& [name, id] : ids) {
      id = k++;
      out.names.push_back(name);
    }
    for (std::size_t i = 0; i < n; ++i) out.ward_patch[i] = ids.at(wards[i].locality);
    out.count = k;
    return out;
  }
  if (p.method == PatchMethod::explicit_map) {
    int maxp = 0;
    for (const auto& a : p.wards) {
      auto it = std::find_if(wards.begin(), wards.end(), [&](const Ward& w) { return w.name == a.ward; });
      if (it == wards.end()) throw ModelError("patches.wards: unknown ward '" + a.ward + "'");
      out.ward_patch[static_cast<std::size_t>(it - wards.begin())] = static_cast<int>(a.patch - 1);
      maxp = std::max(maxp, static_cast<int>(a.patch));
    }
    for (std::size_t i = 0; i < n; ++i)
      if (out.ward_patch[i] < 0) throw ModelError("patches.wards: ward '" + wards[i].name + "' has no patch");
    out.count = maxp;
    for (int k = 0; k < maxp; ++k) out.names.push_back("Patch " + std::to_string(k + 1));
    return out;
  }
  // balanced
  const int k = static_cast<int>(std::min<std::int64_t>(p.count, static_cast<std::int64_t>(n)));
  auto pt = [&](std::size_t i) { return wards[i].centroid; };
  std::vector<std::size_t> seeds;
  std::size_t first = 0;
  for (std::size_t i = 1; i < n; ++i)
    if (wards[i].centroid.y > wards[first].centroid.y) first = i;  // start in the north, deterministic
  seeds.push_back(first);
  while (static_cast<int>(seeds.size()) < k) {  // farthest-point seeding spreads the patches
    std::size_t best = 0;
    double best_d = -1;
    for (std::size_t i = 0; i < n; ++i) {
      double d = std::numeric_limits<double>::max();
      for (auto s : seeds) d = std::min(d, distance_m(pt(i), pt(s)));
      if (d > best_d) { best_d = d; best = i; }
    }
    seeds.push_back(best);
  }
  std::vector<double> load(static_cast<std::size_t>(k), 0.0);
  for (int j = 0; j < k; ++j) {
    out.ward_patch[seeds[static_cast<std::size_t>(j)]] = j;
    load[static_cast<std::size_t>(j)] = demand[seeds[static_cast<std::size_t>(j)]];
  }
  std::size_t assigned = seeds.size();
  while (assigned < n) {
    // The lightest patch that can still grow takes its nearest unassigned neighbouring ward.
    std::vector<int> order(static_cast<std::size_t>(k));
    for (int j = 0; j < k; ++j) order[static_cast<std::size_t>(j)] = j;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return load[static_cast<std::size_t>(a)] < load[static_cast<std::size_t>(b)]; });
    bool grew = false;
    for (int j : order) {
      std::size_t pick = n;
      double pick_d = std::numeric_limits<double>::max();
      for (std::size_t i = 0; i < n; ++i) {
        if (out.ward_patch[i] != j) continue;
        for (auto nb : g.adjacent[i]) {
          if (out.ward_patch[nb] >= 0) continue;
          const double d = distance_m(pt(seeds[static_cast<std::size_t>(j)]), pt(nb));
          if (d < pick_d) { pick_d = d; pick = nb; }
        }
      }
      if (pick < n) {
        out.ward_patch[pick] = j;
        load[static_cast<std::size_t>(j)] += demand[pick];
        ++assigned;
        grew = true;
        break;
      }
    }
    if (!grew) throw ModelError("balanced patches: the ward graph is not connected");
  }
  out.count = k;
  for (int j = 0; j < k; ++j) out.names.push_back("Patch " + std::to_string(j + 1));
  return out;
}

int patch_count(const Place& place, const PatchParams& p) {
  const auto nwards = static_cast<std::int64_t>(place.wards.size());
  switch (p.method) {
    case PatchMethod::gp_localities: {
      if (!place.gp_localities.empty()) return static_cast<int>(place.gp_localities.size());
      std::set<std::string> names;
      for (const auto& w : place.wards) names.insert(w.locality);
      return static_cast<int>(names.size());
    }
    case PatchMethod::balanced: return static_cast<int>(std::min(p.count, nwards));
    case PatchMethod::explicit_map: {
      std::set<std::int64_t> used;
      for (const auto& a : p.wards) used.insert(a.patch);
      return used.empty() ? 0 : static_cast<int>(*used.rbegin());
    }
    case PatchMethod::primary_care_networks: {
      if (place.networks.empty()) return 0;
      if (p.networks.empty()) return static_cast<int>(place.networks.size());
      std::int64_t maxp = 0;
      for (const auto& a : p.networks) maxp = std::max(maxp, a.patch);
      return static_cast<int>(maxp);
    }
  }
  return 0;
}

std::vector<int> providers_wanted(const PatchParams& p, const PatchPartition& part) {
  if (p.providers_by_patch.empty()) return std::vector<int>(static_cast<std::size_t>(part.count), static_cast<int>(p.providers_per_patch));
  if (static_cast<int>(p.providers_by_patch.size()) != part.count)
    throw ModelError("patches.providers_by_patch: " + std::to_string(p.providers_by_patch.size()) + " counts for " +
                     std::to_string(part.count) + " patches");
  std::vector<int> out;
  for (auto c : p.providers_by_patch) out.push_back(static_cast<int>(c));
  return out;
}

bool patches_contiguous(const Place& place, const PatchPartition& part) {
  const auto& g = place.graph;
  const std::size_t n = part.ward_patch.size();
  for (int k = 0; k < part.count; ++k) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < n; ++i)
      if (part.ward_patch[i] == k) members.push_back(i);
    if (members.empty()) return false;
    std::vector<bool> seen(n, false);
    std::vector<std::size_t> stack{members[0]};
    seen[members[0]] = true;
    std::size_t reached = 0;
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      ++reached;
      for (auto nb : g.adjacent[i])
        if (!seen[nb] && part.ward_patch[nb] == k) { seen[nb] = true; stack.push_back(nb); }
    }
    if (reached != members.size()) return false;
  }
  return true;
}

}  // namespace homecare::model
