# SPDX-License-Identifier: MIT
# embed_data(TARGET_PREFIX file symbol [file symbol ...]) turns data files into
# byte arrays compiled into the binary, so it runs with no data files installed.
# The generated source is re-made whenever a data file changes.
function(embed_data prefix)
  set(args ${ARGN})
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
  set(out ${out_dir}/${prefix}.cpp)
  set(files "")
  set(pairs "")
  list(LENGTH args n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET args ${i} file)
    list(GET args ${j} symbol)
    list(APPEND files ${file})
    list(APPEND pairs "${file}=${symbol}")
  endforeach()
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DPAIRS=${pairs}" -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedWrite.cmake
    DEPENDS ${files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/EmbedWrite.cmake
    COMMENT "Embedding ${prefix} data" VERBATIM)
  set(${prefix}_SOURCES ${out} PARENT_SCOPE)
endfunction()
