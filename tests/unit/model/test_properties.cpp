// Property-based search for model invariant violations (issue 6). From a fixed master seed, each
// draw sets every parameter of the baseline scenario at random within its documented range (the
// parameter table's [min, max], uniformly, with a tenth of the draws exactly at each end; a random
// choice for choices and flags; policy dates and 0-3 LLW steps inside the run; a random
// partition of the wards into patches, used when patches.method is explicit), on a short run
// that includes the commissioning switch and the policy start, and simulates one replicate in a
// checked build,
// where Market::check_invariants throws ModelError every month (people in/out, no worker
// double-booked, rosters consistent, spend finite) and the event queue throws when time would
// go back. Any exception is a failure, reported with the master seed, the draw, and the whole
// parameter set as a scenario that replays it.
//
// A draw goes through load_scenario, like a user's file. Two kinds of draw are redrawn (attempt
// 1, 2, ...), counted and reported, and never counted as passes:
//  - invalid: the loader rejects the combination of independently drawn values (InputError);
//  - too large: the market the draw implies (estimated_size: packages, and care workers needed)
//    is more than HOMECARE_PROPERTY_MAX_SCALE times the baseline's. The documented ranges
//    multiply to markets of millions of workers (100,000 initial users at 80 hours a week,
//    workers giving 1% of their time to council work), which need tens of gigabytes and hours
//    per replicate; the budget keeps a draw to seconds. The draws stay uniform; the budget
//    conditions on the estimate (about 90% of uniform draws are over 4 x the baseline).
//
// Environment:
//   HOMECARE_PROPERTY_SEED=S         master seed (default below)
//   HOMECARE_PROPERTY_DRAWS=N        number of draws (default 80: 1-3 minutes under ASan on 2 cores)
//   HOMECARE_PROPERTY_FIRST=K        start at draw K (to split a long search)
//   HOMECARE_PROPERTY_DRAW=K         only draw K (to replay a failure)
//   HOMECARE_PROPERTY_MAX_SCALE=X    size budget, times the baseline's size (default below)
//   HOMECARE_PROPERTY_END=DATE       run.end of the short run (default 2016-06-30)
//   HOMECARE_PROPERTY_PRINT=1        print each draw's scenario and size instead of simulating
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include "common/error.hpp"
#include "kernel/random.hpp"
#include "model/place.hpp"
#include "model/market.hpp"
#include "model/parameter_spec.hpp"
#include "scenario/resolved_yaml.hpp"
#include "scenario/scenario.hpp"

#ifndef HOMECARE_CHECKED
#error "test_properties needs a checked build (HOMECARE_CHECKED: the debug and asan presets)"
#endif

namespace fs = std::filesystem;
namespace model = homecare::model;
namespace kernel = homecare::kernel;
namespace sc = homecare::scenario;

