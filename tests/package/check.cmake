# Installs this build into a temporary prefix, moves the prefix (the package must be relocatable),
# then configures, builds and runs tests/package/consumer against it with find_package(bourse), and
# runs the installed bourse-demo (which must find its data under share/bourse/data).
# cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -P check.cmake
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "check.cmake: ${var} is not set")
  endif()
endforeach()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/staged)
file(RENAME ${WORK_DIR}/staged ${WORK_DIR}/prefix)
foreach(file include/bourse/core/interned_string.hpp include/bourse/actors/builder/trading_system.hpp
             lib/cmake/bourse/bourseConfig.cmake lib/cmake/bourse/bourseConfigVersion.cmake
             lib/libbourse_actors.a)
  if(NOT EXISTS ${WORK_DIR}/prefix/${file})
    message(FATAL_ERROR "the install has no ${file}")
  endif()
endforeach()
run("configuring the consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/consumer
    -B ${WORK_DIR}/build -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix
    -DEXAMPLE_DIR=${SOURCE_DIR}/docs/examples/breakout -DDATA_DIR=${SOURCE_DIR}/data)
run("building the consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build -j2)
run("running the consumer" ${WORK_DIR}/build/consumer --scheduler.max-threads=1)
if(NOT last_output MATCHES "bars=5105 fills=[1-9][0-9]* round_trips=[1-9]")
  message(FATAL_ERROR "unexpected consumer output: ${last_output}")
endif()
message(STATUS "consumer: ${last_output}")
run("running the consumer's runner" ${WORK_DIR}/build/consumer-runner
    --config ${SOURCE_DIR}/docs/examples/runner/breakout.toml --out ${WORK_DIR}/out --no-progress
    --threads 1)
if(NOT last_output MATCHES "breakout_55" OR NOT EXISTS ${WORK_DIR}/out/trades.csv)
  message(FATAL_ERROR "unexpected runner output: ${last_output}")
endif()
# The installed demo reads the bundled data installed next to it (share/bourse/data), not the
# source tree it was built from: stats.json names the files it read.
run("running the installed demo" ${WORK_DIR}/prefix/bin/bourse-demo --ticks 0 --no-progress
    --out ${WORK_DIR}/demo-out)
file(READ ${WORK_DIR}/demo-out/stats.json stats)
if(NOT stats MATCHES "prefix/share/bourse/data/sp500_daily.csv")
  message(FATAL_ERROR "the installed demo did not read its installed data: ${stats}")
endif()
message(STATUS "installed demo: read prefix/share/bourse/data/sp500_daily.csv")
