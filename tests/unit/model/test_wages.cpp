// Wage floors over time (FACTS.md) and LLW phasing.
#include <catch2/catch.hpp>

#include "model/wages.hpp"
#include "brent_place.hpp"

namespace m = homecare::model;
using m::test::brent;
using homecare::kernel::Date;

TEST_CASE("the NLW changes on 1 April") {
  CHECK(m::national_living_wage(brent(), {2017, 3, 31}) == 7.20);
  CHECK(m::national_living_wage(brent(), {2017, 4, 1}) == 7.50);
  CHECK(m::national_living_wage(brent(), {2021, 4, 1}) == 8.91);
}

TEST_CASE("the LLW is payable six months after its November announcement") {
  CHECK(m::london_living_wage_announced(brent(), {2017, 11, 6}) == 10.20);
  CHECK(m::london_living_wage_payable(brent(), {2018, 5, 5}, 6.0) == 9.75);
  CHECK(m::london_living_wage_payable(brent(), {2018, 5, 6}, 6.0) == 10.20);
  CHECK(m::london_living_wage_payable(brent(), {2017, 11, 6}, 0.0) == 10.20);
}

TEST_CASE("the floor closes the phased share of the gap and never falls below the NLW") {
  const std::vector<m::ScheduleStep> phasing = {{{2018, 10, 1}, 0.5}, {{2020, 10, 1}, 1.0}};
  CHECK(m::wage_floor(brent(), {2018, 9, 30}, phasing, 6.0) == 7.83);
  const double mid = 7.83 + 0.5 * (10.20 - 7.83);
  CHECK(m::wage_floor(brent(), {2018, 10, 1}, phasing, 6.0) == Approx(mid));
  CHECK(m::wage_floor(brent(), {2020, 10, 1}, phasing, 6.0) == Approx(10.75));
  CHECK(m::llw_share(phasing, {2019, 1, 1}) == 0.5);
  CHECK(m::wage_floor(brent(), {2019, 1, 1}, {}, 6.0) == 7.83);
}

TEST_CASE("llw_steps: the gap closed in equal yearly steps from llw_from, and 0 steps leaves llw_phasing") {
  m::WageParams w;
  w.llw_phasing = {{{2018, 10, 1}, 0.33}};
  CHECK(m::llw_schedule(w).size() == 1);  // no steps: the schedule as written
  w.llw_phasing.clear();
  w.llw_from = {2019, 10, 1};
  w.llw_steps = 1;  // all at once
  auto at_once = m::llw_schedule(w);
  REQUIRE(at_once.size() == 1);
  CHECK(m::llw_share(at_once, {2019, 9, 30}) == 0.0);
  CHECK(m::llw_share(at_once, {2019, 10, 1}) == 1.0);
  w.llw_steps = 3;  // thirds, a year apart
  auto thirds = m::llw_schedule(w);
  REQUIRE(thirds.size() == 3);
  CHECK(thirds[2].from == Date{2021, 10, 1});
  CHECK(m::llw_share(thirds, {2019, 10, 1}) == Approx(1.0 / 3.0));
  CHECK(m::llw_share(thirds, {2020, 12, 1}) == Approx(2.0 / 3.0));
  CHECK(m::llw_share(thirds, {2021, 10, 1}) == 1.0);
  w.llw_from = {2020, 2, 29};  // a leap day steps to 28 February in other years
  CHECK(m::llw_schedule(w)[1].from == Date{2021, 2, 28});
}

TEST_CASE("outside options: London's table, a row per financial year from 1 April") {
  const m::OutsideOptions y2016 = m::outside_options(brent(), {2016, 4, 1});
  CHECK(y2016.retail == 8.49);
  CHECK(y2016.nhs_band2 == 9.27);
  CHECK(y2016.care_elsewhere == 8.32);  // Brent's mean, the calibration target C8
  const m::OutsideOptions y2023_last = m::outside_options(brent(), {2024, 3, 31});
  CHECK(y2023_last.retail == 12.28);
  CHECK(y2023_last.care_elsewhere == 11.31);
  const m::OutsideOptions y2024 = m::outside_options(brent(), {2024, 4, 1});
  CHECK(y2024.retail == 13.15);
  CHECK(y2024.nhs_band2 == 14.35);
  CHECK(y2024.care_elsewhere == 12.31);
  // The table starts in October 2015 with the wage floors; the last row holds to its valid_until.
  CHECK(m::outside_options(brent(), {2015, 10, 1}).retail == 7.90);
  CHECK(m::outside_options(brent(), {2027, 3, 31}).nhs_band2 == 15.31);
  CHECK(brent().outside_options_table == m::OutsideOptionsTable::outside_options_london);
  CHECK(m::table_name(brent().outside_options_table) == "outside_options_london");
  CHECK(&brent().outside_options() == &brent().tables.outside_options_london);
}

TEST_CASE("the international share of starters rises after care joined the Shortage Occupation List") {
  CHECK(m::international_share_of_starters(brent(), {2016, 4, 1}) == 0.03);
  CHECK(m::international_share_of_starters(brent(), {2022, 3, 31}) == 0.05);
  CHECK(m::international_share_of_starters(brent(), {2022, 4, 1}) == 0.17);
  CHECK(m::international_share_of_starters(brent(), {2023, 4, 1}) == 0.25);
  CHECK(m::international_share_of_starters(brent(), {2024, 4, 1}) == 0.12);
  CHECK(m::international_share_of_starters(brent(), {2027, 3, 31}) == 0.06);
}

TEST_CASE("outside options after a table's last date are refused, the message naming the table and the date") {
  CHECK_THROWS_WITH(m::outside_options(brent(), {2027, 4, 1}),
                    Catch::Contains("table outside_options_london") && Catch::Contains("outside_options.yaml") &&
                        Catch::Contains("asked for 2027-04-01, after its last date 2027-03-31"));
  CHECK_THROWS_WITH(m::international_share_of_starters(brent(), {2030, 1, 1}),
                    Catch::Contains("table international_recruitment") &&
                        Catch::Contains("after its last date 2027-03-31"));
  CHECK_THROWS_AS(m::outside_options(brent(), {2027, 4, 1}), homecare::ModelError);
}

TEST_CASE("Ealing's pay floor (its pack's defaults): LLW 11.05 from November 2022, 11.95 from May 2023") {
  const auto pack = homecare::scenario::load_pack(std::string(HOMECARE_SOURCE_DIR) + "/boroughs/ealing");
  const m::Place& ealing = *pack->place;
  const auto& w = pack->params.wages;
  const auto floor = [&](Date d) { return m::wage_floor(ealing, d, m::llw_schedule(w), w.llw_lag_months); };
  CHECK(floor({2022, 10, 1}) == 9.50);  // the NLW before
  CHECK(floor({2022, 11, 1}) == 11.05);
  CHECK(floor({2023, 4, 1}) == 11.05);  // the NLW is 10.42 from April 2023: still below
  CHECK(floor({2023, 5, 1}) == 11.95);
  CHECK(floor({2021, 4, 1}) == 8.91);   // the calibration year: the NLW
}