namespace {

constexpr std::uint32_t default_master_seed = 20181001;
constexpr std::uint32_t default_draws = 80;
constexpr double default_max_scale = 4;  // times the baseline's users and care workers
constexpr std::uint32_t max_attempts = 20000;  // redraws of an invalid or too large parameter set (cheap: no simulation)
// The stream's purpose is 8 bits (kernel::max_stream_purpose). This was written "PROP" (0x50524f50)
// before checked builds refused wide purposes; the kernel kept only its top byte, 0x50, so 0x50
// draws exactly the parameter sets the recorded draw numbers (model_bug_draws) refer to.
constexpr std::uint32_t purpose_property = 0x50U;

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

std::uint32_t env_u32(const char* name, std::uint32_t fallback) {
  const auto v = env(name);
  if (!v) return fallback;
  return static_cast<std::uint32_t>(std::stoul(*v));
}

/// The short run: the commissioning switch and the policy period start a month in, so the run
/// sees the switch (re-procurement, transfers) and at least two month-ends after it.
struct Horizon {
  kernel::Date start{2016, 4, 1};
  kernel::Date switch_date{2016, 5, 1};
  kernel::Date end{2016, 6, 30};
};

/// A day drawn uniformly from [a, b].
kernel::Date draw_date(kernel::RandomStream& rs, kernel::Date a, kernel::Date b) {
  const std::int64_t d0 = kernel::to_day_number(a);
  const std::int64_t d1 = kernel::to_day_number(b);
  const auto span = static_cast<std::uint32_t>(d1 - d0 + 1);
  return kernel::from_day_number(d0 + kernel::uniform_index(rs, span));
}

/// Uniform on [lo, hi]; the two ends themselves drawn with probability 1/10 each, since ranges'
/// ends (a zero hazard, a share of 1) are where models break and a continuous draw never hits them.
double draw_real(kernel::RandomStream& rs, double lo, double hi) {
  const double u = rs.uniform();
  if (u < 0.1) return lo;
  if (u < 0.2) return hi;
  return kernel::uniform(rs, lo, hi);
}

std::int64_t draw_integer(kernel::RandomStream& rs, double lo, double hi) {
  const auto a = static_cast<std::int64_t>(std::ceil(lo));
  const auto b = static_cast<std::int64_t>(std::floor(hi));
  const double u = rs.uniform();
  if (u < 0.1) return a;
  if (u < 0.2) return b;
  return a + static_cast<std::int64_t>(rs.next_u64() % static_cast<std::uint64_t>(b - a + 1));
}

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

/// Parameters not drawn: the short run's dates (fixed so the run stays short and includes the
/// switch and the policy start).
bool fixed(const std::string& path) {
  return path == "run.start" || path == "run.end" || path == "run.policy_start" ||
         path == "commissioning.switch_date";
}

/// Draws every other parameter over `base`, a ward map over `place`'s wards. Returns the paths
/// skipped for want of a finite range.
std::vector<std::string> draw_parameters(const model::Place& place, model::Params& p, kernel::RandomStream& rs,
                                         const Horizon& h) {
  std::vector<std::string> skipped;
  p.run.start = h.start;
  p.run.end = h.end;
  p.run.policy_start = h.switch_date;
  p.commissioning.switch_date = h.switch_date;
  for (const model::ParamSpec& spec : model::parameter_table()) {
    if (fixed(spec.path)) continue;
    const bool ranged = std::isfinite(spec.min) && std::isfinite(spec.max);
    // Patch counts are bounded by the place (its pack's patches.max), not the table's 1000: drawn
    // within the place's bound, as the table's bound was the place's (21) before packs, so each
    // recorded draw number still names the same parameter set.
    const bool by_place = spec.path == "patches.count" || spec.path == "patches.max_patches_per_provider";
    const double hi = by_place ? std::min(spec.max, static_cast<double>(place.patches_max)) : spec.max;
    std::visit(Overloaded{
                   [&](model::RealRef r) {
                     if (ranged) r(p) = draw_real(rs, spec.min, spec.max);
                     else skipped.push_back(spec.path);
                   },
                   [&](model::IntRef r) {
                     if (ranged) r(p) = draw_integer(rs, spec.min, hi);
                     else skipped.push_back(spec.path);
                   },
                   [&](model::BoolRef r) { r(p) = rs.uniform() < 0.5; },
                   [&](model::DateRef r) { r(p) = draw_date(rs, h.start, h.end); },
                   [&](model::ChoiceRef r) {
                     r.write(p, kernel::uniform_index(rs, static_cast<std::uint32_t>(spec.choices.size())));
                   },
                   [&](model::ScheduleRef r) {
                     // 0-3 steps at distinct dates in date order, values in the range.
                     std::vector<kernel::Date> dates;
                     const std::uint32_t n = kernel::uniform_index(rs, 4);
                     for (std::uint32_t i = 0; i < n; ++i) dates.push_back(draw_date(rs, h.start, h.end));
                     std::sort(dates.begin(), dates.end());
                     dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
                     std::vector<model::ScheduleStep> steps;
                     for (const auto& d : dates)
                       steps.push_back({d, ranged ? draw_real(rs, spec.min, spec.max) : 1.0});
                     r(p) = std::move(steps);
                   },
                   [&](model::CountListRef) {},  // providers_by_patch: left empty (providers_per_patch holds)
                   [&](model::WardMapRef r) {
                     if (spec.value_field == "network") return;  // a map of networks: left empty (a patch each)
                     // A random partition of the wards into k patches numbered 1..k, none empty.
                     const auto& wards = place.wards;
                     const auto n = static_cast<std::uint32_t>(wards.size());
                     const std::uint32_t k = 1 + kernel::uniform_index(rs, n);
                     std::vector<std::uint32_t> order(n);
                     std::iota(order.begin(), order.end(), 0U);
                     for (std::uint32_t i = n; i > 1; --i) std::swap(order[i - 1], order[kernel::uniform_index(rs, i)]);
                     std::vector<model::WardAssignment> map;
                     for (std::uint32_t i = 0; i < n; ++i) {
                       const std::int64_t patch = i < k ? i + 1 : 1 + kernel::uniform_index(rs, k);
                       map.push_back({wards[order[i]].name, patch});
                     }
                     r(p) = std::move(map);
                   },
               },
               spec.ref);
  }
  // The outside option's weights must add up to 1 (validate.cpp): drawn independently, scaled to.
  auto& q = p.labour_market;
  const double sum = q.weight_retail + q.weight_nhs_band2 + q.weight_care_elsewhere + q.weight_nlw;
  if (sum > 0) {
    q.weight_retail /= sum;
    q.weight_nhs_band2 /= sum;
    q.weight_care_elsewhere /= sum;
    q.weight_nlw /= sum;
  } else {
    q.weight_nlw = 1.0;
  }
  // Issue 16's cross-key rules (validate.cpp), met rather than redrawn: a tender's weights add up
  // to 1; the savings end after they start; networks only where the pack has them; awards below
  // the demand only with an approved list to take the rest; and spot providers' staff within
  // what the size budget means (it counts the staff the demand needs, not these).
  p.tender.quality_weight = 1.0 - p.tender.price_weight;
  if (p.council.savings_until < p.council.savings_from) std::swap(p.council.savings_until, p.council.savings_from);
  if (p.patches.method == model::PatchMethod::primary_care_networks && place.networks.empty())
    p.patches.method = model::PatchMethod::balanced;
  if (p.tender.capacity_headroom < 0) p.approved_list.enabled = true;
  if (p.spot_market.providers * p.spot_market.workers_each > 200)
    p.spot_market.workers_each = 200 / std::max<std::int64_t>(1, p.spot_market.providers);
  return skipped;
}

/// The size of the market a parameter set implies, at its largest: the main drivers of a
/// replicate's memory and time.
struct Size {
  double users = 0;    // long-term and reablement packages
  double workers = 0;  // care workers needed: council-arranged hours a week over a worker's council hours
};

Size estimated_size(const model::Place& place, const model::Params& p) {
  const double days = static_cast<double>(kernel::to_day_number(p.run.end) - kernel::to_day_number(p.run.start) + 1);
  double lt_per_day = 0;
  double reab_per_day = 0;
  for (std::uint16_t w = 0; w < place.wards.size(); ++w) {
    lt_per_day += model::referral_rate(place, p, w, 0.0, false);
    reab_per_day += model::referral_rate(place, p, w, 0.0, true);
  }
  const auto& d = p.demand;
  const double long_term = (d.start_at_steady_state ? d.initial_users : 0.0) + lt_per_day * days;
  const double reablement = reab_per_day * std::min(days, p.reablement.mean_days);
  const double dh = std::min(1.0, d.double_handed_share_2016);
  const double carer_hours = long_term * d.mean_weekly_hours * ((1.0 - dh) + dh * 2.0 * d.double_handed_hours_factor) +
                             reablement * p.reablement.weekly_hours;
  // Hours a worker gives, benefit-limited workers (at most benefit_limit_hours) included.
  const double hours = std::clamp(p.workforce.mean_hours_wanted, 6.0, 48.0);
  const double limited = std::min(hours, p.workforce.benefit_limit_hours);
  const double share = p.workforce.share_benefit_limited;
  const double per_worker = ((1.0 - share) * hours + share * limited) * p.workforce.council_share_of_work;
  return {long_term + reablement, carer_hours * (1.0 + p.workforce.capacity_buffer) / per_worker};
}

struct Outcome {
  std::uint32_t draw = 0;
  std::uint32_t attempt = 0;   // the accepted attempt
  std::uint32_t invalid = 0;   // parameter sets the loader rejected, redrawn
  std::uint32_t too_large = 0; // parameter sets over the size budget, redrawn
  std::string yaml;            // the parameter set, as a complete scenario
  std::string failure;         // empty: passed
  std::vector<std::string> rejections;  // the loader's messages for the invalid sets
  double scale = 0;            // the accepted set's size relative to the baseline's
  double seconds = 0;
  double events = 0;
};

struct Search {
  std::uint32_t master = default_master_seed;
  double max_scale = default_max_scale;
  Size baseline_size;  // of the baseline on the short run
  bool print_only = false;
  Horizon horizon;
  fs::path dir;
  std::shared_ptr<const model::Place> place;  // the baseline's (Brent)
  model::Params baseline;

