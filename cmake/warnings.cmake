# Warnings as an interface target linked PRIVATE by every project target (never leaks to users).
add_library(homecare_warnings INTERFACE)
target_compile_options(homecare_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough -Wnull-dereference
  # GCC 12 reports false -Wrestrict on std::string concatenation at -O3 (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(HOMECARE_WERROR)
  target_compile_options(homecare_warnings INTERFACE -Werror)
endif()
if(HOMECARE_SANITIZE)
  # Under sanitizer instrumentation GCC's flow analysis reports false "may be used uninitialized"
  # warnings inside the standard library (std::regex, std::function); the GCC manual calls this
  # warning unreliable with optimisation. Off in sanitizer builds only (GCC's warning: clang, in
  # the `fuzz` preset, has no such option and would reject it under -Werror).
  target_compile_options(homecare_warnings INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endif()
