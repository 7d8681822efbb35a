# SPDX-License-Identifier: MIT
# AIDECIDE_SANITIZE=address,undefined (or thread) instruments our targets.
set(AIDECIDE_SANITIZE "" CACHE STRING "Comma-separated sanitizers, e.g. address,undefined")
add_library(aidecide_sanitizers INTERFACE)
if(AIDECIDE_SANITIZE)
  target_compile_options(aidecide_sanitizers INTERFACE
    -fsanitize=${AIDECIDE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(aidecide_sanitizers INTERFACE -fsanitize=${AIDECIDE_SANITIZE})
endif()

# Fuzzing instruments the library for coverage; the fuzz targets add the driver.
if(AIDECIDE_FUZZ)
  target_compile_options(aidecide_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
