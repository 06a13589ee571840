// The labour market (labour_market.cpp): the outside option, job seekers from a finite pool, the
// matching function, competition between providers, and a known answer: the steady state of a
// market with constant demand, one outside wage and quits only by the hazard.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <queue>
#include <vector>

#include "kernel/random.hpp"
#include "model/labour_market.hpp"
#include "model/wages.hpp"
#include "small_world.hpp"

namespace m = homecare::model;
namespace k = homecare::kernel;
using m::test::SmallWorld;

TEST_CASE("outside wage: the weighted mean of the dated outside options (and the NLW option)") {
  m::Params p;
  SmallWorld sw(p);
  const k::Date d{2019, 6, 1};
  const double nlw = m::national_living_wage(m::test::brent(), d);
  const m::OutsideOptions o = m::outside_options(m::test::brent(), d);
  const auto& q = p.labour_market;
  CHECK(m::outside_wage(m::test::brent(), p, d, nlw) ==
        Approx(q.weight_retail * o.retail + q.weight_nhs_band2 * o.nhs_band2 + q.weight_care_elsewhere * o.care_elsewhere));
  m::Params old = p;
  old.labour_market.weight_retail = old.labour_market.weight_nhs_band2 = old.labour_market.weight_care_elsewhere = 0;
  old.labour_market.weight_nlw = 1;
  CHECK(m::outside_wage(m::test::brent(), old, d, nlw) == Approx(nlw * (1.0 + old.workforce.outside_premium)));
  // The economy's wages carry it, and the quit hazard compares pay with it.
  CHECK(sw.econ.wages.outside == Approx(m::outside_wage(m::test::brent(), p, p.run.start, sw.econ.wages.nlw)));
}

TEST_CASE("job seekers: the pool not employed, the wage against the outside option, overseas recruits") {
  m::LabourMarketParams q;
  q.entry_elasticity = 4.0;
  const double base = m::job_seekers(q, 1000, 200, 10.0, 10.0, 0.0);
  CHECK(base == Approx(800));
  CHECK(m::job_seekers(q, 1000, 600, 10.0, 10.0, 0.0) == Approx(400));  // a pool half used up
  CHECK(m::job_seekers(q, 1000, 200, 11.0, 10.0, 0.0) == Approx(800 * std::pow(1.1, 4.0)));
  CHECK(m::job_seekers(q, 1000, 200, 10.0, 11.0, 0.0) == Approx(800 * std::pow(1.1, -4.0)));
  CHECK(m::job_seekers(q, 1000, 200, 10.0, 10.0, 0.2) == Approx(1000));  // a fifth of starters from overseas
  CHECK(m::job_seekers(q, 1000, 1200, 10.0, 10.0, 0.0) == 0);           // nobody left to hire
}

TEST_CASE("fill rate: 1 / mean_days_to_fill at the reference, then the matching function") {
  m::LabourMarketParams q;
  q.matching_elasticity = 0.5;
  CHECK(m::fill_rate(q, 35, 100, 100, 80, 80) == Approx(1.0 / 35));
  CHECK(m::fill_rate(q, 35, 400, 100, 80, 80) == Approx(2.0 / 35));   // four times the seekers
  CHECK(m::fill_rate(q, 35, 100, 100, 320, 80) == Approx(0.5 / 35));  // four times the vacancies
  CHECK(m::fill_rate(q, 35, 0, 100, 80, 80) == 0);
  // Hires = vacancies x rate follow Cobb-Douglas with constant returns: doubling both doubles hires.
  CHECK(160 * m::fill_rate(q, 35, 200, 100, 160, 80) == Approx(2 * 80 * m::fill_rate(q, 35, 100, 100, 80, 80)));
}

