#pragma once
// bourse-demo's command line: its own options, with every CAF option (--scheduler.max-threads=N,
// --work-stealing.*, ...) passed through to CAF.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bourse/protocol/system.hpp"

namespace bourse::demo {

/// What the user asked for.
struct options {
  std::vector<std::string> data;       ///< Bar CSV files (SYMBOL=path or path; default: bundled S&P 500).
  std::vector<std::string> strategies; ///< "name:key=value,..." (default: the example strategies).
  run_mode mode = run_mode::backtest;  ///< backtest or paper.
  double speed = 86400.0 * 5;          ///< Paper mode: data seconds per wall second.
  std::string config_file;             ///< CAF config file (--config).
  std::string out_dir = "bourse-out";  ///< Output folder.
  std::uint64_t seed = 42;             ///< Seed of the synthetic tick set.
  std::uint64_t ticks = 20'000;        ///< Events in the synthetic tick set (0 = skip it).
  bool progress = true;                ///< Draw a progress bar on stderr.
  std::optional<std::string> log_level; ///< --log-level (levels; nullopt: SPDLOG_LEVEL or warn).
  bool help = false;                   ///< --help was given.
  std::vector<std::string> caf_args;   ///< Options for CAF (argv[0] first).
};

/// Parses argv; returns every problem at once in `problems` (unknown options, bad values: usage
/// errors).
[[nodiscard]] options parse_options(int argc, char** argv, std::vector<std::string>& problems);

/// Returns the --help text.
[[nodiscard]] std::string help_text();

} // namespace bourse::demo
