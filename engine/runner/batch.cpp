// Runs a scenario's replicates over oneTBB worker threads and writes the results file.
#include "runner/batch.hpp"

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "common/error.hpp"
#include "model/market.hpp"
#include "results/results_file.hpp"
#include "runner/fingerprint.hpp"
#include "scenario/scenario.hpp"
#include "version.hpp"

namespace homecare::runner {
namespace fs = std::filesystem;

std::atomic<bool>& stop_requested() {
  static std::atomic<bool> flag{false};
  return flag;
}

namespace {

results::VariantResults empty_results(const scenario::Variant& v, std::size_t reps) {
  results::VariantResults out;
  out.name = v.name;
  out.overrides = v.overrides;
  out.months = model::report_months(v.params);
  out.replicates = reps;
  const std::size_t M = out.months.size();
  for (const auto& m : model::monthly_metrics())
    out.monthly.push_back({m.name, m.units, m.description, std::vector<double>(reps * M, 0.0)});
  for (const auto& m : model::summary_metrics())
    out.summary.push_back({m.name, m.units, m.description, std::vector<double>(reps, 0.0)});
  return out;
}

}  // namespace

int run_batch(const BatchOptions& opts) {
  const scenario::Scenario sc = scenario::load_scenario(opts.scenario_path, opts.seed);
  const auto seed = static_cast<std::uint32_t>(sc.base.run.seed);
  const auto reps = static_cast<std::size_t>(opts.replicates.value_or(sc.base.run.replicates));
  const std::string out = opts.out.empty() ? "output/" + sc.name + ".h5" : opts.out;
  const fs::path parent = fs::path(out).parent_path();
  if (!parent.empty() && !fs::is_directory(parent))
    throw InputError(SourceLocation{}, "--out", "the folder '" + parent.string() + "' does not exist");

  results::Provenance prov;
  prov.engine_version = std::string(engine_version) + " (" + git_commit + ")";
  prov.git_commit = git_commit;
  prov.compiler = compiler;
  prov.seed = seed;
  prov.created_utc = results::utc_now();
  prov.scenario_name = sc.name;
  prov.scenario_yaml = sc.text;
  prov.resolved_yaml = scenario::resolved_yaml(sc.base);
  prov.fingerprint = fingerprint(sc, seed);

  std::vector<results::VariantResults> variants;
  for (const auto& v : sc.variants) variants.push_back(empty_results(v, reps));

  struct Item { std::size_t variant; std::size_t replicate; };
  std::vector<Item> items;
  for (std::size_t v = 0; v < sc.variants.size(); ++v)
    for (std::size_t r = 0; r < reps; ++r) items.push_back({v, r});

  const int threads = opts.threads > 0 ? opts.threads : tbb::this_task_arena::max_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  std::atomic<std::size_t> done{0};
  std::mutex failure_mutex;
  std::vector<std::string> failures;

  // Each item writes only its own slots of the preallocated arrays, so the file is the same
  // whatever the thread count or the order items finish in.
  tbb::parallel_for(std::size_t{0}, items.size(), [&](std::size_t i) {
    if (stop_requested().load()) return;
    const Item it = items[i];
    try {
      const auto res = model::simulate_replicate(sc.variants[it.variant].params, seed,
                                                 static_cast<std::uint32_t>(it.replicate));
      auto& vr = variants[it.variant];
      const std::size_t M = vr.months.size();
      for (std::size_t k = 0; k < vr.monthly.size(); ++k)
        std::copy(res.monthly[k].begin(), res.monthly[k].end(), vr.monthly[k].values.begin() + static_cast<std::ptrdiff_t>(it.replicate * M));
      for (std::size_t k = 0; k < vr.summary.size(); ++k) vr.summary[k].values[it.replicate] = res.summary[k];
    } catch (const std::exception& e) {
      std::lock_guard lock(failure_mutex);
      failures.push_back("variant " + sc.variants[it.variant].name + ", replicate " +
                         std::to_string(it.replicate) + ": " + e.what());
    }
    const std::size_t n = ++done;
    if (!opts.quiet && (n == items.size() || n % 10 == 0)) {
      std::lock_guard lock(failure_mutex);
      std::fprintf(stderr, "homecare: %zu/%zu replicates done\n", n, items.size());
    }
  });

  if (stop_requested().load()) {
    std::cerr << "homecare: interrupted; nothing was written to '" << out << "'\n";
    return 130;
  }
  if (!failures.empty()) {
    for (const auto& f : failures) std::cerr << "homecare: replicate failed: " << f << "\n";
    std::cerr << "homecare: " << failures.size() << " of " << items.size()
              << " replicates failed; no results file written\n";
    return 1;
  }
  results::write_results(out, prov, variants);
  if (!opts.quiet) std::cerr << "homecare: wrote " << out << "\n";
  return 0;
}

}  // namespace homecare::runner
