// Cross-parameter checks of a scenario.
#include "model/validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "kernel/calendar.hpp"
#include "model/costing.hpp"
#include "model/patches.hpp"
#include "model/wages.hpp"

namespace homecare::model {
namespace {

std::string format_number(double m) {
  std::string s = std::to_string(m);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

/// Pounds and pence.
std::string format_gbp(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string_view method_name(PatchMethod m) {
  switch (m) {
    case PatchMethod::gp_localities: return "gp_localities";
    case PatchMethod::balanced: return "balanced";
    case PatchMethod::explicit_map: return "explicit";
    case PatchMethod::primary_care_networks: return "primary_care_networks";
  }
  return "";
}

}  // namespace

std::vector<ParamProblem> validate(const Params& p, const Place& place) {
  std::vector<ParamProblem> out;
  if (!(p.run.start < p.run.end))
    out.push_back({"run.end", kernel::to_iso(p.run.end) + " is not after run.start " +
                                  kernel::to_iso(p.run.start)});
  if (!(p.commissioning.switch_date < p.run.end))
    out.push_back({"commissioning.switch_date", kernel::to_iso(p.commissioning.switch_date) + " is not before run.end " +
                                                    kernel::to_iso(p.run.end)});
  if (p.run.policy_start < p.run.start || !(p.run.policy_start < p.run.end))
    out.push_back({"run.policy_start", kernel::to_iso(p.run.policy_start) + " is not within run.start to run.end"});
  if (p.council.savings_until < p.council.savings_from)
    out.push_back({"council.savings_until", kernel::to_iso(p.council.savings_until) + " is before council.savings_from " +
                                                kernel::to_iso(p.council.savings_from)});
  // The dated tables must cover every date the run looks up (a row's value holds until the
  // table's last known date; after it, nobody knows).
  auto covers = [&](const DatedTable& t, kernel::Date needed, const std::string& key, const std::string& why) {
    if (needed > t.valid_until)
      out.push_back({key, why + " needs table " + t.name + " (" + t.file + ") on " + kernel::to_iso(needed) +
                              ", after its last date " + kernel::to_iso(t.valid_until) +
                              " (add the table's rows, with their sources, first)"});
  };
  covers(place.tables.national_living_wage, p.run.end, "run.end", kernel::to_iso(p.run.end));
  covers(place.living_wage(), minus_months(p.run.end, p.wages.llw_lag_months), "run.end",
         kernel::to_iso(p.run.end) + " (with wages.llw_lag_months " + format_number(p.wages.llw_lag_months) + ")");
  covers(place.tables.uk_real_living_wage, minus_months(p.run.end, 6.0), "run.end", kernel::to_iso(p.run.end));
  covers(place.tables.cost_lines, p.run.start, "run.start", kernel::to_iso(p.run.start));
  if (p.commissioning.price_rule == PriceRule::fixed) {
    if (p.commissioning.fixed_price.empty())
      out.push_back({"commissioning.price_rule",
                     "fixed needs commissioning.fixed_price, a dated schedule of hourly prices ({from: date, price: GBP})"});
    else if (p.commissioning.price_rule_from < p.commissioning.fixed_price.front().from)
      out.push_back({"commissioning.fixed_price",
                     "starts " + kernel::to_iso(p.commissioning.fixed_price.front().from) +
                         ", after the rule applies (commissioning.price_rule_from " +
                         kernel::to_iso(p.commissioning.price_rule_from) + "): give a price from that date"});
  } else if (!p.commissioning.fixed_price.empty()) {
    out.push_back({"commissioning.fixed_price", "is set, but commissioning.price_rule is not fixed"});
  }
  if (p.commissioning.price_rule == PriceRule::cost_build_up) {
    covers(place.tables.cost_lines, p.run.end, "commissioning.price_rule", "cost_build_up to " + kernel::to_iso(p.run.end));
    covers(place.tables.minimum_price, p.run.end, "commissioning.price_rule", "cost_build_up to " + kernel::to_iso(p.run.end));
  }
  {
    const auto& q = p.labour_market;
    const double sum = q.weight_retail + q.weight_nhs_band2 + q.weight_care_elsewhere + q.weight_nlw;
    if (std::fabs(sum - 1.0) > 1e-6)
      out.push_back({"labour_market.weight_retail",
                     "the outside option's weights (labour_market.weight_retail, weight_nhs_band2, weight_care_elsewhere, "
                     "weight_nlw) add up to " + format_gbp(sum) + ", not 1"});
    if (q.weight_retail > 0 || q.weight_nhs_band2 > 0 || q.weight_care_elsewhere > 0)
      covers(place.outside_options(), p.run.end, "run.end", kernel::to_iso(p.run.end));
    if (p.labour_market.pool && q.international_recruitment)
      covers(place.tables.international_recruitment, p.run.end, "run.end", kernel::to_iso(p.run.end));
  }
  if (const double sum = p.tender.price_weight + p.tender.quality_weight; std::fabs(sum - 1.0) > 1e-6)
    out.push_back({"tender.price_weight", "a tender's weights (tender.price_weight, tender.quality_weight) add up to " +
                                              format_number(sum) + ", not 1"});
  if (p.commissioning.model == CommissioningModel::patch && p.tender.capacity_headroom < 0 && !p.approved_list.enabled)
    out.push_back({"tender.capacity_headroom",
                   "is " + format_number(p.tender.capacity_headroom) + ": the awards hold " +
                       format_number(100.0 * (1.0 + p.tender.capacity_headroom)) +
                       "% of each patch's hours, and without an approved list (approved_list.enabled is false) nobody takes the rest"});
  if (p.workforce.share_l3_2016 > p.workforce.share_l2_2016)
    out.push_back({"workforce.share_l3_2016", "is " + format_number(p.workforce.share_l3_2016) +
                                                  ", more than workforce.share_l2_2016 (" + format_number(p.workforce.share_l2_2016) +
                                                  "): level 3 holders are counted within level 2+"});
  if (p.training.l3_target_share > 0 && p.training.l3_target_share > std::max(p.training.l2_target_share, p.workforce.share_l2_2016))
    out.push_back({"training.l3_target_share", "is " + format_number(p.training.l3_target_share) +
                                                   ", more than will hold level 2 (training.l2_target_share " +
                                                   format_number(p.training.l2_target_share) + ", workforce.share_l2_2016 " +
                                                   format_number(p.workforce.share_l2_2016) +
                                                   " at the start): level 3 is enrolled from those at level 2"});
  if (p.wages.llw_steps > 0 && !p.wages.llw_phasing.empty())
    out.push_back({"wages.llw_steps", std::to_string(p.wages.llw_steps) +
                                          " steps, but wages.llw_phasing is set too: set one or the other"});
  const auto nwards = static_cast<std::int64_t>(place.wards.size());
  const std::string where = " in " + place.display_name;
  if (p.patches.count > place.patches_max)
    out.push_back({"patches.count", std::to_string(p.patches.count) + " patches, but " + std::to_string(place.patches_max) +
                                        " at most" + where + " (the pack's patches.max)"});
  if (p.patches.max_patches_per_provider > place.patches_max)
    out.push_back({"patches.max_patches_per_provider", std::to_string(p.patches.max_patches_per_provider) + " patches, but " +
                                                           std::to_string(place.patches_max) + " at most" + where});
  if (p.patches.method == PatchMethod::explicit_map) {
    const auto& wards = place.wards;
    std::set<std::string> named;
    std::int64_t max_patch = 0;
    for (const auto& a : p.patches.wards) {
      if (place.ward_index(a.ward) < 0)
        out.push_back({"patches.wards." + a.ward, "'" + a.ward + "' is not a ward of " + place.display_name});
      if (a.patch > nwards)
        out.push_back({"patches.wards." + a.ward, "patch " + std::to_string(a.patch) + ", but " + place.display_name +
                                                      " has " + std::to_string(nwards) + " wards"});
      named.insert(a.ward);
      max_patch = std::max(max_patch, a.patch);
    }
    for (const auto& w : wards)
      if (!named.contains(w.name)) {
        out.push_back({"patches.wards", "ward '" + w.name + "' has no patch (method explicit needs all " +
                                            std::to_string(nwards) + ")"});
        break;
      }
    std::set<std::int64_t> used;
    for (const auto& a : p.patches.wards) used.insert(a.patch);
    if (static_cast<std::int64_t>(used.size()) != max_patch)
      out.push_back({"patches.wards", "patch numbers must run 1.." + std::to_string(max_patch) + " with none unused"});
  }
  if (p.patches.method == PatchMethod::primary_care_networks && place.networks.empty())
    out.push_back({"patches.method", "primary_care_networks, but the pack " + place.name +
                                         " lists no primary care networks (its pack.yaml's primary_care_networks is empty): "
                                         "use gp_localities, balanced or explicit, or a pack that has them"});
  if (p.patches.method == PatchMethod::primary_care_networks && !place.networks.empty() && !p.patches.networks.empty()) {
    std::set<std::string> named;
    std::set<std::int64_t> used;
    for (const auto& a : p.patches.networks) {
      named.insert(a.ward);
      used.insert(a.patch);
    }
    for (const auto& q : place.networks)
      if (!named.contains(q)) {
        out.push_back({"patches.networks", "network '" + q + "' has no patch (a map of networks names all " +
                                               std::to_string(place.networks.size()) + " of " + place.display_name + "'s)"});
        break;
      }
    if (static_cast<std::int64_t>(used.size()) != *used.rbegin())
      out.push_back({"patches.networks", "patch numbers must run 1.." + std::to_string(*used.rbegin()) + " with none unused"});
  }
  if (!p.patches.providers_by_patch.empty()) {
    const int k = patch_count(place, p.patches);
    const auto given = static_cast<int>(p.patches.providers_by_patch.size());
    if (k > 0 && given != k)
      out.push_back({"patches.providers_by_patch",
                     std::to_string(given) + (given == 1 ? " count" : " counts") + ", but patches.method " +
                         std::string(method_name(p.patches.method)) + " gives " + std::to_string(k) + " patches" + where +
                         " (one count per patch, in patch order)"});
  }
  return out;
}

std::vector<ParamProblem> warnings(const Params& p, const Place& place) {
  std::vector<ParamProblem> out;
  // Local supply prefers in-borough providers: with none based outside it changes nothing.
  if (p.commissioning.local_supply && p.providers.out_of_borough_share <= 0)
    out.push_back({"commissioning.local_supply",
                   "providers.out_of_borough_share is 0 (the pack states no providers based outside the borough): the lever "
                   "changes nothing"});
  if (p.commissioning.price_rule != PriceRule::fixed) return out;
  const auto& steps = p.commissioning.fixed_price;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const kernel::Date until = i + 1 < steps.size() ? steps[i + 1].from : p.run.end;
    // The step's first day, then each 1 April (when the NLW rises) while it holds.
    for (kernel::Date d = steps[i].from; d < until || d == steps[i].from;
         d = kernel::Date{d.month < 4 ? d.year : d.year + 1, 4, 1}) {
      if (d > place.tables.national_living_wage.valid_until || d > place.tables.cost_lines.valid_until) break;
      CostLines lines = cost_lines(place.tables, d, p.providers.oncost_rate);
      lines.travel_paid = true;
      const double legal = break_even_price(national_living_wage(place, d), lines);
      if (steps[i].value < legal) {
        out.push_back({"commissioning.fixed_price",
                       "GBP " + format_gbp(steps[i].value) + " an hour from " + kernel::to_iso(steps[i].from) + " is below GBP " +
                           format_gbp(legal) + ", the cost of paying the National Living Wage for working time "
                           "(travel included) on the year's cost lines, from " + kernel::to_iso(d) +
                           ": providers lose money on every hour (the model runs it: losses, hand-backs, exits)"});
        break;
      }
    }
  }
  return out;
}

}  // namespace homecare::model
