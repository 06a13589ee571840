// Partitions of a place's wards into contiguous patches for the patch-based commissioning model.
#pragma once

#include <string>
#include <vector>

#include "model/params.hpp"
#include "model/place.hpp"

namespace homecare::model {

struct PatchPartition {
  int count = 0;
  std::vector<int> ward_patch;            // per ward: patch index 0..count-1
  std::vector<std::string> names;         // per patch
};

/// Builds the partition the parameters ask for. `demand` (per ward) balances the `balanced`
/// method. Deterministic. Patch order: `gp_localities` in the order of the pack's `gp_localities`
/// list (without one, the `locality` column's names in alphabetical order); `primary_care_networks`
/// in the order of the pack's networks (with `patches.networks`, by patch number); `explicit` by
/// patch number; `balanced` by seed. Throws ModelError for an explicit map that does not cover the
/// wards, for primary_care_networks when the place has no networks, and for a network map that
/// names an unknown network or leaves one out (validate.cpp refuses these first, with positions).
[[nodiscard]] PatchPartition partition_wards(const Place& place, const PatchParams& p, const std::vector<double>& demand);

/// The number of patches `partition_wards` gives for these parameters on this place (no demand is
/// needed: every method fixes its count before balancing), or 0 when the parameters give none (an
/// incomplete map, a method the place cannot serve). validate.cpp checks providers_by_patch with it.
[[nodiscard]] int patch_count(const Place& place, const PatchParams& p);

/// The providers to contract in each patch of `part`, in patch order: `providers_by_patch` when
/// given, else `providers_per_patch` in every patch. Throws ModelError when providers_by_patch's
/// length is not part.count (validate.cpp refuses it first, when the scenario is loaded).
[[nodiscard]] std::vector<int> providers_wanted(const PatchParams& p, const PatchPartition& part);

/// Whether every patch is connected in the ward adjacency graph.
[[nodiscard]] bool patches_contiguous(const Place& place, const PatchPartition& part);

}  // namespace homecare::model
