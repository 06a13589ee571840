// Unit tests of the civil calendar: day numbers, weekdays, months, financial years, ISO parsing.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "kernel/calendar.hpp"

using namespace homecare::kernel;

namespace Catch {
template <>
struct StringMaker<Date> {
  static std::string convert(const Date& d) {
    return std::to_string(d.year) + "-" + std::to_string(d.month) + "-" + std::to_string(d.day);
  }
};
template <>
struct StringMaker<Minutes> {
  static std::string convert(Minutes m) { return std::to_string(m.value) + " min"; }
};
}  // namespace Catch

TEST_CASE("kernel/calendar: known day numbers and weekdays", "[kernel][calendar]") {
  CHECK(to_day_number(Date{1970, 1, 1}) == 0);
  CHECK(to_day_number(Date{1969, 12, 31}) == -1);
  CHECK(to_day_number(Date{2000, 3, 1}) == 11017);
  CHECK(to_day_number(Date{2016, 2, 29}) == 16860);
  CHECK(to_day_number(Date{2018, 10, 1}) == 17805);
  CHECK(to_day_number(Date{1900, 1, 1}) == -25567);
  CHECK(to_day_number(Date{2100, 12, 31}) == 47846);

  CHECK(weekday(Date{1970, 1, 1}) == Weekday::thursday);
  CHECK(weekday(Date{1969, 12, 29}) == Weekday::monday);  // negative day numbers too
  CHECK(weekday(Date{1900, 1, 1}) == Weekday::monday);
  CHECK(weekday(Date{2000, 3, 1}) == Weekday::wednesday);
  CHECK(weekday(Date{2016, 2, 29}) == Weekday::monday);
  CHECK(weekday(Date{2018, 10, 1}) == Weekday::monday);
  CHECK(weekday(Date{2018, 10, 7}) == Weekday::sunday);
  CHECK(weekday(Date{2100, 12, 31}) == Weekday::friday);
}

TEST_CASE("kernel/calendar: day numbers round-trip over 1900-2100", "[kernel][calendar]") {
  // Walk every date in order: each is valid, one day after the last, and comes back unchanged,
  // and the weekday advances by one each day.
  std::int64_t expected = to_day_number(Date{1900, 1, 1});
  auto expected_weekday = static_cast<int>(Weekday::monday);
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= days_in_month(y, m); ++d) {
        const Date date{y, m, d};
        REQUIRE(date.valid());
        REQUIRE(to_day_number(date) == expected);
        REQUIRE(from_day_number(expected) == date);
        REQUIRE(static_cast<int>(weekday(date)) == expected_weekday);
        ++expected;
        expected_weekday = (expected_weekday + 1) % 7;
      }
    }
  }
  CHECK(expected == to_day_number(Date{2101, 1, 1}));
  CHECK(expected - to_day_number(Date{1900, 1, 1}) == 201 * 365 + 49);  // 1900, 2100 not leap
}

TEST_CASE("kernel/calendar: leap years and month lengths", "[kernel][calendar]") {
  CHECK_FALSE(is_leap_year(1900));
  CHECK(is_leap_year(2000));
  CHECK(is_leap_year(2016));
  CHECK_FALSE(is_leap_year(2017));
  CHECK_FALSE(is_leap_year(2100));
  CHECK(is_leap_year(2400));

  const int common[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    INFO("month " << m);
    CHECK(days_in_month(2017, m) == common[m - 1]);
    CHECK(days_in_month(2016, m) == (m == 2 ? 29 : common[m - 1]));
  }
  CHECK(days_in_month(1900, 2) == 28);
  CHECK(days_in_month(2000, 2) == 29);

  CHECK(Date{2016, 2, 29}.valid());
  CHECK_FALSE(Date{2017, 2, 29}.valid());
  CHECK_FALSE(Date{1900, 2, 29}.valid());
  CHECK_FALSE(Date{2017, 4, 31}.valid());
  CHECK_FALSE(Date{2017, 0, 1}.valid());
  CHECK_FALSE(Date{2017, 13, 1}.valid());
  CHECK_FALSE(Date{2017, 1, 0}.valid());
  CHECK_FALSE(Date{0, 1, 1}.valid());
}

TEST_CASE("kernel/calendar: financial years start on 1 April", "[kernel][calendar]") {
  CHECK(financial_year(Date{2017, 3, 31}) == 2016);
  CHECK(financial_year(Date{2017, 4, 1}) == 2017);
  CHECK(financial_year(Date{2017, 1, 1}) == 2016);
  CHECK(financial_year(Date{2016, 12, 31}) == 2016);
  CHECK(financial_year(Date{2018, 3, 31}) == 2017);
}

