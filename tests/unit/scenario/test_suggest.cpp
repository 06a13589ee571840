// Edit distance and suggestions.
#include <catch2/catch.hpp>

#include <vector>

#include "scenario/suggest.hpp"

using homecare::scenario::closest;
using homecare::scenario::edit_distance;

TEST_CASE("edit distance") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("quit_hazrd", "quit_hazard") == 1);
}

TEST_CASE("closest suggests only plausible typos") {
  const std::vector<std::string> c = {"grid", "latin_hypercube"};
  CHECK(closest("gird", c) == std::optional<std::string>("grid"));
  CHECK(closest("latin_hypercub", c) == std::optional<std::string>("latin_hypercube"));
  CHECK_FALSE(closest("zzzzzzzz", c).has_value());
}
