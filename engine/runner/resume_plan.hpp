// Deciding what a run does with what it finds at --out: start afresh, resume a partial run,
// extend a complete file, do nothing, or refuse. Rank 0 decides; every rank follows the plan.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/partial_run.hpp"
#include "runner/work_item.hpp"
#include "scenario/scenario.hpp"

namespace homecare::runner {

/// What a run is asked for, and who it is.
struct PlanRequest {
  std::string out;
  std::optional<std::int64_t> replicates;  // --replicates, if given
  std::int64_t scenario_replicates = 0;    // the scenario's run.replicates
  bool resume = false;
  bool force = false;
  std::size_t variants = 0;
  Manifest identity;  // fingerprint, scenario fingerprint, engine, scenario, seed, variants
};

/// What the processes do. Rank 0 also holds the partial folder's lock.
struct Plan {
  bool nothing_to_do = false;
  std::int64_t target = 0;       // replicates per variant in the finished file
  std::int64_t base = 0;         // of which taken from the complete file at --out
  std::int64_t done_before = 0;  // work items already done (journaled, or in the base file)
  std::vector<WorkItem> todo;    // the missing ones, replicate-major then variant
  std::string folder;            // the partial folder
  std::vector<std::string> notes;           // for the user (rank 0 prints them)
  std::unique_ptr<PartialRun> partial;      // rank 0 only
};

/// Rank 0: inspects --out and `<out>.partial/`, refuses what is unsafe, and otherwise sets up the
/// partial folder (manifest written, torn journal tails cut) and lists the missing work.
/// Rules (README "Running long batches"):
/// - without --resume: a partial run is never discarded and a results file of another scenario,
///   or a file that is not a results file, never replaced, unless --force (InputError);
///   a results file of the same scenario is replaced when the new one is complete;
/// - with --resume: a partial run must have this run's fingerprint (scenario, seed and engine
///   build), else InputError naming what differs (--force: discard it); with no partial run, a
///   complete file of the same fingerprint is extended to the replicates asked for (nothing to do
///   when it holds them already); fewer replicates than it holds is refused.
/// Throws InputError for refusals, EngineError for I/O failures.
[[nodiscard]] Plan make_plan(const PlanRequest& req);

/// The plan as bytes for the other ranks (everything but the lock), and back.
[[nodiscard]] std::string encode_plan(const Plan& p);
[[nodiscard]] Plan decode_plan(const std::string& bytes);

}  // namespace homecare::runner
