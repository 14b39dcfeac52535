// Fuzz target: the TOML run configuration loader (bourse-backtest --config, bourse-demo's built-in
// demo.toml) from a buffer. Any text must give a plan or a list of problems naming the place; every
// problem must have a message.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "bourse/actors/builder/run_config.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<bourse::config_problem> problems;
  bourse::config_paths paths; // no folders: relative data paths stay as written
  auto plan = bourse::parse_run_config(text, "fuzz.toml", paths, problems);
  for (const auto& p : problems) {
    BOURSE_FUZZ_CHECK(!p.message.empty(), "a config problem says what is wrong");
    BOURSE_FUZZ_CHECK(p.where.file == "fuzz.toml", "a config problem names the file");
  }
  (void)plan;
  return 0;
}