namespace {

/// Two providers with vacancies in a labour market whose first month is the reference.
struct TwoProviders {
  m::Params p = [] {
    m::Params q;
    q.labour_market.vacancy_rate_reference = 0.08;
    return q;
  }();
  SmallWorld sw{p};
  m::ProviderId a = sw.add_provider(1.0, 15.0, 1.0), b = sw.add_provider(1.0, 15.0, 1.0);
  m::LabourReference ref;
  TwoProviders() {
    // 80 vacancies for 1,000 workers: the reference vacancy rate.
    sw.world.provider(a).vacancies = 40;
    sw.world.provider(b).vacancies = 40;
    (void)market(sw.econ.wages);
  }
  /// No assistants employed or wanted, paid direct_payments.pa_wage.
  m::LabourMarket market(const m::WageEnvironment& w) { return market(w, {0, 0, m::pa_wage(p, w, m::Regime{})}); }
  m::LabourMarket market(const m::WageEnvironment& w, const m::PersonalAssistants& pa) {
    return m::labour_market(m::test::brent(), p, p.run.start, w, sw.world.providers, 1000, pa, ref);
  }
  double days(m::ProviderId id, const m::LabourMarket& lm, const m::WageEnvironment& w) {
    return m::mean_days_to_fill(sw.world.provider(id), w.offered_wage(sw.world.provider(id)), lm, ref, p);
  }
};

}  // namespace

TEST_CASE("competition: one provider's raise draws hires from the other, a borough-wide floor draws from outside") {
  TwoProviders t;
  const auto& w = t.sw.econ.wages;
  const m::LabourMarket before = t.market(w);
  const double a0 = t.days(t.a, before, w), b0 = t.days(t.b, before, w);
  CHECK(a0 == Approx(t.p.workforce.mean_days_to_fill));
  const double hires_before = 40 / a0 + 40 / b0;
  // Provider a pays 50p more: a fills faster, b slower.
  t.sw.world.provider(t.a).wage_premium += 0.5;
  const m::LabourMarket raised = t.market(w);
  CHECK(t.days(t.a, raised, w) < a0);
  CHECK(t.days(t.b, raised, w) > b0);
  // The borough's hires rise only through the seekers the higher mean wage draws in.
  const double hires_raised = 40 / t.days(t.a, raised, w) + 40 / t.days(t.b, raised, w);
  const double seekers_effect = std::pow(raised.seekers / before.seekers, t.p.labour_market.matching_elasticity);
  CHECK(hires_raised == Approx(hires_before * seekers_effect));
  CHECK(hires_raised > hires_before);
  // A floor that lifts both by 50p: no relative gain, more seekers, both fill faster.
  t.sw.world.provider(t.a).wage_premium -= 0.5;
  m::WageEnvironment floor = w;
  floor.floor = w.nlw + 1.5;
  const m::LabourMarket floored = t.market(floor);
  CHECK(floored.seekers > before.seekers);
  CHECK(t.days(t.a, floored, floor) < a0);
  CHECK(t.days(t.a, floored, floor) == Approx(t.days(t.b, floored, floor)));
}

TEST_CASE("personal assistants come from the same job seekers: pay against the agencies', and the market's rate") {
  TwoProviders t;
  const auto& w = t.sw.econ.wages;
  const m::LabourMarket lm = t.market(w);
  const double pa = m::pa_wage(t.p, w, m::Regime{});
  // At the reference vacancies and the first month's seekers: direct_payments.pa_replace_days.
  CHECK(m::pa_days_to_replace(pa, lm, t.ref, t.p) == Approx(t.p.direct_payments.pa_replace_days));
  // Paid 5% more than in the first month: found faster, at the between-provider elasticity.
  CHECK(m::pa_days_to_replace(pa * 1.05, lm, t.ref, t.p) ==
        Approx(t.p.direct_payments.pa_replace_days * std::pow(1.05, -t.p.workforce.fill_wage_elasticity)));
  // A market with twice the vacancies fills them, and finds assistants, more slowly.
  t.sw.world.provider(t.a).vacancies = 120;
  const m::LabourMarket tight = t.market(w);
  CHECK(m::pa_days_to_replace(pa, tight, t.ref, t.p) > t.p.direct_payments.pa_replace_days);
  // Without the pool: always pa_replace_days.
  m::Params off = t.p;
  off.labour_market.pool = false;
  CHECK(m::pa_days_to_replace(pa * 1.05, tight, t.ref, off) == t.p.direct_payments.pa_replace_days);
}

