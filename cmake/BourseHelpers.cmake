# Small helpers so that adding an app, a test suite or a header check is one line.

# bourse_add_app(NAME SOURCES src... [LIBS lib...]): an executable in build/bin.
function(bourse_add_app name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE bourse::options bourse::framework bourse::logging ${ARG_LIBS})
endfunction()

# bourse_add_test(NAME SOURCES src... [LIBS lib...]): a doctest executable; every TEST_CASE becomes a
# CTest entry. Tests see BOURSE_TEST_DATA_DIR (tests/data), BOURSE_DATA_DIR (data) and BOURSE_BIN_DIR.
function(bourse_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE bourse::options bourse::framework bourse_doctest_main ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    BOURSE_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    BOURSE_DATA_DIR="${PROJECT_SOURCE_DIR}/data"
    BOURSE_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  doctest_discover_tests(${name} TEST_PREFIX "${name}: ")
endfunction()

# bourse_add_header_check(TARGET DIR INCLUDE_ROOT): compiles every public header below DIR on its own.
function(bourse_add_header_check target dir root)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS "${dir}/*.hpp")
  set(sources)
  foreach(header IN LISTS headers)
    file(RELATIVE_PATH rel "${root}" "${header}")
    string(MAKE_C_IDENTIFIER "${rel}" id)
    set(src "${CMAKE_CURRENT_BINARY_DIR}/header_check/${id}.cpp")
    file(CONFIGURE OUTPUT "${src}" CONTENT "#include <${rel}>\n#include <${rel}>  // include guard works\n")
    list(APPEND sources "${src}")
  endforeach()
  add_library(${target} OBJECT ${sources})
  target_link_libraries(${target} PRIVATE bourse::options ${ARGN})
endfunction()
