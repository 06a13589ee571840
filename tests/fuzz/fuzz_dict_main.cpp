// Prints the fuzzer's dictionary (see dictionary.hpp): homecare_fuzz_dict > tests/fuzz/scenario.dict
#include <iostream>

#include "dictionary.hpp"

int main() {
  std::cout << homecare::fuzz::scenario_dictionary();
  return std::cout ? 0 : 1;
}