TEST_CASE("personal assistants deplete the pool, and their vacant posts compete with the providers' vacancies") {
  TwoProviders t;  // the reference month had no assistants
  const auto& w = t.sw.econ.wages;
  const double pa = m::pa_wage(t.p, w, m::Regime{});
  const m::LabourMarket none = t.market(w);
  // 200 assistants in post are 200 fewer people outside care work to look for it.
  const m::LabourMarket employed = t.market(w, {200, 0, pa});
  CHECK(employed.seekers == Approx(none.seekers * (t.ref.pool - 1200) / (t.ref.pool - 1000)));
  CHECK(t.days(t.a, employed, w) > t.days(t.a, none, w));
  // 40 vacant assistant posts: more vacancies for the same seekers, so the agencies fill slower.
  const m::LabourMarket vacant = t.market(w, {0, 40, pa});
  CHECK(vacant.vacancies == 120);
  CHECK(t.days(t.a, vacant, w) > t.days(t.a, none, w));
  // A Real Living Wage floor for assistants (pay up 10%): they take more of the hires, so the
  // agencies fill slower still, and an assistant is found faster than at the old pay.
  const m::LabourMarket rlw = t.market(w, {0, 40, pa * 1.1});
  CHECK(t.days(t.a, rlw, w) > t.days(t.a, vacant, w));
  CHECK(m::pa_days_to_replace(pa * 1.1, rlw, t.ref, t.p) < m::pa_days_to_replace(pa, vacant, t.ref, t.p));
  // Counting them: active users with an assistant, in post or not.
  m::World& world = t.sw.world;
  for (int i = 0; i < 5; ++i) {
    const auto u = t.sw.add_user(0);
    world.user(u).state = m::UserState::active;
    world.user(u).has_pa = i < 4;
    world.user(u).pa_vacant = i == 0;
  }
  const m::PersonalAssistants counted = m::personal_assistants(world.users, world.live_users, 9.5);
  CHECK(counted.employed == 3);
  CHECK(counted.vacant == 1);
  CHECK(counted.wage == 9.5);
}

