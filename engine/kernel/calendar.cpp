// Civil calendar arithmetic (Howard Hinnant's days-from-civil algorithms, exact and branch-light).
#include "kernel/calendar.hpp"

#include <cmath>
#include <cstdio>

namespace homecare::kernel {

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap_year(y)) return 29;
  return len[m - 1];
}

bool Date::valid() const {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::int64_t to_day_number(Date d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date from_day_number(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const auto y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

Weekday weekday(Date d) {
  // 1970-01-01 was a Thursday.
  const std::int64_t n = to_day_number(d);
  const std::int64_t w = ((n % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(w);
}

int financial_year(Date d) { return d.month >= 4 ? d.year : d.year - 1; }

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) -> int {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const Date d{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (d.year < 0 || d.month < 0 || d.day < 0 || !d.valid()) return std::nullopt;
  return d;
}

std::string to_iso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string month_label(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

int months_between(Date a, Date b) { return (b.year - a.year) * 12 + (b.month - a.month); }

Date add_months(Date first, int months) {
  const int total = first.year * 12 + (first.month - 1) + months;
  return Date{total / 12, total % 12 + 1, 1};
}

Calendar::Calendar(Date epoch) : epoch_(epoch), epoch_day_(to_day_number(epoch)) {}

Minutes Calendar::at(Date d) const {
  return Minutes{static_cast<double>(to_day_number(d) - epoch_day_) * minutes_per_day};
}

std::int64_t Calendar::day_index(Minutes t) const {
  return static_cast<std::int64_t>(std::floor(t.value / minutes_per_day));
}

Date Calendar::date(Minutes t) const { return from_day_number(epoch_day_ + day_index(t)); }

Date Calendar::date_of_day(std::int64_t day_index) const {
  return from_day_number(epoch_day_ + day_index);
}

}  // namespace homecare::kernel
