// The fuzzer's dictionary (libFuzzer -dict format), generated from the parameter table so it
// follows every key, choice and range the loader knows. tests/fuzz/scenario.dict holds its
// output; the `fuzz_dictionary_current` test fails when the table has changed and the file
// has not: regenerate it with `build/release/tests/fuzz/homecare_fuzz_dict > tests/fuzz/scenario.dict`.
#pragma once

#include <string>

namespace homecare::fuzz {

[[nodiscard]] std::string scenario_dictionary();

}  // namespace homecare::fuzz
