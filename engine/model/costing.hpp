// A provider's break-even price per contact hour, built up like UKHCA's costing model.
#pragma once

namespace homecare::model {

/// Cost lines per contact hour other than the care worker's wage. Defaults: UKHCA minimum price
/// for homecare 2020/21 (FACTS.md): NI and pension 1.14 and other on-costs 1.97 on a paid wage
/// of 10.42 (8.72 contact + 1.70 travel); mileage 1.36; running the business 5.20; profit 0.60.
struct CostLines {
  double travel_minutes_per_contact_hour = 11.7;  // UKHCA implied travel
  bool travel_paid = false;                       // Brent's market: travel mostly unpaid
  double ni_pension_rate = 1.14 / 10.42;
  double other_oncost_rate = 1.97 / 10.42;        // holiday, training time, sick pay
  double mileage = 1.36;
  double running_business = 5.20;
  double profit = 0.60;
};

/// Break-even price (GBP per contact hour) for a provider paying `wage` per hour.
[[nodiscard]] double break_even_price(double wage, const CostLines& lines);
/// The wage-related part only: wage x paid hours per contact hour x (1 + on-cost rates).
[[nodiscard]] double wage_cost_per_contact_hour(double wage, const CostLines& lines);

}  // namespace homecare::model
