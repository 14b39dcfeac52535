// Fuzz target: bourse-ta's command line (options and --indicator specs). The input is the argument
// list, one argument per line. Any list must give options or a message, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> args;
  std::string current;
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      args.push_back(current);
      current.clear();
    } else {
      current.push_back(static_cast<char>(data[i]));
    }
  }
  if (!current.empty())
    args.push_back(current);
  auto result = bourse::ta::parse_options(args);
  (void)result;
  return 0;
}
