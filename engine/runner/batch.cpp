// Runs a scenario's replicates over oneTBB threads and MPI processes, journaling each as it
// finishes, and writes the results file once every replicate is in.
//
// Phases, every process in step: (1) load the scenario; (2) rank 0 inspects --out and plans,
// the plan is broadcast; (3) each process runs its share (the missing work items dealt
// round-robin), appending each result to its own journal, while its main thread reports
// progress to rank 0; (4) rank 0 merges the journals into the results file; the exit status is
// broadcast. Collective calls are made by every process in the same order whatever fails: an
// error becomes a status, never an early return.
#include "runner/batch.hpp"

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>
#include <thread>

#include "common/error.hpp"
#include "model/market.hpp"
#include "results/results_file.hpp"
#include "runner/fingerprint.hpp"
#include "runner/journal.hpp"
#include "runner/merge.hpp"
#include "runner/process_group.hpp"
#include "runner/progress.hpp"
#include "runner/resume_plan.hpp"
#include "runner/tsan_annotations.hpp"
#include "runner/typed_parameters.hpp"
#include "scenario/resolved_yaml.hpp"
#include "scenario/pack.hpp"
#include "scenario/scenario.hpp"
#include "version.hpp"

namespace homecare::runner {
namespace fs = std::filesystem;

std::atomic<bool>& stop_requested() {
  static std::atomic<bool> flag{false};
  return flag;
}

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_input = 2;
constexpr int exit_interrupted = 130;

/// Replicate indices named by HOMECARE_FAIL_REPLICATE (comma-separated): a test hook that makes
/// those replicates of every variant throw ModelError before simulating, so that tests exercise
/// the real failure path of the real binary. Documented in engine/README.md.
std::set<std::uint32_t> forced_failures() {
  std::set<std::uint32_t> out;
  const char* env = std::getenv("HOMECARE_FAIL_REPLICATE");
  if (!env) return out;
  std::string_view s(env);
  while (!s.empty()) {
    const auto comma = s.find(',');
    const std::string_view part = s.substr(0, comma);
    std::uint32_t r = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), r);
    if (ec != std::errc{} || p != part.data() + part.size())
      throw EngineError("HOMECARE_FAIL_REPLICATE: expected replicate indices separated by commas, got '" +
                        std::string(env) + "'");
    out.insert(r);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return out;
}

/// One replicate's record: its results in journal order, or why it failed.
JournalRecord run_item(const scenario::Scenario& sc, std::uint32_t seed, WorkItem w,
                       const std::set<std::uint32_t>& fail) {
  JournalRecord rec;
  rec.variant = w.variant;
  rec.replicate = w.replicate;
  const auto& variant = sc.variants[w.variant];
  try {
    if (fail.contains(w.replicate))
      throw ModelError("replicate " + std::to_string(w.replicate) + " made to fail on purpose (HOMECARE_FAIL_REPLICATE)");
    const model::ReplicateResult res = model::simulate_replicate(*sc.place, variant.params, seed, w.replicate);
    const std::size_t expected = payload_size(*sc.place, variant);
    rec.values.reserve(expected);
    for (const auto& series : res.monthly) rec.values.insert(rec.values.end(), series.begin(), series.end());
    rec.values.insert(rec.values.end(), res.summary.begin(), res.summary.end());
    for (const auto& series : res.yearly) rec.values.insert(rec.values.end(), series.begin(), series.end());
    for (const auto& series : res.by_ward) rec.values.insert(rec.values.end(), series.begin(), series.end());
    if (res.monthly.size() != model::monthly_metrics().size() || res.yearly.size() != model::yearly_metrics().size() ||
        res.by_ward.size() != model::by_ward_metrics().size() || rec.values.size() != expected)
      throw ModelError("the model returned " + std::to_string(rec.values.size()) + " values, expected " +
                       std::to_string(expected));
  } catch (const std::exception& e) {
    rec.kind = JournalRecord::Kind::failure;
    rec.values.clear();
    rec.message = e.what();
  } catch (...) {
    rec.kind = JournalRecord::Kind::failure;
    rec.values.clear();
    rec.message = "an unknown exception";
  }
  return rec;
}

