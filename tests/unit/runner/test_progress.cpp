// Progress display: durations for people, and the log lines a non-terminal gets.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "../scenario/temp_scenario.hpp"
#include "runner/progress.hpp"

using homecare::runner::Progress;

TEST_CASE("durations read as seconds, minutes or hours") {
  CHECK(Progress::duration_text(0) == "0s");
  CHECK(Progress::duration_text(59.4) == "59s");
  CHECK(Progress::duration_text(185) == "3m05s");
  CHECK(Progress::duration_text(7620) == "2h07m");
  CHECK(Progress::duration_text(-1) == "?");
}

TEST_CASE("in a log, the final line counts earlier work and failures") {
  homecare::test::TempDir dir;
  const std::string path = dir.path() + "/log.txt";
  std::FILE* f = std::fopen(path.c_str(), "w");
  REQUIRE(f);
  {
    Progress p(20, 10, 10, f);
    p.update(4, 0);  // too soon after the start for a line
    p.finish(10, 2);
  }
  std::fclose(f);
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  CHECK(text.starts_with("homecare: 20/20 replicates (100%), "));
  CHECK(text.ends_with(", 2 failed\n"));
  CHECK(text.find('\n') == text.size() - 1);
}