  /// Draws parameter set `draw` (redrawing invalid and too large ones), loads it as a user's file would be, and
  /// simulates one replicate; `tamper`, if given, changes the loaded parameters first (the
  /// self-check below).
  Outcome run_draw(std::uint32_t draw,
                   const std::function<void(model::Params&)>& tamper = {}) const {
    Outcome o;
    o.draw = draw;
    for (std::uint32_t attempt = 0; attempt < max_attempts; ++attempt) {
      kernel::RandomStream rs({master, draw, purpose_property, attempt, 0});
      model::Params p = baseline;
      const auto skipped = draw_parameters(*place, p, rs, horizon);
      if (attempt == 0)
        for (const auto& s : skipped) WARN("no finite range, not drawn: " << s);
      o.attempt = attempt;
      const Size size = estimated_size(*place, p);
      o.scale = std::max(size.users / baseline_size.users, size.workers / baseline_size.workers);
      if (!tamper && !(o.scale <= max_scale)) {
        ++o.too_large;
        continue;
      }
      std::ostringstream y;
      y << "# property draw " << draw << ", attempt " << attempt << ", master seed " << master << "\n"
        << "name: property-draw-" << draw << "\n" << sc::resolved_yaml(p);
      o.yaml = y.str();
      const fs::path file = dir / ("draw-" + std::to_string(draw) + ".yaml");
      std::ofstream(file, std::ios::binary) << o.yaml;
      model::Params loaded;
      std::shared_ptr<const model::Place> loaded_place;
      try {
        const sc::Scenario s = sc::load_scenario(file.string());
        loaded = s.base;
        loaded_place = s.place;
      } catch (const homecare::InputError& e) {
        o.rejections.push_back(e.what());
        ++o.invalid;
        continue;
      }
      if (tamper) tamper(loaded);
      if (print_only) return o;
      // Said before the run, so that a crash that kills the process still names the draw.
      std::cout << "property draw " << draw << " (attempt " << attempt << ", " << o.scale
                << " x the baseline's size): replay with " << replay_env(draw) << std::endl;
      const auto t0 = std::chrono::steady_clock::now();
      try {
        const auto r = model::simulate_replicate(*loaded_place, loaded, static_cast<std::uint32_t>(loaded.run.seed), 0);
        o.events = static_cast<double>(r.events);
      } catch (const homecare::ModelError& e) {
        o.failure = std::string("ModelError: ") + e.what();
      } catch (const std::exception& e) {
        o.failure = std::string("exception (") + typeid(e).name() + "): " + e.what();
      }
      o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      return o;
    }
    o.failure = "no valid parameter set within the size budget in " + std::to_string(max_attempts) + " attempts";
    return o;
  }

