// The labour market the borough's providers recruit from (docs/MODEL.md 7.11b). A finite pool of
// people in and around the borough could do home care; how many of those not already in the
// borough's care work look for it rises with its pay against their outside options (retail, the
// NHS, care in neighbouring boroughs: dated tables) at the entry elasticity, and overseas recruits
// add to them from 2022. Seekers and the providers' vacancies meet by a Cobb-Douglas matching
// function, so a vacancy fills faster when seekers are many and vacancies few; a provider's share
// of the hires goes with its attraction (its wage against the market's, and how hard it finds
// recruiting), so one provider's raise draws from the others while a borough-wide floor draws
// from outside. Computed once a month; each vacancy's time to fill is drawn when it opens.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/calendar.hpp"
#include "model/economy.hpp"
#include "model/params.hpp"
#include "model/place.hpp"
#include "model/provider.hpp"
#include "model/service_user.hpp"

namespace homecare::model {

/// Job seekers in the model's units: the pool not employed in the borough's care work, scaled by
/// the care wage over the outside option to the entry elasticity, and grown by overseas recruits
/// (a share `overseas` of starters means 1 / (1 - overseas) as many).
[[nodiscard]] double job_seekers(const LabourMarketParams& q, double pool, double employed, double market_wage,
                                 double outside_wage, double overseas);

/// Hires per open vacancy per day at the mean attraction: 1 / mean_days_to_fill when seekers
/// and vacancies are at their reference, otherwise by the matching function
/// (seekers / reference)^a x (vacancies / reference)^-a, a = labour_market.matching_elasticity.
[[nodiscard]] double fill_rate(const LabourMarketParams& q, double mean_days_to_fill, double seekers, double seekers_ref,
                               double vacancies, double vacancies_ref);

/// A provider's attraction to seekers: its wage over the market's to the (between-provider)
/// fill_wage_elasticity, over its recruiting difficulty.
[[nodiscard]] double attraction(double offered_wage, double market_wage, double recruit_difficulty, double fill_wage_elasticity);

/// This month's labour market (sets `ref` in the run's first month): `employed` care workers of
/// the providers and the personal assistants `pa` come from the same pool, and the PAs' vacant
/// posts compete with the providers' vacancies for its seekers.
[[nodiscard]] LabourMarket labour_market(const Place& place, const Params& p, kernel::Date d, const WageEnvironment& wages,
                                         const std::vector<Provider>& providers, std::int64_t employed,
                                         const PersonalAssistants& pa, LabourReference& ref);
/// The personal assistants of direct-payment users active now.
[[nodiscard]] PersonalAssistants personal_assistants(const std::vector<ServiceUser>& users, const std::vector<UserId>& live,
                                                     double pa_wage);

/// Mean days to fill a vacancy of `pr` opened now: the month's matching rate, shared among the
/// providers with vacancies by attraction.
[[nodiscard]] double mean_days_to_fill(const Provider& pr, double offered_wage, const LabourMarket& m, const LabourReference& ref,
                                       const Params& p);

/// Mean days to replace a personal assistant who left, paid `pa_wage`: direct_payments.pa_replace_days
/// in the run's first month, then shorter as the matching rate rises and as the PA's pay rises
/// against the agencies' (the between-provider fill_wage_elasticity, relative to the month's
/// vacancy-weighted mean attraction, as a provider's); direct_payments.pa_replace_days throughout
/// without the pool or before the first month's labour market.
[[nodiscard]] double pa_days_to_replace(double pa_wage, const LabourMarket& m, const LabourReference& ref, const Params& p);

}  // namespace homecare::model
