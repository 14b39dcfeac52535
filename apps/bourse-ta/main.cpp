// bourse-ta: runs streaming indicators (TA-Lib compatible) over an OHLCV bar CSV.
//
//   bourse-ta --input FILE --indicator SPEC [--indicator SPEC ...] [--output FILE]
//             [--ts-unit detect|s|ms|us|ns] [--skip-bad-rows]
//
// See `bourse-ta --help` and docs/indicators.md.
#include <iostream>
#include <string>
#include <vector>

#include "options.hpp"
#include "run.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = bourse::ta::parse_options(args);
  if (!parsed.value) {
    std::cerr << "bourse-ta: " << parsed.error << "\n" << bourse::ta::usage();
    return 2;
  }
  if (parsed.value->help) {
    std::cout << bourse::ta::usage();
    return 0;
  }
  return bourse::ta::run(*parsed.value, std::cout, std::cerr);
}
