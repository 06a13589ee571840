// The merge: base file + journals -> the results file.
#include "runner/merge.hpp"

#include <algorithm>
#include <array>
#include <type_traits>
#include <cstring>
#include <map>

#include "common/error.hpp"
#include "model/place.hpp"
#include "model/market.hpp"
#include "runner/journal.hpp"
#include "runner/typed_parameters.hpp"

namespace homecare::runner {

std::size_t payload_size(const model::Place& place, const scenario::Variant& v) {
  return model::monthly_metrics().size() * model::report_months(v.params).size() + model::summary_metrics().size() +
         model::yearly_metrics().size() * model::report_years(v.params).size() +
         model::by_ward_metrics().size() * place.wards.size();
}

namespace {

/// A journal record's parts, in order: each metric's `width` values for one replicate, stored at
/// [replicate * width, (replicate + 1) * width) of its column.
template <class Columns>
struct Block {
  Columns* columns;
  std::size_t width;
};

template <class Variant>  // results::VariantResults, const or not
auto payload_blocks(Variant& v) {
  using Columns = std::remove_reference_t<decltype((v.monthly))>;  // const with v
  return std::array<Block<Columns>, 4>{
      {{&v.monthly, v.months.size()}, {&v.summary, 1}, {&v.yearly, v.years.size()}, {&v.by_ward, v.wards.size()}}};
}

/// The figures per patch of every replicate, from those per ward (after all are in).
void fill_patches(const model::Place& place, const scenario::Variant& sv, results::VariantResults& v) {
  const auto part = model::commissioned_patches(place, sv.params);
  if (!part) return;
  const std::size_t W = v.wards.size(), K = v.patches.size();
  std::vector<std::vector<double>> ward(v.by_ward.size(), std::vector<double>(W));
  for (std::size_t r = 0; r < v.replicates; ++r) {
    for (std::size_t m = 0; m < v.by_ward.size(); ++m)
      std::copy_n(v.by_ward[m].values.begin() + static_cast<std::ptrdiff_t>(r * W), W, ward[m].begin());
    const auto fig = model::patch_figures(sv.params, ward, part->ward_patch, part->count);
    for (std::size_t m = 0; m < v.by_patch.size(); ++m)
      std::copy_n(fig[m].begin(), K, v.by_patch[m].values.begin() + static_cast<std::ptrdiff_t>(r * K));
  }
}

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
  for (const auto& w : place.wards) out.wards.push_back(w.name);
  for (const auto& m : model::by_ward_metrics())
    out.by_ward.push_back({m.name, m.units, m.description, std::vector<double>(reps * out.wards.size(), 0.0)});
  model::Params resolved = v.params;
  resolved.run.replicates = static_cast<std::int64_t>(reps);  // what the file holds, not what was asked first
  out.parameters = typed_parameters(resolved);
  if (const auto part = model::commissioned_patches(place, v.params)) {
    for (int p : part->ward_patch) out.ward_patch.push_back(p + 1);
    for (const auto& w : place.wards) out.ward_names.push_back(w.name);
    out.patches = part->names;
    for (const auto& m : model::by_patch_metrics())
      out.by_patch.push_back({m.name, m.units, m.description, std::vector<double>(reps * out.patches.size(), 0.0)});
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
    if (old->years != v.years) throw EngineError("'" + out + "' does not hold the financial years of '" + v.name + "'");
    if (old->wards != v.wards) throw EngineError("'" + out + "' does not hold the wards of '" + v.name + "'");
    const auto olds = payload_blocks(*old);
    auto from = olds.begin();
    for (const auto& b : payload_blocks(v)) {
      for (auto& c : *b.columns) {
        const auto& src = column(*old, *from->columns, c.name, out);
        std::copy_n(src.values.begin(), B * b.width, c.values.begin());
      }
      ++from;
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
      const std::size_t r = rec.replicate;
      const std::size_t expected = payload_size(*sc.place, sc.variants[rec.variant]);
      if (rec.values.size() != expected)
        throw EngineError("the journal '" + j + "' holds " + std::to_string(rec.values.size()) +
                          " values for replicate " + std::to_string(r) + " of '" + v.name + "', expected " +
                          std::to_string(expected));
      // Recorded twice (two processes, or a resume after a crash mid-merge): must be identical.
      const bool again = have[rec.variant * T + r] != 0;
      bool same = true;
      const double* p = rec.values.data();
      for (const auto& b : payload_blocks(v))
        for (auto& col : *b.columns) {
          double* to = col.values.data() + r * b.width;
          if (again) same = same && std::memcmp(p, to, b.width * sizeof(double)) == 0;
          else std::copy_n(p, b.width, to);
          p += b.width;
        }
      if (!same)
        throw EngineError("replicate " + std::to_string(r) + " of '" + v.name +
                          "' was recorded twice with different results: the engine is not reproducible");
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
  for (std::size_t v = 0; v < V; ++v) fill_patches(*sc.place, sc.variants[v], vr[v]);

  results::write_results(out, prov, vr, partial.temporary_results());
  partial.remove();
  outcome.written = true;
  return outcome;
}

}  // namespace homecare::runner
