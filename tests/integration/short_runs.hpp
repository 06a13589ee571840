// Short scenarios for tests: the policy period and the commissioning switch fall inside the run,
// as the scenario checks require.
#pragma once

#include <string>

namespace homecare::test {

/// A year (April 2016 - March 2017): about 0.3 s per replicate in Release.
inline const std::string year_run =
    "run:\n  end: 2017-03-31\n  policy_start: 2016-10-01\ncommissioning:\n  switch_date: 2016-10-01\n";
/// A quarter (April - June 2016): about 0.07 s per replicate in Release.
inline const std::string quarter_run =
    "run:\n  end: 2016-06-30\n  policy_start: 2016-05-01\ncommissioning:\n  switch_date: 2016-05-01\n";

}  // namespace homecare::test
