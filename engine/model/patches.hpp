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
/// method. Deterministic. Throws ModelError for an explicit map that does not cover the wards.
[[nodiscard]] PatchPartition partition_wards(const Place& place, const PatchParams& p, const std::vector<double>& demand);

/// Whether every patch is connected in the ward adjacency graph.
[[nodiscard]] bool patches_contiguous(const Place& place, const PatchPartition& part);

}  // namespace homecare::model
