# Renders bourse-demo's report.html in headless Chromium and checks that every section is in the
# rendered DOM and that the page logged no console error. Prints "SKIPPED: ..." (the test's skip
# expression) when no Chromium is installed.
# cmake -DDEMO=path/to/bourse-demo -DWORK_DIR=... [-DCHROMIUM=...] -P check_report.cmake
foreach(var DEMO WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "check_report.cmake: ${var} is not set")
  endif()
endforeach()

if(NOT CHROMIUM)
  find_program(CHROMIUM NAMES chromium chromium-browser google-chrome-stable google-chrome)
endif()
if(NOT CHROMIUM)
  message("SKIPPED: no chromium, chromium-browser or google-chrome on the PATH")
  return()
endif()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${DEMO} --out ${WORK_DIR}/out --no-progress --ticks 4000
                        --scheduler.max-threads=2
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bourse-demo failed (${rc}):\n${out}\n${err}")
endif()

execute_process(COMMAND ${CHROMIUM} --headless --no-sandbox --disable-gpu --no-first-run
                        --user-data-dir=${WORK_DIR}/profile --enable-logging=stderr --v=0
                        --virtual-time-budget=5000 --dump-dom file://${WORK_DIR}/out/report.html
                RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE log TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "chromium failed (${rc}):\n${log}")
endif()
file(WRITE ${WORK_DIR}/dom.html "${dom}")
file(WRITE ${WORK_DIR}/chromium.log "${log}")

# Console messages of the page come as "CONSOLE(line)" or ":CONSOLE:" lines in the log.
string(REGEX MATCHALL "[^\n]*CONSOLE[^\n]*" console "${log}")
if(console)
  message(FATAL_ERROR "the page logged to the console:\n${console}")
endif()

set(expected
  "<h1>bourse-demo report</h1>" "class=\"cards\"" "sec-parameters" "sec-benchmark" "sec-prices"
  "sec-monthly" "sec-exposure" "sec-trips" "sharpe-note" "class=\"mk-buy\"" "class=\"mk-sell\""
  "bars / total" "ticks / total" "buy and hold SPX" "<table class=\"trips\">"
  "<table class=\"monthly\">" "<h2>Trades</h2>" "the same equity curve as ticks / total")
foreach(text IN LISTS expected)
  string(FIND "${dom}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the rendered report has no ${text} (DOM in ${WORK_DIR}/dom.html)")
  endif()
endforeach()
string(REGEX MATCHALL "<svg class=\"chart\"" charts "${dom}")
list(LENGTH charts chart_count)
# 2 charts per series (bars: total and two strategies; ticks: the total, its only strategy having
# the same curve), one per traded symbol (SPX, ETH.A, ETH.B), one exposure chart per run: 13.
if(NOT chart_count EQUAL 13)
  message(FATAL_ERROR "the rendered report has ${chart_count} charts, expected 13")
endif()
message(STATUS "report.html rendered with ${chart_count} charts and every section")
