# One library per engine folder, with include roots that expose only what its users may include.
#
#   homecare_engine_library(<folder> SOURCES a.cpp ... PUBLIC_HEADERS x.hpp ...
#                           PUBLIC_LIBS ... PRIVATE_LIBS ... INTERNAL_LIBS ...)
#
# defines two targets:
# - `homecare_<folder>`: the folder's code. Its users see the folder through a generated include
#   root holding only the listed public headers, so `#include "<folder>/x.hpp"` compiles for a
#   public header and fails ("No such file") for any other. The folder's own sources see every
#   header of the folder (a second, private root). Third-party libraries named in PRIVATE_LIBS
#   reach the folder's own sources only.
# - `homecare_<folder>_internal`: for the folder's own tests: the private root as well, plus
#   INTERNAL_LIBS (the third-party headers its private headers include).
#
# The roots are folders of symbolic links in the build tree (`<build>/engine/include/`), made
# afresh at configure time, so a header dropped from the public list is no longer reachable.
# Headers are edited where they are, in engine/<folder>/; the links follow.
set(HOMECARE_INCLUDE_ROOTS ${PROJECT_BINARY_DIR}/engine/include)

function(homecare_engine_library folder)
  cmake_parse_arguments(L "" "" "SOURCES;PUBLIC_HEADERS;PUBLIC_LIBS;PRIVATE_LIBS;INTERNAL_LIBS" ${ARGN})
  set(src ${CMAKE_CURRENT_SOURCE_DIR}/${folder})
  set(public_root ${HOMECARE_INCLUDE_ROOTS}/public/${folder})
  set(private_root ${HOMECARE_INCLUDE_ROOTS}/private/${folder})
  file(REMOVE_RECURSE ${public_root} ${private_root})
  file(MAKE_DIRECTORY ${public_root}/${folder} ${private_root})
  foreach(h IN LISTS L_PUBLIC_HEADERS)
    if(NOT EXISTS ${src}/${h})
      message(FATAL_ERROR "homecare_engine_library(${folder}): public header ${folder}/${h} does not exist")
    endif()
    file(CREATE_LINK ${src}/${h} ${public_root}/${folder}/${h} SYMBOLIC)
  endforeach()
  file(CREATE_LINK ${src} ${private_root}/${folder} SYMBOLIC)
  # Configure again when the folder's headers change (a header added or removed).
  file(GLOB headers CONFIGURE_DEPENDS ${src}/*.hpp)

  set(target homecare_${folder})
  list(TRANSFORM L_SOURCES PREPEND ${folder}/)
  add_library(${target} STATIC ${L_SOURCES})
  target_include_directories(${target} PUBLIC ${public_root} PRIVATE ${private_root})
  target_link_libraries(${target} PUBLIC ${L_PUBLIC_LIBS} PRIVATE ${L_PRIVATE_LIBS} homecare_warnings)

  add_library(${target}_internal INTERFACE)
  target_include_directories(${target}_internal INTERFACE ${private_root})
  target_link_libraries(${target}_internal INTERFACE ${target} ${L_INTERNAL_LIBS})
endfunction()
