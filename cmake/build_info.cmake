# Records the git commit and compiler so every results file says which build made it. The commit
# is read again at every build (cmake/write_version.cmake, the homecare_version_header target in
# engine/CMakeLists.txt), not only when CMake configures.
find_package(Git QUIET)
set(HOMECARE_COMPILER "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
