// The resume rules: what a run may reuse, and what it must refuse to overwrite.
#include "runner/resume_plan.hpp"

#include <cstring>
#include <filesystem>

#include "common/error.hpp"
#include "results/results_file.hpp"
#include "runner/journal.hpp"

namespace homecare::runner {
namespace fs = std::filesystem;
namespace {

InputError refuse(const std::string& key, const std::string& problem) {
  return InputError(SourceLocation{}, key, problem);
}

std::string plural(std::int64_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

/// Why a partial run or a results file with another fingerprint cannot be resumed.
std::string mismatch(const std::string& what, const std::string& scenario_fp, const std::string& scenario,
                     std::uint32_t seed, const std::string& engine, const Manifest& id) {
  if (scenario_fp != id.scenario_fingerprint)
    return what + " was made from a different scenario or seed (scenario '" + scenario + "', seed " +
           std::to_string(seed) + ") than this run's ('" + id.scenario + "', seed " +
           std::to_string(id.seed) + ")";
  return what + " was made by another build of homecare (" + engine + "; this is " + id.engine + ")";
}

/// Every work item with a result in the journals, cutting torn tails so appends can follow.
std::vector<char> journaled(const PartialRun& partial, const std::string& fingerprint, std::int64_t variants,
                            std::int64_t target, std::int64_t base) {
  std::vector<char> done(static_cast<std::size_t>(variants * target), 0);
  for (const auto& j : partial.journals()) {
    const JournalContents c = read_journal(j, fingerprint, false);
    if (c.intact_bytes < c.file_bytes) truncate_journal(j, c.intact_bytes);
    for (const auto& r : c.records) {
      if (r.kind != JournalRecord::Kind::result) continue;
      if (r.variant >= variants || r.replicate < base || r.replicate >= target) continue;
      done[static_cast<std::size_t>(r.variant * target + r.replicate)] = 1;
    }
  }
  return done;
}

}  // namespace

Plan make_plan(const PlanRequest& req) {
  const Manifest& id = req.identity;
  const std::string& out = req.out;
  const std::string folder = PartialRun::folder_for(out);
  Plan plan;
  plan.folder = folder;

  if (fs::is_directory(out)) throw refuse("--out", "'" + out + "' is a folder; give a file name");
  std::optional<results::ResultsHeader> file;
  bool foreign = false;
  if (fs::exists(out)) {
    try {
      file = results::read_header(out);
    } catch (const EngineError&) {
      file.reset();
    }
    foreign = !file;
  }

  std::unique_ptr<PartialRun> partial;
  std::optional<Manifest> m;
  if (fs::exists(folder)) {
    partial = std::make_unique<PartialRun>(out);  // locked from here on
    m = partial->manifest();
    // Killed after the results file was put in place but before the folder was removed; or
    // killed before the manifest was written, when nothing had been computed.
    const bool finished = m && file && file->provenance.fingerprint == m->fingerprint &&
                          static_cast<std::int64_t>(file->replicates) == m->replicates;
    if (!m || finished) {
      partial->clear();
      m.reset();
    }
  }

  auto refuse_replacing = [&]() {
    if (req.force) return;
    if (foreign)
      throw refuse("--out", "'" + out + "' exists and is not a homecare results file; refusing to replace it "
                            "(add --force to replace it, or choose another --out)");
    if (file && file->provenance.scenario_name != id.scenario)
      throw refuse("--out", "'" + out + "' holds the results of scenario '" + file->provenance.scenario_name +
                                "', not '" + id.scenario + "'; refusing to replace them (add --force to "
                                "replace them, or choose another --out)");
  };

  if (!req.resume) {
    if (m && !req.force) {
      const auto done = journaled(*partial, m->fingerprint, m->variants, m->replicates, m->base_replicates);
      std::int64_t n = m->base_replicates * m->variants;
      for (char d : done) n += d;
      throw refuse("--out", "'" + folder + "' holds an unfinished run (" + std::to_string(n) + " of " +
                                plural(m->replicates * m->variants, "replicate") +
                                " done); add --resume to complete it, or --force to discard it");
    }
    refuse_replacing();
    if (m) partial->clear();
    m.reset();
    plan.target = req.replicates.value_or(req.scenario_replicates);
  } else {
    if (m && m->fingerprint != id.fingerprint) {
      if (!req.force)
        throw refuse("--resume", mismatch("'" + folder + "'", m->scenario_fingerprint, m->scenario, m->seed,
                                          m->engine, id) +
                                     "; complete it with the scenario, seed and build it was made with, or "
                                     "add --force to discard it and start again");
      partial->clear();
      m.reset();
    }
    if (m) {
      plan.target = req.replicates.value_or(m->replicates);
      plan.base = m->base_replicates;
      const bool base_intact = plan.base == 0 || (file && file->provenance.fingerprint == id.fingerprint &&
                                                  static_cast<std::int64_t>(file->replicates) == plan.base);
      if (!base_intact && !req.force)
        throw refuse("--resume", "'" + out + "' changed since '" + folder + "' was made to extend it; "
                                 "add --force to discard the partial run and start again");
      if (plan.target < plan.base && !req.force)
        throw refuse("--replicates", "'" + out + "' already holds " + plural(plan.base, "replicate") +
                                         " per variant; ask for at least " + std::to_string(plan.base) +
                                         ", or add --force to start again");
      if (!base_intact || plan.target < plan.base) {  // --force: start again
        partial->clear();
        m.reset();
        plan.base = 0;
      }
    } else if (file && !foreign && file->provenance.fingerprint == id.fingerprint &&
               !(req.force && req.replicates.value_or(req.scenario_replicates) <
                                  static_cast<std::int64_t>(file->replicates))) {
      const auto have = static_cast<std::int64_t>(file->replicates);
      plan.target = req.replicates.value_or(req.scenario_replicates);
      if (plan.target < have)
        throw refuse("--replicates", "'" + out + "' already holds " + plural(have, "replicate") +
                                         " per variant, more than the " + std::to_string(plan.target) +
                                         " asked for; ask for at least " + std::to_string(have) +
                                         ", choose another --out, or add --force to replace it");
      if (plan.target == have) {
        if (partial) partial->remove();
        plan.nothing_to_do = true;
        plan.notes.push_back("'" + out + "' already holds all " + plural(have, "replicate") +
                             " of every variant; nothing to do");
        return plan;
      }
      plan.base = have;
      plan.notes.push_back("extending '" + out + "' from " + std::to_string(have) + " to " +
                           plural(plan.target, "replicate") + " per variant");
    } else {
      // Nothing to reuse: a file of another fingerprint (or, with --force, too many replicates).
      if (file && !foreign && !req.force)
        throw refuse("--resume", mismatch("'" + out + "'", file->provenance.scenario_fingerprint,
                                          file->provenance.scenario_name, file->provenance.seed,
                                          file->provenance.engine_version, id) +
                                     ", so it cannot be extended; add --force to replace it, or choose "
                                     "another --out");
      refuse_replacing();
      plan.target = req.replicates.value_or(req.scenario_replicates);
    }
  }

  if (!partial) partial = std::make_unique<PartialRun>(out);
  if (!m || m->replicates != plan.target) {
    Manifest nm = id;
    nm.replicates = plan.target;
    nm.base_replicates = plan.base;
    partial->write_manifest(nm);
  }

  const auto V = static_cast<std::int64_t>(req.variants);
  const auto done = journaled(*partial, id.fingerprint, V, plan.target, plan.base);
  for (std::int64_t r = plan.base; r < plan.target; ++r)
    for (std::int64_t v = 0; v < V; ++v)
      if (!done[static_cast<std::size_t>(v * plan.target + r)])
        plan.todo.push_back({static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(r)});
  plan.done_before = V * plan.target - static_cast<std::int64_t>(plan.todo.size());
  if (m)
    plan.notes.push_back("resuming '" + out + "': " + std::to_string(plan.done_before) + " of " +
                         plural(V * plan.target, "replicate") + " already done");
  plan.partial = std::move(partial);
  return plan;
}

namespace {
void put(std::string& s, std::int64_t v) { s.append(reinterpret_cast<const char*>(&v), sizeof v); }
std::int64_t take(const std::string& s, std::size_t& at) {
  if (at + sizeof(std::int64_t) > s.size()) throw EngineError("a plan from rank 0 is truncated");
  std::int64_t v = 0;
  std::memcpy(&v, s.data() + at, sizeof v);
  at += sizeof v;
  return v;
}
}  // namespace

std::string encode_plan(const Plan& p) {
  std::string s;
  put(s, p.nothing_to_do ? 1 : 0);
  put(s, p.target);
  put(s, p.base);
  put(s, p.done_before);
  put(s, static_cast<std::int64_t>(p.folder.size()));
  s += p.folder;
  put(s, static_cast<std::int64_t>(p.todo.size()));
  for (const auto& w : p.todo) put(s, (static_cast<std::int64_t>(w.variant) << 32) | w.replicate);
  return s;
}

Plan decode_plan(const std::string& s) {
  Plan p;
  std::size_t at = 0;
  p.nothing_to_do = take(s, at) != 0;
  p.target = take(s, at);
  p.base = take(s, at);
  p.done_before = take(s, at);
  const auto n = static_cast<std::size_t>(take(s, at));
  if (at + n > s.size()) throw EngineError("a plan from rank 0 is truncated");
  p.folder = s.substr(at, n);
  at += n;
  const auto items = static_cast<std::size_t>(take(s, at));
  p.todo.reserve(items);
  for (std::size_t i = 0; i < items; ++i) {
    const std::int64_t w = take(s, at);
    p.todo.push_back({static_cast<std::uint32_t>(w >> 32), static_cast<std::uint32_t>(w & 0xFFFFFFFF)});
  }
  return p;
}

}  // namespace homecare::runner
