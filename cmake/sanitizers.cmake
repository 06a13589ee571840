# Sanitizer builds: HOMECARE_SANITIZE="address;undefined" or "thread". Applied to every target.
if(HOMECARE_SANITIZE)
  string(REPLACE ";" "," _san "${HOMECARE_SANITIZE}")
  add_compile_options(-fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${_san})
endif()