/// This process's share of the work, run on a thread of its own while the main thread reports.
struct Share {
  std::vector<WorkItem> items;
  std::atomic<std::int64_t> done{0};
  std::atomic<std::int64_t> failed{0};
  std::atomic<bool> finished{false};
  std::mutex mutex;
  std::condition_variable wake;
  std::string fatal;  // an engine failure (journal I/O): this process stops
};

void compute(Share& share, const scenario::Scenario& sc, std::uint32_t seed, const std::string& journal_path,
             const std::string& fingerprint, int threads) {
  try {
    if (!share.items.empty()) {
      const auto fail = forced_failures();
      JournalWriter journal(journal_path, fingerprint);
      std::atomic<bool> broken{false};
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
      // One item per task: replicates take about a second each, so balance beats batching. Each
      // item's results go to the journal alone, so nothing depends on which thread ran it.
      // The body is copied as the range splits and run by whichever thread takes the task;
      // AnnotatedBody tells TSan how oneTBB orders that (see its header).
      tbb::parallel_for(
          tbb::blocked_range<std::size_t>(0, share.items.size(), 1),
          AnnotatedBody([&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t i = range.begin(); i != range.end(); ++i) {
              if (stop_requested().load() || broken.load()) return;
              const JournalRecord rec = run_item(sc, seed, share.items[i], fail);
              try {
                journal.append(rec);
              } catch (const std::exception& e) {
                std::lock_guard lock(share.mutex);
                if (share.fatal.empty()) share.fatal = e.what();
                broken = true;
                return;
              }
              if (rec.kind == JournalRecord::Kind::failure) ++share.failed;
              ++share.done;
              share.wake.notify_one();
            }
          }),
          tbb::simple_partitioner());
      tsan_handoff_acquire();
    }
  } catch (const std::exception& e) {
    std::lock_guard lock(share.mutex);
    if (share.fatal.empty()) share.fatal = e.what();
  }
  {
    std::lock_guard lock(share.mutex);
    share.finished = true;
  }
  share.wake.notify_one();
}

/// Runs this process's share and, on rank 0, shows everyone's progress. Returns this process's
/// status (0 all done, 1 engine failure, 130 interrupted) once every process has finished.
int run_share(ProcessGroup& group, Share& share, const scenario::Scenario& sc, std::uint32_t seed,
              const Plan& plan, const std::string& fingerprint, int threads, bool quiet) {
  const std::int64_t total = static_cast<std::int64_t>(sc.variants.size()) * plan.target;
  Progress progress(total, plan.done_before, static_cast<std::int64_t>(plan.todo.size()),
                    group.rank() == 0 && !quiet ? stderr : nullptr);
  std::thread worker(compute, std::ref(share), std::cref(sc), seed,
                     PartialRun::journal_path(plan.folder, group.rank()), std::cref(fingerprint), threads);

  std::vector<ProgressNote> notes(static_cast<std::size_t>(group.size()));
  ProgressNote last_sent{-1, -1, -1};
  int status = -1;
  for (;;) {
    {
      std::unique_lock lock(share.mutex);
      share.wake.wait_for(lock, std::chrono::milliseconds(100), [&] { return share.finished.load(); });
    }
    ProgressNote mine{share.done.load(), share.failed.load(), -1};
    if (share.finished && status < 0) {
      std::lock_guard lock(share.mutex);
      const bool cut_short = mine.done < static_cast<std::int64_t>(share.items.size());
      status = !share.fatal.empty() ? exit_failure : stop_requested().load() && cut_short ? exit_interrupted : exit_ok;
    }
    mine.status = status;
    if (group.rank() != 0) {
      if (mine.done != last_sent.done || mine.status != last_sent.status) {
        group.send_progress(mine);
        last_sent = mine;
      }
      if (status >= 0) break;
      continue;
    }
    notes[0] = mine;
    while (auto n = group.poll_progress()) notes[static_cast<std::size_t>(n->first)] = n->second;
    std::int64_t done = 0;
    std::int64_t failed = 0;
    bool all_final = true;
    for (const auto& n : notes) {
      done += n.done;
      failed += n.failed;
      all_final = all_final && n.status >= 0;
    }
    progress.update(done, failed);
    if (all_final) {
      progress.finish(done, failed);
      break;
    }
  }
  worker.join();
  if (!share.fatal.empty()) {
    std::cerr << "homecare: " << (group.size() > 1 ? "process " + std::to_string(group.rank()) + ": " : "")
              << "error: " << share.fatal << "\n";
  }
  // Rank 0 learns how every process ended (1 outranks 130 outranks 0).
  int worst = status;
  if (group.rank() == 0)
    for (const auto& n : notes)
      if (n.status == exit_failure || (n.status == exit_interrupted && worst == exit_ok))
        worst = static_cast<int>(n.status);
  return worst;
}

