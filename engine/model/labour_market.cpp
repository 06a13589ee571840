// The labour market: seekers from a finite pool, matched to vacancies (labour_market.hpp).
#include "model/labour_market.hpp"

#include <algorithm>
#include <cmath>

#include "model/wages.hpp"


namespace homecare::model {

double job_seekers(const LabourMarketParams& q, double pool, double employed, double market_wage, double outside_wage,
                   double overseas) {
  const double local = std::max(0.0, pool - employed) * std::pow(market_wage / outside_wage, q.entry_elasticity);
  return local / (1.0 - std::clamp(overseas, 0.0, 0.95));
}

double fill_rate(const LabourMarketParams& q, double mean_days_to_fill, double seekers, double seekers_ref, double vacancies,
                 double vacancies_ref) {
  if (seekers <= 0) return 0;
  const double a = q.matching_elasticity;
  return std::pow(seekers / seekers_ref, a) * std::pow(std::max(vacancies, 1.0) / vacancies_ref, -a) /
         std::max(0.01, mean_days_to_fill);
}

double attraction(double offered_wage, double market_wage, double recruit_difficulty, double fill_wage_elasticity) {
  return std::pow(offered_wage / std::max(1.0, market_wage), fill_wage_elasticity) / recruit_difficulty;
}

LabourMarket labour_market(const Place& place, const Params& p, kernel::Date d, const WageEnvironment& wages,
                           const std::vector<Provider>& providers, std::int64_t employed, const PersonalAssistants& pa,
                           LabourReference& ref) {
  const LabourMarketParams& q = p.labour_market;
  LabourMarket m;
  m.market_wage = market_wage(providers, wages);
  m.overseas_share = q.international_recruitment ? international_share_of_starters(place, d) : 0.0;
  double weighted = 0;
  for (const auto& pr : providers)
    if (pr.active && pr.vacancies > 0) {
      m.vacancies += pr.vacancies;
      weighted += pr.vacancies * attraction(wages.offered_wage(pr), m.market_wage, pr.recruit_difficulty, p.workforce.fill_wage_elasticity);
    }
  const double pa_attraction = attraction(pa.wage, m.market_wage, 1.0, p.workforce.fill_wage_elasticity);
  m.vacancies += pa.vacant;
  weighted += static_cast<double>(pa.vacant) * pa_attraction;
  m.attraction_mean = m.vacancies > 0 ? weighted / static_cast<double>(m.vacancies) : 1.0;
  const std::int64_t in_care = employed + pa.employed;
  if (!ref.set) {
    ref.set = true;
    ref.workforce = std::max<std::int64_t>(in_care, 1);
    ref.pool = q.pool_ratio * static_cast<double>(ref.workforce);
    ref.seekers = job_seekers(q, ref.pool, static_cast<double>(ref.workforce), m.market_wage, wages.outside, m.overseas_share);
    ref.attraction = m.attraction_mean;
    ref.pa_attraction = pa_attraction;
  }
  m.seekers = job_seekers(q, ref.pool, static_cast<double>(in_care), m.market_wage, wages.outside, m.overseas_share);
  m.fill_rate = fill_rate(q, p.workforce.mean_days_to_fill, m.seekers, ref.seekers, static_cast<double>(m.vacancies),
                          q.vacancy_rate_reference * static_cast<double>(ref.workforce));
  return m;
}

PersonalAssistants personal_assistants(const std::vector<ServiceUser>& users, const std::vector<UserId>& live, double pa_wage) {
  PersonalAssistants pa;
  pa.wage = pa_wage;
  for (UserId id : live) {
    const ServiceUser& u = users[id.value];
    if (u.state != UserState::active || !u.has_pa) continue;
    (u.pa_vacant ? pa.vacant : pa.employed) += 1;
  }
  return pa;
}

double mean_days_to_fill(const Provider& pr, double offered_wage, const LabourMarket& m, const LabourReference& ref, const Params& p) {
  const double a = attraction(offered_wage, m.market_wage, pr.recruit_difficulty, p.workforce.fill_wage_elasticity);
  const double rate = m.fill_rate * a / (m.attraction_mean / ref.attraction);
  return rate > 0 ? 1.0 / rate : 1e9;
}

double pa_days_to_replace(double pa_wage, const LabourMarket& m, const LabourReference& ref, const Params& p) {
  const double days = p.direct_payments.pa_replace_days;
  if (!p.labour_market.pool || !ref.set || ref.pa_attraction <= 0) return days;
  const double a = attraction(pa_wage, m.market_wage, 1.0, p.workforce.fill_wage_elasticity) / ref.pa_attraction /
                   (m.attraction_mean / ref.attraction);
  const double rate = m.fill_rate * p.workforce.mean_days_to_fill;  // relative to the first month's
  return rate > 0 && a > 0 ? days / (rate * a) : 1e9;
}

}  // namespace homecare::model
