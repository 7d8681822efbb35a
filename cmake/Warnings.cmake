# SPDX-License-Identifier: MIT
# Warnings live on an INTERFACE target so that only our own targets get them.
# -Wnull-dereference is left out: g++ 12 reports false positives inside
# libstdc++ string code that CLI11 instantiates at -O2.
add_library(aidecide_warnings INTERFACE)
target_compile_options(aidecide_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  -Wimplicit-fallthrough)
if(AIDECIDE_WERROR)
  target_compile_options(aidecide_warnings INTERFACE -Werror)
endif()
