// Pay in force, the commissioning regime and what follows from them.
#include "model/economy.hpp"

#include <algorithm>

#include "model/wages.hpp"

namespace homecare::model {

WageEnvironment wage_environment(const Place& place, const Params& p, kernel::Date from, kernel::Date close) {
  WageEnvironment w;
  w.nlw = national_living_wage(place, from);
  w.llw_payable = london_living_wage_payable(place, from, p.wages.llw_lag_months);
  const double share = llw_share(llw_schedule(p.wages), from);
  w.floor = share <= 0.0 ? w.nlw : w.nlw + share * std::max(0.0, w.llw_payable - w.nlw);
  w.real_living_wage = real_living_wage_payable(place, from);
  w.llw_payable_at_close = london_living_wage_payable(place, close, p.wages.llw_lag_months);
  w.nlw_base = national_living_wage(place, place.calibration_from);  // the year pa_wage is given for
  w.outside = outside_wage(place, p, from, w.nlw);
  // The pack's living wage (London Living Wage in London), payable after the lag the living-wage
  // policy uses; a personal assistant paid below it is raised to it while the policy is in force.
  const bool pa_floor = p.direct_payments.pa_living_wage && !(from < p.direct_payments.pa_living_wage_from);
  w.pa_floor = pa_floor ? w.llw_payable : 0.0;
  return w;
}

Levers levers_in_force(const Params& p, kernel::Date d) {
  Levers l;
  l.travel_paid = p.wages.travel_time_paid && !(d < p.wages.travel_time_paid_from);
  l.forum = p.council.partnership_forum && !(d < p.council.partnership_forum_from);
  const bool offered = p.workforce.guaranteed_hours_offered && !(d < p.workforce.guaranteed_hours_from);
  l.share_zero_hours = offered ? std::min(p.workforce.share_zero_hours, p.workforce.zero_hours_share_if_offered)
                               : p.workforce.share_zero_hours;
  l.price_rule = d < p.commissioning.price_rule_from ? PriceRule::nlw_uplift : p.commissioning.price_rule;
  l.dps_parity = p.direct_payments.dps_parity && !(d < p.direct_payments.dps_parity_from);
  l.local_supply = p.commissioning.local_supply && !(d < p.commissioning.local_supply_from);
  return l;
}

bool provider_serves(const Regime& r, const Provider& pr, std::uint16_t ward) {
  if (!pr.active || pr.reablement_team || pr.off_framework) return false;
  if (!r.patches_active) return true;
  const int patch = r.patches.ward_patch[ward];
  return std::find(pr.patches.begin(), pr.patches.end(), patch) != pr.patches.end();
}

double direct_payment_takeup(const Params& p, const Regime& r) {
  return r.switched ? p.direct_payments.policy_takeup : p.direct_payments.takeup;
}

bool dps_in_force(const Params& p, const Regime& r) {
  return r.switched && p.commissioning.model == CommissioningModel::dps;
}

double pa_wage_unfloored(const Params& p, const WageEnvironment& w) { return p.direct_payments.pa_wage * w.nlw / w.nlw_base; }

double pa_wage(const Params& p, const WageEnvironment& w, const Regime& /*r*/) {
  return std::max(pa_wage_unfloored(p, w), w.pa_floor);
}

double market_wage(const std::vector<Provider>& providers, const WageEnvironment& w) {
  double sum = 0;
  int n = 0;
  for (const auto& pr : providers)
    if (pr.active && !pr.reablement_team) {
      sum += w.offered_wage(pr);
      ++n;
    }
  return n ? sum / n : w.floor;
}

}  // namespace homecare::model
