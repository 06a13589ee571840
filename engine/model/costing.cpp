// The Homecare Association's (UKHCA's) cost build-up.
#include "model/costing.hpp"

#include <cmath>

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
  // The lines other than wages in `d`'s year: that year's minimum price less its wage-linked
  // lines (the row's ratio of them to the contact wage, at the price's wage basis), split in the
  // row's proportions. Itemisations exist for few years; the price itself for every year.
  const DatedTable& mp = tables.minimum_price;
  const double price = mp.at(d, mp.column("price"));
  const double basis = mp.at(d, mp.column("wage_basis"));
  const double contact = v("contact_wage");
  const double linked = contact + v("travel_time") + ni + other;
  const double rest = c.mileage + c.running_business + c.profit;
  if (std::isfinite(price) && std::isfinite(basis) && contact > 0 && rest > 0) {
    const double scale = (price - basis * linked / contact) / rest;
    if (scale > 0) {
      c.mileage *= scale;
      c.running_business *= scale;
      c.profit *= scale;
    }
  }
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