  /// The environment that replays draw `d` (the accepted attempt depends on the budget and run).
  [[nodiscard]] std::string replay_env(std::uint32_t d) const {
    std::ostringstream s;
    s << "HOMECARE_PROPERTY_SEED=" << master << " HOMECARE_PROPERTY_MAX_SCALE=" << max_scale
      << " HOMECARE_PROPERTY_END=" << kernel::to_iso(horizon.end) << " HOMECARE_PROPERTY_DRAW=" << d;
    return s.str();
  }

  [[nodiscard]] std::string report(const Outcome& o) const {
    std::ostringstream s;
    s << "property draw " << o.draw << " FAILED (master seed " << master << ", attempt " << o.attempt
      << "): " << o.failure << "\n"
      << "replay: " << replay_env(o.draw)
      << " test_properties   (or save the scenario below as draw.yaml and run a checked build's\n"
      << "        `homecare run draw.yaml --replicates 1 --out draw.h5`: run.seed and replicate 0 are the draw's)\n"
      << "---- parameters of the draw (a complete scenario) ----\n"
      << o.yaml << "----\n";
    return s.str();
  }
};

Search make_search(const std::string& tag) {
  Search s;
  s.master = env_u32("HOMECARE_PROPERTY_SEED", default_master_seed);
  if (const auto m = env("HOMECARE_PROPERTY_MAX_SCALE")) s.max_scale = std::stod(*m);
  s.print_only = env("HOMECARE_PROPERTY_PRINT").has_value();
  if (const auto end = env("HOMECARE_PROPERTY_END")) {
    const auto d = kernel::parse_iso_date(*end);
    if (!d || !(s.horizon.switch_date < *d)) FAIL("HOMECARE_PROPERTY_END must be a date after " << kernel::to_iso(s.horizon.switch_date));
    s.horizon.end = *d;
  }
  const sc::Scenario baseline = sc::load_scenario(std::string(HOMECARE_SOURCE_DIR) + "/scenarios/brent-baseline.yaml");
  s.place = baseline.place;
  s.baseline = baseline.base;
  model::Params short_baseline = s.baseline;
  short_baseline.run.start = s.horizon.start;
  short_baseline.run.end = s.horizon.end;
  s.baseline_size = estimated_size(*s.place, short_baseline);
  s.dir = fs::temp_directory_path() / ("homecare-properties-" + tag + "-" + std::to_string(::getpid()));
  fs::create_directories(s.dir);
  return s;
}

}  // namespace