namespace {

/// The engine's recruitment rule in a market with constant demand: `posts` jobs, each filled job
/// ends at hazard `h` a year, a vacancy opens when it does and is filled after 1 + Exp(mean) days,
/// the mean drawn from the month's labour market (labour_market(), then mean_days_to_fill(), as
/// workforce.cpp's recruit does), recomputed on each month's first day from the vacancies then.
/// Returns the mean open vacancies and the mean time to fill over `years` after a warm-up.
struct SteadyState {
  double vacancies = 0, fill_days = 0;
};
SteadyState simulate_market(m::Params p, int posts, double h, double years) {
  SmallWorld sw(p);
  const m::ProviderId pid = sw.add_provider(1.0, 15.0, 1.0);
  m::Provider& pr = sw.world.provider(pid);
  pr.recruit_difficulty = 1.0;
  const m::WageEnvironment wages = sw.econ.wages;
  k::RandomStream rs(k::StreamKey{7, 0, 1, 2, 3});
  // Events: (day, kind) with kind 0 a quit, 1 a hire.
  using Ev = std::pair<double, int>;
  std::priority_queue<Ev, std::vector<Ev>, std::greater<>> events;
  int employed = posts;
  for (int i = 0; i < posts; ++i) events.push({k::exponential(rs, 365.25 / h), 0});
  m::LabourReference ref;
  m::LabourMarket lm;
  const double warm = 5 * 365.25, end = warm + years * 365.25;
  double next_month = 0, last = 0, area = 0, fill_sum = 0;
  long opened = 0;
  while (!events.empty()) {
    const auto [t, kind] = events.top();
    if (t > end) break;
    while (next_month <= t) {  // the month's labour market from the vacancies open on its first day
      pr.vacancies = posts - employed;
      lm = m::labour_market(m::test::brent(), p, p.run.start, wages, sw.world.providers, employed, m::PersonalAssistants{}, ref);
      next_month += 30.44;
    }
    events.pop();
    if (t > warm) area += (posts - employed) * (t - std::max(last, warm));
    last = t;
    if (kind == 0) {
      --employed;
      const double mean = m::mean_days_to_fill(pr, wages.offered_wage(pr), lm, ref, p);
      const double wait = 1.0 + k::exponential(rs, mean);
      events.push({t + wait, 1});
      if (t > warm) {
        fill_sum += wait;
        ++opened;
      }
    } else {
      ++employed;
      events.push({t + k::exponential(rs, 365.25 / h), 0});
    }
  }
  return {area / (end - warm), fill_sum / static_cast<double>(opened)};
}

/// The steady state the rule implies: quits h E a year balance hires V / d, with E = posts - V and
/// d = 1 + 1 / q(V, E) days, q by the matching function around the first month's reference.
SteadyState formula(const m::Params& p, int posts, double h) {
  const auto& q = p.labour_market;
  const double e0 = posts, pool = q.pool_ratio * e0, v_ref = q.vacancy_rate_reference * e0;
  const double T = p.workforce.mean_days_to_fill, a = q.matching_elasticity;
  auto d = [&](double v) {
    const double e = posts - v;
    const double rate = std::pow((pool - e) / (pool - e0), a) * std::pow(v / v_ref, -a) / T;
    return 1.0 + 1.0 / rate;
  };
  // h (posts - V) d(V) / 365.25 - V rises from positive at V -> 0 to negative at V = posts.
  double lo = 1e-9, hi = posts;
  for (int i = 0; i < 200; ++i) {
    const double v = 0.5 * (lo + hi);
    (h * (posts - v) * d(v) / 365.25 - v > 0 ? lo : hi) = v;
  }
  const double v = 0.5 * (lo + hi);
  return {v, d(v)};
}

}  // namespace

TEST_CASE("known answer: constant demand and quits by the hazard reach the steady state the formula gives") {
  // The first month (every post filled) fixes the reference; wages and the outside option stay as
  // they were then, so only the pool's depletion and the vacancies move the matching rate.
  SECTION("without congestion (matching elasticity 0): V = posts h d / (365.25 + h d), d = 1 + mean_days_to_fill") {
    m::Params p;
    p.labour_market.matching_elasticity = 0.0;
    const int posts = 2000;
    const double h = 0.3;
    const SteadyState sim = simulate_market(p, posts, h, 60);
    const double d = 1.0 + p.workforce.mean_days_to_fill;
    const double v = posts * h * d / (365.25 + h * d);  // closed form
    INFO("simulated V " << sim.vacancies << " fill " << sim.fill_days << "; formula V " << v << " fill " << d);
    CHECK(sim.fill_days == Approx(d).epsilon(0.02));
    CHECK(sim.vacancies == Approx(v).epsilon(0.03));
  }
  SECTION("with a finite pool and congestion: the root of h (posts - V) d(V) = V") {
    m::Params p;
    p.labour_market.matching_elasticity = 0.5;
    p.labour_market.pool_ratio = 1.5;  // a small pool: depletion matters
    const int posts = 2000;
    const double h = 0.3;
    const SteadyState sim = simulate_market(p, posts, h, 60);
    const SteadyState f = formula(p, posts, h);
    INFO("simulated V " << sim.vacancies << " fill " << sim.fill_days << "; formula V " << f.vacancies << " fill " << f.fill_days);
    CHECK(sim.fill_days == Approx(f.fill_days).epsilon(0.04));
    CHECK(sim.vacancies == Approx(f.vacancies).epsilon(0.04));
  }
}
