// The Homecare Association's (UKHCA's) cost build-up.
#include "model/costing.hpp"

namespace homecare::model {

CostLines cost_lines(const Tables& tables, kernel::Date d, double oncost_rate) {
  const DatedTable& t = tables.cost_lines;
  auto v = [&](const char* column) { return t.at(d, t.column(column)); };
  CostLines c;
  const double ni = v("ni_pension");
  const double other = v("other_oncosts");
  c.ni_pension_rate = oncost_rate * (ni / (ni + other));
  c.other_oncost_rate = oncost_rate * (other / (ni + other));
  c.travel_minutes_per_contact_hour = v("travel_minutes_per_contact_hour");
  c.mileage = v("mileage");
  c.running_business = v("running_business");
  c.profit = v("profit");
  return c;
}

double wage_cost_per_contact_hour(double wage, const CostLines& c) {
  const double paid_hours = 1.0 + (c.travel_paid ? c.travel_minutes_per_contact_hour / 60.0 : 0.0);
  return wage * paid_hours * (1.0 + c.ni_pension_rate + c.other_oncost_rate);
}

double break_even_price(double wage, const CostLines& c) {
  return wage_cost_per_contact_hour(wage, c) + c.mileage + c.running_business + c.profit;
}

}  // namespace homecare::model