TEST_CASE("property search: random parameter sets across the documented ranges keep the invariants") {
  Search search = make_search("search");
  std::vector<std::uint32_t> draws;
  if (const auto one = env("HOMECARE_PROPERTY_DRAW")) {
    draws.push_back(static_cast<std::uint32_t>(std::stoul(*one)));
  } else {
    const std::uint32_t first = env_u32("HOMECARE_PROPERTY_FIRST", 0);
    const std::uint32_t n = env_u32("HOMECARE_PROPERTY_DRAWS", default_draws);
    for (std::uint32_t i = 0; i < n; ++i) draws.push_back(first + i);
  }
  std::uint32_t passed = 0;
  std::uint32_t failed = 0;
  std::uint32_t invalid = 0;
  std::uint32_t too_large = 0;
  double total_seconds = 0;
  double slowest = 0;
  std::uint32_t slowest_draw = 0;
  for (const std::uint32_t d : draws) {
    const Outcome o = search.run_draw(d);
    invalid += o.invalid;
    too_large += o.too_large;
    for (const auto& r : o.rejections) std::cout << "property draw " << d << ": invalid, redrawn: " << r << "\n";
    if (search.print_only) {
      std::cout << o.yaml << "# size: " << o.scale << " x the baseline's\n" << std::endl;
      continue;
    }
    total_seconds += o.seconds;
    if (o.seconds > slowest) {
      slowest = o.seconds;
      slowest_draw = d;
    }
    std::cout << "property draw " << d << ": " << (o.failure.empty() ? "ok" : "FAILED") << " in " << o.seconds
              << " s, " << o.events << " events" << std::endl;
    if (o.failure.empty()) {
      ++passed;
    } else {
      ++failed;
      // Printed as is (Catch would wrap long lines), so the scenario can be pasted into a file.
      std::cout << search.report(o) << std::flush;
      FAIL_CHECK("property draw " << d << " failed: " << o.failure << " (its parameters are printed above)");
    }
  }
  std::cout << "property search: master seed " << search.master << ", draws " << draws.front() << ".."
            << draws.back() << " (" << draws.size() << "): " << passed << " passed, " << failed
            << " failed; redrawn and not counted: " << invalid << " invalid, " << too_large
            << " larger than " << search.max_scale << " x the baseline; simulation "
            << total_seconds << " s, slowest draw " << slowest_draw << " (" << slowest << " s)" << std::endl;
  if (!search.print_only) CHECK(passed + failed == draws.size());
  std::error_code ec;
  fs::remove_all(search.dir, ec);
}

TEST_CASE("property search: a broken invariant fails the draw and the report replays it") {
  // The harness must be able to fail. Here the draw is replaced by the baseline's short run with
  // a reablement price far below zero (outside its documented range, so set after loading): the
  // month's payments to providers go negative, which the checked build rejects.
  Search search = make_search("selfcheck");
  const model::Params baseline = search.baseline;
  const Horizon h = search.horizon;
  const Outcome o = search.run_draw(0, [&](model::Params& p) {
    p = baseline;
    p.run.start = h.start;
    p.run.end = h.end;
    p.run.policy_start = p.commissioning.switch_date = h.switch_date;
    p.reablement.price_per_hour = -1e9;
  });
  INFO(o.failure);
  CHECK_THAT(o.failure, Catch::Matchers::StartsWith("ModelError: month"));
  const std::string r = search.report(o);
  CHECK_THAT(r, Catch::Matchers::Contains("HOMECARE_PROPERTY_SEED=" + std::to_string(search.master)));
  CHECK_THAT(r, Catch::Matchers::Contains("HOMECARE_PROPERTY_DRAW=0 test_properties"));
  CHECK_THAT(r, Catch::Matchers::Contains("\nworkforce:\n"));
  std::error_code ec;
  fs::remove_all(search.dir, ec);
}

TEST_CASE("property search: the draws that found model bugs stay fixed") {
  // Found by a 400-draw search (draws 1000-1399 of the default master seed):
  //  1272: a zero 2016 direct-payment rate gave a rate of -2e-12 through rounding, so the month's
  //        spend was negative ("spend not finite"); the rate is now never below zero.
  //  1279: an entrant's price, the market mean plus a normal spread, went negative with a wide
  //        commissioning.price_sd, and so did payments; it is now at least GBP 1 like every price.
  Search search = make_search("regressions");
  for (const std::uint32_t d : {1272U, 1279U}) {
    const Outcome o = search.run_draw(d);
    INFO("draw " << d << ": " << o.failure);
    CHECK(o.failure.empty());
  }
  std::error_code ec;
  fs::remove_all(search.dir, ec);
}
