# microcred_module(NAME SOURCES ... DEPS ...): a static library for src/NAME, whose
# public headers are included as "NAME/header.h" from src/.
function(microcred_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT M_SOURCES)
    # A module whose sources are not written yet: headers only.
    add_library(microcred_${name} INTERFACE)
    target_include_directories(microcred_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(microcred_${name} INTERFACE ${M_DEPS})
    return()
  endif()
  add_library(microcred_${name} STATIC ${M_SOURCES})
  target_include_directories(microcred_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(microcred_${name} PUBLIC ${M_DEPS})
endfunction()

# microcred_test(NAME SOURCES ... DEPS ...): a GoogleTest program registered with CTest as
# one test. It finds the conformance data and the source and build trees through
# tests/support/testsuites.h.
function(microcred_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    MICROCRED_DEFAULT_TESTSUITES="${MICROCRED_TESTSUITES}"
    MICROCRED_DEFAULT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    MICROCRED_DEFAULT_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT})
endfunction()
