// Edit distance and suggestions.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "common/suggest.hpp"

using homecare::closest;
using homecare::edit_distance;
using homecare::with_suggestion;

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

TEST_CASE("one wording for every suggestion") {
  const std::vector<std::string> c = {"grid", "latin_hypercube"};
  CHECK(with_suggestion("unknown kind", "gird", c) == "unknown kind; did you mean 'grid'?");
  CHECK(with_suggestion("unknown kind", "zzzzzzzz", c, " (expected grid or latin_hypercube)") ==
        "unknown kind (expected grid or latin_hypercube)");
  CHECK(with_suggestion("unknown kind", "zzzzzzzz", c) == "unknown kind");
  CHECK(homecare::comma_list(c) == "grid, latin_hypercube");
}
