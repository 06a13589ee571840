// Simulation time: continuous minutes since the run's epoch (00:00 on its start date).
#pragma once

#include <cmath>
#include <compare>

namespace homecare::kernel {

/// A duration or instant in minutes. Continuous (double) so that exponential delays need no
/// rounding; arithmetic is IEEE double and therefore identical on every conforming platform.
struct Minutes {
  double value = 0.0;

  constexpr Minutes() = default;
  constexpr explicit Minutes(double v) : value(v) {}
  friend constexpr auto operator<=>(Minutes, Minutes) = default;
  constexpr Minutes& operator+=(Minutes o) { value += o.value; return *this; }
  constexpr Minutes& operator-=(Minutes o) { value -= o.value; return *this; }
  friend constexpr Minutes operator+(Minutes a, Minutes b) { return Minutes{a.value + b.value}; }
  friend constexpr Minutes operator-(Minutes a, Minutes b) { return Minutes{a.value - b.value}; }
  friend constexpr Minutes operator*(Minutes a, double k) { return Minutes{a.value * k}; }
  friend constexpr Minutes operator*(double k, Minutes a) { return Minutes{a.value * k}; }
  friend constexpr double operator/(Minutes a, Minutes b) { return a.value / b.value; }
};

inline constexpr double minutes_per_hour = 60.0;
inline constexpr double minutes_per_day = 1440.0;
inline constexpr double days_per_year = 365.25;

constexpr Minutes hours(double h) { return Minutes{h * minutes_per_hour}; }
constexpr Minutes days(double d) { return Minutes{d * minutes_per_day}; }

}  // namespace homecare::kernel
