# microcred_module(NAME SOURCES ... DEPS ...): a static library for src/NAME, whose
# public headers are included as "NAME/header.h" from src/.
function(microcred_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(microcred_${name} STATIC ${M_SOURCES})
  target_include_directories(microcred_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(microcred_${name} PUBLIC ${M_DEPS})
endfunction()

# microcred_test(NAME SOURCES ... DEPS ...): a GoogleTest program registered with CTest as
# one test, labelled with its module. Tests run from the source tree's tests/ folder.
function(microcred_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 600)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "MICROCRED_TESTSUITES_DEFAULT=${MICROCRED_TESTSUITES};MICROCRED_SOURCE_DIR=${PROJECT_SOURCE_DIR};MICROCRED_BINARY_DIR=${PROJECT_BINARY_DIR}")
endfunction()