TEST_CASE("kernel/calendar: parse_iso_date is strict", "[kernel][calendar]") {
  CHECK(parse_iso_date("2016-02-29") == Date{2016, 2, 29});
  CHECK(parse_iso_date("2017-04-01") == Date{2017, 4, 1});
  CHECK(parse_iso_date("0001-01-01") == Date{1, 1, 1});
  CHECK(parse_iso_date("9999-12-31") == Date{9999, 12, 31});

  for (const char* bad :
       {"2017-02-29", "2016-13-01", "2016-00-10", "2016-01-00", "2016-04-31", "0000-01-01",
        "2016-1-01", "2016-01-1", "16-01-01", "2016-01-01T00:00", "2016-01-01 ", " 2016-01-01",
        "2016-01-01x", "2016/01/01", "20160101", "2016-01--1", "-016-01-01", "+016-01-01",
        "2016-0a-01", "", "yyyy-mm-dd"}) {
    INFO("'" << bad << "'");
    CHECK_FALSE(parse_iso_date(bad).has_value());
  }
}

TEST_CASE("kernel/calendar: ISO text and month labels", "[kernel][calendar]") {
  CHECK(to_iso(Date{2016, 2, 9}) == "2016-02-09");
  CHECK(to_iso(Date{1, 1, 1}) == "0001-01-01");
  CHECK(month_label(Date{2016, 2, 29}) == "2016-02");
  CHECK(month_label(Date{2017, 12, 1}) == "2017-12");
  for (std::int64_t n = -25567; n <= 47846; n += 97) {
    const Date d = from_day_number(n);
    REQUIRE(parse_iso_date(to_iso(d)) == d);
  }
}

TEST_CASE("kernel/calendar: months_between and add_months", "[kernel][calendar]") {
  CHECK(months_between(Date{2016, 4, 1}, Date{2016, 4, 30}) == 0);
  CHECK(months_between(Date{2016, 4, 15}, Date{2017, 3, 1}) == 11);
  CHECK(months_between(Date{2016, 12, 31}, Date{2017, 1, 1}) == 1);
  CHECK(months_between(Date{2017, 1, 1}, Date{2016, 12, 31}) == -1);
  CHECK(months_between(Date{2016, 4, 1}, Date{2026, 4, 1}) == 120);

  CHECK(add_months(Date{2016, 11, 1}, 1) == Date{2016, 12, 1});
  CHECK(add_months(Date{2016, 12, 1}, 1) == Date{2017, 1, 1});
  CHECK(add_months(Date{2016, 12, 1}, 13) == Date{2018, 1, 1});
  CHECK(add_months(Date{2017, 1, 1}, -1) == Date{2016, 12, 1});
  CHECK(add_months(Date{2017, 1, 1}, -13) == Date{2015, 12, 1});
  CHECK(add_months(Date{2016, 4, 1}, 0) == Date{2016, 4, 1});
  for (int k = -30; k <= 30; ++k) {
    INFO("k " << k);
    const Date d = add_months(Date{2016, 4, 1}, k);
    CHECK(d.day == 1);
    CHECK(months_between(Date{2016, 4, 1}, d) == k);
  }
}

TEST_CASE("kernel/calendar: Calendar maps days to minutes and back", "[kernel][calendar]") {
  const Calendar cal(Date{2016, 4, 1});
  CHECK(cal.epoch() == Date{2016, 4, 1});
  CHECK(cal.at(Date{2016, 4, 1}) == Minutes{0.0});
  CHECK(cal.at(Date{2016, 4, 2}) == Minutes{1440.0});
  CHECK(cal.at(Date{2016, 3, 31}) == Minutes{-1440.0});
  CHECK(cal.at(Date{2017, 4, 1}) == days(365.0));  // 29 February 2016 falls before the epoch
  CHECK(cal.at(Date{2016, 3, 1}) == days(-31.0));
  CHECK(cal.day_index(Minutes{-0.5}) == -1);
  CHECK(cal.date(Minutes{1439.999}) == Date{2016, 4, 1});
  CHECK(cal.date(Minutes{1440.0}) == Date{2016, 4, 2});

  for (std::int64_t day = -400; day <= 4000; ++day) {
    const Date d = cal.date_of_day(day);
    REQUIRE(d == from_day_number(to_day_number(Date{2016, 4, 1}) + day));
    const Minutes start = cal.at(d);
    REQUIRE(start == Minutes{static_cast<double>(day) * minutes_per_day});
    REQUIRE(cal.day_index(start) == day);
    REQUIRE(cal.day_index(start + hours(12.0)) == day);
    REQUIRE(cal.day_index(start + Minutes{1439.5}) == day);
    REQUIRE(cal.date(start) == d);
    REQUIRE(cal.date(start + Minutes{1439.5}) == d);
  }
}