std::string plural(std::size_t n, const std::string& word, const std::string& words = "") {
  return std::to_string(n) + " " + (n == 1 ? word : words.empty() ? word + "s" : words);
}

/// Rank 0's account of a batch that did not complete; the exit status.
int report_incomplete(const MergeOutcome& m, int shares_status, const std::string& folder, std::int64_t total,
                      const scenario::Scenario& sc) {
  constexpr std::size_t shown = 20;
  if (!m.failures.empty()) {
    std::cerr << "homecare: " << m.failures.size() << " of " << plural(static_cast<std::size_t>(total), "replicate")
              << " failed:\n";
    for (std::size_t i = 0; i < m.failures.size() && i < shown; ++i) {
      const auto& f = m.failures[i];
      std::cerr << "homecare:   variant " << sc.variants[f.item.variant].name << ", replicate " << f.item.replicate
                << ": " << f.message << "\n";
    }
    if (m.failures.size() > shown) std::cerr << "homecare:   ... and " << m.failures.size() - shown << " more\n";
  }
  const std::size_t kept = static_cast<std::size_t>(total) - m.missing.size();
  std::cerr << "homecare: " << (shares_status == exit_interrupted ? "interrupted; " : "") << "the " << kept
            << " of " << plural(static_cast<std::size_t>(total), "replicate") << " done are kept in '" << folder
            << "'; run the same command with --resume to "
            << (m.failures.empty() ? "complete it" : "retry the failed ones and complete it") << "\n";
  if (shares_status == exit_interrupted) return exit_interrupted;
  return exit_failure;
}

/// Everyone agrees on a status; a process with an error prints it unless rank 0 printed the
/// same kind already (input errors are the same everywhere: rank 0 speaks for all).
int agree(ProcessGroup& group, int status, const std::string& message, bool input_error) {
  const auto rank0 = group.broadcast(static_cast<std::int64_t>(status));
  const auto worst = group.max(static_cast<std::int64_t>(status));
  if (status != 0 && (group.rank() == 0 || rank0 == 0)) {
    const std::string who = group.rank() == 0 ? "" : "process " + std::to_string(group.rank()) + ": ";
    std::cerr << "homecare: " << who << (input_error ? "" : "error: ") << message << "\n";
  }
  return static_cast<int>(rank0 != 0 ? rank0 : worst);
}

