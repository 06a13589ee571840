# Writes engine/version.hpp.in to the build tree with the checkout's commit as it is now. Run at
# configure time (build_info.cmake) and again at every build (engine/CMakeLists.txt), so a results
# file never names the commit of an earlier configure; the header is rewritten only when the
# commit or its dirtiness changed, so an unchanged checkout rebuilds nothing.
#   cmake -DSRC=... -DDST=... -DSOURCE_DIR=... -DPROJECT_VERSION=... -DHOMECARE_COMPILER=...
#         -DCMAKE_BUILD_TYPE=... [-DGIT_EXECUTABLE=...] -P write_version.cmake
set(HOMECARE_GIT_COMMIT "unknown")
if(GIT_EXECUTABLE)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
    WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE _commit
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0)
    set(HOMECARE_GIT_COMMIT "${_commit}")
    execute_process(COMMAND ${GIT_EXECUTABLE} status --porcelain --untracked-files=no
      WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE _dirty ERROR_QUIET)
    if(_dirty)
      set(HOMECARE_GIT_COMMIT "${HOMECARE_GIT_COMMIT}-dirty")
    endif()
  endif()
endif()
configure_file(${SRC} ${DST} @ONLY)
