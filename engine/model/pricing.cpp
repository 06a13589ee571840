// The council's price rules and the LLW supplement.
#include "model/pricing.hpp"

#include <algorithm>

#include "model/wages.hpp"

namespace homecare::model {

void update_prices(kernel::Date d, const Setting& s, const Economy& econ, World& world) {
  const Params& p = s.p;
  const WageEnvironment& w = econ.wages;
  const PriceRule rule = econ.levers.price_rule;  // the framework's NLW uplift before price_rule_from
  // Each April the council uplifts prices by its rule; the LLW supplement follows the floor.
  const double wage_share = p.commissioning.nlw_uplift_wage_share;  // wage-linked lines: about 60% of the price
  // Paid hours per contact hour: with travel paid, each provider's own travel (its workers' travel
  // per contact minute last month), as the LLW supplement funds each provider's own wage gap.
  auto paid = [&](const Provider& pr) { return 1.0 + (econ.levers.travel_paid ? pr.travel_per_contact : 0.0); };
  const double oncost = 1.0 + p.providers.oncost_rate;
  // After an overspent year the council may freeze prices (econ.responses): no uplift that April.
  if (d.month == 4 && !(d == p.run.start) && d.day == 1 && !econ.responses.price_freeze) {
    const double old_nlw = national_living_wage(s.place, kernel::from_day_number(kernel::to_day_number(d) - 1));
    const double new_nlw = national_living_wage(s.place, d);
    for (auto& pr : world.providers) {
      if (pr.reablement_team) continue;
      if (rule == PriceRule::nlw_uplift) pr.price *= 1.0 + wage_share * (new_nlw / old_nlw - 1.0);
      else if (rule == PriceRule::fund_wage_gap) pr.price += (new_nlw - old_nlw) * oncost * paid(pr);
    }
  }
  if (rule == PriceRule::fixed) {
    // The council's dated schedule, every month (validate: a step is in force from the rule's date).
    const double fixed = schedule_value(p.commissioning.fixed_price, d);
    if (fixed > 0)
      for (auto& pr : world.providers)
        if (!pr.reablement_team) pr.price = fixed;
  }
  if (rule == PriceRule::cost_build_up) {
    // The build-up at the wage each provider would pay anyway, plus the council's funded share of
    // what the floor adds to it (all of it by default).
    const double funded = p.wages.llw_council_funded_share;
    for (auto& pr : world.providers) {
      if (pr.reablement_team) continue;
      const double own = break_even_price(std::max(w.nlw, w.nlw + pr.wage_premium), econ.costs);
      const double floor = break_even_price(w.offered_wage(pr), econ.costs);
      pr.price = funded >= 1.0 ? floor : own + funded * (floor - own);
    }
  }
  // The LLW supplement: the council funds its share of each provider's own gap between the pay
  // floor and what it would pay anyway, with on-costs (none under cost_build_up, whose price
  // already pays the floor).
  // Paid travel: the council funds its share of each provider's wages for travel between visits
  // (with on-costs) through the price; the rest falls on providers. The build-up's price includes
  // UKHCA's travel (11.7 minutes per contact hour), whatever the provider's own.
  for (auto& pr : world.providers) {
    const double travel_hours = econ.levers.travel_paid ? pr.travel_per_contact : 0.0;
    const double gap = std::max(0.0, w.floor - std::max(w.nlw, w.nlw + pr.wage_premium));
    const bool built_up = rule == PriceRule::cost_build_up;
    pr.llw_supplement = built_up ? 0.0 : p.wages.llw_council_funded_share * gap * oncost * paid(pr);
    pr.travel_supplement =
        built_up ? 0.0 : p.wages.travel_time_council_funded_share * w.offered_wage(pr) * travel_hours * oncost;
  }
}

}  // namespace homecare::model