int run_batch_in(const BatchOptions& opts, ProcessGroup& group) {
  // (1) The scenario, on every process.
  scenario::Scenario sc;
  std::string out;
  int status = 0;
  std::string message;
  bool input_error = false;
  try {
    sc = scenario::load_scenario(opts.scenario_path, opts.seed, opts.boroughs);
    if (group.rank() == 0 && !opts.quiet)
      for (const auto& w : sc.warnings) std::cerr << "homecare: warning: " << w << "\n";
    // The scenario's own replicate count is checked as it loads; the command line's here.
    if (opts.replicates)
      scenario::check_run_size(sc, *opts.replicates, SourceLocation{"command line", 0, 0}, "--replicates");
    out = opts.out.empty() ? "output/" + sc.name + ".h5" : opts.out;
    const fs::path parent = fs::path(out).parent_path();
    if (!parent.empty() && !fs::is_directory(parent))
      throw InputError(SourceLocation{}, "--out", "the folder '" + parent.string() + "' does not exist");
    (void)forced_failures();
  } catch (const InputError& e) {
    status = exit_input, message = e.what(), input_error = true;
  } catch (const std::exception& e) {
    status = exit_failure, message = e.what();
  }
  if (const int s = agree(group, status, message, input_error); s != 0) return s;
  const auto seed = static_cast<std::uint32_t>(sc.base.run.seed);

  // (2) The plan, made by rank 0.
  Manifest identity;
  identity.scenario = sc.name;
  identity.seed = seed;
  identity.variants = static_cast<std::int64_t>(sc.variants.size());
  Plan plan;
  std::string plan_bytes;
  status = 0;
  if (group.rank() == 0) {
    try {
      identity.scenario_fingerprint = scenario_fingerprint(sc, seed);
      identity.engine = engine_identity();
      identity.fingerprint = fingerprint(sc, seed);
      PlanRequest req{out, opts.replicates, sc.base.run.replicates, opts.resume, opts.force,
                      sc.variants.size(), identity};
      plan = make_plan(req);
      plan_bytes = identity.fingerprint + encode_plan(plan);
    } catch (const InputError& e) {
      status = exit_input, message = e.what(), input_error = true;
    } catch (const std::exception& e) {
      status = exit_failure, message = e.what(), input_error = false;
    }
  }
  if (const int s = agree(group, status, message, input_error); s != 0) return s;
  group.broadcast(plan_bytes);
  if (group.rank() != 0) {
    identity.fingerprint = plan_bytes.substr(0, 16);
    plan = decode_plan(plan_bytes.substr(16));
  }
  const std::int64_t total = static_cast<std::int64_t>(sc.variants.size()) * plan.target;
  if (group.rank() == 0 && !opts.quiet) {
    for (const auto& n : plan.notes) std::cerr << "homecare: " << n << "\n";
  }
  if (plan.nothing_to_do) return exit_ok;

  // (3) Every process runs its share.
  const int threads = opts.threads > 0 ? opts.threads : tbb::this_task_arena::max_concurrency();
  if (group.rank() == 0 && !opts.quiet)
    std::cerr << "homecare: " << sc.name << ": " << plural(sc.variants.size(), "variant") << " x "
              << plural(static_cast<std::size_t>(plan.target), "replicate") << ", " << plan.todo.size()
              << " to run on " << plural(static_cast<std::size_t>(group.size()), "process", "processes") << " x "
              << plural(static_cast<std::size_t>(threads), "thread") << "\n";
  Share share;
  for (std::size_t i = static_cast<std::size_t>(group.rank()); i < plan.todo.size();
       i += static_cast<std::size_t>(group.size()))
    share.items.push_back(plan.todo[i]);
  const int shares_status = run_share(group, share, sc, seed, plan, identity.fingerprint, threads, opts.quiet);

  // (4) Rank 0 puts the results together.
  status = exit_ok;
  if (group.rank() == 0) {
    try {
      results::Provenance prov;
      prov.engine_version = std::string(engine_version) + " (" + git_commit + ")";
      prov.git_commit = git_commit;
      prov.compiler = compiler;
      prov.seed = seed;
      prov.created_utc = results::utc_now();
      prov.scenario_name = sc.name;
      prov.scenario_yaml = sc.text;
      // A pack named by path is written as an absolute path: the text runs again from anywhere.
      const std::string borough =
          sc.borough.find('/') == std::string::npos ? sc.borough : fs::absolute(sc.pack->dir).lexically_normal().string();
      prov.resolved_yaml = scenario::resolved_yaml(sc.base, borough);
      prov.fingerprint = identity.fingerprint;
      prov.scenario_fingerprint = identity.scenario_fingerprint;
      prov.random_scheme = model::random_scheme;
      prov.sweep = scenario::sweep_kind_name(sc.sweep);
      prov.parameter_table = parameter_info();
      prov.borough = borough_record(*sc.place);
      const MergeOutcome m = merge_results(out, *plan.partial, sc, prov, plan.target, plan.base);
      if (m.written) {
        if (!opts.quiet) std::cerr << "homecare: wrote " << out << "\n";
      } else {
        status = report_incomplete(m, shares_status, plan.folder, total, sc);
      }
    } catch (const std::exception& e) {
      std::cerr << "homecare: error: " << e.what() << "\n";
      status = exit_failure;
    }
  }
  return static_cast<int>(group.broadcast(static_cast<std::int64_t>(status)));
}

}  // namespace

int run_batch(const BatchOptions& opts, ProcessGroup& group) {
  try {
    return run_batch_in(opts, group);
  } catch (const std::exception& e) {
    // Unforeseen (every expected error is agreed on above): the other processes may be waiting
    // in a collective call, so the job as a whole is ended.
    if (group.size() > 1) {
      std::cerr << "homecare: process " << group.rank() << ": error: " << e.what() << "\n";
      group.abort(exit_failure);
    }
    throw;
  }
}

int run_batch(const BatchOptions& opts) {
  ProcessGroup alone;
  return run_batch(opts, alone);
}

}  // namespace homecare::runner
