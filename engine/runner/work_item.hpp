// One unit of work of a batch: one replicate of one variant.
#pragma once

#include <cstdint>

namespace homecare::runner {

struct WorkItem {
  std::uint32_t variant = 0;    // index into the scenario's variants
  std::uint32_t replicate = 0;  // replicate index: with the seed, the key of its random streams
};

}  // namespace homecare::runner
