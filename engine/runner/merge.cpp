// The merge: base file + journals -> the results file.
#include "runner/merge.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "common/error.hpp"
#include "model/place.hpp"
#include "model/market.hpp"
#include "runner/journal.hpp"
#include "runner/typed_parameters.hpp"

namespace homecare::runner {

std::size_t payload_size(const scenario::Variant& v) {
  return model::monthly_metrics().size() * model::report_months(v.params).size() + model::summary_metrics().size() +
         model::yearly_metrics().size() * model::report_years(v.params).size();
}

namespace {

results::VariantResults empty_results(const model::Place& place, const scenario::Variant& v, std::size_t reps) {
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
  out.years = model::report_years(v.params);
  for (const auto& m : model::yearly_metrics())
    out.yearly.push_back({m.name, m.units, m.description, std::vector<double>(reps * out.years.size(), 0.0)});
  model::Params resolved = v.params;
  resolved.run.replicates = static_cast<std::int64_t>(reps);  // what the file holds, not what was asked first
  out.parameters = typed_parameters(resolved);
  if (const auto part = model::commissioned_patches(place, v.params)) {
    for (int p : part->ward_patch) out.ward_patch.push_back(p + 1);
    for (const auto& w : place.wards) out.ward_names.push_back(w.name);
  }
  return out;
}

const results::MetricColumn& column(const results::VariantResults& v, const std::vector<results::MetricColumn>& cols,
                                    const std::string& name, const std::string& out) {
  for (const auto& c : cols)
    if (c.name == name) return c;
  throw EngineError("'" + out + "' lacks " + v.name + "/" + name + ", so it cannot be extended");
}

/// Replicates [0, base) of every variant, from the file being extended.
void take_base(const std::string& out, const results::Provenance& prov, std::int64_t base,
               std::vector<results::VariantResults>& vr) {
  const results::ResultsFile f = results::read_results(out);
  if (f.provenance.fingerprint != prov.fingerprint)
    throw EngineError("'" + out + "' changed while the batch ran; nothing was written");
  const auto B = static_cast<std::size_t>(base);
  for (auto& v : vr) {
    const results::VariantResults* old = nullptr;
    for (const auto& o : f.variants)
      if (o.name == v.name) old = &o;
    if (!old || old->replicates < B || old->months != v.months)
      throw EngineError("'" + out + "' does not hold " + std::to_string(B) + " replicates of '" + v.name + "'");
    const std::size_t M = v.months.size();
    for (auto& c : v.monthly) {
      const auto& src = column(*old, old->monthly, c.name, out);
      std::copy_n(src.values.begin(), B * M, c.values.begin());
    }
    for (auto& c : v.summary) {
      const auto& src = column(*old, old->summary, c.name, out);
      std::copy_n(src.values.begin(), B, c.values.begin());
    }
    const std::size_t Y = v.years.size();
    if (old->years != v.years) throw EngineError("'" + out + "' does not hold the financial years of '" + v.name + "'");
    for (auto& c : v.yearly) {
      const auto& src = column(*old, old->yearly, c.name, out);
      std::copy_n(src.values.begin(), B * Y, c.values.begin());
    }
  }
}

}  // namespace

results::Borough borough_record(const model::Place& place) {
  results::Borough b;
  b.name = place.name;
  b.display_name = place.display_name;
  b.ons_code = place.ons_code;
  b.living_wage = std::string(model::table_name(place.living_wage_table));
  b.pack_hash = place.hash;
  b.tables_hash = place.tables.hash;
  b.calibration_from = kernel::to_iso(place.calibration_from);
  b.calibration_to = kernel::to_iso(place.calibration_to);
  b.bounding_box.assign(place.bounding_box.begin(), place.bounding_box.end());
  for (const auto& w : place.wards) {
    b.ward_code.push_back(w.code);
    b.ward_name.push_back(w.name);
    b.ward_locality.push_back(w.locality);
    b.ward_easting.push_back(w.centroid.x);
    b.ward_northing.push_back(w.centroid.y);
    b.ward_area_ha.push_back(w.area_ha);
    if (place.has_boundaries) b.ward_boundary_wkt.push_back(w.boundary_wkt);
  }
  for (const auto& v : place.venues) {
    b.venue_name.push_back(v.name);
    b.venue_easting.push_back(v.at.x);
    b.venue_northing.push_back(v.at.y);
  }
  b.files = place.files;
  // The calibration summaries were named for 2016/17 before packs named the period: keep those
  // names, as links, where they are still true.
  if (place.calibration_from == kernel::Date{2016, 4, 1} && place.calibration_to == kernel::Date{2017, 3, 31})
    for (const auto& m : model::summary_metrics())
      if (m.name.starts_with("calibration_"))
        b.summary_aliases.emplace_back("fy2016_" + m.name.substr(std::string("calibration_").size()), m.name);
  return b;
}

MergeOutcome merge_results(const std::string& out, PartialRun& partial, const scenario::Scenario& sc,
                           const results::Provenance& prov, std::int64_t target, std::int64_t base) {
  const std::size_t V = sc.variants.size();
  const auto T = static_cast<std::size_t>(target);
  std::vector<results::VariantResults> vr;
  for (const auto& v : sc.variants) vr.push_back(empty_results(*sc.place, v, T));
  if (base > 0) take_base(out, prov, base, vr);

  std::vector<char> have(V * T, 0);
  for (std::size_t v = 0; v < V; ++v)
    for (std::size_t r = 0; r < static_cast<std::size_t>(base); ++r) have[v * T + r] = 1;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::string> failed;

  for (const auto& j : partial.journals()) {
    const JournalContents c = read_journal(j, prov.fingerprint, true);
    for (const auto& rec : c.records) {
      if (rec.variant >= V || rec.replicate < base || rec.replicate >= target) continue;
      if (rec.kind == JournalRecord::Kind::failure) {
        failed[{rec.variant, rec.replicate}] = rec.message;
        continue;
      }
      auto& v = vr[rec.variant];
      const std::size_t M = v.months.size();
      const std::size_t Y = v.years.size();
      const std::size_t r = rec.replicate;
      if (rec.values.size() != payload_size(sc.variants[rec.variant]))
        throw EngineError("the journal '" + j + "' holds " + std::to_string(rec.values.size()) +
                          " values for replicate " + std::to_string(r) + " of '" + v.name + "', expected " +
                          std::to_string(payload_size(sc.variants[rec.variant])));
      const double* p = rec.values.data();
      if (have[rec.variant * T + r]) {
        // Recorded twice (two processes, or a resume after a crash mid-merge): must be identical.
        bool same = true;
        for (std::size_t k = 0; k < v.monthly.size(); ++k)
          same = same && std::memcmp(p + k * M, v.monthly[k].values.data() + r * M, M * sizeof(double)) == 0;
        for (std::size_t k = 0; k < v.summary.size(); ++k)
          same = same && std::memcmp(p + v.monthly.size() * M + k, &v.summary[k].values[r], sizeof(double)) == 0;
        const double* py = p + v.monthly.size() * M + v.summary.size();
        for (std::size_t k = 0; k < v.yearly.size(); ++k)
          same = same && std::memcmp(py + k * Y, v.yearly[k].values.data() + r * Y, Y * sizeof(double)) == 0;
        if (!same)
          throw EngineError("replicate " + std::to_string(r) + " of '" + v.name +
                            "' was recorded twice with different results: the engine is not reproducible");
        continue;
      }
      for (std::size_t k = 0; k < v.monthly.size(); ++k)
        std::copy_n(p + k * M, M, v.monthly[k].values.begin() + static_cast<std::ptrdiff_t>(r * M));
      for (std::size_t k = 0; k < v.summary.size(); ++k) v.summary[k].values[r] = p[v.monthly.size() * M + k];
      const double* py = p + v.monthly.size() * M + v.summary.size();
      for (std::size_t k = 0; k < v.yearly.size(); ++k)
        std::copy_n(py + k * Y, Y, v.yearly[k].values.begin() + static_cast<std::ptrdiff_t>(r * Y));
      have[rec.variant * T + r] = 1;
    }
  }

  MergeOutcome outcome;
  for (std::size_t r = 0; r < T; ++r)
    for (std::size_t v = 0; v < V; ++v) {
      if (have[v * T + r]) continue;
      const WorkItem w{static_cast<std::uint32_t>(v), static_cast<std::uint32_t>(r)};
      outcome.missing.push_back(w);
      const auto f = failed.find({w.variant, w.replicate});
      if (f != failed.end()) outcome.failures.push_back({w, f->second});
    }
  if (!outcome.missing.empty()) return outcome;

  results::write_results(out, prov, vr, partial.temporary_results());
  partial.remove();
  outcome.written = true;
  return outcome;
}

}  // namespace homecare::runner
