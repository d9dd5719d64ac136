# Installs the built library into a scratch prefix, then configures, builds and runs the consumer example
# (docs/examples/cpp-consumer) against that installed tree: find_package(thidua) must be all it takes.
# Variables: BUILD_DIR, SOURCE_DIR, WORK_DIR, EXAMPLE (a folder with campaign.json and results.json).

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/docs/examples/cpp-consumer -B ${WORK_DIR}/build
    -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/quickstart ${EXAMPLE}/campaign.json ${EXAMPLE}/results.json)
