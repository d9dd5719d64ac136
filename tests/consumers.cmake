# Builds and runs a program that uses thidua one of the ways docs/cmake.md describes, outside this build, and checks
# what it prints. WAY is one of
#   install         installs the dev build into prefix/ beside WORK_DIR: the tree the next three use
#   find_package    docs/examples/cpp-consumer, configured against that tree: find_package(thidua), static library
#   pkg_config_c    docs/examples/c-consumer/main.c compiled by gcc with `pkg-config thidua`: the shared library
#   pkg_config_cpp  docs/examples/cpp-consumer/quickstart.cpp compiled by g++ with `pkg-config thidua`: the shared
#                   library too
#   subdirectory    docs/examples/cmake-subdirectory: a parent that builds thidua with add_subdirectory and installs
#                   a library of its own linking it; its downstream/ program is built against that install
#   fetchcontent    docs/examples/cmake-fetchcontent: FetchContent, the static library, only the program's targets
# The two that compile thidua again do it unoptimised and without debug information: building is the test.
# Variables: WAY, BUILD_DIR (the dev build), SOURCE_DIR, WORK_DIR (emptied first), LIBDIR (CMAKE_INSTALL_LIBDIR),
# EXAMPLE (a folder with campaign.json and results.json), EXPECT (a regular expression the program's output must
# match); PKG_CONFIG, C_COMPILER, CXX_COMPILER and READELF for the pkg-config ways.

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}")
  endif()
endfunction()

# Runs the program with the example's two documents; it must succeed and print EXPECT.
function(check_program)
  execute_process(COMMAND ${ARGN} ${EXAMPLE}/campaign.json ${EXAMPLE}/results.json
    OUTPUT_VARIABLE output RESULT_VARIABLE status)
  message("${output}")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}")
  endif()
  if(NOT output MATCHES "${EXPECT}")
    message(FATAL_ERROR "the output does not match ${EXPECT}")
  endif()
endfunction()

# The flags `pkg-config thidua` gives, as a list, with the installed tree's .pc file first on the path.
function(pkg_config out)
  set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
  execute_process(COMMAND ${PKG_CONFIG} ${ARGN} thidua OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PKG_CONFIG} ${ARGN} thidua failed (${status})")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(${out} ${flags} PARENT_SCOPE)
endfunction()

cmake_path(GET WORK_DIR PARENT_PATH prefix)
cmake_path(APPEND prefix prefix)
set(examples ${SOURCE_DIR}/docs/examples)
set(cheap_build -DCMAKE_BUILD_TYPE= "-DCMAKE_CXX_FLAGS=-O0 -g0")
# subdirectory and fetchcontent compile the same sources with the same flags: through one ccache folder, the
# second (run after the first: each takes both processors) reuses the first's objects.
find_program(CCACHE ccache REQUIRED)
set(ENV{CCACHE_DIR} ${BUILD_DIR}/consumers/ccache)
list(APPEND cheap_build -DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE})
file(REMOVE_RECURSE ${WORK_DIR})

if(WAY STREQUAL "install")
  file(REMOVE_RECURSE ${prefix})
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
  foreach(file share/doc/thidua/LICENSE include/thidua/c.h ${LIBDIR}/pkgconfig/thidua.pc
      ${LIBDIR}/cmake/thidua/thidua-config.cmake ${LIBDIR}/libthidua.a ${LIBDIR}/libthidua.so)
    if(NOT EXISTS ${prefix}/${file})
      message(FATAL_ERROR "not installed: ${file}")
    endif()
  endforeach()
  message("installed into ${prefix}")
elseif(WAY STREQUAL "find_package")
  run(${CMAKE_COMMAND} -S ${examples}/cpp-consumer -B ${WORK_DIR} -DCMAKE_PREFIX_PATH=${prefix} ${cheap_build})
  run(${CMAKE_COMMAND} --build ${WORK_DIR})
  check_program(${WORK_DIR}/quickstart)
elseif(WAY MATCHES "^pkg_config_(c|cpp)$")
  pkg_config(cflags --cflags)
  pkg_config(libs --libs)
  pkg_config(libdir --variable=libdir)
  file(MAKE_DIRECTORY ${WORK_DIR})
  if(WAY STREQUAL "pkg_config_c")
    run(${C_COMPILER} -std=c99 -Wall -Wextra -pedantic -Werror ${examples}/c-consumer/main.c ${cflags} ${libs}
      -o ${WORK_DIR}/c-consumer)
    set(program ${WORK_DIR}/c-consumer)
  else()
    run(${CXX_COMPILER} -std=c++20 -O0 -g0 ${examples}/cpp-consumer/quickstart.cpp ${cflags} ${libs}
      -o ${WORK_DIR}/quickstart)
    set(program ${WORK_DIR}/quickstart)
  endif()
  execute_process(COMMAND ${READELF} -d ${program} OUTPUT_VARIABLE dynamic)
  if(NOT dynamic MATCHES "NEEDED[^\n]*libthidua\\.so")
    message(FATAL_ERROR "${program} does not use the shared library:\n${dynamic}")
  endif()
  check_program(${CMAKE_COMMAND} -E env LD_LIBRARY_PATH=${libdir} ${program})
elseif(WAY STREQUAL "subdirectory")
  set(parent ${examples}/cmake-subdirectory)
  run(${CMAKE_COMMAND} -S ${parent} -B ${WORK_DIR}/build -DTHIDUA_SOURCE_DIR=${SOURCE_DIR} ${cheap_build})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build --parallel 2)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/build --prefix ${WORK_DIR}/prefix)
  run(${CMAKE_COMMAND} -S ${parent}/downstream -B ${WORK_DIR}/downstream -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix
    ${cheap_build})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/downstream)
  check_program(${WORK_DIR}/downstream/leaders)
elseif(WAY STREQUAL "fetchcontent")
  run(${CMAKE_COMMAND} -S ${examples}/cmake-fetchcontent -B ${WORK_DIR} -DTHIDUA_SOURCE_DIR=${SOURCE_DIR}
    ${cheap_build})
  run(${CMAKE_COMMAND} --build ${WORK_DIR} --target quickstart --parallel 2)
  check_program(${WORK_DIR}/quickstart)
else()
  message(FATAL_ERROR "unknown WAY '${WAY}'")
endif()
