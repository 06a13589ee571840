// Putting a batch's results together: the replicates already in the results file (when
// extending it) and those in every process's journal, written as one contract file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "results/results_file.hpp"
#include "runner/partial_run.hpp"
#include "runner/work_item.hpp"
#include "scenario/scenario.hpp"

namespace homecare::runner {

struct Failure {
  WorkItem item;
  std::string message;
};

struct MergeOutcome {
  std::vector<WorkItem> missing;  // no result anywhere (failed, or never run)
  std::vector<Failure> failures;  // the missing ones whose last attempt failed, in item order
  bool written = false;           // the results file is in place and the partial folder gone
};

/// The number of doubles in one replicate's journal record for variant `v` in `place`: monthly
/// series, summaries, yearly figures, figures by ward, in that order.
[[nodiscard]] std::size_t payload_size(const model::Place& place, const scenario::Variant& v);

/// What a results file records of the place (`/borough`).
[[nodiscard]] results::Borough borough_record(const model::Place& place);

/// Rank 0, after every process has finished: gathers replicates [0, base) from the complete
/// file at `out` and [base, target) from the journals. When none is missing, writes `out`
/// atomically (via the partial folder) and removes the partial folder. A replicate recorded
/// twice must be bit-identical (EngineError otherwise: reproducibility is broken).
/// Throws EngineError.
[[nodiscard]] MergeOutcome merge_results(const std::string& out, PartialRun& partial, const scenario::Scenario& sc,
                                         const results::Provenance& prov, std::int64_t target, std::int64_t base);

}  // namespace homecare::runner
