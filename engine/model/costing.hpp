// A provider's break-even price per contact hour, built up like the Homecare Association's
// (UKHCA's) costing model, from the cost lines of boroughs/tables/homecare_costs.yaml.
#pragma once

#include "kernel/calendar.hpp"
#include "model/place.hpp"

namespace homecare::model {

/// Cost lines per contact hour other than the care worker's wage.
struct CostLines {
  double travel_minutes_per_contact_hour = 0;  // implied unpaid-or-paid travel
  bool travel_paid = false;
  double ni_pension_rate = 0;    // employer NI and pension, share of the wage
  double other_oncost_rate = 0;  // holiday, training time, sick pay, share of the wage
  double mileage = 0;            // GBP per contact hour
  double running_business = 0;
  double profit = 0;
};

/// The cost lines in force on `d`: the itemised row in force (the first row before it), with the
/// wage on-costs scaled so that they add up to `oncost_rate` in the row's proportions of NI and
/// pension to other on-costs, and the lines other than wages re-scaled to `d`'s year's minimum
/// price (that price less its wage-linked lines at the row's ratios). Using one year's shares for
/// another is an assumption (FACTS.md).
[[nodiscard]] CostLines cost_lines(const Tables& tables, kernel::Date d, double oncost_rate);
/// Break-even price (GBP per contact hour) for a provider paying `wage` per hour.
[[nodiscard]] double break_even_price(double wage, const CostLines& lines);
/// The wage-related part only: wage x paid hours per contact hour x (1 + on-cost rates).
[[nodiscard]] double wage_cost_per_contact_hour(double wage, const CostLines& lines);

}  // namespace homecare::model
