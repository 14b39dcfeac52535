// bourse-ta: runs streaming indicators (TA-Lib compatible) over an OHLCV bar CSV.
//
//   bourse-ta --input FILE --indicator SPEC [--indicator SPEC ...] [--output FILE]
//             [--ts-unit detect|s|ms|us|ns] [--skip-bad-rows]
//
// See `bourse-ta --help` and docs/indicators.md.
#include <iostream>
#include <string>
#include <vector>

#include "bourse/logging/exit_codes.hpp"
#include "bourse/logging/logging.hpp"
#include "options.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = bourse::ta::parse_options(args);
  if (!parsed.value) {
    std::cerr << "bourse-ta: " << parsed.error << "\nTry 'bourse-ta --help'.\n";
    return bourse::exit_usage;
  }
  if (parsed.value->help) {
    std::cout << bourse::ta::usage() << std::flush;
    if (!std::cout) {
      std::cerr << "bourse-ta: standard output: write failed\n";
      return bourse::exit_failure;
    }
    return bourse::exit_ok;
  }
  if (std::vector<std::string> problems;
      !bourse::configure_logging(parsed.value->log_level, problems)) {
    std::cerr << "bourse-ta: " << problems.front() << "\nTry 'bourse-ta --help'.\n";
    return bourse::exit_usage;
  }
  return bourse::ta::run(*parsed.value, std::cout, std::cerr);
}
