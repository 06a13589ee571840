// Civil calendar: dates, weekdays, months and UK financial years, mapped to simulation minutes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kernel/time.hpp"

namespace homecare::kernel {

/// A proleptic Gregorian date. Plain value; valid() says whether it names a real day.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend constexpr auto operator<=>(const Date&, const Date&) = default;
  [[nodiscard]] bool valid() const;
};

enum class Weekday : std::uint8_t { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

[[nodiscard]] bool is_leap_year(int year);
[[nodiscard]] int days_in_month(int year, int month);
/// Days since 1970-01-01 (negative before). Exact for every valid date.
[[nodiscard]] std::int64_t to_day_number(Date d);
[[nodiscard]] Date from_day_number(std::int64_t n);
[[nodiscard]] Weekday weekday(Date d);
/// The year in which the UK financial year containing `d` starts (FY runs 1 April to 31 March).
[[nodiscard]] int financial_year(Date d);
/// Parses strict ISO `YYYY-MM-DD`; nullopt for anything else, including impossible days.
[[nodiscard]] std::optional<Date> parse_iso_date(std::string_view text);
[[nodiscard]] std::string to_iso(Date d);
/// `YYYY-MM`, the label of a reporting month.
[[nodiscard]] std::string month_label(Date d);
/// Whole months from a's month to b's month (b later gives a positive count).
[[nodiscard]] int months_between(Date a, Date b);
[[nodiscard]] Date add_months(Date first_of_month, int months);

/// Maps between calendar dates and simulation time for one run. Time 0 is 00:00 on `epoch`.
/// Thread-safety: immutable after construction.
class Calendar {
 public:
  explicit Calendar(Date epoch);
  [[nodiscard]] Date epoch() const { return epoch_; }
  /// Minutes at 00:00 on `d`.
  [[nodiscard]] Minutes at(Date d) const;
  /// The simulation day index (0 on the epoch) containing time `t`.
  [[nodiscard]] std::int64_t day_index(Minutes t) const;
  [[nodiscard]] Date date(Minutes t) const;
  [[nodiscard]] Date date_of_day(std::int64_t day_index) const;

 private:
  Date epoch_;
  std::int64_t epoch_day_;
};

}  // namespace homecare::kernel
