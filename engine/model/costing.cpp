// The UKHCA-style cost build-up.
#include "model/costing.hpp"

namespace homecare::model {

double wage_cost_per_contact_hour(double wage, const CostLines& c) {
  const double paid_hours = 1.0 + (c.travel_paid ? c.travel_minutes_per_contact_hour / 60.0 : 0.0);
  return wage * paid_hours * (1.0 + c.ni_pension_rate + c.other_oncost_rate);
}

double break_even_price(double wage, const CostLines& c) {
  return wage_cost_per_contact_hour(wage, c) + c.mileage + c.running_business + c.profit;
}

}  // namespace homecare::model
